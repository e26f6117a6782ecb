// Small CUDA helpers shared by the backend's .cu files: error checks that throw, an owning device buffer, and an
// event stopwatch.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace peaksim::forecasting::cuda {

inline void check(cudaError_t status, const char* what) {
  if (status != cudaSuccess)
    throw std::runtime_error(std::string("CUDA backend: ") + what + ": " + cudaGetErrorString(status));
}

// Throws when `bytes` more would not fit in the device's free memory, saying how much is needed and free.
inline void require_device_memory(std::size_t bytes, const char* what) {
  std::size_t free_bytes = 0, total_bytes = 0;
  check(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo");
  if (bytes > free_bytes) {
    throw std::runtime_error(std::string("CUDA backend: ") + what + " needs " + std::to_string(bytes >> 20) +
                             " MiB of device memory, " + std::to_string(free_bytes >> 20) + " MiB free");
  }
}

template <typename T>
class DeviceBuffer {
public:
  explicit DeviceBuffer(std::size_t count) : count_(count) {
    if (count_ > 0) check(cudaMalloc(&data_, count_ * sizeof(T)), "cudaMalloc");
  }
  ~DeviceBuffer() { cudaFree(data_); }
  DeviceBuffer(DeviceBuffer&& other) noexcept : data_(other.data_), count_(other.count_) { other.data_ = nullptr; }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(DeviceBuffer&&) = delete;

  T* get() const { return data_; }
  void upload(const T* host, std::size_t count) {
    if (count > 0) check(cudaMemcpy(data_, host, count * sizeof(T), cudaMemcpyHostToDevice), "upload");
  }
  void download(T* host, std::size_t count) const {
    if (count > 0) check(cudaMemcpy(host, data_, count * sizeof(T), cudaMemcpyDeviceToHost), "download");
  }

private:
  T* data_ = nullptr;
  std::size_t count_;
};

// Seconds between start() and stop() on the default stream, from CUDA events.
class Stopwatch {
public:
  Stopwatch() {
    check(cudaEventCreate(&start_), "cudaEventCreate");
    check(cudaEventCreate(&stop_), "cudaEventCreate");
  }
  ~Stopwatch() {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
  }
  Stopwatch(const Stopwatch&) = delete;
  Stopwatch& operator=(const Stopwatch&) = delete;

  void start() { check(cudaEventRecord(start_), "cudaEventRecord"); }
  double stop() {
    check(cudaEventRecord(stop_), "cudaEventRecord");
    check(cudaEventSynchronize(stop_), "cudaEventSynchronize");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start_, stop_), "cudaEventElapsedTime");
    return ms / 1000.0;
  }

private:
  cudaEvent_t start_{}, stop_{};
};

}  // namespace peaksim::forecasting::cuda
