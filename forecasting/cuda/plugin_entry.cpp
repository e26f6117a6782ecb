// The CUDA plugin's entry point: the device code of this folder as the table of plugin_abi.hpp. Every call catches
// what the device code throws, so that no exception leaves the plugin.
#include <stdexcept>
#include <string>

#include "forecasting/cuda/plugin_abi.hpp"

namespace peaksim::forecasting::cuda {

namespace {

// The message of the last failure of this thread, valid until its next call.
thread_local std::string last_error;

template <typename Call>
Status guarded(const char** error, Call call) {
  try {
    call();
    return Status::kOk;
  } catch (const std::invalid_argument& e) {
    last_error = e.what();
    *error = last_error.c_str();
    return Status::kInvalid;
  } catch (const std::exception& e) {
    last_error = e.what();
  } catch (...) {
    last_error = "CUDA backend: unknown error";
  }
  *error = last_error.c_str();
  return Status::kFailed;
}

template <typename Real>
Status filters(const FilterInput<Real>& in, FilterOutput<Real>& out, DeviceTiming& timing, const char** error) {
  return guarded(error, [&] { run_filters(in, out, timing); });
}

const PluginTable kTable{
    .abi = kPluginAbi,
    .unavailable_reason = [] { return unavailable_reason().c_str(); },
    .device_info = [](DeviceInfo& info, const char** error) { return guarded(error, [&] { info = device_info(); }); },
    .run_filters_float = filters<float>,
    .run_filters_double = filters<double>,
    .mlp_forward =
        [](const MlpView& mlp, const float* x, int n, float* out, DeviceTiming& timing, const char** error) {
          return guarded(error, [&] { cuda::mlp_forward(mlp, x, n, out, timing); });
        },
    .mlp_gradients =
        [](const MlpView& mlp, const float* x, int n, const HostLoss& loss, float* const* weight_grads,
           float* const* bias_grads, DeviceTiming& timing, double& value, const char** error) {
          return guarded(error,
                         [&] { value = cuda::mlp_gradients(mlp, x, n, loss, weight_grads, bias_grads, timing); });
        },
};

}  // namespace

}  // namespace peaksim::forecasting::cuda

extern "C" __attribute__((visibility("default"))) const peaksim::forecasting::cuda::PluginTable* peaksim_cuda_plugin() {
  return &peaksim::forecasting::cuda::kTable;
}
