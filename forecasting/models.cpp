// The models over one series: the exponential-smoothing and intermittent recursions of recursions.hpp (shared with
// kernels.cpp and the CUDA kernels) over a stride-1 view, keeping each step's prediction; and the moving average
// and seasonal naive, which only this file runs. A missing observation (NaN) gives error 0: the state moves on by
// the prediction alone, and no error is counted.
#include "forecasting/models.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "forecasting/recursions.hpp"

namespace peaksim::forecasting {

namespace {

// phi + phi^2 + ... + phi^h: the damped trend multiplier of an h-step forecast.
double damped_sum(double phi, int h) {
  DampedSum<double> damped;
  for (int j = 1; j <= h; ++j) damped.next(phi);
  return damped.sum;
}

Strided<const double> view(std::span<const double> y) { return strided(y.data(), 1); }

// The mean of the last `window` observed values (all of them while fewer are observed). Without a missing value
// the running sum below is the plain k-step window.
void run_moving_average(int window, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const int k = std::clamp(window, 1, n);
  run.first = k;
  if (std::none_of(y.begin(), y.end(), [](double v) { return std::isnan(v); })) {
    double sum = 0;
    for (int t = 0; t < k; ++t) sum += y[t];
    for (int t = k; t < n; ++t) {
      run.fitted[t] = sum / k;
      sum += y[t] - y[t - k];
    }
    run.path.assign(horizon, sum / k);
    return;
  }
  const auto last_observed_mean = [&](int end) {  // over y[0..end)
    double sum = 0;
    int count = 0;
    for (int t = end - 1; t >= 0 && count < k; --t) {
      if (std::isnan(y[t])) continue;
      sum += y[t];
      ++count;
    }
    return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
  };
  for (int t = k; t < n; ++t) run.fitted[t] = last_observed_mean(t);
  run.path.assign(horizon, last_observed_mean(n));
}

// The last observed value of the same season position; while that position has none, the last observed value.
void run_seasonal_naive(int m, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  run.first = m;
  std::vector<double> last(m, std::numeric_limits<double>::quiet_NaN());  // by position t mod m
  double latest = y[0];                                                   // the caller ensures y[0] is observed
  const auto at = [&](int position) { return std::isnan(last[position]) ? latest : last[position]; };
  for (int t = 0; t < n; ++t) {
    if (t >= m) run.fitted[t] = at(t % m);
    if (!std::isnan(y[t])) last[t % m] = latest = y[t];
  }
  for (int h = 1; h <= horizon; ++h) run.path[h - 1] = at((n - 1 + h) % m);
}

void run_ses(double alpha, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  double level = y[0];
  run.first = 1;
  for (int t = 1; t < n; ++t) run.fitted[t] = ses_step(y[t], alpha, level).prediction;
  run.path.assign(horizon, level);
}

void run_holt(const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  double level, trend;
  holt_start(view(y), n, level, trend);
  run.first = 1;
  for (int t = 1; t < n; ++t) run.fitted[t] = holt_step(y[t], p.alpha, p.beta, p.phi, level, trend).prediction;
  DampedSum<double> damped;
  for (int h = 1; h <= horizon; ++h) run.path[h - 1] = trend_forecast(level, damped.next(p.phi), trend);
}

template <bool kMultiplicative>
void run_holt_winters(int m, const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  std::vector<double> season(m);
  double level, trend;
  holt_winters_start<kMultiplicative>(view(y), m, level, trend, strided(season.data(), 1));
  run.first = m;
  for (int t = m; t < n; ++t) {
    run.fitted[t] =
        holt_winters_step<kMultiplicative>(y[t], p.alpha, p.beta, p.gamma, p.phi, level, trend, season[t % m])
            .prediction;
  }
  DampedSum<double> damped;
  for (int h = 1; h <= horizon; ++h) {
    const double base = trend_forecast(level, damped.next(p.phi), trend);
    run.path[h - 1] = seasonal_forecast<kMultiplicative>(base, season[(n - 1 + h) % m]);
  }
}

void run_holt_winters_double(int m1, int m2, const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  std::vector<double> shorter(m1), longer(m2);
  double level, trend;
  double_seasonal_start(view(y), m1, m2, level, trend, strided(shorter.data(), 1), strided(longer.data(), 1));
  run.first = m2;
  for (int t = m2; t < n; ++t) {
    run.fitted[t] = double_seasonal_step(y[t], p.alpha, p.beta, p.gamma, p.delta, p.phi, level, trend, shorter[t % m1],
                                         longer[t % m2])
                        .prediction;
  }
  DampedSum<double> damped;
  for (int h = 1; h <= horizon; ++h) {
    const double base = trend_forecast(level, damped.next(p.phi), trend);
    run.path[h - 1] = base + shorter[(n - 1 + h) % m1] + longer[(n - 1 + h) % m2];
  }
}

// Croston and SBA (kTsb false; factor 1 or SBA's) or TSB. fitted[t] is the forecast from the state before step t,
// from the step after the first demand on; a series without any demand forecasts zero.
template <bool kTsb>
void run_intermittent(double factor, const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const auto first_demand = std::find_if(y.begin(), y.end(), [](double v) { return v != 0 && !std::isnan(v); });
  run.first = static_cast<int>(first_demand - y.begin()) + 1;
  double size = 0, occurrence = 0, since = 1, started = 0;
  for (int t = 0; t < n; ++t) {
    if (t >= run.first) run.fitted[t] = intermittent_forecast<kTsb>(factor, size, occurrence, started);
    intermittent_step<kTsb>(y[t], factor, p.alpha, p.beta, size, occurrence, since, started);
  }
  run.path.assign(horizon, intermittent_forecast<kTsb>(factor, size, occurrence, started));
}

}  // namespace

void run_model(Method method, const ModelSpec& spec, const Params& params, std::span<const double> y, int horizon,
               Run& run) {
  run.fitted.assign(y.size(), 0.0);
  run.path.assign(horizon, 0.0);
  switch (method) {
    case Method::kMovingAverage:
      return run_moving_average(spec.window, y, horizon, run);
    case Method::kSeasonalNaive:
      return run_seasonal_naive(spec.period, y, horizon, run);
    case Method::kSes:
      return run_ses(params.alpha, y, horizon, run);
    case Method::kHoltDamped:
      return run_holt(params, y, horizon, run);
    case Method::kHoltWintersAdditive:
      return run_holt_winters<false>(spec.period, params, y, horizon, run);
    case Method::kHoltWintersMultiplicative:
      return run_holt_winters<true>(spec.period, params, y, horizon, run);
    case Method::kCroston:
    case Method::kSba:
      return run_intermittent<false>(croston_factor(method == Method::kSba, params.alpha), params, y, horizon, run);
    case Method::kTsb:
      return run_intermittent<true>(1.0, params, y, horizon, run);
    case Method::kHoltWintersDouble:
      return run_holt_winters_double(spec.period, spec.period2, params, y, horizon, run);
  }
}

int min_length(Method method, const ModelSpec& spec) {
  switch (method) {
    case Method::kSeasonalNaive:
      return spec.period;
    case Method::kHoltDamped:
      return 3;
    case Method::kHoltWintersAdditive:
    case Method::kHoltWintersMultiplicative:
      return 2 * spec.period;
    case Method::kHoltWintersDouble:
      return 2 * spec.period2;
    default:
      return 1;
  }
}

double one_step_sse(std::span<const double> y, const Run& run) {
  double sse = 0;
  for (std::size_t t = run.first; t < y.size(); ++t) {
    const double e = one_step_error(y[t], run.fitted[t]);
    sse += e * e;
  }
  return sse;
}

double variance_factor(Method method, const ModelSpec& spec, const Params& p, int h) {
  double factor = 1;
  switch (method) {
    case Method::kSes:
      return 1 + (h - 1) * p.alpha * p.alpha;
    case Method::kSeasonalNaive:
      return 1 + (h - 1) / spec.period;
    case Method::kHoltDamped:
    case Method::kHoltWintersAdditive:
    case Method::kHoltWintersMultiplicative:
    case Method::kHoltWintersDouble: {
      // 1 + sum of c_j^2 over j < h, c_j the weight of an error j steps back in the forecast; each season adds its
      // smoothing constant when j is a multiple of its period (the linear innovations state-space form).
      const bool seasonal = method != Method::kHoltDamped;
      const bool second = method == Method::kHoltWintersDouble;
      for (int j = 1; j < h; ++j) {
        const double season = seasonal && j % spec.period == 0 ? p.gamma : 0.0;
        const double season2 = second && j % spec.period2 == 0 ? p.delta : 0.0;
        const double c = p.alpha * (1 + p.beta * damped_sum(p.phi, j)) + season + season2;
        factor += c * c;
      }
      return factor;
    }
    default:
      return factor;
  }
}

}  // namespace peaksim::forecasting
