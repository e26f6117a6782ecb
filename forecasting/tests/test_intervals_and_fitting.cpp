// Quantiles, interval coverage, parameter fitting and robustness on awkward series.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "forecasting/forecast.hpp"

using namespace peaksim::forecasting;

namespace {

constexpr unsigned kSeed = 4242;

// Series from the SES model: y_t = l_{t-1} + e_t, l_t = l_{t-1} + alpha e_t, e ~ Normal(0, sd).
Batch simulate_ses(double alpha, int length, int series, double sd, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0, sd);
  Batch y(length, series);
  for (int s = 0; s < series; ++s) {
    double level = 100;
    for (int t = 0; t < length; ++t) {
      const double e = noise(rng);
      y(t, s) = level + e;
      level += alpha * e;
    }
  }
  return y;
}

bool finite_and_non_negative(const Forecast& f) {
  bool ok = f.mean.allFinite() && f.mean.minCoeff() >= 0;
  for (const Eigen::MatrixXd& q : f.quantiles) ok = ok && q.allFinite() && q.minCoeff() >= 0;
  return ok;
}

}  // namespace

TEST_CASE("Quantiles increase with the level for every method") {
  std::mt19937_64 rng(kSeed);
  Batch y = simulate_ses(0.3, 50, 5, 20, rng);
  for (int t = 0; t < 50; t += 3) y(t, 4) = 0;  // one intermittent-looking series
  const ForecastOptions options{.horizon = 9, .levels = {0.99, 0.5, 0.8, 0.05, 0.95, 0.9}};
  for (const Method method : kAllMethods) {
    INFO(method_name(method));
    const Forecast f = forecast(y, {.method = method}, options);
    CHECK(finite_and_non_negative(f));
    std::vector<std::size_t> order(options.levels.size());
    for (std::size_t l = 0; l < order.size(); ++l) order[l] = l;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return options.levels[a] < options.levels[b]; });
    bool monotone = true;
    for (std::size_t k = 1; k < order.size(); ++k) {
      monotone = monotone && (f.quantiles[order[k]].array() >= f.quantiles[order[k - 1]].array()).all();
    }
    CHECK(monotone);
  }
}

TEST_CASE("The 80% interval covers 80% of next values of i.i.d. Normal series") {
  std::mt19937_64 rng(kSeed + 1);
  const int length = 200, series = 2000;
  std::normal_distribution<double> normal(100, 10);
  Batch history(length, series);
  std::vector<double> next(series);
  for (int s = 0; s < series; ++s) {
    for (int t = 0; t < length; ++t) history(t, s) = normal(rng);
    next[s] = normal(rng);
  }
  const Forecast f = forecast(history, {.method = Method::kSes}, {.horizon = 1, .levels = {0.1, 0.9}});
  int covered = 0;
  for (int s = 0; s < series; ++s) covered += f.quantiles[0](0, s) <= next[s] && next[s] <= f.quantiles[1](0, s);
  const double coverage = static_cast<double>(covered) / series;
  const double tolerance = 4 * std::sqrt(0.8 * 0.2 / series);  // four binomial standard deviations
  MESSAGE("seed " << kSeed + 1 << ", coverage " << coverage << ", 0.8 +/- " << tolerance);
  CHECK(std::abs(coverage - 0.8) <= tolerance);
}

TEST_CASE("Fitting finds the region of the true alpha on simulated SES data") {
  std::mt19937_64 rng(kSeed + 2);
  for (const double alpha : {0.15, 0.5, 0.85}) {
    const Batch y = simulate_ses(alpha, 400, 40, 5, rng);
    const Forecast f = forecast(y, {.method = Method::kSes}, {.horizon = 1, .non_negative = false});
    std::vector<double> fitted;
    for (const Params& p : f.params) fitted.push_back(p.alpha);
    std::sort(fitted.begin(), fitted.end());
    const double median = fitted[fitted.size() / 2];
    MESSAGE("seed " << kSeed + 2 << ", true alpha " << alpha << ", median fitted " << median << ", tolerance 0.1");
    CHECK(std::abs(median - alpha) <= 0.1);
  }
}

TEST_CASE("Constant, all-zero and short series give finite non-negative forecasts and say why") {
  Batch y = Batch::Constant(10, 3, 4.0);
  y.col(1).setZero();
  for (int t = 0; t < 10; ++t) y(t, 2) = t % 2 == 0 ? 1.0 : 6.0;
  for (const Method method : kAllMethods) {
    INFO(method_name(method));
    const Forecast f = forecast(y, {.method = method, .window = 3, .period = 7}, {.horizon = 8});
    CHECK(finite_and_non_negative(f));
    CHECK((f.flags[0] & kFlagConstant) != 0);
    CHECK((f.flags[1] & kFlagAllZero) != 0);
    CHECK(f.mean.col(1).isZero());
    CHECK(f.quantiles.back().col(1).isZero());
    if (method == Method::kSba) {
      CHECK(f.mean(0, 0) == doctest::Approx(4.0 * (1 - f.params[0].alpha / 2)));
    } else {
      CHECK(f.mean.col(0).isApproxToConstant(4.0));
    }
    const bool seasonal = method == Method::kHoltWintersAdditive || method == Method::kHoltWintersMultiplicative ||
                          method == Method::kHoltWintersDouble;
    CHECK(((f.flags[2] & kFlagShortSeries) != 0) == seasonal);  // 10 < 2 x 7 (and 2 x 364)
    if (seasonal) CHECK(f.used[2] == Method::kSes);
  }
  const Batch short_one = Batch::Constant(3, 1, 2.0);
  const Forecast naive = forecast(short_one, {.method = Method::kSeasonalNaive, .period = 7}, {.horizon = 2});
  CHECK((naive.flags[0] & kFlagShortSeries) != 0);
  CHECK(naive.mean(1, 0) == 2.0);
}

TEST_CASE("Bad input is refused") {
  Batch y = Batch::Ones(5, 2);
  CHECK_THROWS_AS(forecast(Batch(0, 0), {}), std::invalid_argument);
  CHECK_THROWS_AS(forecast(y, {}, {.horizon = 0}), std::invalid_argument);
  CHECK_THROWS_AS(forecast(y, {}, {.horizon = 3, .levels = {0.5, 1.0}}), std::invalid_argument);
  y(2, 1) = std::numeric_limits<double>::infinity();  // NaN is a missing value (test_missing_values.cpp)
  CHECK_THROWS_AS(forecast(y, {}), std::invalid_argument);
  y(2, 1) = 1;
  y(0, 0) = std::nan("");  // nothing to start from
  CHECK_THROWS_AS(forecast(y, {}), std::invalid_argument);
}
