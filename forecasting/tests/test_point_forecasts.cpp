// Point forecasts of every method against plain loops written here, in the textbook (component) form, on random
// series; and hand-checked cases.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "forecasting/forecast.hpp"

using namespace peaksim::forecasting;

namespace {

constexpr unsigned kSeed = 20261128;
constexpr double kTolerance = 1e-9;

// S random series of length T: level + weekly pattern + trend + noise, positive; every third one intermittent.
Batch random_batch(int length, int series, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0, 3);
  std::bernoulli_distribution demand(0.3);
  Batch y(length, series);
  for (int s = 0; s < series; ++s) {
    for (int t = 0; t < length; ++t) {
      const double regular = 50 + 8 * std::sin(2 * std::numbers::pi * (t % 7) / 7.0) + 0.1 * t + noise(rng);
      y(t, s) = s % 3 == 2 ? (demand(rng) ? std::round(std::abs(regular) / 10) : 0.0) : std::max(1.0, regular);
    }
  }
  return y;
}

double damped(double phi, int h) {
  double sum = 0;
  for (int j = 1; j <= h; ++j) sum += std::pow(phi, j);
  return sum;
}

// The reference forecasts, one series at a time, with the parameters the library reports.
std::vector<double> reference(const ModelSpec& spec, const Params& p, const std::vector<double>& y, int horizon) {
  const int n = static_cast<int>(y.size()), m = spec.period;
  std::vector<double> out(horizon);
  if (spec.method == Method::kMovingAverage) {
    double sum = 0;
    for (int t = n - spec.window; t < n; ++t) sum += y[t];
    std::fill(out.begin(), out.end(), sum / spec.window);
  } else if (spec.method == Method::kSeasonalNaive) {
    for (int h = 1; h <= horizon; ++h) out[h - 1] = y[n - m + (h - 1) % m];
  } else if (spec.method == Method::kSes) {
    double level = y[0];
    for (int t = 1; t < n; ++t) level = p.alpha * y[t] + (1 - p.alpha) * level;
    std::fill(out.begin(), out.end(), level);
  } else if (spec.method == Method::kHoltDamped) {
    double level = y[0], trend = (y[3] - y[0]) / 3;
    for (int t = 1; t < n; ++t) {
      const double previous = level;
      level = p.alpha * y[t] + (1 - p.alpha) * (level + p.phi * trend);
      trend = p.beta * (level - previous) + (1 - p.beta) * p.phi * trend;
    }
    for (int h = 1; h <= horizon; ++h) out[h - 1] = level + damped(p.phi, h) * trend;
  } else if (spec.method == Method::kHoltWintersAdditive || spec.method == Method::kHoltWintersMultiplicative) {
    const bool mult = spec.method == Method::kHoltWintersMultiplicative;
    double first = 0, second = 0;
    for (int i = 0; i < m; ++i) first += y[i] / m, second += y[m + i] / m;
    double trend = (second - first) / m, level = first + (m - 1) * trend / 2;
    std::vector<double> s(m);
    for (int i = 0; i < m; ++i) {
      const double line = first + (i - (m - 1) / 2.0) * trend;
      s[i] = mult ? y[i] / line : y[i] - line;
    }
    for (int t = m; t < n; ++t) {
      const double base = level + p.phi * trend, previous = level, old_season = s[t % m];
      level = p.alpha * (mult ? y[t] / old_season : y[t] - old_season) + (1 - p.alpha) * base;
      trend = p.beta * (level - previous) + (1 - p.beta) * p.phi * trend;
      s[t % m] = p.gamma * (mult ? y[t] / base : y[t] - base) + (1 - p.gamma) * old_season;
    }
    for (int h = 1; h <= horizon; ++h) {
      const double base = level + damped(p.phi, h) * trend;
      out[h - 1] = mult ? base * s[(n - 1 + h) % m] : base + s[(n - 1 + h) % m];
    }
  } else if (spec.method == Method::kTsb) {
    int start = 0;
    while (y[start] == 0) ++start;
    double size = y[start], probability = 1.0 / (start + 1);
    for (int t = start + 1; t < n; ++t) {
      probability = p.beta * (y[t] > 0 ? 1 : 0) + (1 - p.beta) * probability;
      if (y[t] > 0) size = p.alpha * y[t] + (1 - p.alpha) * size;
    }
    std::fill(out.begin(), out.end(), probability * size);
  } else {  // Croston and SBA: exponential smoothing of the demand sizes and of the intervals between demands
    std::vector<double> sizes, intervals;
    int last = -1;
    for (int t = 0; t < n; ++t) {
      if (y[t] > 0) sizes.push_back(y[t]), intervals.push_back(t - last), last = t;
    }
    double size = sizes[0], interval = intervals[0];
    for (std::size_t i = 1; i < sizes.size(); ++i) {
      size = p.alpha * sizes[i] + (1 - p.alpha) * size;
      interval = p.alpha * intervals[i] + (1 - p.alpha) * interval;
    }
    const double factor = spec.method == Method::kSba ? 1 - p.alpha / 2 : 1;
    std::fill(out.begin(), out.end(), factor * size / interval);
  }
  return out;
}

}  // namespace

