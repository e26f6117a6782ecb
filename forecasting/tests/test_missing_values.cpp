// Missing observations (NaN in the batch): the no-observation update is the prediction, the batched filters follow
// run_model, hand-checked values of each rule, and the intervals of series with too few errors.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "forecasting/forecast.hpp"
#include "forecasting/kernels.hpp"
#include "forecasting/models.hpp"
#include "forecasting/select.hpp"

namespace fc = peaksim::forecasting;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A positive series with a trend, a weekly pattern of 7 and a bump every 28 steps, `n` long.
std::vector<double> seasonal(int n) {
  std::vector<double> y;
  for (int t = 0; t < n; ++t) y.push_back(50 + 0.3 * t + 8.0 * ((t % 7) == 5) + 4.0 * (t % 28 < 3) + 3 * std::sin(t));
  return y;
}

fc::Run run(fc::Method method, const fc::ModelSpec& spec, const fc::Params& p, const std::vector<double>& y, int h) {
  fc::Run r;
  r.fitted.assign(y.size(), 0.0);
  fc::run_model(method, spec, p, y, h, r);
  return r;
}

fc::Batch column(const std::vector<double>& y) {
  fc::Batch b(static_cast<Eigen::Index>(y.size()), 1);
  for (std::size_t t = 0; t < y.size(); ++t) b(static_cast<Eigen::Index>(t), 0) = y[t];
  return b;
}

}  // namespace

TEST_CASE("a model on a series with holes equals the model on the series filled with its own one-step predictions") {
  const fc::ModelSpec spec{.period = 7, .period2 = 28};
  const fc::Params p{0.3, 0.1, 0.2, 0.95, 0.15};
  for (const fc::Method method : {fc::Method::kSes, fc::Method::kHoltDamped, fc::Method::kHoltWintersAdditive,
                                  fc::Method::kHoltWintersMultiplicative, fc::Method::kHoltWintersDouble}) {
    INFO(fc::method_name(method));
    std::vector<double> holes = seasonal(120);
    for (const int t : {57, 58, 60, 77, 90, 91, 92, 93, 119}) holes[t] = kNaN;  // after every initial window
    const fc::Run with_holes = run(method, spec, p, holes, 10);
    std::vector<double> filled = holes;
    for (std::size_t t = 0; t < filled.size(); ++t) {
      if (std::isnan(filled[t])) filled[t] = with_holes.fitted[t];
    }
    const fc::Run with_predictions = run(method, spec, p, filled, 10);
    CHECK(with_holes.path == with_predictions.path);  // bit for bit: the error is exactly 0 either way
    CHECK(fc::one_step_sse(holes, with_holes) == fc::one_step_sse(filled, with_predictions));
    const fc::Run complete = run(method, spec, p, seasonal(120), 10);
    CHECK(with_holes.path != complete.path);  // the holes did change the state
  }
}

