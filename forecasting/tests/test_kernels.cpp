// The batched CPU filters against models.cpp's run_model, one series at a time, on random series and parameters.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "forecasting/backend.hpp"
#include "forecasting/kernels.hpp"
#include "forecasting/models.hpp"
#include "forecasting/tests/random_filter_batch.hpp"

namespace fc = peaksim::forecasting;
using peaksim::forecasting::testing::method_of;
using peaksim::forecasting::testing::RandomFilterBatch;

namespace {

constexpr std::uint64_t kSeriesSeed = 20261128;  // printed by each test that draws from it

// Largest |kernel - reference| / scale over all series, where scale is batch.scale (the series' mean absolute value,
// at least 1; SSE: its reference SSE plus that scale squared), for the SSE and the forecast path.
// period, period2: the seasons the filter ran with (period2 for the double-seasonal filter only).
template <typename Real>
double max_scaled_error(fc::Filter filter, const RandomFilterBatch<double>& batch, const fc::FilterOutput<Real>& out,
                        int horizon, int period = 7, int period2 = 0) {
  double worst = 0;
  for (int s = 0; s < batch.series; ++s) {
    const std::vector<double> y = batch.column(s);
    fc::Params p{batch.alpha[s], batch.beta[s], batch.gamma[s], batch.phi[s], batch.delta[s]};
    if (filter == fc::Filter::kSes) p = fc::Params{batch.alpha[s], 0, 0, 1};
    fc::ModelSpec spec;
    spec.period = period;
    spec.period2 = period2;
    fc::Run run;
    fc::run_model(method_of(filter), spec, p, y, horizon, run);
    const double scale = batch.scale(s);
    const double sse = fc::one_step_sse(y, run);
    worst = std::max(worst, std::abs(static_cast<double>(out.sse[s]) - sse) / (sse + scale * scale));
    for (int h = 0; h < horizon; ++h) {
      const double path = out.path[static_cast<std::size_t>(h) * batch.series + s];
      worst = std::max(worst, std::abs(path - run.path[h]) / scale);
    }
  }
  return worst;
}

const fc::Filter kFilters[] = {fc::Filter::kSes, fc::Filter::kHoltDamped, fc::Filter::kHoltWintersAdditive,
                               fc::Filter::kHoltWintersMultiplicative};
const fc::Filter kIntermittentFilters[] = {fc::Filter::kCroston, fc::Filter::kSba, fc::Filter::kTsb};
const fc::Filter kAllFilters[] = {fc::Filter::kSes,
                                  fc::Filter::kHoltDamped,
                                  fc::Filter::kHoltWintersAdditive,
                                  fc::Filter::kHoltWintersMultiplicative,
                                  fc::Filter::kCroston,
                                  fc::Filter::kSba,
                                  fc::Filter::kTsb};

}  // namespace

TEST_CASE("the double filters give run_model's SSE and forecast path on random series and parameters") {
  const int series = 537, steps = 150, horizon = 12;  // 537: two full blocks of 256 and a partial one
  const RandomFilterBatch<double> batch(series, steps, kSeriesSeed);
  std::printf("test_kernels: series seed %llu\n", static_cast<unsigned long long>(kSeriesSeed));
  for (const fc::Filter filter : kFilters) {
    fc::FilterOutput<double> out;
    fc::run_filters(batch.input(filter, 7, horizon), out, 1);
    const double error = max_scaled_error(filter, batch, out, horizon);
    std::printf("test_kernels: %s in double: max scaled error %.3g (tolerance 1e-12)\n", fc::filter_name(filter),
                error);
    CHECK(error <= 1e-12);
  }
}

