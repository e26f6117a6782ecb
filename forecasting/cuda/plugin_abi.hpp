// The table of functions the CUDA plugin (libpeaksim_cuda.so, built from this folder) hands to the forecasting
// library, which loads it on first use (cuda_plugin.cpp). The plugin and the library come from the same build: the
// loader refuses a table of another kPluginAbi. No exception crosses the boundary: each call returns a Status and,
// on failure, the message of what was thrown inside.
#pragma once

#include "forecasting/cuda/cuda_backend.hpp"

namespace peaksim::forecasting::cuda {

// Bump when the table or a type it passes changes.
inline constexpr int kPluginAbi = 1;

// The plugin's only exported symbol, looked up with dlsym.
inline constexpr const char* kPluginEntry = "peaksim_cuda_plugin";

// What a call threw: kInvalid for std::invalid_argument (bad input), kFailed for anything else.
enum class Status { kOk = 0, kInvalid = 1, kFailed = 2 };

struct PluginTable {
  int abi = kPluginAbi;
  // Why no device can be used ("" when one can); probed once, on the first call.
  const char* (*unavailable_reason)() = nullptr;
  // The device in use, for benchmarks: its name and peak memory bandwidth.
  Status (*device_info)(DeviceInfo& info, const char** error) = nullptr;
  Status (*run_filters_float)(const FilterInput<float>& in, FilterOutput<float>& out, DeviceTiming& timing,
                              const char** error) = nullptr;
  Status (*run_filters_double)(const FilterInput<double>& in, FilterOutput<double>& out, DeviceTiming& timing,
                               const char** error) = nullptr;
  Status (*mlp_forward)(const MlpView& mlp, const float* x, int n, float* out, DeviceTiming& timing,
                        const char** error) = nullptr;
  Status (*mlp_gradients)(const MlpView& mlp, const float* x, int n, const HostLoss& loss, float* const* weight_grads,
                          float* const* bias_grads, DeviceTiming& timing, double& value, const char** error) = nullptr;
};

}  // namespace peaksim::forecasting::cuda

// The entry point: the plugin's table (a static object, valid while the plugin is loaded).
extern "C" {
using PeaksimCudaPluginEntry = const peaksim::forecasting::cuda::PluginTable* (*)();
}