TEST_CASE("Every method's point forecasts match a plain loop on random series") {
  std::mt19937_64 rng(kSeed);
  const Batch y = random_batch(60, 9, rng);
  const ForecastOptions options{.horizon = 10, .levels = {0.5}, .non_negative = false};
  for (const Method method :
       {Method::kMovingAverage, Method::kSeasonalNaive, Method::kSes, Method::kHoltDamped, Method::kHoltWintersAdditive,
        Method::kHoltWintersMultiplicative, Method::kCroston, Method::kSba, Method::kTsb}) {
    const ModelSpec spec{.method = method, .window = 5, .period = 7};
    const Forecast f = forecast(y, spec, options);
    double error = 0;
    for (int s = 0; s < y.cols(); ++s) {
      const std::vector<double> series(y.col(s).begin(), y.col(s).end());
      const std::vector<double> expected = reference(spec, f.params[s], series, options.horizon);
      if (f.used[s] != method) {  // multiplicative season on an intermittent series: the additive fallback
        CHECK((method == Method::kHoltWintersMultiplicative && (f.flags[s] & kFlagNonPositive) != 0));
        continue;
      }
      for (int h = 0; h < options.horizon; ++h) {
        error = std::max(error, std::abs(f.mean(h, s) - expected[h]) / std::max(1.0, std::abs(expected[h])));
      }
    }
    MESSAGE(method_name(method) << ": seed " << kSeed << ", max relative error " << error << ", tolerance "
                                << kTolerance);
    CHECK(error <= kTolerance);
  }
}

TEST_CASE("SES with alpha = 1 is the naive forecast") {
  std::mt19937_64 rng(kSeed + 1);
  const Batch y = random_batch(30, 6, rng);
  const Forecast f = forecast(y, {.method = Method::kSes, .fixed = Params{.alpha = 1}}, {.horizon = 5});
  for (int s = 0; s < y.cols(); ++s) {
    for (int h = 0; h < 5; ++h) CHECK(f.mean(h, s) == y(29, s));
  }
}

TEST_CASE("Seasonal naive repeats the last season") {
  std::mt19937_64 rng(kSeed + 2);
  const Batch y = random_batch(40, 4, rng);
  const Forecast f = forecast(y, {.method = Method::kSeasonalNaive, .period = 7}, {.horizon = 21});
  for (int s = 0; s < y.cols(); ++s) {
    for (int h = 0; h < 21; ++h) CHECK(f.mean(h, s) == y(40 - 7 + h % 7, s));
  }
}

