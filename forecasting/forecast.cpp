// The batched driver: checks the batch, picks the method each series can use, fits, forecasts, and turns
// in-sample one-step residuals into quantiles. Exponential smoothing and intermittent-demand (Croston, SBA, TSB)
// fits run for all series of a method at once through the batched filters (fit_params_batched, bit-identical to
// fit_params); the rest runs series by series, spread over options.threads workers.
#include "forecasting/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

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

// The standard Normal quantile at `level` in (0, 1), by bisection on the distribution function (exact to rounding;
// called once per level and forecast).
double normal_quantile(double level) {
  if (level == 0.5) return 0.0;                         // exactly: the median is the mean
  if (level < 0.5) return -normal_quantile(1 - level);  // symmetric intervals
  double low = 0, high = 40;
  for (int i = 0; i < 200 && high - low > 1e-15; ++i) {
    const double middle = 0.5 * (low + high);
    (0.5 * std::erfc(-middle / std::sqrt(2.0)) < level ? low : high) = middle;
  }
  return 0.5 * (low + high);
}

void check(const Batch& history, const ForecastOptions& options) {
  if (history.rows() == 0 || history.cols() == 0) throw std::invalid_argument("forecast: empty batch");
  // NaN is a missing observation; infinities are refused, and so is a missing first value (nothing to start from).
  if (history.array().isInf().any()) throw std::invalid_argument("forecast: the batch holds an infinite value");
  if (history.row(0).array().isNaN().any()) {
    throw std::invalid_argument("forecast: a series' first value is missing (NaN)");
  }
  if (options.horizon < 1) throw std::invalid_argument("forecast: horizon must be at least 1");
  for (const double level : options.levels) {
    if (!(level > 0 && level < 1)) throw std::invalid_argument("forecast: quantile levels must lie in (0, 1)");
  }
  if (options.threads < 1) throw std::invalid_argument("forecast: threads must be at least 1");
  if (!options.floor.empty() && options.floor.size() != static_cast<std::size_t>(history.cols())) {
    throw std::invalid_argument("forecast: options.floor needs one value per series");
  }
}

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

// What a series needs before its final run: its method, its flags and either its parameters or a fit.
struct SeriesPlan {
  Method used = Method::kSes;
  std::uint32_t flags = kFlagNone;
  Params params;
  bool fit = false;  // still to be fitted
};

SeriesPlan plan_series(const ModelSpec& model, const Params* fixed, std::span<const double> y) {
  SeriesPlan plan;
  const bool all_zero = std::all_of(y.begin(), y.end(), [](double v) { return std::isnan(v) || v == 0; });
  const bool constant = std::all_of(y.begin(), y.end(), [&](double v) { return std::isnan(v) || v == y[0]; });
  if (all_zero) plan.flags |= kFlagAllZero;
  if (constant) plan.flags |= kFlagConstant;
  if (all_zero && is_intermittent(model.method)) plan.flags |= kFlagNoDemand;
  plan.used = choose_method(model, y, plan.flags);

  if (model.method == Method::kSeasonalNaive && plan.used == Method::kSes) {
    plan.params.alpha = 1;
  } else if (fixed != nullptr) {
    plan.params = *fixed;
  } else if (constant) {
    plan.params = Params{0.1, 0.1, 0.1, 1.0};  // any parameters fit a constant series exactly
  } else {
    plan.fit = true;
  }
  return plan;
}

// Fits every series in `members` (all to be fitted with `method`, which has a batched filter) at once.
void fit_batched(const Batch& history, const ModelSpec& model, Method method, const std::vector<int>& members,
                 std::vector<SeriesPlan>& plans, int threads) {
  const auto steps = static_cast<std::size_t>(history.rows());
  const std::size_t count = members.size();
  std::vector<double> y(steps * count);  // time-major: y[t * count + j]
  for (std::size_t j = 0; j < count; ++j) {
    const double* column = history.data() + static_cast<std::size_t>(members[j]) * steps;
    for (std::size_t t = 0; t < steps; ++t) y[t * count + j] = column[t];
  }
  const std::vector<Params> params =
      fit_params_batched(method, model, y.data(), static_cast<int>(steps), static_cast<int>(count), threads);
  for (std::size_t j = 0; j < count; ++j) {
    SeriesPlan& plan = plans[static_cast<std::size_t>(members[j])];
    plan.params = params[j];
    plan.fit = false;
  }
}

