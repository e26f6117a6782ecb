// The CUDA kernels' per-thread code, compiled here as host code and run on the CPU: series_filters.hpp's bodies
// (cuda/filters.cu runs one per device thread, chosen by the same dispatch_filter) for every series of a batch,
// and mlp_layers.hpp's per-entry bodies (cuda/mlp.cu runs one per thread). They must give run_model's results per
// series, kernels.cpp's for the whole batch, and values worked out by hand, so that the device's code is tested on
// machines without a device; test_cuda_parity then checks the device itself where there is one.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "forecasting/kernels.hpp"
#include "forecasting/mlp.hpp"
#include "forecasting/mlp_layers.hpp"
#include "forecasting/models.hpp"
#include "forecasting/series_filters.hpp"
#include "forecasting/tests/random_filter_batch.hpp"

namespace fc = peaksim::forecasting;
using namespace peaksim::forecasting::testing;  // the shared filter cases and batches

namespace {

constexpr std::uint64_t kSeed = 20261205;  // printed by each test that draws from it

// dispatch_filter's launcher on the CPU: the device's thread body for every series, one after the other.
template <typename Real>
struct HostLaunch {
  const fc::SeriesFilterArgs<Real>& args;
  template <fc::Filter kFilter, int kPeriod>
  void run() {
    for (int s = 0; s < args.series; ++s) fc::filter_series<kFilter, kPeriod>(args, s);
  }
};

// cuda/filters.cu's run_filters with host memory and a host loop for the launch. The outputs start as NaN, so
// that an entry a body never writes cannot pass for a result.
template <typename Real>
fc::FilterOutput<Real> run_thread_bodies(const fc::FilterInput<Real>& in) {
  fc::check_filter_input(in);
  const bool two_seasons = in.filter == fc::Filter::kHoltWintersDouble;
  const bool seasonal = two_seasons || in.filter == fc::Filter::kHoltWintersAdditive ||
                        in.filter == fc::Filter::kHoltWintersMultiplicative;
  const bool intermittent = runs_on_counts(in.filter);
  const auto series = static_cast<std::size_t>(in.series);
  const Real unset = std::numeric_limits<Real>::quiet_NaN();
  fc::FilterOutput<Real> out;
  out.sse.assign(series, unset);
  out.level.assign(series, unset);
  out.trend.assign(series, unset);
  out.season.assign(seasonal ? series * (two_seasons ? in.period + in.period2 : in.period) : 0, unset);
  out.path.assign(series * in.horizon, unset);
  out.occurrence.assign(intermittent ? series : 0, unset);
  const fc::SeriesFilterArgs<Real> args{
      in.series,        in.steps,         in.horizon,        in.period,       in.y,
      in.alpha,         in.beta,          in.gamma,          in.phi,          out.sse.data(),
      out.level.data(), out.trend.data(), out.season.data(), out.path.data(), out.occurrence.data(),
      in.period2,       in.delta};
  HostLaunch<Real> launch{args};
  fc::dispatch_filter(in.filter, in.period, launch);
  return out;
}

// Equal bit for bit (a NaN equals the same NaN).
template <typename Real>
bool same_bits(const std::vector<Real>& a, const std::vector<Real>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(Real)) == 0);
}

template <typename Real>
bool same_bits(const fc::FilterOutput<Real>& a, const fc::FilterOutput<Real>& b) {
  return same_bits(a.sse, b.sse) && same_bits(a.level, b.level) && same_bits(a.trend, b.trend) &&
         same_bits(a.season, b.season) && same_bits(a.path, b.path) && same_bits(a.occurrence, b.occurrence);
}

}  // namespace

