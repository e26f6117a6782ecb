// Point forecasts of every method against plain loops written here, in the textbook (component) form, on random
// series; and hand-checked cases.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
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
  for (const Method method : {Method::kMovingAverage, Method::kSeasonalNaive, Method::kSes, Method::kHoltDamped,
                              Method::kHoltWintersAdditive, Method::kHoltWintersMultiplicative, Method::kCroston,
                              Method::kSba, Method::kTsb}) {
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
