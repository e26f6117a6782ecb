// The per-series recursions, in error-correction form: prediction, error e = y - prediction, state update.
// A missing observation (NaN) gives e = 0: the state moves on by the prediction alone, and no error is counted.
#include "forecasting/models.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace peaksim::forecasting {

namespace {

// The error of a prediction; 0 where the observation is missing (NaN), so that the update is the prediction's.
double error(double y, double prediction) { return std::isnan(y) ? 0.0 : y - prediction; }

// The mean of the observed values among y[from..to); NaN when none is observed.
double mean_of(std::span<const double> y, int from, int to) {
  double sum = 0;
  int count = 0;
  for (int t = from; t < to; ++t) {
    if (std::isnan(y[t])) continue;
    sum += y[t];
    ++count;
  }
  return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

// phi + phi^2 + ... + phi^h: the damped trend multiplier of an h-step forecast.
double damped_sum(double phi, int h) {
  double sum = 0, power = 1;
  for (int j = 1; j <= h; ++j) {
    power *= phi;
    sum += power;
  }
  return sum;
}

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
  for (int t = 1; t < n; ++t) {
    run.fitted[t] = level;
    level += alpha * error(y[t], level);
  }
  run.path.assign(horizon, level);
}

void run_holt(const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const int span = std::min(n - 1, 3);
  // Trend from y[0] to the last observed of y[1..span] (0 when none is).
  int to = span;
  while (to > 0 && std::isnan(y[to])) --to;
  double level = y[0];
  double trend = to > 0 ? (y[to] - y[0]) / to : 0.0;
  run.first = 1;
  for (int t = 1; t < n; ++t) {
    const double base = level + p.phi * trend;
    const double e = error(y[t], base);
    run.fitted[t] = base;
    level = base + p.alpha * e;
    trend = p.phi * trend + p.alpha * p.beta * e;
  }
  for (int h = 1; h <= horizon; ++h) run.path[h - 1] = level + damped_sum(p.phi, h) * trend;
}

// Holt-Winters, additive or multiplicative season. The first two seasons initialise the state at t = m - 1:
// trend from the difference of their means, level at the end of the first season, and each seasonal index from
// the first season's value against the trend line (exact on a noiseless additive series). Missing values are left
// out of the means, and a position missing in the first season starts without a seasonal effect (0, or 1).
void run_holt_winters(bool multiplicative, int m, const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const double mean1 = mean_of(y, 0, m);
  double trend = (mean_of(y, m, 2 * m) - mean1) / m;
  double level = mean1 + 0.5 * (m - 1) * trend;
  std::vector<double> season(m);
  for (int i = 0; i < m; ++i) {
    const double line = mean1 + (i - 0.5 * (m - 1)) * trend;
    if (std::isnan(y[i])) {
      season[i] = multiplicative ? 1.0 : 0.0;
    } else {
      season[i] = multiplicative ? (line > 0 ? y[i] / line : 1.0) : y[i] - line;
    }
  }
  run.first = m;
  for (int t = m; t < n; ++t) {
    double& s = season[t % m];
    const double base = level + p.phi * trend;
    const double prediction = multiplicative ? base * s : base + s;
    const double e = error(y[t], prediction);
    run.fitted[t] = prediction;
    const double scaled = multiplicative ? (s != 0 ? e / s : 0.0) : e;
    level = base + p.alpha * scaled;
    trend = p.phi * trend + p.alpha * p.beta * scaled;
    if (!multiplicative) {
      s += p.gamma * e;
    } else if (std::abs(base) > 1e-12) {
      s += p.gamma * e / base;
    }
  }
  for (int h = 1; h <= horizon; ++h) {
    const double base = level + damped_sum(p.phi, h) * trend;
    const double s = season[(n - 1 + h) % m];
    run.path[h - 1] = multiplicative ? base * s : base + s;
  }
}

// Double-seasonal Holt-Winters (Taylor 2003), additive, in the error-correction form of run_holt_winters: season
// d of period m1 and season w of period m2 (> m1), indexed by t mod m1 and t mod m2. Initial state at t = m2 - 1
// from the first two long seasons, as run_holt_winters does with m2: trend from the difference of their means,
// level at the end of the first; r_i = y_i - trend line for i < m2, d_k = mean of the r_i with i mod m1 == k,
// w_i = r_i - d_(i mod m1). So d + w reproduces the first long season exactly (a noiseless series with a linear
// trend and the two seasons is fitted exactly when m1 divides m2); d takes the short pattern, w the rest.
void run_holt_winters_double(int m1, int m2, const Params& p, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const double mean1 = mean_of(y, 0, m2);
  double trend = (mean_of(y, m2, 2 * m2) - mean1) / m2;
  double level = mean1 + 0.5 * (m2 - 1) * trend;
  std::vector<double> shorter(m1, 0.0), longer(m2), count(m1, 0.0);
  for (int i = 0; i < m2; ++i) {
    longer[i] = std::isnan(y[i]) ? 0.0 : y[i] - (mean1 + (i - 0.5 * (m2 - 1)) * trend);
    shorter[i % m1] += longer[i];
    count[i % m1] += std::isnan(y[i]) ? 0 : 1;
  }
  for (int k = 0; k < m1; ++k) shorter[k] = count[k] > 0 ? shorter[k] / count[k] : 0.0;
  for (int i = 0; i < m2; ++i) longer[i] = std::isnan(y[i]) ? 0.0 : longer[i] - shorter[i % m1];
  run.first = m2;
  for (int t = m2; t < n; ++t) {
    double& d = shorter[t % m1];
    double& w = longer[t % m2];
    const double base = level + p.phi * trend;
    const double prediction = base + d + w;
    const double e = error(y[t], prediction);
    run.fitted[t] = prediction;
    level = base + p.alpha * e;
    trend = p.phi * trend + p.alpha * p.beta * e;
    d += p.gamma * e;
    w += p.delta * e;
  }
  for (int h = 1; h <= horizon; ++h) {
    const double base = level + damped_sum(p.phi, h) * trend;
    run.path[h - 1] = base + shorter[(n - 1 + h) % m1] + longer[(n - 1 + h) % m2];
  }
}

// Intermittent methods start at the first demand; a series without any forecasts zero. A missing step is skipped
// as if it were not in the series: no update, and it does not count in the interval between demands.
// Returns the first demand's index (y.size() when there is none).
int start_at_first_demand(std::span<const double> y, int horizon, Run& run) {
  const auto it = std::find_if(y.begin(), y.end(), [](double v) { return v != 0 && !std::isnan(v); });
  const int start = static_cast<int>(it - y.begin());
  run.first = start + 1;
  if (it == y.end()) run.path.assign(horizon, 0.0);
  return start;
}

// Croston (factor 1) and SBA (factor 1 - alpha / 2). Starts at the first demand: size = that demand, interval =
// its position + 1. q counts the periods since the last demand, i.e. the interval if a demand comes now.
void run_croston(double factor, double alpha, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const int start = start_at_first_demand(y, horizon, run);
  if (start == n) return;
  const auto observed_before =
      static_cast<double>(std::count_if(y.begin(), y.begin() + start, [](double v) { return !std::isnan(v); }));
  double size = y[start], interval = observed_before + 1, q = 1;
  for (int t = start + 1; t < n; ++t) {
    run.fitted[t] = factor * size / interval;
    if (std::isnan(y[t])) continue;
    if (y[t] != 0) {
      size += alpha * (y[t] - size);
      interval += alpha * (q - interval);
      q = 1;
    } else {
      q += 1;
    }
  }
  run.path.assign(horizon, factor * size / interval);
}

// TSB: the probability of demand is updated every period (beta), the size only when demand occurs (alpha).
// Starts at the first demand with size = that demand and probability = 1 / (its position + 1).
void run_tsb(double alpha, double beta, std::span<const double> y, int horizon, Run& run) {
  const int n = static_cast<int>(y.size());
  const int start = start_at_first_demand(y, horizon, run);
  if (start == n) return;
  const auto observed_before =
      static_cast<double>(std::count_if(y.begin(), y.begin() + start, [](double v) { return !std::isnan(v); }));
  double size = y[start], probability = 1.0 / (observed_before + 1);
  for (int t = start + 1; t < n; ++t) {
    run.fitted[t] = probability * size;
    if (std::isnan(y[t])) continue;
    if (y[t] != 0) {
      probability += beta * (1 - probability);
      size += alpha * (y[t] - size);
    } else {
      probability -= beta * probability;
    }
  }
  run.path.assign(horizon, probability * size);
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
      return run_holt_winters(false, spec.period, params, y, horizon, run);
    case Method::kHoltWintersMultiplicative:
      return run_holt_winters(true, spec.period, params, y, horizon, run);
    case Method::kCroston:
      return run_croston(1.0, params.alpha, y, horizon, run);
    case Method::kSba:
      return run_croston(1.0 - params.alpha / 2, params.alpha, y, horizon, run);
    case Method::kTsb:
      return run_tsb(params.alpha, params.beta, y, horizon, run);
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
    if (!std::isnan(y[t])) sse += (y[t] - run.fitted[t]) * (y[t] - run.fitted[t]);
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
