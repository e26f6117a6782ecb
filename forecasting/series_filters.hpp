// The filters of kernels.hpp one series at a time, over a time-major batch: the body of a CUDA thread
// (cuda/filters.cu launches one per series) and, compiled as host code, what tests/test_device_code_on_cpu.cpp
// runs for every series on the CPU, so that the device's code is tested without a device. Each body is the loop
// over time around recursions.hpp's steps. Only C++17 and host_device.hpp's spellings: nvcc compiles this file.
#pragma once

#include "forecasting/host_device.hpp"
#include "forecasting/kernels.hpp"
#include "forecasting/recursions.hpp"

namespace peaksim::forecasting {

// The runtime-period Holt-Winters body keeps its season in a per-series array of this size.
constexpr int kMaxSeriesPeriod = 64;

// A batch as plain pointers (device memory in the kernels, host memory on the CPU). Input and output arrays are
// laid out as kernels.hpp's FilterInput and FilterOutput; parameters a filter does not use may be null.
template <typename Real>
struct SeriesFilterArgs {
  int series, steps, horizon, period;
  const Real* __restrict__ y;
  const Real* __restrict__ alpha;
  const Real* __restrict__ beta;
  const Real* __restrict__ gamma;
  const Real* __restrict__ phi;
  Real* __restrict__ sse;
  Real* __restrict__ level;
  Real* __restrict__ trend;
  Real* __restrict__ season;      // period x series; double season: (period + period2) x series
  Real* __restrict__ path;        // horizon x series
  Real* __restrict__ occurrence;  // series: the intermittent filters' interval or probability
  int period2;                    // double-seasonal Holt-Winters: the second season
  const Real* __restrict__ delta;

