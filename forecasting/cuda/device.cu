// Whether a CUDA device is usable here, asked once per process, and what it is.
#include <cuda_runtime.h>

#include <stdexcept>

#include "forecasting/cuda/cuda_backend.hpp"

namespace peaksim::forecasting::cuda {

namespace {

std::string probe() {
  // The loader (cuda_plugin.cpp) has checked that the driver library is there; the runtime says whether it is
  // recent enough and sees a device.
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status == cudaErrorInsufficientDriver) {
    return std::string("no NVIDIA driver for this CUDA runtime (") + cudaGetErrorString(status) + ")";
  }
  if (status == cudaErrorNoDevice) return std::string("no CUDA device (") + cudaGetErrorString(status) + ")";
  if (status != cudaSuccess) return std::string("CUDA driver error: ") + cudaGetErrorString(status);
  if (count == 0) return "no CUDA device";
  const cudaError_t set = cudaSetDevice(0);
  if (set != cudaSuccess) return std::string("CUDA driver error: ") + cudaGetErrorString(set);
  return "";
}

void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess)
    throw std::runtime_error(std::string("CUDA backend: ") + what + ": " + cudaGetErrorString(status));
}

}  // namespace

const std::string& unavailable_reason() {
  static const std::string reason = probe();
  return reason;
}

DeviceInfo device_info() {
  if (!unavailable_reason().empty()) throw std::runtime_error("CUDA backend: " + unavailable_reason());
  cudaDeviceProp prop{};
  check(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
  // The memory clock is no longer a field of cudaDeviceProp in CUDA 13; the attribute gives it in kHz.
  int clock_khz = 0;
  check(cudaDeviceGetAttribute(&clock_khz, cudaDevAttrMemoryClockRate, 0), "memory clock rate");
  DeviceInfo info;
  info.name = prop.name;
  info.memory_gib = static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0);
  info.peak_bandwidth_gbs = 2.0 * clock_khz * 1e3 * (prop.memoryBusWidth / 8.0) / 1e9;
  info.multiprocessors = prop.multiProcessorCount;
  return info;
}

}  // namespace peaksim::forecasting::cuda
