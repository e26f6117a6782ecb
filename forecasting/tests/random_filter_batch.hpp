// Random time-major series for the filter tests (test_kernels, test_cuda_parity): level, trend, a weekly season,
// optionally a second 12-step season, and noise, kept positive so the multiplicative season applies; and stable
// smoothing parameters per series (delta, the second season's, from a generator of its own so that the other
// draws stay as they were). Or intermittent counts for Croston, SBA and TSB (see intermittent()). Value t of
// series s is y[t * series + s].
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "forecasting/forecast.hpp"
#include "forecasting/kernels.hpp"
#include "forecasting/models.hpp"

namespace peaksim::forecasting::testing {

template <typename Real>
struct RandomFilterBatch {
  int series = 0, steps = 0;
  std::vector<Real> y, alpha, beta, gamma, phi, delta;

  RandomFilterBatch() = default;

  // `second_season`: amplitude of the 12-step season as a fraction of the weekly one (0: none).
  RandomFilterBatch(int series_count, int step_count, std::uint64_t seed, double second_season = 0)
      : series(series_count), steps(step_count) {
    std::mt19937_64 rng(seed);
    std::mt19937_64 delta_rng(seed + kDeltaSeedOffset);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 1.0);
    y.resize(static_cast<std::size_t>(steps) * series);
    for (int s = 0; s < series; ++s) {
      const double level = 20 + 80 * unit(rng), slope = 0.05 * (unit(rng) - 0.5);
      const double week = 0.3 * level * unit(rng), sd = 0.1 * level * unit(rng);
      for (int t = 0; t < steps; ++t) {
        const double v = level + slope * t + week * std::sin(2 * M_PI * t / 7) +
                         second_season * week * std::cos(2 * M_PI * t / 12) + sd * noise(rng);
        y[static_cast<std::size_t>(t) * series + s] = static_cast<Real>(std::max(v, 0.5));
      }
      alpha.push_back(static_cast<Real>(0.05 + 0.45 * unit(rng)));
      beta.push_back(static_cast<Real>(0.3 * unit(rng)));
      gamma.push_back(static_cast<Real>(0.3 * unit(rng)));
      phi.push_back(static_cast<Real>(0.85 + 0.15 * unit(rng)));
      delta.push_back(static_cast<Real>(0.3 * unit(delta_rng)));
    }
  }

  static constexpr std::uint64_t kDeltaSeedOffset = 1000003;

  // Intermittent demand: in each step a demand with probability p (per series, 0.03 to 0.6) of size 1 + a Poisson
  // count (mean 0 to 20), and alpha, beta in [0.02, 0.6]. The first series are the edge cases, while there are
  // enough series: no demand at all, one demand at the first step, one at the last, one in the middle, and a
  // demand in every step.
  static RandomFilterBatch intermittent(int series_count, int step_count, std::uint64_t seed) {
    RandomFilterBatch b;
    b.series = series_count;
    b.steps = step_count;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    b.y.assign(static_cast<std::size_t>(b.steps) * b.series, Real(0));
    const int only_demand[] = {-1, 0, b.steps - 1, b.steps / 2};  // the edge series 0-3: no demand or one
    for (int s = 0; s < b.series; ++s) {
      const double p = s == 4 ? 1.0 : 0.03 + 0.57 * unit(rng);
      std::poisson_distribution<int> extra(20 * unit(rng));
      for (int t = 0; t < b.steps; ++t) {
        const bool demand = s < 4 ? t == only_demand[s] : unit(rng) < p;
        if (demand) b.y[static_cast<std::size_t>(t) * b.series + s] = static_cast<Real>(1 + extra(rng));
      }
      b.alpha.push_back(static_cast<Real>(0.02 + 0.58 * unit(rng)));
      b.beta.push_back(static_cast<Real>(0.02 + 0.58 * unit(rng)));
      b.gamma.push_back(Real(0));
      b.phi.push_back(Real(1));
      b.delta.push_back(Real(0));
    }
    return b;
  }

  // The same batch in another precision (each value rounded once).
  template <typename Other>
  explicit RandomFilterBatch(const RandomFilterBatch<Other>& other)
      : series(other.series),
        steps(other.steps),
        y(other.y.begin(), other.y.end()),
        alpha(other.alpha.begin(), other.alpha.end()),
        beta(other.beta.begin(), other.beta.end()),
        gamma(other.gamma.begin(), other.gamma.end()),
        phi(other.phi.begin(), other.phi.end()),
        delta(other.delta.begin(), other.delta.end()) {}

  // period2: the double-seasonal filter's second season (ignored by the others).
  FilterInput<Real> input(Filter filter, int period, int horizon, int period2 = 0) const {
    return {filter,       period,      series,       steps,      horizon, y.data(),
            alpha.data(), beta.data(), gamma.data(), phi.data(), period2, delta.data()};
  }

  // The same batch with missing observations (NaN) every 13th step from a per-series offset, the first step
  // excepted, so that the initial windows have some too.
  RandomFilterBatch with_holes() const {
    RandomFilterBatch b = *this;
    for (int s = 0; s < b.series; ++s) {
      for (int t = 1 + s % 13; t < b.steps; t += 13) {
        b.y[static_cast<std::size_t>(t) * b.series + s] = std::numeric_limits<Real>::quiet_NaN();
      }
    }
    return b;
  }

  std::vector<double> column(int s) const {
    std::vector<double> c(steps);
    for (int t = 0; t < steps; ++t) c[t] = static_cast<double>(y[static_cast<std::size_t>(t) * series + s]);
    return c;
  }

  // Mean absolute value of series s, at least 1 (a unit of demand, for series of few or no demands): the scale
  // errors are measured against.
  double scale(int s) const {
    double sum = 0;
    for (const double v : column(s)) sum += std::abs(v);
    return std::max(1.0, sum / steps);
  }
};

// A filter and its seasons, as the backends are compared on them.
struct FilterCase {
  Filter filter;
  int period;       // 7 runs the CUDA body with a compile-time period, 12 the run-time one
  int period2 = 0;  // the double-seasonal filter's second season (its seasons live in device memory)
};

// Every filter, Holt-Winters with periods 7 and 12, the double season with 7 and 12 and with 7 and `long_season`.
inline std::vector<FilterCase> filter_cases(int long_season) {
  return {{Filter::kSes, 7},
          {Filter::kHoltDamped, 7},
          {Filter::kHoltWintersAdditive, 7},
          {Filter::kHoltWintersAdditive, 12},
          {Filter::kHoltWintersMultiplicative, 7},
          {Filter::kHoltWintersMultiplicative, 12},
          {Filter::kCroston, 7},
          {Filter::kSba, 7},
          {Filter::kTsb, 7},
          {Filter::kHoltWintersDouble, 7, 12},
          {Filter::kHoltWintersDouble, 7, long_season}};
}

// Croston, SBA and TSB run on intermittent() batches, the others on smooth ones.
inline bool runs_on_counts(Filter filter) {
  return filter == Filter::kCroston || filter == Filter::kSba || filter == Filter::kTsb;
}

// The forecast method a filter runs: models.hpp's filter_for read the other way round.
inline Method method_of(Filter filter) {
  for (const Method m : kAllMethods)
    if (filter_for(m) == filter) return m;
  throw std::logic_error("no forecast method runs this filter");
}

}  // namespace peaksim::forecasting::testing
