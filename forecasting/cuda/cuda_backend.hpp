// The device code of the CUDA plugin (libpeaksim_cuda.so), as plain C++ declarations (no Eigen, no CUDA headers).
// Implemented in device.cu, filters.cu and mlp.cu; plugin_entry.cpp hands them to the forecasting library as the
// table of plugin_abi.hpp. Internal to the plugin: the library reaches them only through that table.
#pragma once

#include <functional>
#include <string>

#include "forecasting/kernels.hpp"

namespace peaksim::forecasting::cuda {

// Why the CUDA backend cannot run here, or "" when a device is usable: "no NVIDIA driver (...)", "no CUDA device
// (...)" or "CUDA driver error: ...". Asked once per process.
const std::string& unavailable_reason();

// Device 0's name, memory and peak memory bandwidth. Throws std::runtime_error on a CUDA error.
DeviceInfo device_info();

// The filters of kernels.hpp on the device, one series per thread. Host memory in, host memory out; timing
// receives the copy and kernel times separately. Throws std::runtime_error on a CUDA error or when the batch
// does not fit in device memory.
template <typename Real>
void run_filters(const FilterInput<Real>& in, FilterOutput<Real>& out, DeviceTiming& timing);

// An Mlp seen as plain arrays: layer k maps cols[k] inputs to rows[k] outputs with column-major weights[k]
// (rows[k] x cols[k]) and biases[k] (rows[k]), ReLU on every layer but the last.
struct MlpView {
  int layers = 0;
  const int* rows = nullptr;
  const int* cols = nullptr;
  const float* const* weights = nullptr;
  const float* const* biases = nullptr;
};

// Forward pass of n examples: x is cols[0] x n, out receives rows[layers - 1] x n (both column-major, host).
void mlp_forward(const MlpView& mlp, const float* x, int n, float* out, DeviceTiming& timing);

// One gradient evaluation of n examples: the forward pass on the device, `loss` on the host (it reads the outputs,
// rows[layers - 1] x n, and writes d loss / d outputs in the same layout; returns the loss), the backward pass on
// the device. weight_grads[k] (rows[k] x cols[k], column-major) and bias_grads[k] (rows[k]) receive the gradients.
// Returns the loss.
using HostLoss = std::function<double(const float* out, float* grad)>;
double mlp_gradients(const MlpView& mlp, const float* x, int n, const HostLoss& loss, float* const* weight_grads,
                     float* const* bias_grads, DeviceTiming& timing);

}  // namespace peaksim::forecasting::cuda