TEST_CASE("the batched filters follow run_model on series with missing values, in their initial windows too") {
  const int steps = 70, series = 5, period = 7, period2 = 14;
  std::vector<double> y(static_cast<std::size_t>(steps * series));
  for (int s = 0; s < series; ++s) {
    std::vector<double> x = seasonal(steps);
    for (int t = 0; t < steps; ++t) {
      const bool hole = t > 0 && (7 * t + 5 * s) % 11 == 0;  // different holes per series, never the first value
      const double intermittent = (t + s) % 3 == 0 ? 0.0 : x[t];
      y[static_cast<std::size_t>(t * series + s)] = hole ? kNaN : (s == 4 ? intermittent : x[t]);
    }
  }
  std::vector<double> alpha(series, 0.3), beta(series, 0.2), gamma(series, 0.1), phi(series, 0.9), delta(series, 0.1);
  for (const fc::Filter filter : {fc::Filter::kSes, fc::Filter::kHoltDamped, fc::Filter::kHoltWintersAdditive,
                                  fc::Filter::kHoltWintersMultiplicative, fc::Filter::kHoltWintersDouble,
                                  fc::Filter::kCroston, fc::Filter::kSba, fc::Filter::kTsb}) {
    INFO(fc::filter_name(filter));
    fc::FilterInput<double> in;
    in.filter = filter;
    in.period = period;
    in.period2 = period2;
    in.series = series;
    in.steps = steps;
    in.horizon = 9;
    in.y = y.data();
    in.alpha = alpha.data();
    in.beta = beta.data();
    in.gamma = gamma.data();
    in.phi = phi.data();
    in.delta = delta.data();
    fc::FilterOutput<double> out;
    fc::run_filters(in, out, 2);
    const fc::Method method = filter == fc::Filter::kSes                   ? fc::Method::kSes
                              : filter == fc::Filter::kHoltDamped          ? fc::Method::kHoltDamped
                              : filter == fc::Filter::kHoltWintersAdditive ? fc::Method::kHoltWintersAdditive
                              : filter == fc::Filter::kHoltWintersMultiplicative
                                  ? fc::Method::kHoltWintersMultiplicative
                              : filter == fc::Filter::kHoltWintersDouble ? fc::Method::kHoltWintersDouble
                              : filter == fc::Filter::kCroston           ? fc::Method::kCroston
                              : filter == fc::Filter::kSba               ? fc::Method::kSba
                                                                         : fc::Method::kTsb;
    for (int s = 0; s < series; ++s) {
      std::vector<double> x;
      for (int t = 0; t < steps; ++t) x.push_back(y[static_cast<std::size_t>(t * series + s)]);
      fc::Params p{0.3, 0.2, 0.1, 0.9, 0.1};
      if (filter == fc::Filter::kSes) p = {0.3, 0, 0, 1};
      if (filter == fc::Filter::kCroston || filter == fc::Filter::kSba) p = {0.3, 0, 0, 1};
      if (filter == fc::Filter::kTsb) p = {0.3, 0.2, 0, 1};
      const fc::Run r = run(method, {.period = period, .period2 = period2}, p, x, 9);
      const double sse = fc::one_step_sse(x, r);
      REQUIRE(std::isfinite(sse));
      CHECK(out.sse[static_cast<std::size_t>(s)] == doctest::Approx(sse).epsilon(1e-12));
      for (int h = 0; h < 9; ++h) {
        CHECK(out.path[static_cast<std::size_t>(h * series + s)] == doctest::Approx(r.path[h]).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("hand-checked values of each rule for a missing observation") {
  SUBCASE("SES carries its level over a hole") {
    const fc::Run r = run(fc::Method::kSes, {}, {0.5, 0, 0, 1}, {10, kNaN, 14}, 2);
    CHECK(r.path == std::vector<double>{12, 12});  // level 10, 10, then 10 + 0.5 * (14 - 10)
    CHECK(fc::one_step_sse(std::vector<double>{10, kNaN, 14}, r) == 16);
  }
  SUBCASE("seasonal naive takes the last observed value of the season position") {
    const fc::Run r = run(fc::Method::kSeasonalNaive, {.period = 3}, {}, {1, 2, 3, 4, kNaN, 6}, 3);
    CHECK(r.path == std::vector<double>{4, 2, 6});
  }
  SUBCASE("the moving average is over the last observed values") {
    const fc::Run r = run(fc::Method::kMovingAverage, {.window = 2}, {}, {1, 5, kNaN, 9}, 1);
    CHECK(r.path[0] == 7);
  }
  SUBCASE("Croston and TSB skip a missing step: no update, not counted in the interval") {
    const std::vector<double> y = {0, kNaN, 4, 0, kNaN, 0, 2};
    // One observed zero before the first demand: interval 2, size 4; then two observed zeros, so q = 3 at the
    // demand of 2: size 4 + 0.5 (2 - 4) = 3, interval 2 + 0.5 (3 - 2) = 2.5.
    CHECK(run(fc::Method::kCroston, {}, {0.5, 0, 0, 1}, y, 1).path[0] == doctest::Approx(3 / 2.5));
    // TSB: probability 1/2, then 1/4, 1/8 over the observed zeros, then 1/8 + 0.5 (1 - 1/8); size 3.
    CHECK(run(fc::Method::kTsb, {}, {0.5, 0.5, 0, 1}, y, 1).path[0] == doctest::Approx(3 * 0.5625));
  }
  SUBCASE("Holt-Winters starts from the observed values of its first seasons") {
    // m = 2: mean of season 1 over {1} = 1, of season 2 = 4: trend 1.5, level 1.75, season index 0: 1 - 0.25 =
    // 0.75, index 1 (missing): 0. The first prediction is 1.75 + 1.5 + 0.75.
    const fc::Run r = run(fc::Method::kHoltWintersAdditive, {.period = 2}, {0.5, 0.5, 0.5, 1}, {1, kNaN, 3, 5, 6}, 1);
    CHECK(r.fitted[2] == 4.0);
  }
}

TEST_CASE("forecast() takes missing values, counts them, and refuses a missing first value or an infinity") {
  std::vector<double> y = seasonal(60);
  y[20] = y[21] = y[50] = kNaN;
  for (const fc::Method method : fc::kAllMethods) {
    INFO(fc::method_name(method));
    const fc::Forecast f = fc::forecast(column(y), {.method = method, .period = 7, .period2 = 14}, {.horizon = 5});
    CHECK(f.mean.allFinite());
    CHECK(f.missing[0] == 3);
    CHECK((f.flags[0] & fc::kFlagNumerical) == 0);
  }
  const fc::Forecast chosen = fc::forecast_auto(column(y), {.horizon = 5}, fc::classical_candidates(7), 5);
  CHECK(chosen.mean.allFinite());
  std::vector<double> first_missing = y;
  first_missing[0] = kNaN;
  CHECK_THROWS_AS(fc::forecast(column(first_missing), {}), std::invalid_argument);
  std::vector<double> infinite = y;
  infinite[3] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(fc::forecast(column(infinite), {}), std::invalid_argument);
}

TEST_CASE("a series with too few one-step errors gets a Normal interval centred on its mean, flagged") {
  const fc::Forecast f = fc::forecast(column({10, 14}), {.method = fc::Method::kSes, .fixed = fc::Params{0.5}},
                                      {.horizon = 1, .levels = {0.025, 0.5, 0.975}, .non_negative = false});
  CHECK((f.flags[0] & fc::kFlagFewResiduals) != 0);
  CHECK(f.mean(0, 0) == 12);
  CHECK(f.quantile(0, 0, 1) == 12);  // the median is the mean
  // One residual of 4: the one-step deviation is 4, and z(0.975) = 1.959964.
  CHECK(f.quantile(0, 0, 2) - 12 == doctest::Approx(4 * 1.959964).epsilon(1e-6));
  CHECK(12 - f.quantile(0, 0, 0) == doctest::Approx(f.quantile(0, 0, 2) - 12).epsilon(1e-12));
  // Enough residuals: the empirical quantiles, unflagged.
  const fc::Forecast long_enough = fc::forecast(column(seasonal(30)), {.method = fc::Method::kSes}, {.horizon = 1});
  CHECK((long_enough.flags[0] & fc::kFlagFewResiduals) == 0);
}

TEST_CASE("options.floor clips each series at its own floor") {
  fc::Batch b(20, 2);
  for (int t = 0; t < 20; ++t) {
    b(t, 0) = 10 - t;  // falls below zero
    b(t, 1) = 10 - t;
  }
  const fc::Forecast f = fc::forecast(b, {.method = fc::Method::kHoltDamped, .fixed = fc::Params{0.5, 0.5, 0, 1}},
                                      {.horizon = 5, .levels = {0.5}, .floor = {-9, 0}});
  for (int h = 0; h < 5; ++h) {
    CHECK(f.mean(h, 0) >= -9);
    CHECK(f.mean(h, 1) >= 0);
  }
  CHECK(f.mean(4, 0) == -9);  // the trend runs past the history's least value: clipped there
  CHECK(f.mean(4, 1) == 0);
  CHECK_THROWS_AS(fc::forecast(b, {}, {.floor = {0}}), std::invalid_argument);
}