  PEAKSIM_HD std::size_t at(int t, int s) const { return static_cast<std::size_t>(t) * series + s; }
  PEAKSIM_HD Strided<const Real> values(int s) const { return strided(y + s, static_cast<std::size_t>(series)); }
  PEAKSIM_HD Real value(int t, int s) const { return read_only(y + at(t, s)); }
};

template <typename Real>
PEAKSIM_HD inline void ses_series(const SeriesFilterArgs<Real>& a, int s) {
  const Real alpha = a.alpha[s];
  Real level = a.y[s], sse = 0;
  for (int t = 1; t < a.steps; ++t) {
    const Real e = ses_step(a.value(t, s), alpha, level).error;
    sse += e * e;
  }
  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = 0;
  for (int h = 0; h < a.horizon; ++h) a.path[a.at(h, s)] = level;
}

template <typename Real>
PEAKSIM_HD inline void holt_series(const SeriesFilterArgs<Real>& a, int s) {
  const Real alpha = a.alpha[s], beta = a.beta[s], phi = a.phi[s];
  Real level, trend, sse = 0;
  holt_start(a.values(s), a.steps, level, trend);
  for (int t = 1; t < a.steps; ++t) {
    const Real e = holt_step(a.value(t, s), alpha, beta, phi, level, trend).error;
    sse += e * e;
  }
  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = trend;
  DampedSum<Real> damped;
  for (int h = 0; h < a.horizon; ++h) a.path[a.at(h, s)] = trend_forecast(level, damped.next(phi), trend);
}

// season[i] for a run-time i. With a compile-time period the array must only be indexed by constants, or on the
// device it would leave the registers for local memory, so the entry is picked by comparisons.
template <int kPeriod, typename Real>
PEAKSIM_HD inline Real season_at(const Real* season, int i) {
  if constexpr (kPeriod > 0) {
    Real value = season[0];
    PEAKSIM_UNROLL
    for (int k = 1; k < kPeriod; ++k) value = i == k ? season[k] : value;
    return value;
  } else {
    return season[i];
  }
}

// kPeriod > 0: the period is known at compile time, the time loop is unrolled by it and on the device the season
// lives in registers. kPeriod == 0: the period comes from the arguments (<= kMaxSeriesPeriod) and the season is a
// local array.
template <bool kMultiplicative, int kPeriod, typename Real>
PEAKSIM_HD inline void holt_winters_series(const SeriesFilterArgs<Real>& a, int s) {
  constexpr int kSlots = kPeriod > 0 ? kPeriod : kMaxSeriesPeriod;
  const int m = kPeriod > 0 ? kPeriod : a.period;
  const Real alpha = a.alpha[s], beta = a.beta[s], gamma = a.gamma[s], phi = a.phi[s];
  Real season[kSlots];
  Real mean1, trend, level;
  start_from_two_seasons(a.values(s), m, mean1, trend, level);
  PEAKSIM_UNROLL
  for (int i = 0; i < kSlots; ++i) {
    if (i >= m) break;
    season[i] = initial_season_index<kMultiplicative>(a.y[a.at(i, s)], mean1, trend, i, m);
  }

  Real sse = 0;
  if constexpr (kPeriod > 0) {
    for (int t0 = m; t0 < a.steps; t0 += kPeriod) {  // t0 mod m == 0
      PEAKSIM_UNROLL
      for (int i = 0; i < kPeriod; ++i) {
        if (t0 + i < a.steps) {
          const Real e =
              holt_winters_step<kMultiplicative>(a.value(t0 + i, s), alpha, beta, gamma, phi, level, trend, season[i])
                  .error;
          sse += e * e;
        }
      }
    }
  } else {
    for (int t = m, i = 0; t < a.steps; ++t, i = i + 1 == m ? 0 : i + 1) {
      const Real e =
          holt_winters_step<kMultiplicative>(a.value(t, s), alpha, beta, gamma, phi, level, trend, season[i]).error;
      sse += e * e;
    }
  }

  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = trend;
  PEAKSIM_UNROLL
  for (int i = 0; i < kSlots; ++i) {
    if (i >= m) break;
    a.season[a.at(i, s)] = season[i];
  }
  DampedSum<Real> damped;
  for (int h = 1; h <= a.horizon; ++h) {
    const Real base = trend_forecast(level, damped.next(phi), trend);
    a.path[a.at(h - 1, s)] =
        seasonal_forecast<kMultiplicative>(base, season_at<kPeriod>(season, (a.steps - 1 + h) % m));
  }
}

// The two seasons (up to a year of daily indices) do not fit in registers, so they live in the output array
// `season`, time-major like the input: at each step a warp touches 32 consecutive entries of one row.
template <typename Real>
PEAKSIM_HD inline void double_seasonal_series(const SeriesFilterArgs<Real>& a, int s) {
  const int m1 = a.period, m2 = a.period2;
  const Real alpha = a.alpha[s], beta = a.beta[s], gamma = a.gamma[s], delta = a.delta[s], phi = a.phi[s];
  const auto rows = static_cast<std::size_t>(a.series);
  const Strided<Real> d = strided(a.season + s, rows);
  const Strided<Real> w = strided(a.season + static_cast<std::size_t>(m1) * rows + s, rows);
  Real trend, level;
  double_seasonal_start(a.values(s), m1, m2, level, trend, d, w);
  Real sse = 0;
  for (int t = m2, i = 0, k = m2 % m1; t < a.steps; ++t) {  // i = t mod m2, k = t mod m1
    const Real e = double_seasonal_step(a.value(t, s), alpha, beta, gamma, delta, phi, level, trend, d[k], w[i]).error;
    sse += e * e;
    i = i + 1 == m2 ? 0 : i + 1;
    k = k + 1 == m1 ? 0 : k + 1;
  }
  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = trend;
  DampedSum<Real> damped;
  for (int h = 1; h <= a.horizon; ++h) {
    const Real base = trend_forecast(level, damped.next(phi), trend);
    a.path[a.at(h - 1, s)] = base + d[(a.steps - 1 + h) % m1] + w[(a.steps - 1 + h) % m2];
  }
}

// Croston and SBA (kTsb false) or TSB; `sba` picks SBA's factor.
template <bool kTsb, typename Real>
PEAKSIM_HD inline void intermittent_series(const SeriesFilterArgs<Real>& a, int s, bool sba) {
  const Real alpha = a.alpha[s], beta = kTsb ? a.beta[s] : Real(0);
  const Real factor = croston_factor(sba, alpha);
  Real size = 0, occurrence = 0, since = 1, started = 0, sse = 0;
  for (int t = 0; t < a.steps; ++t) {
    const Real e = intermittent_step<kTsb>(a.value(t, s), factor, alpha, beta, size, occurrence, since, started);
    sse += e * e;
  }
  a.sse[s] = sse;
  a.level[s] = size;
  a.trend[s] = 0;
  a.occurrence[s] = occurrence;
  const Real forecast = intermittent_forecast<kTsb>(factor, size, occurrence, started);
  for (int h = 0; h < a.horizon; ++h) a.path[a.at(h, s)] = forecast;
}

// Which body a filter runs; kPeriod > 0 only for Holt-Winters with that compile-time period.
template <Filter kFilter, int kPeriod, typename Real>
PEAKSIM_HD inline void filter_series(const SeriesFilterArgs<Real>& a, int s) {
  if constexpr (kFilter == Filter::kSes) {
    ses_series(a, s);
  } else if constexpr (kFilter == Filter::kHoltDamped) {
    holt_series(a, s);
  } else if constexpr (kFilter == Filter::kHoltWintersAdditive) {
    holt_winters_series<false, kPeriod>(a, s);
  } else if constexpr (kFilter == Filter::kHoltWintersMultiplicative) {
    holt_winters_series<true, kPeriod>(a, s);
  } else if constexpr (kFilter == Filter::kCroston || kFilter == Filter::kSba) {
    intermittent_series<false>(a, s, kFilter == Filter::kSba);
  } else if constexpr (kFilter == Filter::kTsb) {
    intermittent_series<true>(a, s, false);
  } else {
    double_seasonal_series(a, s);
  }
}

// Calls launch.template run<kFilter, kPeriod>() for the filter of `filter`: the one place that decides which
// compiled body serves a batch (period 7, the weekly season of daily data, gets a compile-time one).
template <typename Launch>
void dispatch_filter(Filter filter, int period, Launch& launch) {
  switch (filter) {
    case Filter::kSes:
      return launch.template run<Filter::kSes, 0>();
    case Filter::kHoltDamped:
      return launch.template run<Filter::kHoltDamped, 0>();
    case Filter::kHoltWintersAdditive:
      return period == 7 ? launch.template run<Filter::kHoltWintersAdditive, 7>()
                         : launch.template run<Filter::kHoltWintersAdditive, 0>();
    case Filter::kHoltWintersMultiplicative:
      return period == 7 ? launch.template run<Filter::kHoltWintersMultiplicative, 7>()
                         : launch.template run<Filter::kHoltWintersMultiplicative, 0>();
    case Filter::kCroston:
      return launch.template run<Filter::kCroston, 0>();
    case Filter::kSba:
      return launch.template run<Filter::kSba, 0>();
    case Filter::kTsb:
      return launch.template run<Filter::kTsb, 0>();
    case Filter::kHoltWintersDouble:
      return launch.template run<Filter::kHoltWintersDouble, 0>();
  }
}

}  // namespace peaksim::forecasting