TEST_CASE("the device's filter code on the CPU equals run_model per series and kernels.cpp per batch, bit for bit") {
  // 300 series x 150 steps (two 12-step seasons and more; 150 > 2 x 28), intermittent counts with the edge series
  // of RandomFilterBatch::intermittent; each with and without missing values.
  const int series = 300, steps = 150, horizon = 30;
  const RandomFilterBatch<double> smooth(series, steps, kSeed, 0.5);
  const auto intermittent = RandomFilterBatch<double>::intermittent(series, steps, kSeed + 1);
  std::printf("test_device_code_on_cpu: seeds %llu (smooth) and %llu (intermittent)\n",
              static_cast<unsigned long long>(kSeed), static_cast<unsigned long long>(kSeed + 1));
  for (const bool holes : {false, true}) {
    for (const FilterCase& one : filter_cases(28)) {
      CAPTURE(fc::filter_name(one.filter));
      CAPTURE(one.period);
      CAPTURE(one.period2);
      CAPTURE(holes);
      const RandomFilterBatch<double>& plain = runs_on_counts(one.filter) ? intermittent : smooth;
      const RandomFilterBatch<double> batch = holes ? plain.with_holes() : plain;
      const fc::FilterInput<double> in = batch.input(one.filter, one.period, horizon, one.period2);
      const fc::FilterOutput<double> device_code = run_thread_bodies(in);
      fc::FilterOutput<double> cpu;
      fc::run_filters(in, cpu, 2);
      CHECK(same_bits(device_code, cpu));

      int differing = 0;
      for (int s = 0; s < series; ++s) {
        const std::vector<double> y = batch.column(s);
        fc::ModelSpec spec;
        spec.period = one.period;
        spec.period2 = one.period2;
        const fc::Params p{batch.alpha[s], batch.beta[s], batch.gamma[s], batch.phi[s], batch.delta[s]};
        fc::Run run;
        fc::run_model(method_of(one.filter), spec, p, y, horizon, run);
        bool same = device_code.sse[s] == fc::one_step_sse(y, run);
        for (int h = 0; h < horizon; ++h)
          same = same && device_code.path[static_cast<std::size_t>(h) * series + s] == run.path[h];
        differing += same ? 0 : 1;
      }
      CHECK(differing == 0);

      // In float the same code again equals kernels.cpp's float filters bit for bit.
      const RandomFilterBatch<float> rounded(batch);
      const fc::FilterInput<float> in_float = rounded.input(one.filter, one.period, horizon, one.period2);
      fc::FilterOutput<float> cpu_float;
      fc::run_filters(in_float, cpu_float, 1);
      CHECK(same_bits(run_thread_bodies(in_float), cpu_float));
    }
  }
}

TEST_CASE("the device's intermittent code on the CPU gives the values worked out by hand") {
  // y = 0, 0, 3, 0, 5 with alpha = beta = 0.5. Croston starts at the third step with size 3 and interval 3; the
  // fourth is predicted 3 / 3 = 1 (error -1), the fifth 1 again (error 4), then size = 3 + 0.5 (5 - 3) = 4 and
  // interval = 3 + 0.5 (2 - 3) = 2.5: forecast 1.6, SSE 17, and SBA's forecast 1.6 x 0.75 = 1.2. TSB starts with
  // probability 1/3: the fourth step is predicted 1 (error -1), the probability falls to 1/6, the fifth is
  // predicted 0.5 (error 4.5), then probability 1/6 + 0.5 (5/6) = 7/12 and size 4: forecast 7/3, SSE 21.25. SBA
  // predicts 0.75 twice (errors -0.75 and 4.25, SSE 18.625).
  const std::vector<double> y{0, 0, 3, 0, 5}, alpha{0.5}, beta{0.5};
  struct Expected {
    fc::Filter filter;
    double forecast, sse, occurrence;
  };
  for (const Expected& e : {Expected{fc::Filter::kCroston, 1.6, 17, 2.5}, Expected{fc::Filter::kSba, 1.2, 18.625, 2.5},
                            Expected{fc::Filter::kTsb, 7.0 / 3, 21.25, 7.0 / 12}}) {
    CAPTURE(fc::filter_name(e.filter));
    fc::FilterInput<double> in;
    in.filter = e.filter;
    in.series = 1;
    in.steps = 5;
    in.horizon = 2;
    in.y = y.data();
    in.alpha = alpha.data();
    in.beta = beta.data();
    const fc::FilterOutput<double> out = run_thread_bodies(in);
    CHECK(out.path[0] == doctest::Approx(e.forecast).epsilon(1e-15));
    CHECK(out.path[1] == doctest::Approx(e.forecast).epsilon(1e-15));
    CHECK(out.level[0] == doctest::Approx(4).epsilon(1e-15));
    CHECK(out.occurrence[0] == doctest::Approx(e.occurrence).epsilon(1e-15));
    CHECK(out.sse[0] == doctest::Approx(e.sse).epsilon(1e-15));
  }
}

