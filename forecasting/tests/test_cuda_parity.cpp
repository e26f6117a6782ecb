// The CUDA backend against the CPU on random data: filters, the Mlp forward pass, its gradients and a short
// training run of the global model. Where no CUDA device can be used it prints why and exits 77, which ctest
// reports as skipped (tests/support/skip.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

#include "forecasting/backend.hpp"
#include "forecasting/global_train.hpp"
#include "forecasting/tests/random_filter_batch.hpp"
#include "forecasting/tests/test_global_data.hpp"
#include "tests/support/skip.hpp"

namespace fc = peaksim::forecasting;
using namespace peaksim::forecasting::testing;  // the shared filter cases and batches

namespace {

constexpr std::uint64_t kParitySeed = 4242;  // printed by every test that draws from it

struct Comparison {
  double worst = 0;           // largest |cuda - cpu| / scale
  std::size_t identical = 0;  // values equal bit for bit
  std::size_t values = 0;
};

// Compares one per-series output array (count rows of `series`), each value against its series' scale (squared
// for the SSE, plus the SSE itself).
template <typename Real>
void compare(const std::vector<Real>& cpu, const std::vector<Real>& gpu, const RandomFilterBatch<Real>& batch,
             bool is_sse, Comparison& c) {
  REQUIRE(cpu.size() == gpu.size());
  for (std::size_t i = 0; i < cpu.size(); ++i) {
    const double scale = batch.scale(static_cast<int>(i % batch.series));
    const double denominator = is_sse ? std::abs(static_cast<double>(cpu[i])) + scale * scale : scale;
    c.worst = std::max(c.worst, std::abs(static_cast<double>(gpu[i]) - static_cast<double>(cpu[i])) / denominator);
    c.identical += cpu[i] == gpu[i] ? 1 : 0;
    ++c.values;
  }
}

template <typename Real>
void check_filters(double tolerance, const char* type) {
  const RandomFilterBatch<Real> smooth(10007, 730, kParitySeed, 0.1);  // 10007: the last thread block is partial
  const auto intermittent = RandomFilterBatch<Real>::intermittent(10007, 730, kParitySeed + 2);
  std::printf("test_cuda_parity: %s filters, seeds %llu (smooth) and %llu (intermittent), 10007 series x 730 steps\n",
              type, static_cast<unsigned long long>(kParitySeed), static_cast<unsigned long long>(kParitySeed + 2));
  // The same batches with missing observations: both backends must apply the same no-observation rule, in the
  // initial windows too.
  const RandomFilterBatch<Real> smooth_holes = smooth.with_holes(), intermittent_holes = intermittent.with_holes();
  for (const bool holes : {false, true}) {
    for (const FilterCase& one : filter_cases(364)) {  // 730 steps: two years and two days
      const bool counts = runs_on_counts(one.filter);
      const RandomFilterBatch<Real>& batch =
          holes ? (counts ? intermittent_holes : smooth_holes) : (counts ? intermittent : smooth);
      fc::FilterOutput<Real> cpu, gpu;
      fc::run_filters(fc::Backend::cpu, batch.input(one.filter, one.period, 28, one.period2), cpu, 2);
      fc::run_filters(fc::Backend::cuda, batch.input(one.filter, one.period, 28, one.period2), gpu, 1);
      Comparison c;
      compare(cpu.sse, gpu.sse, batch, true, c);
      compare(cpu.level, gpu.level, batch, false, c);
      compare(cpu.trend, gpu.trend, batch, false, c);
      compare(cpu.season, gpu.season, batch, false, c);
      compare(cpu.path, gpu.path, batch, false, c);
      compare(cpu.occurrence, gpu.occurrence, batch, false, c);
      std::printf(
          "test_cuda_parity: %s period %d/%d (%s%s): max scaled difference %.3g (tolerance %.3g), %zu of %zu "
          "values bit-identical\n",
          fc::filter_name(one.filter), one.period, one.period2, type, holes ? ", missing values" : "", c.worst,
          tolerance, c.identical, c.values);
      CAPTURE(fc::filter_name(one.filter));
      CAPTURE(one.period);
      CAPTURE(one.period2);
      CAPTURE(holes);
      CHECK(c.worst <= tolerance);
    }
  }
}

// An Mlp of the given widths with N(0, 1 / fan-in) weights and N(0, 0.01) biases, drawn from `rng`.
fc::Mlp random_mlp(const std::vector<int>& widths, std::mt19937_64& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  fc::Mlp mlp;
  for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
    const float scale = 1.0f / std::sqrt(static_cast<float>(widths[k]));
    mlp.weights.push_back(Eigen::MatrixXf::NullaryExpr(widths[k + 1], widths[k], [&] { return scale * normal(rng); }));
    mlp.biases.push_back(Eigen::VectorXf::NullaryExpr(widths[k + 1], [&] { return 0.1f * normal(rng); }));
  }
  return mlp;
}

}  // namespace

