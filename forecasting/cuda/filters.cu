// The filters of kernels.hpp on the device: one series per thread, time-major input, so that at each time step a
// warp reads 32 consecutive values (one 128-byte transaction in float). The arithmetic and its order are those
// of kernels.cpp (and models.cpp); the library compiles this file with --fmad=false so that no multiply-add is
// fused, which keeps float results equal to the CPU's up to the division and nothing else.
#include <algorithm>
#include <string>

#include "forecasting/cuda/cuda_backend.hpp"
#include "forecasting/cuda/device_memory.cuh"

namespace peaksim::forecasting::cuda {

namespace {

constexpr int kThreadsPerBlock = 128;
constexpr int kMaxPeriod = 64;  // the runtime-period kernel keeps the season in a per-thread array of this size

template <typename Real>
struct Args {
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
};

__device__ inline std::size_t at(int t, int series, int s) { return static_cast<std::size_t>(t) * series + s; }

// kernels.cpp's rule for a missing observation (NaN): error 0, so the state moves on by the prediction.
template <typename Real>
__device__ inline Real error(Real y, Real prediction) {
  return isnan(y) ? Real(0) : y - prediction;
}

template <typename Real>
__global__ void ses_kernel(Args<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= a.series) return;
  const Real alpha = a.alpha[s];
  Real level = a.y[s], sse = 0;
  for (int t = 1; t < a.steps; ++t) {
    const Real e = error(__ldg(a.y + at(t, a.series, s)), level);
    sse += e * e;
    level += alpha * e;
  }
  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = 0;
  for (int h = 0; h < a.horizon; ++h) a.path[at(h, a.series, s)] = level;
}

template <typename Real>
__global__ void holt_kernel(Args<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= a.series) return;
  const Real alpha = a.alpha[s], beta = a.beta[s], phi = a.phi[s];
  const int span = min(a.steps - 1, 3);
  int to = span;  // the last observed of y[1..span]
  while (to > 0 && isnan(a.y[at(to, a.series, s)])) --to;
  Real level = a.y[s];
  Real trend = to > 0 ? (a.y[at(to, a.series, s)] - level) / static_cast<Real>(to) : Real(0);
  Real sse = 0;
  for (int t = 1; t < a.steps; ++t) {
    const Real base = level + phi * trend;
    const Real e = error(__ldg(a.y + at(t, a.series, s)), base);
    sse += e * e;
    level = base + alpha * e;
    trend = phi * trend + alpha * beta * e;
  }
  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = trend;
  Real power = 1, damped = 0;
  for (int h = 0; h < a.horizon; ++h) {
    power *= phi;
    damped += power;
    a.path[at(h, a.series, s)] = level + damped * trend;
  }
}

// One Holt-Winters step: the same statements as kernels.cpp's inner loop.
template <bool kMultiplicative, typename Real>
__device__ inline void holt_winters_step(Real y, Real alpha, Real beta, Real gamma, Real phi, Real& level, Real& trend,
                                         Real& season, Real& sse) {
  const Real base = level + phi * trend;
  const Real prediction = kMultiplicative ? base * season : base + season;
  const Real e = error(y, prediction);
  sse += e * e;
  Real scaled = e;
  if constexpr (kMultiplicative) scaled = season == 0 ? Real(0) : e / season;
  level = base + alpha * scaled;
  trend = phi * trend + alpha * beta * scaled;
  if constexpr (kMultiplicative) {
    if (fabs(base) > static_cast<Real>(1e-12)) season = season + gamma * e / base;
  } else {
    season += gamma * e;
  }
}

// Season 1's mean, trend = (mean of season 2 - mean of season 1) / m and the level at the end of season 1, for
// seasons of length m: kernels.cpp's start_from_two_seasons for series s.
template <typename Real>
__device__ inline void start_from_two_seasons(const Args<Real>& a, int s, int m, Real& mean1, Real& trend,
                                              Real& level) {
  Real sum1 = 0, sum2 = 0, count1 = 0, count2 = 0;  // over the observed values
  for (int t = 0; t < m; ++t) {
    const Real y1 = a.y[at(t, a.series, s)], y2 = a.y[at(m + t, a.series, s)];
    sum1 += isnan(y1) ? Real(0) : y1;
    count1 += isnan(y1) ? Real(0) : Real(1);
    sum2 += isnan(y2) ? Real(0) : y2;
    count2 += isnan(y2) ? Real(0) : Real(1);
  }
  const Real none = nan("");
  mean1 = count1 > 0 ? sum1 / count1 : none;
  trend = ((count2 > 0 ? sum2 / count2 : none) - mean1) / static_cast<Real>(m);
  level = mean1 + static_cast<Real>(0.5 * (m - 1)) * trend;
}

