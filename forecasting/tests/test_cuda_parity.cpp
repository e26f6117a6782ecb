// The CUDA backend against the CPU on random data: filters and the Mlp forward pass. Where no CUDA device can
// be used it prints why and exits 77, which ctest reports as skipped (SKIP_RETURN_CODE).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <sstream>
#include <vector>

#include "forecasting/backend.hpp"
#include "forecasting/tests/random_filter_batch.hpp"

namespace fc = peaksim::forecasting;
using peaksim::forecasting::testing::RandomFilterBatch;

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
  struct Case {
    fc::Filter filter;
    int period;       // 7 runs the compiled-period kernel, 12 the run-time one
    int period2 = 0;  // the double-seasonal filter's second season (its seasons live in device memory)
  };
  const Case cases[] = {{fc::Filter::kSes, 7},
                        {fc::Filter::kHoltDamped, 7},
                        {fc::Filter::kHoltWintersAdditive, 7},
                        {fc::Filter::kHoltWintersAdditive, 12},
                        {fc::Filter::kHoltWintersMultiplicative, 7},
                        {fc::Filter::kHoltWintersMultiplicative, 12},
                        {fc::Filter::kCroston, 7},
                        {fc::Filter::kSba, 7},
                        {fc::Filter::kTsb, 7},
                        {fc::Filter::kHoltWintersDouble, 7, 12},
                        {fc::Filter::kHoltWintersDouble, 7, 364}};  // 730 steps: two years and two days
  for (const Case& one : cases) {
    const bool counts =
        one.filter == fc::Filter::kCroston || one.filter == fc::Filter::kSba || one.filter == fc::Filter::kTsb;
    const RandomFilterBatch<Real>& batch = counts ? intermittent : smooth;
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
        "test_cuda_parity: %s period %d/%d (%s): max scaled difference %.3g (tolerance %.3g), %zu of %zu "
        "values bit-identical\n",
        fc::filter_name(one.filter), one.period, one.period2, type, c.worst, tolerance, c.identical, c.values);
    CAPTURE(fc::filter_name(one.filter));
    CAPTURE(one.period);
    CAPTURE(one.period2);
    CHECK(c.worst <= tolerance);
  }
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
  const int widths[] = {64, 128, 128, 168};
  const int examples = 5000;
  std::mt19937_64 weights_rng(kParitySeed + 1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  fc::Mlp mlp;
  for (int k = 0; k + 1 < 4; ++k) {
    const float scale = 1.0f / std::sqrt(static_cast<float>(widths[k]));
    mlp.weights.push_back(
        Eigen::MatrixXf::NullaryExpr(widths[k + 1], widths[k], [&] { return scale * normal(weights_rng); }));
    mlp.biases.push_back(Eigen::VectorXf::NullaryExpr(widths[k + 1], [&] { return 0.1f * normal(weights_rng); }));
  }
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

TEST_CASE("with a usable device, automatic selection picks CUDA without a notice") {
  std::ostringstream notice;
  CHECK(fc::resolve_backend(fc::Backend::automatic, notice) == fc::Backend::cuda);
  CHECK(notice.str().empty());
}

int main(int argc, char** argv) {
  const std::string& reason = fc::cuda_unavailable_reason();
  if (!reason.empty()) {
    std::printf("test_cuda_parity: skipped: %s\n", reason.c_str());
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
