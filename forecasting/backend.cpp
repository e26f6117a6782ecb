// Run-time choice between the CPU kernels and the CUDA side (cuda/cuda_backend.hpp).
#include "forecasting/backend.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "forecasting/cuda/cuda_backend.hpp"

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

}  // namespace

bool cuda_built() { return cuda::built(); }

const std::string& cuda_unavailable_reason() { return cuda::unavailable_reason(); }

Backend resolve_backend(Backend requested, std::ostream& notice) {
  if (requested == Backend::cpu) return Backend::cpu;
  const std::string& reason = cuda::unavailable_reason();
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
    cuda::run_filters(in, out, spent);
  } else {
    const auto start = std::chrono::steady_clock::now();
    run_filters(in, out, cpu_threads);
    spent.compute_s = seconds_since(start);
  }
  if (timing != nullptr) *timing = spent;
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
    cuda::mlp_forward(device.view(), x.data(), static_cast<int>(x.cols()), out.data(), spent);
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
    value = cuda::mlp_gradients(device.view(), x.data(), static_cast<int>(n), host_loss, weight_grads.data(),
                                bias_grads.data(), spent);
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
