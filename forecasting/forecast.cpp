// The batched driver: checks the batch, picks the method each series can use, fits, forecasts, and turns
// in-sample one-step residuals into quantiles.
#include "forecasting/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "forecasting/models.hpp"

namespace peaksim::forecasting {

namespace {

bool is_intermittent(Method method) {
  return method == Method::kCroston || method == Method::kSba || method == Method::kTsb;
}

bool all_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

// Sample quantile with linear interpolation between order statistics (Hyndman-Fan type 7) of sorted values.
double sample_quantile(const std::vector<double>& sorted, double level) {
  const double position = level * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

void check(const Batch& history, const ForecastOptions& options) {
  if (history.rows() == 0 || history.cols() == 0) throw std::invalid_argument("forecast: empty batch");
  if (!history.allFinite()) throw std::invalid_argument("forecast: the batch holds a non-finite value");
  if (options.horizon < 1) throw std::invalid_argument("forecast: horizon must be at least 1");
  for (const double level : options.levels) {
    if (!(level > 0 && level < 1)) throw std::invalid_argument("forecast: quantile levels must lie in (0, 1)");
  }
}

struct SeriesResult {
  Method used;
  Params params;
  std::uint32_t flags = kFlagNone;
  Run run;
};

// The method a series is forecast with: the requested one, or its fallback with the reason in flags.
Method choose_method(const ModelSpec& model, std::span<const double> y, std::uint32_t& flags) {
  Method method = model.method;
  const bool non_positive = std::any_of(y.begin(), y.end(), [](double v) { return v <= 0; });
  if (method == Method::kHoltWintersMultiplicative && non_positive) {
    flags |= kFlagNonPositive;
    method = Method::kHoltWintersAdditive;
  }
  if (static_cast<int>(y.size()) < min_length(method, model)) {
    flags |= kFlagShortSeries;
    method = Method::kSes;  // seasonal naive falls back to naive, i.e. SES with alpha = 1 (see below)
  }
  return method;
}

SeriesResult forecast_series(const ModelSpec& model, std::span<const double> y, int horizon) {
  SeriesResult result;
  const bool all_zero = std::all_of(y.begin(), y.end(), [](double v) { return v == 0; });
  const bool constant = std::all_of(y.begin(), y.end(), [&](double v) { return v == y[0]; });
  if (all_zero) result.flags |= kFlagAllZero;
  if (constant) result.flags |= kFlagConstant;
  if (all_zero && is_intermittent(model.method)) result.flags |= kFlagNoDemand;
  result.used = choose_method(model, y, result.flags);

  if (model.method == Method::kSeasonalNaive && result.used == Method::kSes) {
    result.params.alpha = 1;
  } else if (model.fixed) {
    result.params = *model.fixed;
  } else if (constant) {
    result.params = Params{0.1, 0.1, 0.1, 1.0};  // any parameters fit a constant series exactly
  } else {
    result.params = fit_params(result.used, model, y);
  }
  run_model(result.used, model, result.params, y, horizon, result.run);

  if (!all_finite(result.run.path) || !std::isfinite(one_step_sse(y, result.run))) {
    result.flags |= kFlagNumerical;
    result.used = Method::kSes;
    result.params = fit_params(Method::kSes, model, y);
    run_model(result.used, model, result.params, y, horizon, result.run);
  }
  return result;
}

}  // namespace

std::string method_name(Method method) {
  switch (method) {
    case Method::kMovingAverage: return "moving average";
    case Method::kSeasonalNaive: return "seasonal naive";
    case Method::kSes: return "simple exponential smoothing";
    case Method::kHoltDamped: return "Holt damped trend";
    case Method::kHoltWintersAdditive: return "Holt-Winters additive";
    case Method::kHoltWintersMultiplicative: return "Holt-Winters multiplicative";
    case Method::kCroston: return "Croston";
    case Method::kSba: return "SBA";
    case Method::kTsb: return "TSB";
  }
  return "unknown";
}

Forecast forecast(const Batch& history, const ModelSpec& model, const ForecastOptions& options) {
  check(history, options);
  const auto length = static_cast<std::size_t>(history.rows());
  const auto series = static_cast<int>(history.cols());
  const int horizon = options.horizon;

  Forecast out;
  out.levels = options.levels;
  out.mean.resize(horizon, series);
  out.quantiles.assign(options.levels.size(), Eigen::MatrixXd(horizon, series));
  out.params.resize(series);
  out.used.resize(series);
  out.flags.resize(series);
  out.sse.resize(series);

  std::vector<double> residuals;
  for (int s = 0; s < series; ++s) {
    const std::span<const double> y(history.data() + s * length, length);  // column s, contiguous
    const SeriesResult one = forecast_series(model, y, horizon);
    out.params[s] = one.params;
    out.used[s] = one.used;
    out.flags[s] = one.flags;
    out.sse[s] = one_step_sse(y, one.run);

    residuals.clear();
    for (std::size_t t = one.run.first; t < length; ++t) residuals.push_back(y[t] - one.run.fitted[t]);
    if (residuals.empty()) residuals.push_back(0.0);
    std::sort(residuals.begin(), residuals.end());

    for (int h = 1; h <= horizon; ++h) {
      const double mean = one.run.path[h - 1];
      const double scale = std::sqrt(variance_factor(one.used, model, one.params, h));
      out.mean(h - 1, s) = options.non_negative ? std::max(0.0, mean) : mean;
      for (std::size_t l = 0; l < options.levels.size(); ++l) {
        const double q = mean + scale * sample_quantile(residuals, options.levels[l]);
        out.quantiles[l](h - 1, s) = options.non_negative ? std::max(0.0, q) : q;
      }
    }
  }
  return out;
}

}  // namespace peaksim::forecasting