TEST_CASE("the CUDA filters in float agree with the CPU filters to 1e-6 of the series scale") {
  // Both sides run the same operations in the same order, IEEE float, no fused multiply-add (the .cu files are
  // compiled with --fmad=false) and correctly rounded division, so they should agree bit for bit; 1e-6
  // (about 16 float ulps of the scale) leaves room for a compiler reordering we have not foreseen, and is still
  // far below the 2e-5 by which float differs from double (test_kernels).
  check_filters<float>(1e-6, "float");
}

TEST_CASE("the CUDA filters in double agree with the CPU filters to 1e-12 of the series scale") {
  check_filters<double>(1e-12, "double");
}

TEST_CASE("the CUDA Mlp forward pass agrees with Eigen's within the float summation bound") {
  // Shape of the learned model's inference: 64 inputs, two hidden layers of 128, 28 x 6 outputs.
  const int examples = 5000;
  std::mt19937_64 weights_rng(kParitySeed + 1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const fc::Mlp mlp = random_mlp({64, 128, 128, 168}, weights_rng);
  const Eigen::MatrixXf x = Eigen::MatrixXf::NullaryExpr(64, examples, [&] { return normal(weights_rng); });
  std::printf("test_cuda_parity: Mlp 64-128-128-168, %d examples, seed %llu\n", examples,
              static_cast<unsigned long long>(kParitySeed + 1));

  const Eigen::MatrixXf cpu = fc::mlp_forward(fc::Backend::cpu, mlp, x, 2);
  const Eigen::MatrixXf gpu = fc::mlp_forward(fc::Backend::cuda, mlp, x);
  REQUIRE(gpu.rows() == cpu.rows());
  REQUIRE(gpu.cols() == cpu.cols());

  // Magnitude: the forward pass with |W|, |b| and |x| in double, an upper bound of every partial sum's size.
  // A float dot product of length K errs by at most about K u times the magnitude (u = 2^-24), errors of earlier
  // layers are carried by |W| into this bound, and each side errs independently: tolerance 2 u (64 + 128 + 128).
  Eigen::MatrixXd magnitude = x.cast<double>().cwiseAbs();
  for (int k = 0; k < mlp.layers(); ++k) {
    magnitude = mlp.weights[k].cast<double>().cwiseAbs() * magnitude;
    magnitude.colwise() += mlp.biases[k].cast<double>().cwiseAbs();
  }
  const double tolerance = 2 * std::ldexp(1.0, -24) * (64 + 128 + 128);
  double worst = 0;
  for (Eigen::Index j = 0; j < cpu.cols(); ++j) {
    for (Eigen::Index i = 0; i < cpu.rows(); ++i) {
      worst = std::max(worst, std::abs(static_cast<double>(gpu(i, j)) - cpu(i, j)) / magnitude(i, j));
    }
  }
  std::printf("test_cuda_parity: Mlp: max |cuda - cpu| / magnitude %.3g (tolerance %.3g)\n", worst, tolerance);
  CHECK(worst <= tolerance);
}

TEST_CASE("the CUDA Mlp gradients agree with Eigen's to 1e-4 of each layer's gradient norm") {
  // A training minibatch's shape: 897 inputs as the shipped model, hidden 64 and 64, 280 outputs, 256 examples.
  const int examples = 256;
  std::mt19937_64 rng(kParitySeed + 2);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const fc::Mlp mlp = random_mlp({897, 64, 64, 280}, rng);
  const Eigen::MatrixXf x = Eigen::MatrixXf::NullaryExpr(897, examples, [&] { return normal(rng); });
  const Eigen::MatrixXf target = Eigen::MatrixXf::NullaryExpr(280, examples, [&] { return normal(rng); });
  std::printf("test_cuda_parity: Mlp gradients 897-64-64-280, %d examples, seed %llu\n", examples,
              static_cast<unsigned long long>(kParitySeed + 2));
  // Half the mean squared error; its gradient is the residual over the batch size.
  const fc::OutputLoss loss = [&](const Eigen::MatrixXf& out, Eigen::MatrixXf& grad) {
    grad = (out - target) / static_cast<float>(examples);
    return 0.5 * static_cast<double>((out - target).squaredNorm()) / examples;
  };
  fc::MlpGradients cpu, gpu;
  const double cpu_loss = fc::mlp_gradients(fc::Backend::cpu, mlp, x, loss, cpu);
  const double gpu_loss = fc::mlp_gradients(fc::Backend::cuda, mlp, x, loss, gpu);
  CHECK(gpu_loss == doctest::Approx(cpu_loss).epsilon(1e-5));
  REQUIRE(gpu.weights.size() == cpu.weights.size());
  for (std::size_t k = 0; k < cpu.weights.size(); ++k) {
    const double w = (gpu.weights[k] - cpu.weights[k]).norm() / cpu.weights[k].norm();
    const double b = (gpu.biases[k] - cpu.biases[k]).norm() / cpu.biases[k].norm();
    std::printf("test_cuda_parity: layer %zu gradient relative error: weights %.3g, biases %.3g\n", k, w, b);
    CHECK(w <= 1e-4);
    CHECK(b <= 1e-4);
  }
}

TEST_CASE("training the global model on the device ends near the CPU's held-out loss") {
  const auto data = fc::testing::weekly_data(20, 120, kParitySeed + 3);
  const fc::GlobalConfig config = fc::testing::small_config();
  fc::TrainOptions options;
  options.seed = 5;
  options.epochs = 4;
  options.windows_per_epoch = 2048;
  fc::GlobalModel on_cpu(config), on_gpu(config);
  const fc::TrainReport cpu = fc::train(on_cpu, data.values, data.covariates, options);
  options.gradients = [](const fc::Mlp& mlp, const Eigen::MatrixXf& x, const fc::OutputLoss& loss,
                         fc::MlpGradients& g) { return fc::mlp_gradients(fc::Backend::cuda, mlp, x, loss, g); };
  const fc::TrainReport gpu = fc::train(on_gpu, data.values, data.covariates, options);
  std::printf("test_cuda_parity: training held-out loss: cpu %.6f, cuda %.6f (from %.6f)\n", cpu.validation_loss,
              gpu.validation_loss, cpu.initial_loss);
  CHECK(gpu.initial_loss == doctest::Approx(cpu.initial_loss).epsilon(1e-9));  // same initial weights and windows
  CHECK(gpu.validation_loss < gpu.initial_loss);
  CHECK(gpu.validation_loss == doctest::Approx(cpu.validation_loss).epsilon(0.02));
}

TEST_CASE("with a usable device, automatic selection picks CUDA without a notice") {
  std::ostringstream notice;
  CHECK(fc::resolve_backend(fc::Backend::automatic, notice) == fc::Backend::cuda);
  CHECK(notice.str().empty());
}

int main(int argc, char** argv) {
  return peaksim::testing::run_unless_missing("test_cuda_parity", fc::cuda_unavailable_reason(), argc, argv);
}