// season[i] for a run-time i. With a compile-time period the array must only be indexed by constants, or it would
// leave the registers for local memory, so the entry is picked by comparisons.
template <int kPeriod, typename Real>
__device__ inline Real season_at(const Real* season, int i) {
  if constexpr (kPeriod > 0) {
    Real value = season[0];
#pragma unroll
    for (int k = 1; k < kPeriod; ++k) value = i == k ? season[k] : value;
    return value;
  } else {
    return season[i];
  }
}

// kPeriod > 0: the period is known at compile time, the time loop is unrolled by it and the season lives in
// registers. kPeriod == 0: the period comes from the arguments (<= kMaxPeriod) and the season is a local array.
template <bool kMultiplicative, int kPeriod, typename Real>
__global__ void holt_winters_kernel(Args<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= a.series) return;
  const int m = kPeriod > 0 ? kPeriod : a.period;
  const Real alpha = a.alpha[s], beta = a.beta[s], gamma = a.gamma[s], phi = a.phi[s];
  Real season[kPeriod > 0 ? kPeriod : kMaxPeriod];
  Real mean1, trend, level;
  start_from_two_seasons(a, s, m, mean1, trend, level);
#pragma unroll
  for (int i = 0; i < (kPeriod > 0 ? kPeriod : kMaxPeriod); ++i) {
    if (i >= m) break;
    const Real line = mean1 + static_cast<Real>(i - 0.5 * (m - 1)) * trend;
    const Real y = a.y[at(i, a.series, s)];
    if (isnan(y)) {
      season[i] = kMultiplicative ? Real(1) : Real(0);  // no seasonal effect known yet
    } else if constexpr (kMultiplicative) {
      season[i] = line > 0 ? y / line : Real(1);
    } else {
      season[i] = y - line;
    }
  }

  Real sse = 0;
  if constexpr (kPeriod > 0) {
    for (int t0 = m; t0 < a.steps; t0 += kPeriod) {  // t0 mod m == 0
#pragma unroll
      for (int i = 0; i < kPeriod; ++i) {
        if (t0 + i < a.steps) {
          holt_winters_step<kMultiplicative>(__ldg(a.y + at(t0 + i, a.series, s)), alpha, beta, gamma, phi, level,
                                             trend, season[i], sse);
        }
      }
    }
  } else {
    for (int t = m, i = 0; t < a.steps; ++t, i = i + 1 == m ? 0 : i + 1) {
      holt_winters_step<kMultiplicative>(__ldg(a.y + at(t, a.series, s)), alpha, beta, gamma, phi, level, trend,
                                         season[i], sse);
    }
  }

  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = trend;
#pragma unroll
  for (int i = 0; i < (kPeriod > 0 ? kPeriod : kMaxPeriod); ++i) {
    if (i >= m) break;
    a.season[at(i, a.series, s)] = season[i];
  }
  Real power = 1, damped = 0;
  for (int h = 1; h <= a.horizon; ++h) {
    power *= phi;
    damped += power;
    const Real base = level + damped * trend;
    const Real index = season_at<kPeriod>(season, (a.steps - 1 + h) % m);
    a.path[at(h - 1, a.series, s)] = kMultiplicative ? base * index : base + index;
  }
}

