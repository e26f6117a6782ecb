// The per-series recursions of the classical models, written once for every place that runs them: models.cpp (one
// series, stride 1), kernels.cpp (a block of a time-major batch, called once per series in a branch-free loop that
// vectorises) and the CUDA kernels (series_filters.hpp, one series per thread). Each model has an initial-state rule
// (over a strided view of its first values), a one-step update that returns its prediction and error, and a
// forecast-path formula. A NaN is a missing observation: its error is 0, so the state moves on by the prediction
// and nothing is added to the SSE. Branches are written as selects whose operands are always safe to compute.
// No std:: containers, exceptions or Eigen: see host_device.hpp.
#pragma once

#include "forecasting/host_device.hpp"

namespace peaksim::forecasting {

template <typename Real>
struct Step {
  Real prediction;
  Real error;  // y - prediction; 0 where y is missing
};

// The one-step error of a prediction; 0 for a missing observation (NaN).
template <typename Real>
PEAKSIM_HD inline Real one_step_error(Real y, Real prediction) {
  return y == y ? y - prediction : Real(0);
}

// phi + phi^2 + ... + phi^h, one h at a time: the damped trend multiplier of the h-step forecast.
template <typename Real>
struct DampedSum {
  Real power = 1;
  Real sum = 0;
  PEAKSIM_HD Real next(Real phi) {
    power *= phi;
    sum += power;
    return sum;
  }
};

// The h-step forecast of a trended model, `damped` being DampedSum's value for h.
template <typename Real>
PEAKSIM_HD inline Real trend_forecast(Real level, Real damped, Real trend) {
  return level + damped * trend;
}

template <bool kMultiplicative, typename Real>
PEAKSIM_HD inline Real seasonal_forecast(Real base, Real index) {
  return kMultiplicative ? base * index : base + index;
}

// --- SES: the level starts at y[0] -------------------------------------------------------------------------------

template <typename Real>
PEAKSIM_HD inline Step<Real> ses_step(Real y, Real alpha, Real& level) {
  const Real prediction = level;
  const Real e = one_step_error(y, prediction);
  level += alpha * e;
  return {prediction, e};
}

// --- Holt's damped trend -----------------------------------------------------------------------------------------

// Level y[0], trend from y[0] to the last observed of y[1..min(steps - 1, 3)] (0 when none is).
template <typename Real>
PEAKSIM_HD inline void holt_start(Strided<const Real> y, int steps, Real& level, Real& trend) {
  int to = steps - 1 < 3 ? steps - 1 : 3;
  while (to > 0 && missing(y[to])) --to;
  level = y[0];
  trend = to > 0 ? (y[to] - y[0]) / static_cast<Real>(to) : Real(0);
}

template <typename Real>
PEAKSIM_HD inline Step<Real> holt_step(Real y, Real alpha, Real beta, Real phi, Real& level, Real& trend) {
  const Real base = level + phi * trend;
  const Real e = one_step_error(y, base);
  level = base + alpha * e;
  trend = phi * trend + alpha * beta * e;
  return {base, e};
}

// --- Holt-Winters, additive or multiplicative season -------------------------------------------------------------

// The start of the seasonal models from their first two seasons of length m, at t = m - 1: mean1 = season 1's
// mean, trend = (season 2's mean - mean1) / m, level = mean1 + (m - 1) / 2 trend, the means over the observed
// values (NaN when none is). add() takes y_t and y_(m + t) for t = 0..m-1 in order; kernels.cpp runs it for a block
// of series a time step at a time, start_from_two_seasons for one series.
template <typename Real>
struct TwoSeasonMeans {
  Real sum1 = 0, count1 = 0, sum2 = 0, count2 = 0;
  PEAKSIM_HD void add(Real first, Real second) {
    sum1 += missing(first) ? Real(0) : first;
    count1 += missing(first) ? Real(0) : Real(1);
    sum2 += missing(second) ? Real(0) : second;
    count2 += missing(second) ? Real(0) : Real(1);
  }
  PEAKSIM_HD void start(int m, Real& mean1, Real& trend, Real& level) const {
    mean1 = count1 > 0 ? sum1 / count1 : quiet_nan<Real>();
    const Real mean2 = count2 > 0 ? sum2 / count2 : quiet_nan<Real>();
    trend = (mean2 - mean1) / static_cast<Real>(m);
    level = mean1 + static_cast<Real>(0.5 * (m - 1)) * trend;
  }
};

template <typename Real>
PEAKSIM_HD inline void start_from_two_seasons(Strided<const Real> y, int m, Real& mean1, Real& trend, Real& level) {
  TwoSeasonMeans<Real> means;
  for (int t = 0; t < m; ++t) means.add(y[t], y[m + t]);
  means.start(m, mean1, trend, level);
}

// The trend line through the first season at its step i (< m).
template <typename Real>
PEAKSIM_HD inline Real trend_line(Real mean1, Real trend, int i, int m) {
  return mean1 + static_cast<Real>(i - 0.5 * (m - 1)) * trend;
}

// Seasonal index i (< m) from the first season's value y_i against the trend line (exact on a noiseless additive
// series); a missing y_i starts without a seasonal effect (0, or 1).
template <bool kMultiplicative, typename Real>
PEAKSIM_HD inline Real initial_season_index(Real y_i, Real mean1, Real trend, int i, int m) {
  const Real line = trend_line(mean1, trend, i, m);
  if (missing(y_i)) return kMultiplicative ? Real(1) : Real(0);
  if constexpr (kMultiplicative) {
    return line > 0 ? y_i / line : Real(1);
  } else {
    return y_i - line;
  }
}

// The initial state at t = m - 1 from the first two seasons: level, trend and season[0..m).
template <bool kMultiplicative, typename Real>
PEAKSIM_HD inline void holt_winters_start(Strided<const Real> y, int m, Real& level, Real& trend,
                                          Strided<Real> season) {
  Real mean1;
  start_from_two_seasons(y, m, mean1, trend, level);
  for (int i = 0; i < m; ++i) season[i] = initial_season_index<kMultiplicative>(y[i], mean1, trend, i, m);
}

// One step with the seasonal index of this time step, updated in place. The multiplicative error is scaled by the
// index (0 where the index is 0), and the index is updated only where the base is away from 0.
template <bool kMultiplicative, typename Real>
PEAKSIM_HD inline Step<Real> holt_winters_step(Real y, Real alpha, Real beta, Real gamma, Real phi, Real& level,
                                               Real& trend, Real& season) {
  const Real s = season;
  const Real base = level + phi * trend;
  const Real prediction = seasonal_forecast<kMultiplicative>(base, s);
  const Real e = one_step_error(y, prediction);
  Real scaled = e;
  if constexpr (kMultiplicative) {
    const Real ratio = e / (s == 0 ? Real(1) : s);
    scaled = s == 0 ? Real(0) : ratio;
  }
  level = base + alpha * scaled;
  trend = phi * trend + alpha * beta * scaled;
  if constexpr (kMultiplicative) {
    const bool update = magnitude(base) > static_cast<Real>(1e-12);
    const Real updated = s + gamma * e / (update ? base : Real(1));
    season = update ? updated : s;
  } else {
    season = s + gamma * e;
  }
  return {prediction, e};
}

// --- Double-seasonal Holt-Winters (Taylor 2003), additive: season d of period m1, season w of period m2 > m1 -------

// Initial state at t = m2 - 1 from the first two long seasons, as start_from_two_seasons with m2; r_i = y_i - the
// trend line for i < m2 (0 where y_i is missing), d_k = the mean of the observed r_i with i mod m1 == k (0 when
// none is), w_i = r_i - d_(i mod m1) (0 where y_i is missing). d + w reproduces the first long season, d takes the
// short pattern and w the rest. The three rules below are that start per value; double_seasonal_start applies them
// to one series, kernels.cpp to a block a row at a time.
template <typename Real>
PEAKSIM_HD inline Real detrended(Real y_i, Real mean1, Real trend, int i, int m2) {
  return missing(y_i) ? Real(0) : y_i - trend_line(mean1, trend, i, m2);
}

template <typename Real>
PEAKSIM_HD inline Real short_season_index(Real sum_of_detrended, Real observed) {
  return observed > 0 ? sum_of_detrended / observed : Real(0);
}

template <typename Real>
PEAKSIM_HD inline Real long_season_index(Real y_i, Real detrended_i, Real short_index) {
  return missing(y_i) ? Real(0) : detrended_i - short_index;
}

template <typename Real>
PEAKSIM_HD inline void double_seasonal_start(Strided<const Real> y, int m1, int m2, Real& level, Real& trend,
                                             Strided<Real> d, Strided<Real> w) {
  Real mean1;
  start_from_two_seasons(y, m2, mean1, trend, level);
  for (int k = 0; k < m1; ++k) d[k] = 0;
  for (int i = 0; i < m2; ++i) {
    w[i] = detrended(y[i], mean1, trend, i, m2);
    d[i % m1] += w[i];
  }
  for (int k = 0; k < m1; ++k) {
    Real observed = 0;
    for (int i = k; i < m2; i += m1) observed += missing(y[i]) ? Real(0) : Real(1);
    d[k] = short_season_index(d[k], observed);
  }
  for (int i = 0; i < m2; ++i) w[i] = long_season_index(y[i], w[i], d[i % m1]);
}

// One step with the two seasons' indices of this time step (d_(t mod m1), w_(t mod m2)), updated in place.
template <typename Real>
PEAKSIM_HD inline Step<Real> double_seasonal_step(Real y, Real alpha, Real beta, Real gamma, Real delta, Real phi,
                                                  Real& level, Real& trend, Real& d, Real& w) {
  const Real base = level + phi * trend;
  const Real prediction = base + d + w;
  const Real e = one_step_error(y, prediction);
  level = base + alpha * e;
  trend = phi * trend + alpha * beta * e;
  d += gamma * e;
  w += delta * e;
  return {prediction, e};
}

// --- Croston, SBA and TSB -----------------------------------------------------------------------------------------
//
// The state: size (of a demand), occurrence (Croston and SBA: the interval between demands; TSB: the probability of
// demand), since (steps since the last demand, counting from t = -1) and started (0 before the first demand, then
// 1). It starts at size = occurrence = 0, since = 1, started = 0; until the first demand the updates run with alpha 1,
// so that the first demand sets size = that demand and the interval = its position among the observed steps + 1
// (probability: 1 / that), and no error is counted until then. A missing step changes nothing and is not counted in
// the interval. The branches are arithmetic on 0/1 masks, so that kernels.cpp's loop over series vectorises (a
// select there would become a conditional store).

// mask ? a : b for a mask of 0 or 1 and finite a, b, exactly (1 * a + 0 * b == a).
template <typename Real>
PEAKSIM_HD inline Real pick(Real mask, Real a, Real b) {
  return mask * a + (Real(1) - mask) * b;
}

// Croston's forecast factor: 1, or SBA's 1 - alpha / 2.
template <typename Real>
PEAKSIM_HD inline Real croston_factor(bool sba, Real alpha) {
  return sba ? Real(1) - alpha / Real(2) : Real(1);
}

// The forecast from the state (every horizon): TSB's probability x size, Croston's factor x size / interval; 0
// before the first demand.
template <bool kTsb, typename Real>
PEAKSIM_HD inline Real intermittent_forecast(Real factor, Real size, Real occurrence, Real started) {
  const Real rate = kTsb ? occurrence * size : factor * size / occurrence;
  return started != 0 ? rate : Real(0);
}

// One step; returns the error counted in the SSE (0 before the first demand and at a missing step).
template <bool kTsb, typename Real>
PEAKSIM_HD inline Real intermittent_step(Real y, Real factor, Real alpha, Real beta, Real& size, Real& occurrence,
                                         Real& since, Real& started) {
  const Real observed = y == y ? Real(1) : Real(0);
  const Real value = y == y ? y : Real(0), s = size, o = occurrence, q = since, on = started;
  const Real demand = value != 0 ? Real(1) : Real(0);
  const Real a = pick(on, alpha, Real(1));
  Real e;
  if constexpr (kTsb) {
    e = (value - o * s) * (on * observed);
    const Real moved = pick(demand, o + beta * (Real(1) - o), o - beta * o);
    occurrence = pick(on, pick(observed, moved, o), demand * (Real(1) / q));
  } else {
    e = (value - factor * s / (o + (Real(1) - on))) * (on * observed);  // the divisor is the interval once on
    occurrence = o + demand * (a * (q - o));
  }
  size = s + demand * (a * (value - s));
  since = value != 0 ? Real(1) : q + observed;
  started = on > demand ? on : demand;
  return e;
}

}  // namespace peaksim::forecasting
