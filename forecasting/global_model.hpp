// The learned global model: one multilayer perceptron (mlp.hpp) shared by every series, which maps a normalised
// window of recent values plus known covariates to quantiles and a mean for every step of the horizon.
// See docs/forecasting.md, "Learned global model".
//
// Features of one forecast origin t (the last observed step), in this order:
//   lags values y[t-lags+1 .. t] / scale, where scale = mean |y| over that window + config.scale_floor;
//   0.2 log(scale) (tells the network the volume, hence how noisy counts are);
//   for every step t-lags+1 .. t+horizon, the `covariates` values of that step (step-major);
// With a season m > 0 (the seasonal design; off in the shipped default) the inputs describe changes instead:
//   scale = mean |y[k] - y[k-m]| over the last scale_window steps (the in-sample error of seasonal naive, the
//   denominator of MASE) + scale_floor; the lags are seasonal differences (y[i] - y[i-m]) / scale; the scalars are
//   0.2 log(scale) and 0.2 log((mean |y| of the lags window + scale_floor) / scale); the covariates as above; then
//   for h = 1..horizon, with k = ceil(h/m) and the base b_h = y[t+h-km] (the latest observed step in the
//   target's phase): (y[t+h-km -+ j] - b_h) / scale for j = 1..season_neighbours, (y[t+h-jm] - b_h) / scale for
//   j = k+1..k+season_cycles-1, (y[t-i] - b_h) / scale for i = 0..recent-1, and with annual = A > 0 last year's
//   change (y[t+h-A] - y[t+h-km-A]) / scale (a festival's lift over its week), plus one scalar: 1 when y[t-A] is
//   observed, else 0. A value that is not observed
//   (before the series, after the origin, NaN) makes its difference 0. The network forecasts y[t+h] - b_h.
// Each feature is then standardised with input_mean / input_std (fixed when the model is first trained).
// Outputs: for h = 1..horizon, [mean, q(levels[0]), ..., q(levels[L-1])] in units of scale, multiplied back
// (and b_h added back in the seasonal design).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "forecasting/forecast.hpp"
#include "forecasting/mlp.hpp"

namespace peaksim::forecasting {

struct GlobalConfig {
  int lags = 56;
  int horizon = 28;
  int covariates = 0;  // per time step, supplied by the caller
  std::vector<double> levels = {0.01, 0.05, 0.1, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99};  // trained levels, increasing
  std::vector<int> hidden = {128, 128};
  double scale_floor = 0.1;         // added to the window's mean |y|: an all-zero window still has a scale
  std::string frequency = "daily";  // a note for users (the model itself only counts steps)
  // The seasonal design (see above), used when season > 0.
  int season = 0;             // m, in steps
  int scale_window = 28;      // steps of seasonal differences averaged into the scale
  int season_neighbours = 0;  // J: steps on each side of the base (weekly data: the weeks around last year's)
  int season_cycles = 1;      // W: the base and W - 1 earlier seasons in the target's phase
  int recent = 0;             // R: the last R values relative to each step's base
  int annual = 0;             // A: steps in a year, a multiple of the season (364 days, 52 weeks); 0: off

  int per_step_seasonal() const {
    return season > 0 ? 2 * season_neighbours + season_cycles - 1 + recent + (annual > 0 ? 1 : 0) : 0;
  }
  int scalars() const { return 1 + (season > 0 ? 1 : 0) + (season > 0 && annual > 0 ? 1 : 0); }
  // Steps a window reads up to its origin: the lags, and in the seasonal design the season before them.
  int window_steps() const { return lags + season; }
  int input_size() const { return lags + scalars() + (lags + horizon) * covariates + horizon * per_step_seasonal(); }
  int output_size() const { return horizon * (static_cast<int>(levels.size()) + 1); }
  // Throws std::invalid_argument naming the first bad field.
  void check() const;
};

// Covariates of a batch: `covariates` matrices, each (steps x S) like a Batch, row t is step t. For forecasting,
// steps = T + horizon (history then future); for training, steps = T.
using Covariates = std::vector<Eigen::MatrixXd>;

class GlobalModel {
public:
  GlobalModel() = default;
  explicit GlobalModel(GlobalConfig config);  // weights left empty; see global_train.hpp

  const GlobalConfig& config() const { return config_; }
  Mlp& mlp() { return mlp_; }
  const Mlp& mlp() const { return mlp_; }
  Eigen::VectorXf& input_mean() { return input_mean_; }
  Eigen::VectorXf& input_std() { return input_std_; }
  const Eigen::VectorXf& input_mean() const { return input_mean_; }
  const Eigen::VectorXf& input_std() const { return input_std_; }
  // True when the Mlp and the normalisation constants have the sizes the config asks for.
  bool ready() const;

  // Standardised features of the window ending at step `origin` (0-based, the last observed step) of column s,
  // written into column `column` of x; returns the window's scale. Steps before 0, and NaN steps (a training
  // batch marks the steps before a series starts with NaN), take the mean of the window's other values (short
  // series); covariate steps outside the matrices take the nearest step.
  double features(const Batch& values, const Covariates& covariates, int s, int origin, Eigen::Ref<Eigen::MatrixXf> x,
                  int column) const;

  // The value each horizon step's outputs are relative to (data units): the base b_h = y[t+h-km] in the seasonal
  // design (the window's mean when that step is not observed), else 0. Writes config.horizon values to `out`.
  void baselines(const Batch& values, int s, int origin, double* out) const;

  // Forecast options.horizon <= config.horizon steps after the last row of `history`. `covariates` has
  // config.covariates matrices of (T + options.horizon) x S (T + config.horizon rows also accepted).
  // Requested levels between trained ones are interpolated linearly; outside [levels.front(), levels.back()]
  // they take the nearest trained level. Quantiles are sorted per step (monotone in the level).
  // `used` is empty (no classical method), params default, sse NaN. Throws std::invalid_argument on bad sizes.
  Forecast forecast(const Batch& history, const Covariates& covariates, const ForecastOptions& options) const;

private:
  // Mean of the observed (non-NaN, step >= 0) values of the lags window ending at origin; 0 if there are none.
  double window_fill(const Batch& values, int s, int origin) const;
  // The seasonal design's scale: mean |y[t] - y[t-m]| over the observed pairs of the last scale_window steps,
  // `level` when there is none, plus scale_floor.
  double seasonal_scale(const Batch& values, int s, int origin, double level) const;

  GlobalConfig config_;
  Mlp mlp_;
  Eigen::VectorXf input_mean_;
  Eigen::VectorXf input_std_;
};

}  // namespace peaksim::forecasting