TEST_CASE("Holt-Winters recovers a noiseless seasonal plus trend series") {
  const double pattern[7] = {-6, -2, 0, 1, 2, 4, 1};  // sums to zero
  const int length = 56, horizon = 14;
  Batch y(length, 2);
  for (int t = 0; t < length; ++t) y(t, 0) = 20 + 0.5 * t + pattern[t % 7], y(t, 1) = 80 - 0.25 * t + pattern[t % 7];
  const Forecast f = forecast(y, {.method = Method::kHoltWintersAdditive, .period = 7}, {.horizon = horizon});
  double error = 0;
  for (int h = 1; h <= horizon; ++h) {
    const int t = length - 1 + h;
    error = std::max(error, std::abs(f.mean(h - 1, 0) - (20 + 0.5 * t + pattern[t % 7])));
    error = std::max(error, std::abs(f.mean(h - 1, 1) - (80 - 0.25 * t + pattern[t % 7])));
  }
  MESSAGE("max error " << error << ", tolerance 1e-8");
  CHECK(error <= 1e-8);
}

TEST_CASE("Croston, SBA and TSB match a hand-checked intermittent series") {
  // Demands 3, 2, 4 at t = 2, 6, 8; alpha = beta = 0.5. Croston: size 3 -> 2.5 -> 3.25, interval 3 -> 3.5 -> 2.75.
  // TSB: probability 1/3, then x1/2 per zero and +(1 - p)/2 per demand: 121/384 at the end; size as Croston.
  Batch y(10, 1);
  y << 0, 0, 3, 0, 0, 0, 2, 0, 4, 0;
  const Params p{.alpha = 0.5, .beta = 0.5};
  CHECK(forecast(y, {.method = Method::kCroston, .fixed = p}).mean(0, 0) == doctest::Approx(13.0 / 11));
  CHECK(forecast(y, {.method = Method::kSba, .fixed = p}).mean(0, 0) == doctest::Approx(0.75 * 13.0 / 11));
  CHECK(forecast(y, {.method = Method::kTsb, .fixed = p}).mean(0, 0) == doctest::Approx(121.0 / 384 * 3.25));
}

TEST_CASE("method keys: each method has one key, and the key finds the method back") {
  for (const Method method : kAllMethods) {
    CHECK(method_from_key(method_key(method)) == method);
  }
  CHECK(method_key(Method::kHoltWintersAdditive) == "holt_winters_additive");
  CHECK_FALSE(method_from_key("holt_winters").has_value());
}

