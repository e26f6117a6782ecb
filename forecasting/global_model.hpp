// The learned global model: one multilayer perceptron (mlp.hpp) shared by every series, which maps a normalised
// window of recent values plus known covariates to quantiles and a mean for every step of the horizon.
// See docs/forecasting.md, "Learned global model".
//
// Features of one forecast origin t (the last observed step), in this order:
//   lags values y[t-lags+1 .. t] / scale, where scale = mean |y| over that window + config.scale_floor;
//   0.2 log(scale) (tells the network the volume, hence how noisy counts are);
//   for every step t-lags+1 .. t+horizon, the `covariates` values of that step (step-major);
//   only when season m > 0 (off in the shipped default), for h = 1..horizon: y[t+h-km] / scale, y[t+h-(k+1)m] / scale
//   and the mean of y[t+h-jm] for j = k..k+3, divided by scale, where k = ceil(h/m) (the latest observed steps
//   in the target's phase of the season; steps before the series take the window's mean).
// Each feature is then standardised with input_mean / input_std (fixed when the model is first trained).
// Outputs: for h = 1..horizon, [mean, q(levels[0]), ..., q(levels[L-1])] in units of scale, multiplied back.
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
  int season = 0;                   // > 0: seasonal features aligned with each target step (see above)
  // With a season: the network forecasts the change from y[t+h-km] (the first seasonal feature) instead of the
  // value itself, i.e. seasonally differenced targets in units of the scale; forecasts add that value back.
  bool seasonal_difference = false;

  static constexpr int kSeasonalFeatures = 3;  // per horizon step, when season > 0
  int input_size() const {
    return lags + 1 + (lags + horizon) * covariates + (season > 0 ? horizon * kSeasonalFeatures : 0);
  }
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

  // The value each horizon step's outputs are relative to (data units): y[t+h-km] with seasonal_difference
  // (steps before the series take the window's mean), else 0. Writes config.horizon values to `out`.
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

  GlobalConfig config_;
  Mlp mlp_;
  Eigen::VectorXf input_mean_;
  Eigen::VectorXf input_std_;
};

}  // namespace peaksim::forecasting