TEST_CASE("the device's Holt-Winters code on the CPU fits a noiseless trend and season exactly") {
  // y_t = 10 + 0.5 t + (i - (m - 1) / 2) with i = t mod m: the two-season start recovers the trend line and the
  // season exactly, so with phi = 1 every error is 0 and the path continues the series. Period 7 runs the
  // compiled-period body, 12 the run-time one; every value is a multiple of 1/4, so no step rounds.
  for (const int m : {7, 12}) {
    CAPTURE(m);
    const int steps = 5 * m, horizon = 2 * m;
    std::vector<double> y(steps);
    for (int t = 0; t < steps; ++t) y[t] = 10 + 0.5 * t + (t % m - 0.5 * (m - 1));
    const std::vector<double> alpha{0.3}, beta{0.1}, gamma{0.2}, phi{1.0};
    const fc::FilterInput<double> in{fc::Filter::kHoltWintersAdditive,
                                     m,
                                     1,
                                     steps,
                                     horizon,
                                     y.data(),
                                     alpha.data(),
                                     beta.data(),
                                     gamma.data(),
                                     phi.data()};
    const fc::FilterOutput<double> out = run_thread_bodies(in);
    CHECK(out.sse[0] == 0);
    CHECK(out.trend[0] == 0.5);
    for (int h = 1; h <= horizon; ++h) {
      const int t = steps - 1 + h;
      CHECK(out.path[h - 1] == 10 + 0.5 * t + (t % m - 0.5 * (m - 1)));
    }
  }
}

TEST_CASE("the device's Mlp layer code on the CPU is Eigen's bias and ReLU, and Mlp::forward's") {
  std::mt19937_64 rng(kSeed + 2);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const auto draw = [&](int rows, int cols) {
    return Eigen::MatrixXf::NullaryExpr(rows, cols, [&] { return normal(rng); }).eval();
  };
  fc::Mlp mlp;
  mlp.weights = {draw(16, 8), draw(3, 16)};
  mlp.biases = {draw(16, 1), draw(3, 1)};
  const Eigen::MatrixXf x = draw(8, 300);

  // One layer: W x, then the per-entry body for every entry as the device's threads run it.
  const Eigen::MatrixXf wx = mlp.weights[0] * x;
  Eigen::MatrixXf with_bias = wx;
  with_bias.colwise() += mlp.biases[0];
  const Eigen::MatrixXf hidden = with_bias.cwiseMax(0.0f);
  for (const bool relu : {true, false}) {
    Eigen::MatrixXf z = wx;
    for (std::size_t i = 0; i < static_cast<std::size_t>(z.size()); ++i) {
      fc::dense_output_entry(z.data(), mlp.biases[0].data(), 16, i, relu);
    }
    CHECK(z == (relu ? hidden : with_bias));
  }
  const auto zeros = (hidden.array() == 0).count();
  CHECK(zeros > 0);  // the ReLU acted on some entries and not on others
  CHECK(zeros < hidden.size());

  // The backward mask: the gradient passes where the activation was positive.
  const Eigen::MatrixXf grad = draw(16, 300);
  Eigen::MatrixXf masked = grad;
  for (std::size_t i = 0; i < static_cast<std::size_t>(masked.size()); ++i) {
    fc::relu_backward_entry(masked.data(), hidden.data(), i);
  }
  CHECK(masked == grad.cwiseProduct((hidden.array() > 0).cast<float>().matrix()));

  // The whole forward pass as cuda/mlp.cu runs it (a product, then the per-entry body) equals Mlp::forward.
  Eigen::MatrixXf a = x;
  for (int k = 0; k < mlp.layers(); ++k) {
    Eigen::MatrixXf z = mlp.weights[k] * a;
    const int rows = static_cast<int>(z.rows());
    for (std::size_t i = 0; i < static_cast<std::size_t>(z.size()); ++i) {
      fc::dense_output_entry(z.data(), mlp.biases[k].data(), rows, i, k + 1 < mlp.layers());
    }
    a = std::move(z);
  }
  CHECK(a == mlp.forward(x));
}