TEST_CASE("the float filters stay within 2e-5 of run_model in double, relative to the series scale") {
  // Why 2e-5: float rounding is 6e-8 per operation; the filters are stable (alpha <= 0.5, beta, gamma <= 0.3)
  // so errors do not grow with time; the SSE sums 730 terms and the states carry a few hundred roundings. Seen:
  // up to 3.3e-6 (multiplicative), so the bound leaves a margin of 6; the intermittent filters (alpha, beta up to
  // 0.6 on counts): up to 5.7e-6 (SBA), a margin of 3.5.
  const int series = 300, steps = 730, horizon = 28;
  const RandomFilterBatch<double> smooth(series, steps, kSeriesSeed + 1);
  const auto intermittent = RandomFilterBatch<double>::intermittent(series, steps, kSeriesSeed + 8);
  for (const fc::Filter filter : kAllFilters) {
    const bool counts = std::find(std::begin(kIntermittentFilters), std::end(kIntermittentFilters), filter) !=
                        std::end(kIntermittentFilters);
    const RandomFilterBatch<double>& batch = counts ? intermittent : smooth;
    const RandomFilterBatch<float> data(batch);
    fc::FilterOutput<float> out;
    fc::run_filters(data.input(filter, 7, horizon), out, 2);
    const double error = max_scaled_error(filter, batch, out, horizon);
    std::printf("test_kernels: %s in float: max scaled error %.3g (tolerance 2e-5)\n", fc::filter_name(filter), error);
    CHECK(error <= 2e-5);
  }
}

TEST_CASE("the double-seasonal filter gives run_model's SSE and path in double, and stays close in float") {
  // Periods 7 and 12 (not a multiple: the recursion does not need one), 7 and 28, daily data's 7 and 364 on
  // 800 steps, the least two years and a bit, and 2 and 5 on 10 steps, the fewest the filter accepts (two long
  // seasons). Float bound as for the one-season filters above (2e-5).
  struct Seasons {
    int period, period2, steps;
  };
  const int series = 300, horizon = 30;
  for (const Seasons& k : {Seasons{7, 12, 150}, Seasons{7, 28, 150}, Seasons{7, 364, 800}, Seasons{2, 5, 10}}) {
    CAPTURE(k.period2);
    const RandomFilterBatch<double> batch(series, k.steps, kSeriesSeed + 10, 0.5);
    std::printf("test_kernels: double season %d and %d, series seed %llu\n", k.period, k.period2,
                static_cast<unsigned long long>(kSeriesSeed + 10));
    fc::FilterOutput<double> exact;
    fc::run_filters(batch.input(fc::Filter::kHoltWintersDouble, k.period, horizon, k.period2), exact, 2);
    const double error = max_scaled_error(fc::Filter::kHoltWintersDouble, batch, exact, horizon, k.period, k.period2);
    const RandomFilterBatch<float> data(batch);
    fc::FilterOutput<float> rounded;
    fc::run_filters(data.input(fc::Filter::kHoltWintersDouble, k.period, horizon, k.period2), rounded, 2);
    const double float_error =
        max_scaled_error(fc::Filter::kHoltWintersDouble, batch, rounded, horizon, k.period, k.period2);
    std::printf(
        "test_kernels: double season in double: max scaled error %.3g (tolerance 1e-12); in float %.3g "
        "(tolerance 2e-5)\n",
        error, float_error);
    CHECK(error <= 1e-12);
    CHECK(float_error <= 2e-5);
    REQUIRE(exact.season.size() == static_cast<std::size_t>(series) * (k.period + k.period2));
    // The final state gives the one-step forecast: level + phi trend + both seasons' next indices.
    for (int s = 0; s < series; ++s) {
      const double next = exact.level[s] + batch.phi[s] * exact.trend[s] +
                          exact.season[static_cast<std::size_t>(k.steps % k.period) * series + s] +
                          exact.season[static_cast<std::size_t>(k.period + k.steps % k.period2) * series + s];
      CHECK(exact.path[s] == doctest::Approx(next).epsilon(1e-12));
    }
  }
}

TEST_CASE("the filters' results do not depend on the number of threads") {
  const int series = 1000, steps = 60, horizon = 5;
  const RandomFilterBatch<float> smooth(RandomFilterBatch<double>(series, steps, kSeriesSeed + 2));
  const auto intermittent = RandomFilterBatch<float>::intermittent(series, steps, kSeriesSeed + 7);
  auto same_with_three_threads = [&](const RandomFilterBatch<float>& data, fc::Filter filter) {
    fc::FilterOutput<float> one, three;
    fc::run_filters(data.input(filter, 7, horizon), one, 1);
    fc::run_filters(data.input(filter, 7, horizon), three, 3);
    CAPTURE(fc::filter_name(filter));
    CHECK(one.sse == three.sse);
    CHECK(one.level == three.level);
    CHECK(one.trend == three.trend);
    CHECK(one.season == three.season);
    CHECK(one.path == three.path);
    CHECK(one.occurrence == three.occurrence);
  };
  for (const fc::Filter filter : kFilters) same_with_three_threads(smooth, filter);
  for (const fc::Filter filter : kIntermittentFilters) same_with_three_threads(intermittent, filter);
  fc::FilterOutput<float> one, three;
  fc::run_filters(smooth.input(fc::Filter::kHoltWintersDouble, 7, horizon, 28), one, 1);
  fc::run_filters(smooth.input(fc::Filter::kHoltWintersDouble, 7, horizon, 28), three, 3);
  CHECK(one.sse == three.sse);
  CHECK(one.season == three.season);
  CHECK(one.path == three.path);
}