namespace {

// Double-seasonal Holt-Winters (Taylor 2003) in the textbook component form, one series, with the initial state of
// docs/forecasting.md: trend and level from the first two long seasons' means, the detrended first long season
// split into the short season's mean profile and the rest.
std::vector<double> double_seasonal_reference(int m1, int m2, const Params& p, const std::vector<double>& y,
                                              int horizon) {
  const int n = static_cast<int>(y.size());
  double first = 0, second = 0;
  for (int i = 0; i < m2; ++i) first += y[i], second += y[m2 + i];
  first /= m2, second /= m2;
  double trend = (second - first) / m2, level = first + (m2 - 1) * trend / 2;
  std::vector<double> detrended(m2), d(m1, 0.0), w(m2);
  std::vector<int> members(m1, 0);
  for (int i = 0; i < m2; ++i) {
    detrended[i] = y[i] - (first + (i - (m2 - 1) / 2.0) * trend);
    d[i % m1] += detrended[i], members[i % m1] += 1;
  }
  for (int k = 0; k < m1; ++k) d[k] /= members[k];
  for (int i = 0; i < m2; ++i) w[i] = detrended[i] - d[i % m1];
  for (int t = m2; t < n; ++t) {
    const double base = level + p.phi * trend, previous = level, old_d = d[t % m1], old_w = w[t % m2];
    level = p.alpha * (y[t] - old_d - old_w) + (1 - p.alpha) * base;
    trend = p.beta * (level - previous) + (1 - p.beta) * p.phi * trend;
    d[t % m1] = p.gamma * (y[t] - base - old_w) + (1 - p.gamma) * old_d;
    w[t % m2] = p.delta * (y[t] - base - old_d) + (1 - p.delta) * old_w;
  }
  std::vector<double> out(horizon);
  for (int h = 1; h <= horizon; ++h) {
    out[h - 1] = level + damped(p.phi, h) * trend + d[(n - 1 + h) % m1] + w[(n - 1 + h) % m2];
  }
  return out;
}

// Daily series with a weekly pattern and a yearly one: a slow wave and a five-day peak from day 305 of each
// 364-day year, a trend, and Normal noise of standard deviation `noise` (0: exact).
Batch weekly_and_yearly(int length, int series, double noise, std::mt19937_64& rng) {
  const double week[7] = {-9, -4, -1, 0, 2, 5, 7};  // sums to zero
  std::normal_distribution<double> normal(0, 1);
  Batch y(length, series);
  for (int s = 0; s < series; ++s) {
    const double scale = 1 + 0.1 * s;
    for (int t = 0; t < length; ++t) {
      const int day = t % 364;
      const double peak = day >= 305 && day < 310 ? 40.0 : 0.0;
      const double year = 15 * std::sin(2 * std::numbers::pi * day / 364.0) + peak;
      y(t, s) = scale * (100 + 0.02 * t + week[t % 7] + year) + noise * normal(rng);
    }
  }
  return y;
}

double relative_error(const Forecast& f, int s, const std::vector<double>& expected) {
  double error = 0;
  for (std::size_t h = 0; h < expected.size(); ++h) {
    const double got = f.mean(static_cast<Eigen::Index>(h), s);
    error = std::max(error, std::abs(got - expected[h]) / std::max(1.0, std::abs(expected[h])));
  }
  return error;
}

}  // namespace

TEST_CASE("double-seasonal Holt-Winters matches the textbook loop, fitted and with fixed damped parameters") {
  std::mt19937_64 rng(kSeed + 3);
  const int m1 = 7, m2 = 30, horizon = 40;  // 30: the recursion does not need a multiple of 7
  Batch y = random_batch(130, 6, rng);
  for (int t = 0; t < y.rows(); ++t) y.row(t).array() += 6 * std::cos(2 * std::numbers::pi * t / m2);
  const ForecastOptions options{.horizon = horizon, .levels = {0.5}, .non_negative = false};
  const ModelSpec fitted{.method = Method::kHoltWintersDouble, .period = m1, .period2 = m2};
  ModelSpec damped_spec = fitted;
  damped_spec.fixed = Params{.alpha = 0.3, .beta = 0.2, .gamma = 0.15, .phi = 0.9, .delta = 0.25};
  for (const ModelSpec& spec : {fitted, damped_spec}) {
    const Forecast f = forecast(y, spec, options);
    double error = 0;
    for (int s = 0; s < y.cols(); ++s) {
      REQUIRE(f.used[s] == Method::kHoltWintersDouble);
      const std::vector<double> series(y.col(s).begin(), y.col(s).end());
      error = std::max(error, relative_error(f, s, double_seasonal_reference(m1, m2, f.params[s], series, horizon)));
    }
    const std::string which = spec.fixed ? "fixed damped" : "fitted";
    MESSAGE("double season 7 and 30, " << which << ": seed " << kSeed + 3 << ", max relative error " << error
                                       << ", tolerance 1e-12");
    CHECK(error <= 1e-12);
  }
}

