// Where the batched kernels run: the CPU (kernels.hpp, threads) or a CUDA device, chosen at run time. The device
// code is a plugin, libpeaksim_cuda.so (cuda/), loaded on the first call that asks for a device (cuda_plugin.hpp
// says where it is looked for): a process that never asks does not load the CUDA runtime nor cuBLAS.
//
//   Backend::automatic  the CUDA device when the plugin loads and a device is usable, else the CPU, with one
//                       line on the notice stream saying why (plugin missing or not loadable, no NVIDIA driver,
//                       no CUDA device, or the driver's error text);
//   Backend::cpu        always the CPU;
//   Backend::cuda       the device, or std::runtime_error saying why it cannot be used.
//
// Both backends take and return host memory in the layouts of kernels.hpp and mlp.hpp. See docs/forecasting.md
// ("Backends") for the tolerances between them.
#pragma once

#include <Eigen/Dense>
#include <iostream>
#include <string>

#include "forecasting/kernels.hpp"
#include "forecasting/mlp.hpp"

namespace peaksim::forecasting {

enum class Backend { automatic, cpu, cuda };

// Whether this build produced the CUDA plugin (CUDA found at configure time).
bool cuda_built();

// Why Backend::cuda cannot run here, or "" when it can. The plugin is loaded and the device probed once per process.
const std::string& cuda_unavailable_reason();

// The plugin file loaded (after cuda_unavailable_reason() or a device call), or "" when none was found.
const std::string& cuda_plugin_path();

// The device's name, memory and peak memory bandwidth; std::runtime_error when none is usable.
DeviceInfo cuda_device_info();

// Backend::cpu or Backend::cuda for `requested`, as described above. A fallback of automatic writes one line
// "notice: forecasting runs on the CPU: <reason>" to `notice`.
Backend resolve_backend(Backend requested, std::ostream& notice = std::cerr);

// kernels.hpp's run_filters on `backend` (resolved as above). cpu_threads is used by the CPU only. When timing
// is given it receives the seconds spent (copies and kernels apart on the device).
template <typename Real>
void run_filters(Backend backend, const FilterInput<Real>& in, FilterOutput<Real>& out, int cpu_threads = 1,
                 DeviceTiming* timing = nullptr, std::ostream& notice = std::cerr);

// A ForecastOptions::filters hook running the fits' passes on `backend` (resolved once, here).
FilterRunner filter_runner(Backend backend, int cpu_threads = 1, std::ostream& notice = std::cerr);

// Mlp::forward on `backend`: on the CPU in pieces of 2048 columns shared among cpu_threads threads (the results
// do not depend on the thread count).
Eigen::MatrixXf mlp_forward(Backend backend, const Mlp& mlp, const Eigen::MatrixXf& x, int cpu_threads = 1,
                            DeviceTiming* timing = nullptr, std::ostream& notice = std::cerr);

// Mlp::gradients on `backend`: the forward and backward passes there, `loss` on the host either way. Training
// on the device: TrainOptions::gradients (global_train.hpp) set to a call of this with Backend::cuda.
double mlp_gradients(Backend backend, const Mlp& mlp, const Eigen::MatrixXf& x, const OutputLoss& loss, MlpGradients& g,
                     DeviceTiming* timing = nullptr, std::ostream& notice = std::cerr);

}  // namespace peaksim::forecasting