TEST_CASE("the intermittent filters in double equal run_model bit for bit, edge series included") {
  // 537 series: two full blocks of 256 and a partial one. The first five are the edge cases of intermittent().
  const int series = 537, steps = 150, horizon = 4;
  const auto batch = RandomFilterBatch<double>::intermittent(series, steps, kSeriesSeed + 6);
  std::printf("test_kernels: intermittent series seed %llu\n", static_cast<unsigned long long>(kSeriesSeed + 6));
  for (const fc::Filter filter : kIntermittentFilters) {
    CAPTURE(fc::filter_name(filter));
    fc::FilterOutput<double> out;
    fc::run_filters(batch.input(filter, 7, horizon), out, 2);
    int differing = 0, forecasting_demand = 0;
    for (int s = 0; s < series; ++s) {
      const std::vector<double> y = batch.column(s);
      fc::Run run;
      fc::run_model(method_of(filter), fc::ModelSpec{}, fc::Params{batch.alpha[s], batch.beta[s]}, y, horizon, run);
      bool same = out.sse[s] == fc::one_step_sse(y, run);
      for (int h = 0; h < horizon; ++h)
        same = same && out.path[static_cast<std::size_t>(h) * series + s] == run.path[h];
      differing += same ? 0 : 1;
      forecasting_demand += run.path[0] > 0 ? 1 : 0;
      // The final state gives the forecast: TSB's probability x size, Croston's factor x size / interval.
      const double factor = filter == fc::Filter::kSba ? 1 - batch.alpha[s] / 2 : 1.0;
      const double from_state = filter == fc::Filter::kTsb ? out.occurrence[s] * out.level[s]
                                : s == 0                   ? 0.0
                                                           : factor * out.level[s] / out.occurrence[s];
      CHECK(out.path[s] == from_state);
    }
    CHECK(differing == 0);
    CHECK(forecasting_demand == series - 1);  // every series but the one without demand forecasts some
    CHECK(out.path[0] == 0);                  // series 0: no demand, no SSE, forecast 0
    CHECK(out.sse[0] == 0);
    CHECK(out.sse[2] == 0);  // series 2: its only demand is the last value, so nothing is predicted
    CHECK(out.sse[3] > 0);   // series 3: one demand in the middle, then zeros it overpredicts
  }
}

TEST_CASE("Croston, SBA and TSB fit through the batched filters exactly as series by series") {
  const int series = 120, steps = 90;
  const auto batch = RandomFilterBatch<double>::intermittent(series, steps, kSeriesSeed + 9);
  std::printf("test_kernels: fitting, intermittent series seed %llu\n",
              static_cast<unsigned long long>(kSeriesSeed + 9));
  fc::Batch history(steps, series);
  for (int s = 0; s < series; ++s) history.col(s) = Eigen::Map<const Eigen::VectorXd>(batch.column(s).data(), steps);
  for (const fc::Method method : {fc::Method::kCroston, fc::Method::kSba, fc::Method::kTsb}) {
    CAPTURE(fc::method_name(method));
    const fc::ModelSpec spec{.method = method};
    const std::vector<fc::Params> batched = fc::fit_params_batched(method, spec, batch.y.data(), steps, series, 2);
    const fc::Forecast f = fc::forecast(history, spec, {.horizon = 5, .threads = 2});
    int differing = 0;
    for (int s = 0; s < series; ++s) {
      const std::vector<double> y = batch.column(s);
      const auto column = static_cast<std::size_t>(s);
      // The per-series route: fit_params with run_model, then the forecast with those parameters (for a series
      // without demand forecast() does not fit and flags it).
      const fc::Params p = fc::fit_params(method, spec, y);
      bool same = batched[column].alpha == p.alpha && batched[column].beta == p.beta;
      if (s == 0) {
        CHECK((f.flags[column] & fc::kFlagNoDemand) != 0);
      } else {
        fc::Run run;
        fc::run_model(method, spec, p, y, 5, run);
        same = same && f.params[column].alpha == p.alpha && f.params[column].beta == p.beta &&
               f.used[column] == method && f.sse[s] == fc::one_step_sse(y, run);
        for (int h = 0; h < 5; ++h) same = same && f.mean(h, s) == std::max(0.0, run.path[h]);
      }
      differing += same ? 0 : 1;
    }
    CHECK(differing == 0);
    CHECK(f.mean.col(0).isZero());
  }
}