TEST_CASE("double-seasonal Holt-Winters recovers a noiseless weekly plus yearly series with a trend") {
  std::mt19937_64 rng(kSeed + 4);
  const int length = 2 * 364 + 100, horizon = 60;  // the horizon crosses the yearly peak
  const Batch all = weekly_and_yearly(length + horizon, 3, 0.0, rng);
  const Forecast f = forecast(all.topRows(length), {.method = Method::kHoltWintersDouble, .period = 7, .period2 = 364},
                              {.horizon = horizon});
  double error = 0;
  for (int s = 0; s < all.cols(); ++s) {
    CHECK(f.used[s] == Method::kHoltWintersDouble);
    for (int h = 0; h < horizon; ++h) error = std::max(error, std::abs(f.mean(h, s) - all(length + h, s)));
  }
  MESSAGE("max error " << error << ", tolerance 1e-8");
  CHECK(error <= 1e-8);
}

TEST_CASE("on weekly plus yearly series the double season beats one weekly season on a holdout with the peak") {
  // Two and a half years of noisy daily data; the 28 held-out days hold the five-day yearly peak, which one
  // weekly season cannot know of and the second season has seen twice.
  std::mt19937_64 rng(kSeed + 5);
  const int length = 2 * 364 + 290, horizon = 28, series = 12;
  const Batch all = weekly_and_yearly(length + horizon, series, 3.0, rng);
  const Batch history = all.topRows(length);
  const ForecastOptions options{.horizon = horizon, .levels = {0.5}};
  const Forecast one = forecast(history, {.method = Method::kHoltWintersAdditive, .period = 7}, options);
  const Forecast two = forecast(history, {.method = Method::kHoltWintersDouble, .period = 7, .period2 = 364}, options);
  double mae_one = 0, mae_two = 0;
  for (int s = 0; s < series; ++s) {
    for (int h = 0; h < horizon; ++h) {
      mae_one += std::abs(one.mean(h, s) - all(length + h, s)) / (series * horizon);
      mae_two += std::abs(two.mean(h, s) - all(length + h, s)) / (series * horizon);
    }
  }
  MESSAGE("seed " << kSeed + 5 << ": holdout MAE one season " << mae_one << ", two seasons " << mae_two
                  << " (must be below half)");
  CHECK(mae_two < 0.5 * mae_one);
}

TEST_CASE("double-seasonal fits and forecasts do not depend on the number of threads") {
  std::mt19937_64 rng(kSeed + 6);
  const Batch y = weekly_and_yearly(2 * 364 + 40, 5, 3.0, rng);
  const ModelSpec spec{.method = Method::kHoltWintersDouble, .period = 7, .period2 = 364};
  const Forecast one = forecast(y, spec, {.horizon = 14, .threads = 1});
  const Forecast three = forecast(y, spec, {.horizon = 14, .threads = 3});
  CHECK(one.mean == three.mean);
  CHECK(one.sse == three.sse);
  for (std::size_t l = 0; l < one.quantiles.size(); ++l) CHECK(one.quantiles[l] == three.quantiles[l]);
  for (int s = 0; s < y.cols(); ++s) {
    CHECK(one.params[s].alpha == three.params[s].alpha);
    CHECK(one.params[s].delta == three.params[s].delta);
  }
}

TEST_CASE("double-seasonal Holt-Winters: short series fall back to SES, flagged; bad periods are refused") {
  std::mt19937_64 rng(kSeed + 7);
  const Batch y = weekly_and_yearly(2 * 364 - 1, 2, 3.0, rng);
  const Forecast f = forecast(y, {.method = Method::kHoltWintersDouble, .period = 7, .period2 = 364}, {.horizon = 3});
  for (int s = 0; s < 2; ++s) {
    CHECK(f.used[s] == Method::kSes);
    CHECK((f.flags[s] & kFlagShortSeries) != 0);
  }
  CHECK_THROWS_AS(forecast(y, {.method = Method::kHoltWintersDouble, .period = 7, .period2 = 7}),
                  std::invalid_argument);
  CHECK_THROWS_AS(forecast(y, {.method = Method::kHoltWintersDouble, .period = 0, .period2 = 7}),
                  std::invalid_argument);
}
