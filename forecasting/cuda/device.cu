// Whether a CUDA device is usable here, asked once per process.
#include <cuda_runtime.h>

#include "forecasting/cuda/cuda_backend.hpp"

namespace peaksim::forecasting::cuda {

namespace {

std::string probe() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  // Without an NVIDIA driver the runtime reports an insufficient driver: for the user that is "no device".
  if (status == cudaErrorNoDevice || status == cudaErrorInsufficientDriver) {
    return std::string("no CUDA device (") + cudaGetErrorString(status) + ")";
  }
  if (status != cudaSuccess) return std::string("CUDA driver error: ") + cudaGetErrorString(status);
  if (count == 0) return "no CUDA device";
  const cudaError_t set = cudaSetDevice(0);
  if (set != cudaSuccess) return std::string("CUDA driver error: ") + cudaGetErrorString(set);
  return "";
}

}  // namespace

bool built() { return true; }

const std::string& unavailable_reason() {
  static const std::string reason = probe();
  return reason;
}

}  // namespace peaksim::forecasting::cuda