TEST_CASE("double-seasonal Holt-Winters fits through the batched filter exactly as series by series") {
  const int series = 40, steps = 100;
  const RandomFilterBatch<double> batch(series, steps, kSeriesSeed + 11, 0.5);
  std::printf("test_kernels: double-seasonal fitting, series seed %llu\n",
              static_cast<unsigned long long>(kSeriesSeed + 11));
  const fc::ModelSpec spec{.method = fc::Method::kHoltWintersDouble, .period = 7, .period2 = 28};
  const std::vector<fc::Params> batched = fc::fit_params_batched(spec.method, spec, batch.y.data(), steps, series, 2);
  int differing = 0, fitted_delta = 0;
  for (int s = 0; s < series; ++s) {
    const fc::Params p = fc::fit_params(spec.method, spec, batch.column(s));
    const fc::Params& q = batched[static_cast<std::size_t>(s)];
    const bool same =
        p.alpha == q.alpha && p.beta == q.beta && p.gamma == q.gamma && p.delta == q.delta && p.phi == q.phi;
    differing += same ? 0 : 1;
    fitted_delta += p.delta > 0 ? 1 : 0;
  }
  CHECK(differing == 0);
  CHECK(fitted_delta > 0);  // the second season's constant is a free parameter
}

TEST_CASE("the final Holt-Winters state is the one run_model ends with: the path one step on") {
  // A one-step path from the final state equals level + trend + season of the next index.
  const int series = 40, steps = 50;
  const RandomFilterBatch<double> batch(series, steps, kSeriesSeed + 3);
  fc::FilterOutput<double> out;
  fc::run_filters(batch.input(fc::Filter::kHoltWintersAdditive, 7, 1), out, 1);
  const int next_index = steps % 7;
  for (int s = 0; s < series; ++s) {
    const double expected = out.level[s] + batch.phi[s] * out.trend[s] + out.season[next_index * series + s];
    CHECK(out.path[s] == doctest::Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("bad filter input is refused with a message") {
  // y holds the most steps any call below claims (14): the filters read steps x series values of it.
  std::vector<double> y(14, 1.0), a(1, 0.5);
  fc::FilterInput<double> in;
  in.filter = fc::Filter::kHoltWintersAdditive;
  in.series = 1;
  in.steps = 10;
  in.y = y.data();
  in.alpha = a.data();
  in.beta = a.data();
  in.gamma = a.data();
  in.phi = a.data();
  fc::FilterOutput<double> out;
  CHECK_THROWS_WITH_AS(fc::run_filters(in, out), "Holt-Winters additive filter: needs at least 14 steps, got 10",
                       std::invalid_argument);
  in.steps = 14;
  in.gamma = nullptr;
  CHECK_THROWS_AS(fc::run_filters(in, out), std::invalid_argument);
  in.filter = fc::Filter::kSes;
  in.series = 0;
  CHECK_THROWS_AS(fc::run_filters(in, out), std::invalid_argument);
  in.filter = fc::Filter::kHoltWintersDouble;
  in.series = 1;
  in.gamma = a.data();
  in.period = 2;
  in.period2 = 2;
  CHECK_THROWS_WITH_AS(fc::run_filters(in, out),
                       "double-seasonal Holt-Winters filter: period2 must be greater than period",
                       std::invalid_argument);
  in.period2 = 8;
  CHECK_THROWS_WITH_AS(fc::run_filters(in, out), "double-seasonal Holt-Winters filter: needs at least 16 steps, got 14",
                       std::invalid_argument);
  in.period2 = 5;
  CHECK_THROWS_AS(fc::run_filters(in, out), std::invalid_argument);  // no delta
  in.delta = a.data();
  CHECK_NOTHROW(fc::run_filters(in, out));
  // A constant series is fitted without error: a read past the data would show here as a non-zero SSE.
  REQUIRE(out.sse.size() == 1);
  CHECK(out.sse[0] == doctest::Approx(0).epsilon(1e-12));
  CHECK(out.level[0] == doctest::Approx(1).epsilon(1e-12));
  CHECK(out.trend[0] == doctest::Approx(0).epsilon(1e-12));
}

TEST_CASE("the backend selector says why CUDA is not used, and falls back to the CPU with one notice line") {
  const std::string& reason = fc::cuda_unavailable_reason();
  std::printf("test_kernels: CUDA built: %s; unavailable reason: '%s'\n", fc::cuda_built() ? "yes" : "no",
              reason.c_str());
  std::ostringstream notice;
  if (reason.empty()) {
    CHECK(fc::cuda_built());
    CHECK(fc::resolve_backend(fc::Backend::automatic, notice) == fc::Backend::cuda);
    CHECK(notice.str().empty());
    return;
  }
  if (fc::cuda_built()) {
    // The build's plugin (<build>/lib/peaksim) on a machine without a usable device: no driver, no device, or a
    // driver error (test_cuda_plugin covers the plugin's other failures).
    const bool no_driver = reason.rfind("no NVIDIA driver", 0) == 0, no_device = reason.rfind("no CUDA device", 0) == 0,
               driver = reason.rfind("CUDA driver error: ", 0) == 0;
    CHECK((no_driver || no_device || driver));
  } else {
    CHECK(reason.rfind("the CUDA plugin is missing: ", 0) == 0);
  }
  CHECK(fc::resolve_backend(fc::Backend::automatic, notice) == fc::Backend::cpu);
  CHECK(notice.str() == "notice: forecasting runs on the CPU: " + reason + "\n");
  CHECK(fc::resolve_backend(fc::Backend::cpu, notice) == fc::Backend::cpu);
  CHECK_THROWS_WITH_AS(fc::resolve_backend(fc::Backend::cuda, notice),
                       ("the CUDA backend cannot run here: " + reason).c_str(), std::runtime_error);

  // The automatic backend then gives exactly the CPU kernels' results.
  const RandomFilterBatch<double> batch(50, 30, kSeriesSeed + 4);
  const RandomFilterBatch<float> data(batch);
  fc::FilterOutput<float> direct, automatic;
  fc::run_filters(data.input(fc::Filter::kHoltWintersAdditive, 7, 3), direct, 1);
  std::ostringstream quiet;
  fc::run_filters(fc::Backend::automatic, data.input(fc::Filter::kHoltWintersAdditive, 7, 3), automatic, 1, nullptr,
                  quiet);
  CHECK(direct.path == automatic.path);
  CHECK(direct.sse == automatic.sse);
}

TEST_CASE("the CPU Mlp forward pass gives the same results with any thread count, and Mlp::forward's") {
  std::mt19937_64 weights_rng(kSeriesSeed + 5);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  fc::Mlp mlp;
  mlp.weights = {Eigen::MatrixXf(16, 8), Eigen::MatrixXf(5, 16)};
  mlp.biases = {Eigen::VectorXf(16), Eigen::VectorXf(5)};
  for (auto& w : mlp.weights) w = w.unaryExpr([&](float) { return normal(weights_rng); });
  for (auto& b : mlp.biases) b = b.unaryExpr([&](float) { return normal(weights_rng); });
  const Eigen::MatrixXf x = Eigen::MatrixXf(8, 5000).unaryExpr([&](float) { return normal(weights_rng); });
  std::ostringstream quiet;
  const Eigen::MatrixXf one = fc::mlp_forward(fc::Backend::cpu, mlp, x, 1, nullptr, quiet);
  const Eigen::MatrixXf three = fc::mlp_forward(fc::Backend::cpu, mlp, x, 3, nullptr, quiet);
  CHECK(one == three);
  CHECK((one - mlp.forward(x)).cwiseAbs().maxCoeff() <= 1e-4f * (1.0f + mlp.forward(x).cwiseAbs().maxCoeff()));
}
