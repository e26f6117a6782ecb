// Run-time choice between the CPU kernels and the CUDA plugin (cuda_plugin.hpp, loaded on first use).
#include "forecasting/backend.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

#include "forecasting/cuda_plugin.hpp"

namespace peaksim::forecasting {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr int kMlpChunk = 2048;  // columns per piece: a piece's activations stay in cache

// Mlp::forward over fixed pieces of kMlpChunk columns, shared round-robin among `threads` threads. The pieces do
// not depend on the thread count, so neither do the results.
Eigen::MatrixXf cpu_mlp_forward(const Mlp& mlp, const Eigen::MatrixXf& x, int threads) {
  const auto columns = static_cast<int>(x.cols());
  const int pieces = (columns + kMlpChunk - 1) / kMlpChunk;
  const int workers = std::clamp(threads, 1, std::max(pieces, 1));
  Eigen::MatrixXf out(mlp.outputs(), columns);
  auto work = [&](int w) {
    for (int k = w; k < pieces; k += workers) {
      const int first = k * kMlpChunk, count = std::min(kMlpChunk, columns - first);
      out.middleCols(first, count) = mlp.forward(x.middleCols(first, count));
    }
  };
  if (workers == 1) {
    work(0);
    return out;
  }
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) pool.emplace_back(work, w);
  for (std::thread& thread : pool) thread.join();
  return out;
}

// The plugin's table; only called once resolve_backend chose the device, so it is there.
const cuda::PluginTable& device() { return *cuda_plugin::usable(); }

// A failed plugin call as the exception the device code threw: invalid_argument for bad input.
void check(cuda::Status status, const char* error) {
  if (status == cuda::Status::kOk) return;
  if (status == cuda::Status::kInvalid) throw std::invalid_argument(error);
  throw std::runtime_error(error);
}

}  // namespace

bool cuda_built() { return cuda_plugin::built(); }

const std::string& cuda_unavailable_reason() { return cuda_plugin::unavailable_reason(); }

const std::string& cuda_plugin_path() { return cuda_plugin::loaded_path(); }

DeviceInfo cuda_device_info() {
  if (cuda_plugin::usable() == nullptr)
    throw std::runtime_error("the CUDA backend cannot run here: " + cuda_unavailable_reason());
  DeviceInfo info;
  const char* error = nullptr;
  check(device().device_info(info, &error), error);
  return info;
}

Backend resolve_backend(Backend requested, std::ostream& notice) {
  if (requested == Backend::cpu) return Backend::cpu;
  const std::string& reason = cuda_plugin::unavailable_reason();
  if (reason.empty()) return Backend::cuda;
  if (requested == Backend::cuda) throw std::runtime_error("the CUDA backend cannot run here: " + reason);
  notice << "notice: forecasting runs on the CPU: " << reason << '\n';
  return Backend::cpu;
}

template <typename Real>
void run_filters(Backend backend, const FilterInput<Real>& in, FilterOutput<Real>& out, int cpu_threads,
                 DeviceTiming* timing, std::ostream& notice) {
  DeviceTiming spent;
  if (resolve_backend(backend, notice) == Backend::cuda) {
    const char* error = nullptr;
    if constexpr (std::is_same_v<Real, float>) {
      check(device().run_filters_float(in, out, spent, &error), error);
    } else {
      check(device().run_filters_double(in, out, spent, &error), error);
    }
  } else {
    const auto start = std::chrono::steady_clock::now();
    run_filters(in, out, cpu_threads);
    spent.compute_s = seconds_since(start);
  }
  if (timing != nullptr) *timing = spent;
}

FilterRunner filter_runner(Backend backend, int cpu_threads, std::ostream& notice) {
  const Backend resolved = resolve_backend(backend, notice);
  return [resolved, cpu_threads](const FilterInput<double>& in, FilterOutput<double>& out) {
    run_filters(resolved, in, out, cpu_threads);
  };
}