// Fits (unless already fitted in a batch), runs the model, and falls back to SES on a non-finite result.
Run final_run(const ModelSpec& model, std::span<const double> y, int horizon, SeriesPlan& plan) {
  if (plan.fit) plan.params = fit_params(plan.used, model, y);
  Run run;
  run_model(plan.used, model, plan.params, y, horizon, run);
  if (!all_finite(run.path) || !std::isfinite(one_step_sse(y, run))) {
    plan.flags |= kFlagNumerical;
    plan.used = Method::kSes;
    plan.params = fit_params(Method::kSes, model, y);
    run_model(plan.used, model, plan.params, y, horizon, run);
  }
  return run;
}

// Series first..last-1 (or every `stride`-th from first): final run, residual quantiles, outputs. Each series
// writes only its own column, so workers never share an output.
void finish_series(const Batch& history, const ModelSpec& model, const ForecastOptions& options,
                   std::vector<SeriesPlan>& plans, int first, int stride, Forecast& out) {
  const auto length = static_cast<std::size_t>(history.rows());
  const auto series = static_cast<int>(history.cols());
  const int horizon = options.horizon;
  std::vector<double> residuals, normal;
  for (const double level : options.levels) normal.push_back(normal_quantile(level));
  for (int s = first; s < series; s += stride) {
    const std::span<const double> y(history.data() + static_cast<std::size_t>(s) * length, length);  // column s
    SeriesPlan& plan = plans[static_cast<std::size_t>(s)];
    const double low = !options.floor.empty() ? options.floor[static_cast<std::size_t>(s)]
                       : options.non_negative ? 0.0
                                              : -std::numeric_limits<double>::infinity();
    const Run run = final_run(model, y, horizon, plan);
    out.params[static_cast<std::size_t>(s)] = plan.params;
    out.used[static_cast<std::size_t>(s)] = plan.used;
    out.flags[static_cast<std::size_t>(s)] = plan.flags;
    out.missing[static_cast<std::size_t>(s)] =
        static_cast<int>(std::count_if(y.begin(), y.end(), [](double v) { return std::isnan(v); }));
    out.sse[s] = one_step_sse(y, run);

    residuals.clear();
    for (std::size_t t = static_cast<std::size_t>(run.first); t < length; ++t) {
      if (!std::isnan(y[t])) residuals.push_back(y[t] - run.fitted[t]);
    }
    // Too few residuals for their empirical quantiles (one residual would shift every quantile by itself): a
    // Normal interval centred on the mean with their root mean square as the one-step deviation.
    const bool few = residuals.size() < kMinEmpiricalResiduals;
    double deviation = 0;
    for (const double r : residuals) deviation += r * r;
    deviation = residuals.empty() ? 0.0 : std::sqrt(deviation / static_cast<double>(residuals.size()));
    if (few) out.flags[static_cast<std::size_t>(s)] |= kFlagFewResiduals;
    if (residuals.empty()) residuals.push_back(0.0);
    std::sort(residuals.begin(), residuals.end());

    for (int h = 1; h <= horizon; ++h) {
      const double mean = run.path[static_cast<std::size_t>(h - 1)];
      const double scale = std::sqrt(variance_factor(plan.used, model, plan.params, h));
      out.mean(h - 1, s) = std::max(low, mean);
      for (std::size_t l = 0; l < options.levels.size(); ++l) {
        const double offset = few ? deviation * normal[l] : sample_quantile(residuals, options.levels[l]);
        const double q = mean + scale * offset;
        out.quantiles[l](h - 1, s) = std::max(low, q);
      }
    }
  }
}

}  // namespace

