// Small synthetic data for the global-model tests: weekly-seasonal series with Gaussian noise, and the day of
// week as two covariates. Built from a seeded std::mt19937_64 (purpose: test data only).
#pragma once

#include <cmath>
#include <numbers>
#include <random>

#include "forecasting/global_model.hpp"

namespace peaksim::forecasting::testing {

struct Data {
  Batch values;
  Covariates covariates;  // sin and cos of the day of week, (T + extra) x S
};

inline double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

inline double normal(std::mt19937_64& rng) {
  const double u = 1.0 - unit(rng), v = unit(rng);
  return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
}

// S series of T steps; covariates run `extra` steps further (the future, for forecasting).
inline Data weekly_data(int series, int steps, std::uint64_t seed, int extra = 0, double noise_cv = 0.2) {
  std::mt19937_64 rng(seed);
  Data d;
  d.values.resize(steps, series);
  d.covariates.assign(2, Eigen::MatrixXd(steps + extra, series));
  for (int s = 0; s < series; ++s) {
    const double level = 5 + 95 * unit(rng);
    double week[7];
    for (double& w : week) w = 0.5 + unit(rng);
    const int phase = static_cast<int>(unit(rng) * 7);
    for (int t = 0; t < steps + extra; ++t) {
      const int day = (t + phase) % 7;
      d.covariates[0](t, s) = std::sin(2 * std::numbers::pi * day / 7);
      d.covariates[1](t, s) = std::cos(2 * std::numbers::pi * day / 7);
      if (t < steps) {
        const double mean = level * week[day];
        d.values(t, s) = std::max(0.0, mean * (1 + noise_cv * normal(rng)));
      }
    }
  }
  return d;
}

inline GlobalConfig small_config() {
  GlobalConfig c;
  c.lags = 14;
  c.horizon = 7;
  c.covariates = 2;
  c.hidden = {32};
  return c;
}

}  // namespace peaksim::forecasting::testing