// Double-seasonal Holt-Winters: kernels.cpp's double_seasonal_start and double_seasonal_row. The two seasons (up
// to a year of daily indices) do not fit in registers, so they live in the output array `season`, time-major like
// the input: at each step a warp touches 32 consecutive entries of one row.
template <typename Real>
__global__ void double_seasonal_kernel(Args<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= a.series) return;
  const int m1 = a.period, m2 = a.period2;
  const Real alpha = a.alpha[s], beta = a.beta[s], gamma = a.gamma[s], delta = a.delta[s], phi = a.phi[s];
  Real* d = a.season + s;                                            // row k at d[k * series]
  Real* w = a.season + static_cast<std::size_t>(m1) * a.series + s;  // row i at w[i * series]
  const auto row = [&](int r) { return static_cast<std::size_t>(r) * a.series; };

  Real mean1, trend, level;
  start_from_two_seasons(a, s, m2, mean1, trend, level);
  for (int k = 0; k < m1; ++k) d[row(k)] = 0;
  for (int i = 0; i < m2; ++i) {
    const Real y = a.y[at(i, a.series, s)];
    const Real r = isnan(y) ? Real(0) : y - (mean1 + static_cast<Real>(i - 0.5 * (m2 - 1)) * trend);
    w[row(i)] = r;
    d[row(i % m1)] += r;
  }
  for (int k = 0; k < m1; ++k) {  // the mean over the observed i < m2 with i mod m1 == k
    Real n = 0;
    for (int i = k; i < m2; i += m1) n += isnan(a.y[at(i, a.series, s)]) ? Real(0) : Real(1);
    d[row(k)] = n > 0 ? d[row(k)] / n : Real(0);
  }
  for (int i = 0; i < m2; ++i) w[row(i)] = isnan(a.y[at(i, a.series, s)]) ? Real(0) : w[row(i)] - d[row(i % m1)];

  Real sse = 0;
  for (int t = m2, i = 0, k = m2 % m1; t < a.steps; ++t) {  // i = t mod m2, k = t mod m1
    const Real base = level + phi * trend;
    const Real dk = d[row(k)], wi = w[row(i)];
    const Real e = error(__ldg(a.y + at(t, a.series, s)), base + dk + wi);
    sse += e * e;
    level = base + alpha * e;
    trend = phi * trend + alpha * beta * e;
    d[row(k)] = dk + gamma * e;
    w[row(i)] = wi + delta * e;
    i = i + 1 == m2 ? 0 : i + 1;
    k = k + 1 == m1 ? 0 : k + 1;
  }
  a.sse[s] = sse;
  a.level[s] = level;
  a.trend[s] = trend;
  Real power = 1, damped = 0;
  for (int h = 1; h <= a.horizon; ++h) {
    power *= phi;
    damped += power;
    a.path[at(h - 1, a.series, s)] =
        level + damped * trend + d[row((a.steps - 1 + h) % m1)] + w[row((a.steps - 1 + h) % m2)];
  }
}

// Croston (kSba false) or SBA: models.cpp's run_croston, with the state before the first demand of kernels.cpp's
// croston_row (size = interval = 0, `since` counting from t = -1), so that the first demand sets size = y and
// interval = its position + 1. The arithmetic is run_croston's; the CPU applies the same branches as 0/1 masks.
template <bool kSba, typename Real>
__global__ void croston_kernel(Args<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= a.series) return;
  const Real alpha = a.alpha[s];
  const Real factor = kSba ? Real(1) - alpha / Real(2) : Real(1);
  Real size = 0, interval = 0, since = 1, sse = 0;
  bool started = false;
  for (int t = 0; t < a.steps; ++t) {
    const Real y = __ldg(a.y + at(t, a.series, s));
    if (isnan(y)) continue;  // a missing step is skipped: no update, not counted in the interval
    if (started) {
      const Real e = y - factor * size / interval;
      sse += e * e;
    }
    if (y != 0) {
      size = started ? size + alpha * (y - size) : y;
      interval = started ? interval + alpha * (since - interval) : since;
      since = 1;
      started = true;
    } else {
      since += 1;
    }
  }
  a.sse[s] = sse;
  a.level[s] = size;
  a.trend[s] = 0;
  a.occurrence[s] = interval;
  const Real forecast = started ? factor * size / interval : Real(0);
  for (int h = 0; h < a.horizon; ++h) a.path[at(h, a.series, s)] = forecast;
}

// TSB: models.cpp's run_tsb, started and since as in croston_kernel; the first demand sets probability =
// 1 / (its position + 1).
template <typename Real>
__global__ void tsb_kernel(Args<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s >= a.series) return;
  const Real alpha = a.alpha[s], beta = a.beta[s];
  Real size = 0, probability = 0, since = 1, sse = 0;
  bool started = false;
  for (int t = 0; t < a.steps; ++t) {
    const Real y = __ldg(a.y + at(t, a.series, s));
    if (isnan(y)) continue;  // a missing step is skipped: no update, not counted in the interval
    if (started) {
      const Real e = y - probability * size;
      sse += e * e;
    }
    if (y != 0) {
      probability = started ? probability + beta * (Real(1) - probability) : Real(1) / since;
      size = started ? size + alpha * (y - size) : y;
      since = 1;
      started = true;
    } else {
      if (started) probability = probability - beta * probability;
      since += 1;
    }
  }
  a.sse[s] = sse;
  a.level[s] = size;
  a.trend[s] = 0;
  a.occurrence[s] = probability;
  const Real forecast = started ? probability * size : Real(0);
  for (int h = 0; h < a.horizon; ++h) a.path[at(h, a.series, s)] = forecast;
}