std::string method_name(Method method) {
  switch (method) {
    case Method::kMovingAverage:
      return "moving average";
    case Method::kSeasonalNaive:
      return "seasonal naive";
    case Method::kSes:
      return "simple exponential smoothing";
    case Method::kHoltDamped:
      return "Holt damped trend";
    case Method::kHoltWintersAdditive:
      return "Holt-Winters additive";
    case Method::kHoltWintersMultiplicative:
      return "Holt-Winters multiplicative";
    case Method::kCroston:
      return "Croston";
    case Method::kSba:
      return "SBA";
    case Method::kTsb:
      return "TSB";
    case Method::kHoltWintersDouble:
      return "double-seasonal Holt-Winters";
  }
  return "unknown";
}

std::string method_key(Method method) {
  switch (method) {
    case Method::kMovingAverage:
      return "moving_average";
    case Method::kSeasonalNaive:
      return "seasonal_naive";
    case Method::kSes:
      return "ses";
    case Method::kHoltDamped:
      return "holt_damped";
    case Method::kHoltWintersAdditive:
      return "holt_winters_additive";
    case Method::kHoltWintersMultiplicative:
      return "holt_winters_multiplicative";
    case Method::kCroston:
      return "croston";
    case Method::kSba:
      return "sba";
    case Method::kTsb:
      return "tsb";
    case Method::kHoltWintersDouble:
      return "holt_winters_double";
  }
  return "unknown";
}

std::optional<Method> method_from_key(const std::string& key) {
  for (const Method method : kAllMethods) {
    if (method_key(method) == key) return method;
  }
  return std::nullopt;
}

Forecast forecast(const Batch& history, const ModelSpec& model, const ForecastOptions& options) {
  check(history, options);
  const auto length = static_cast<std::size_t>(history.rows());
  const auto series = static_cast<int>(history.cols());
  if (!model.per_series.empty() && model.per_series.size() != static_cast<std::size_t>(series)) {
    throw std::invalid_argument("forecast: model.per_series holds " + std::to_string(model.per_series.size()) +
                                " parameter sets for " + std::to_string(series) + " series");
  }
  if (model.method == Method::kHoltWintersDouble && (model.period < 1 || model.period2 <= model.period)) {
    throw std::invalid_argument("forecast: double-seasonal Holt-Winters needs 1 <= period < period2, got period " +
                                std::to_string(model.period) + " and period2 " + std::to_string(model.period2));
  }

  Forecast out;
  out.levels = options.levels;
  out.mean.resize(options.horizon, series);
  out.quantiles.assign(options.levels.size(), Eigen::MatrixXd(options.horizon, series));
  out.params.resize(static_cast<std::size_t>(series));
  out.used.resize(static_cast<std::size_t>(series));
  out.flags.resize(static_cast<std::size_t>(series));
  out.missing.resize(static_cast<std::size_t>(series));
  out.sse.resize(series);

  std::vector<SeriesPlan> plans(static_cast<std::size_t>(series));
  std::map<Method, std::vector<int>> to_fit;  // series whose fit can run batched, by method
  for (int s = 0; s < series; ++s) {
    const std::span<const double> y(history.data() + static_cast<std::size_t>(s) * length, length);
    const Params* fixed = !model.per_series.empty() ? &model.per_series[static_cast<std::size_t>(s)]
                          : model.fixed             ? &*model.fixed
                                                    : nullptr;
    SeriesPlan& plan = plans[static_cast<std::size_t>(s)];
    plan = plan_series(model, fixed, y);
    if (plan.fit && filter_for(plan.used)) to_fit[plan.used].push_back(s);
  }
  for (const auto& [method, members] : to_fit) fit_batched(history, model, method, members, plans, options.threads);

  // Worker w takes series w, w + workers, ...: each series' result depends on its column alone.
  const int workers = std::clamp(options.threads, 1, series);
  if (workers == 1) {
    finish_series(history, model, options, plans, 0, 1, out);
    return out;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] { finish_series(history, model, options, plans, w, workers, out); });
  }
  for (std::thread& thread : pool) thread.join();
  return out;
}

}  // namespace peaksim::forecasting