namespace {

// An Mlp as the plain arrays of cuda::MlpView; the arrays live as long as this object (and the Mlp).
struct DeviceMlpView {
  std::vector<int> rows, cols;
  std::vector<const float*> weights, biases;
  explicit DeviceMlpView(const Mlp& mlp) {
    for (int k = 0; k < mlp.layers(); ++k) {
      rows.push_back(static_cast<int>(mlp.weights[k].rows()));
      cols.push_back(static_cast<int>(mlp.weights[k].cols()));
      weights.push_back(mlp.weights[k].data());
      biases.push_back(mlp.biases[k].data());
    }
  }
  cuda::MlpView view() const {
    return {static_cast<int>(rows.size()), rows.data(), cols.data(), weights.data(), biases.data()};
  }
};

}  // namespace

Eigen::MatrixXf mlp_forward(Backend backend, const Mlp& mlp, const Eigen::MatrixXf& x, int cpu_threads,
                            DeviceTiming* timing, std::ostream& notice) {
  if (mlp.weights.empty() || x.rows() != mlp.inputs()) throw std::invalid_argument("mlp_forward: input size mismatch");
  DeviceTiming spent;
  Eigen::MatrixXf out;
  if (resolve_backend(backend, notice) == Backend::cuda) {
    const DeviceMlpView device(mlp);
    out.resize(mlp.outputs(), x.cols());
    const char* error = nullptr;
    check(cuda_plugin::usable()->mlp_forward(device.view(), x.data(), static_cast<int>(x.cols()), out.data(), spent,
                                             &error),
          error);
  } else {
    const auto start = std::chrono::steady_clock::now();
    out = cpu_mlp_forward(mlp, x, cpu_threads);
    spent.compute_s = seconds_since(start);
  }
  if (timing != nullptr) *timing = spent;
  return out;
}

double mlp_gradients(Backend backend, const Mlp& mlp, const Eigen::MatrixXf& x, const OutputLoss& loss, MlpGradients& g,
                     DeviceTiming* timing, std::ostream& notice) {
  if (mlp.weights.empty() || x.rows() != mlp.inputs())
    throw std::invalid_argument("mlp_gradients: input size mismatch");
  DeviceTiming spent;
  double value = 0;
  if (resolve_backend(backend, notice) == Backend::cuda) {
    const DeviceMlpView device(mlp);
    const auto n = x.cols();
    std::vector<float*> weight_grads, bias_grads;
    g.weights.resize(static_cast<std::size_t>(mlp.layers()));
    g.biases.resize(static_cast<std::size_t>(mlp.layers()));
    for (int k = 0; k < mlp.layers(); ++k) {
      g.weights[k].resize(mlp.weights[k].rows(), mlp.weights[k].cols());
      g.biases[k].resize(mlp.biases[k].size());
      weight_grads.push_back(g.weights[k].data());
      bias_grads.push_back(g.biases[k].data());
    }
    const cuda::HostLoss host_loss = [&](const float* out, float* grad) {
      const Eigen::Map<const Eigen::MatrixXf> outputs(out, mlp.outputs(), n);
      Eigen::MatrixXf d;
      const double v = loss(outputs, d);
      if (d.rows() != mlp.outputs() || d.cols() != n) throw std::invalid_argument("mlp_gradients: bad loss gradient");
      Eigen::Map<Eigen::MatrixXf>(grad, mlp.outputs(), n) = d;
      return v;
    };
    const char* error = nullptr;
    check(cuda_plugin::usable()->mlp_gradients(device.view(), x.data(), static_cast<int>(n), host_loss,
                                               weight_grads.data(), bias_grads.data(), spent, value, &error),
          error);
  } else {
    const auto start = std::chrono::steady_clock::now();
    value = mlp.gradients(x, loss, g);
    spent.compute_s = seconds_since(start);
  }
  if (timing != nullptr) *timing = spent;
  return value;
}

template void run_filters(Backend, const FilterInput<float>&, FilterOutput<float>&, int, DeviceTiming*, std::ostream&);
template void run_filters(Backend, const FilterInput<double>&, FilterOutput<double>&, int, DeviceTiming*,
                          std::ostream&);

}  // namespace peaksim::forecasting