template <bool kMultiplicative, typename Real>
void launch_holt_winters(const Args<Real>& args, int grid) {
  if (args.period == 7) {
    holt_winters_kernel<kMultiplicative, 7><<<grid, kThreadsPerBlock>>>(args);
  } else {
    holt_winters_kernel<kMultiplicative, 0><<<grid, kThreadsPerBlock>>>(args);
  }
}

}  // namespace

template <typename Real>
void run_filters(const FilterInput<Real>& in, FilterOutput<Real>& out, DeviceTiming& timing) {
  check_filter_input(in);
  const bool two_seasons = in.filter == Filter::kHoltWintersDouble;  // seasons in device memory: any period
  const bool seasonal =
      in.filter == Filter::kHoltWintersAdditive || in.filter == Filter::kHoltWintersMultiplicative || two_seasons;
  if (seasonal && !two_seasons && in.period > kMaxPeriod) {
    throw std::invalid_argument("CUDA backend: Holt-Winters periods up to " + std::to_string(kMaxPeriod) +
                                " are supported, got " + std::to_string(in.period));
  }
  const auto series = static_cast<std::size_t>(in.series);
  const std::size_t values = series * in.steps;
  const std::size_t seasons = seasonal ? series * (two_seasons ? in.period + in.period2 : in.period) : 0;
  const std::size_t paths = series * in.horizon;
  const bool intermittent = in.filter == Filter::kCroston || in.filter == Filter::kSba || in.filter == Filter::kTsb;
  const std::size_t occurrences = intermittent ? series : 0;
  require_device_memory((values + 8 * series + seasons + paths + occurrences) * sizeof(Real), "the filter batch");

  DeviceBuffer<Real> y(values), alpha(series), beta(series), gamma(series), phi(series),
      delta(two_seasons ? series : 0);
  DeviceBuffer<Real> sse(series), level(series), trend(series), season(seasons), path(paths), occurrence(occurrences);
  Stopwatch clock;
  clock.start();
  y.upload(in.y, values);
  alpha.upload(in.alpha, series);
  if (in.beta != nullptr) beta.upload(in.beta, series);
  if (in.gamma != nullptr) gamma.upload(in.gamma, series);
  if (in.phi != nullptr) phi.upload(in.phi, series);
  if (two_seasons) delta.upload(in.delta, series);
  timing.upload_s = clock.stop();

  const Args<Real> args{in.series,    in.steps,    in.horizon,       in.period,  y.get(),     alpha.get(),
                        beta.get(),   gamma.get(), phi.get(),        sse.get(),  level.get(), trend.get(),
                        season.get(), path.get(),  occurrence.get(), in.period2, delta.get()};
  const int grid = static_cast<int>((series + kThreadsPerBlock - 1) / kThreadsPerBlock);
  clock.start();
  switch (in.filter) {
    case Filter::kSes:
      ses_kernel<<<grid, kThreadsPerBlock>>>(args);
      break;
    case Filter::kHoltDamped:
      holt_kernel<<<grid, kThreadsPerBlock>>>(args);
      break;
    case Filter::kHoltWintersAdditive:
      launch_holt_winters<false>(args, grid);
      break;
    case Filter::kHoltWintersMultiplicative:
      launch_holt_winters<true>(args, grid);
      break;
    case Filter::kCroston:
      croston_kernel<false><<<grid, kThreadsPerBlock>>>(args);
      break;
    case Filter::kSba:
      croston_kernel<true><<<grid, kThreadsPerBlock>>>(args);
      break;
    case Filter::kTsb:
      tsb_kernel<<<grid, kThreadsPerBlock>>>(args);
      break;
    case Filter::kHoltWintersDouble:
      double_seasonal_kernel<<<grid, kThreadsPerBlock>>>(args);
      break;
  }
  check(cudaGetLastError(), "filter kernel launch");
  timing.compute_s = clock.stop();

  out.sse.resize(series);
  out.level.resize(series);
  out.trend.resize(series);
  out.season.resize(seasons);
  out.path.resize(paths);
  out.occurrence.resize(occurrences);
  clock.start();
  sse.download(out.sse.data(), series);
  level.download(out.level.data(), series);
  trend.download(out.trend.data(), series);
  season.download(out.season.data(), seasons);
  path.download(out.path.data(), paths);
  occurrence.download(out.occurrence.data(), occurrences);
  timing.download_s = clock.stop();
}

template void run_filters(const FilterInput<float>&, FilterOutput<float>&, DeviceTiming&);
template void run_filters(const FilterInput<double>&, FilterOutput<double>&, DeviceTiming&);

}  // namespace peaksim::forecasting::cuda
