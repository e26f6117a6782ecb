// The batched classical forecaster: one call fits a model to every series of a batch and returns mean forecasts
// and quantiles. CPU only; see docs/forecasting.md for the models, the fitting and the intervals.
//
// Layout. A batch of S series of equal length T is an Eigen::MatrixXd with T rows (time steps, oldest first)
// and S columns (series). Eigen is column-major, so each series is one contiguous block of T doubles and
// the batch is series-major: value t of series s is at data()[s * T + t]. Outputs use the same convention:
// mean is H x S (row h-1 is the h-step-ahead forecast), and quantiles[l] is H x S for levels[l].
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "forecasting/mlp.hpp"

namespace peaksim::forecasting {

using Batch = Eigen::MatrixXd;  // T x S, one column per series

enum class Method {
  kMovingAverage,              // mean of the last `window` values, flat
  kSeasonalNaive,              // repeats the last `period` values
  kSes,                        // simple exponential smoothing (alpha)
  kHoltDamped,                 // Holt's linear trend with damping (alpha, beta, phi)
  kHoltWintersAdditive,        // level + trend + additive season of `period` (alpha, beta, gamma)
  kHoltWintersMultiplicative,  // (level + trend) x multiplicative season of `period` (alpha, beta, gamma)
  kCroston,                    // intermittent demand: smoothed size / smoothed interval (alpha)
  kSba,                        // Syntetos-Boylan approximation: Croston x (1 - alpha / 2) (alpha)
  kTsb,                        // Teunter-Syntetos-Babai: smoothed probability x smoothed size (alpha, beta)
  kHoltWintersDouble,          // Taylor's double season: level + trend + season of `period` + season of `period2`
                               // (alpha, beta, gamma, delta), all additive
};

std::string method_name(Method method);  // for messages: "Holt-Winters additive"

// The snake_case key of each method ("holt_winters_additive"), used by the command line, the scenario files
// and the benchmarks (the scenario files list their own); kAllMethods lists them in the order of the enum.
inline constexpr Method kAllMethods[] = {Method::kMovingAverage,
                                         Method::kSeasonalNaive,
                                         Method::kSes,
                                         Method::kHoltDamped,
                                         Method::kHoltWintersAdditive,
                                         Method::kHoltWintersMultiplicative,
                                         Method::kCroston,
                                         Method::kSba,
                                         Method::kTsb,
                                         Method::kHoltWintersDouble};
std::string method_key(Method method);
std::optional<Method> method_from_key(const std::string& key);  // nullopt for an unknown key

// Smoothing parameters. beta is the trend (Holt, Holt-Winters) or the probability (TSB) smoothing constant,
// gamma the seasonal one (the first season of the double-seasonal model), delta the second season's, phi the damping
// factor (1 = no damping). Unused entries stay at their defaults.
struct Params {
  double alpha = 0;
  double beta = 0;
  double gamma = 0;
  double phi = 1;
  double delta = 0;  // last, so that the brace-initialisations {alpha, beta, gamma, phi} keep their meaning
};

struct ModelSpec {
  Method method = Method::kSes;
  int window = 7;     // moving average
  int period = 7;     // seasonal naive and Holt-Winters
  int period2 = 364;  // double-seasonal Holt-Winters: the second, longer season (> period)
  // When set, these parameters are used for every series instead of fitting.
  std::optional<Params> fixed = std::nullopt;
  // When not empty: one parameter set per series (column order), used instead of fitting; it must hold exactly
  // one entry per series of the batch and takes precedence over `fixed`.
  std::vector<Params> per_series = {};
};

struct ForecastOptions {
  int horizon = 14;
  std::vector<double> levels = {0.5, 0.8, 0.9, 0.95, 0.99};  // each in (0, 1), any order
  bool non_negative = true;                                  // demand: clamp means and quantiles at zero
  // When not empty, one value per series (column order): the least mean or quantile of that series, in place of
  // non_negative's 0 (e.g. a series with returns may go below zero as far as its history does).
  std::vector<double> floor = {};
  int threads = 1;  // worker threads over series (at least 1); results do not depend on it
  // The learned global model's network pass (GlobalModel::forecast only): empty for the plain Mlp::forward on the
  // CPU; a caller may route it elsewhere, e.g. to backend.hpp's mlp_forward on a CUDA device (`peaksim forecast
  // --backend`). A hook rather than a Backend field, so that code using forecast() does not link the CUDA backend.
  std::function<Eigen::MatrixXf(const Mlp&, const Eigen::MatrixXf&)> network = {};
};

// Per-series flags (bits). A fallback means the series was forecast with a simpler method, named in `used`.
enum Flag : std::uint32_t {
  kFlagNone = 0,
  kFlagShortSeries = 1u << 0,   // too short for the model (seasonal: T >= 2 * period; double: 2 * period2): fell back
  kFlagNonPositive = 1u << 1,   // multiplicative season with a value <= 0: fell back to additive
  kFlagConstant = 1u << 2,      // every value equal (parameters are not fitted: any fits exactly)
  kFlagAllZero = 1u << 3,       // every value zero: forecasts are zero
  kFlagNumerical = 1u << 4,     // the model produced a non-finite value: fell back to SES
  kFlagNoDemand = 1u << 5,      // intermittent method on a series without demand (same as all zero)
  kFlagFewResiduals = 1u << 6,  // under kMinEmpiricalResiduals one-step residuals: a Normal interval around the mean
};

// The fewest in-sample one-step residuals whose empirical quantiles give the intervals; with fewer, the quantiles
// are mean + sqrt(v_h) * rms(residuals) * z(level), symmetric (0 wide without any residual).
inline constexpr std::size_t kMinEmpiricalResiduals = 5;

struct Forecast {
  Eigen::MatrixXd mean;                    // H x S
  std::vector<double> levels;              // as requested
  std::vector<Eigen::MatrixXd> quantiles;  // levels.size() matrices, each H x S
  std::vector<Params> params;              // S: the fitted (or fixed) parameters
  std::vector<Method> used;                // S: the method actually used (differs after a fallback)
  std::vector<std::uint32_t> flags;        // S: Flag bits
  std::vector<int> missing;                // S: missing observations (NaN) in the series' history
  Eigen::VectorXd sse;                     // S: in-sample one-step sum of squared errors of the used model

  double quantile(int h, int series, std::size_t level) const { return quantiles[level](h, series); }
};

// Fits `model` to every column of `history` and forecasts options.horizon steps ahead. A NaN in `history` is a
// missing observation (see models.hpp's run_model); each series' first value must be observed. Throws
// std::invalid_argument on an empty batch, an infinite value, a missing first value, an options.floor whose size is
// not the number of series, a horizon < 1, a level outside (0, 1), threads < 1,
// a model.per_series whose size is not the number of series, or (double-seasonal Holt-Winters) a period < 1 or a
// period2 <= period.
Forecast forecast(const Batch& history, const ModelSpec& model, const ForecastOptions& options = {});

}  // namespace peaksim::forecasting
