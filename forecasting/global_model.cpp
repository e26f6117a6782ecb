#include "forecasting/global_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace peaksim::forecasting {

void GlobalConfig::check() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("global model config: " + what); };
  if (lags < 1) fail("lags must be >= 1");
  if (horizon < 1) fail("horizon must be >= 1");
  if (covariates < 0) fail("covariates must be >= 0");
  if (levels.empty()) fail("levels must not be empty");
  for (std::size_t l = 0; l < levels.size(); ++l) {
    if (!(levels[l] > 0 && levels[l] < 1)) fail("every level must be in (0, 1)");
    if (l > 0 && !(levels[l] > levels[l - 1])) fail("levels must be increasing");
  }
  for (const int width : hidden) {
    if (width < 1) fail("every hidden layer needs at least one unit");
  }
  if (season < 0) fail("season must be >= 0");
  if (season > 0) {
    if (scale_window < 1) fail("scale_window must be >= 1");
    if (season_neighbours < 0 || recent < 0) fail("season_neighbours and recent must be >= 0");
    if (season_cycles < 1) fail("season_cycles must be >= 1");
    if (annual < 0 || annual % season != 0 || (annual > 0 && annual < horizon + season))
      fail("annual must be 0 or a multiple of the season of at least horizon + season steps");
  }
  if (!(scale_floor > 0) || !std::isfinite(scale_floor)) fail("scale_floor must be a finite number > 0");
}

GlobalModel::GlobalModel(GlobalConfig config) : config_(std::move(config)) { config_.check(); }

bool GlobalModel::ready() const {
  const int n = config_.input_size();
  if (mlp_.layers() != static_cast<int>(config_.hidden.size()) + 1) return false;
  if (mlp_.inputs() != n || mlp_.outputs() != config_.output_size()) return false;
  for (int k = 0; k < mlp_.layers(); ++k) {
    if (mlp_.biases[k].size() != mlp_.weights[k].rows()) return false;
    if (k > 0 && mlp_.weights[k].cols() != mlp_.weights[k - 1].rows()) return false;
    if (k + 1 < mlp_.layers() && mlp_.weights[k].rows() != config_.hidden[k]) return false;
  }
  return input_mean_.size() == n && input_std_.size() == n;
}

double GlobalModel::window_fill(const Batch& values, int s, int origin) const {
  int available = 0;
  double sum = 0;
  for (int t = std::max(origin - config_.lags + 1, 0); t <= origin; ++t) {
    if (std::isnan(values(t, s))) continue;
    ++available;
    sum += values(t, s);
  }
  return available > 0 ? sum / available : 0.0;
}

namespace {

// y[t] of column s, or NaN when t is outside the batch or not observed.
double observed(const Batch& values, int s, int t) {
  return t >= 0 && t < values.rows() ? values(t, s) : std::numeric_limits<double>::quiet_NaN();
}

// A step's base: y[phase] (the latest step in its phase), or `fill` when that is not observed.
double base_at(const Batch& values, int s, int phase, double fill) {
  const double v = observed(values, s, phase);
  return std::isnan(v) ? fill : v;
}

// (a - b) / scale, 0 when either is not observed, clipped at +-25: a series whose last season was calm has a tiny
// scale, and one jump would otherwise be an input of thousands.
double change(double a, double b, double scale) {
  constexpr double kClip = 25;
  return std::isnan(a) || std::isnan(b) ? 0.0 : std::clamp((a - b) / scale, -kClip, kClip);
}

}  // namespace

double GlobalModel::seasonal_scale(const Batch& values, int s, int origin, double level) const {
  const int m = config_.season;
  int pairs = 0;
  double sum = 0;
  for (int t = origin - config_.scale_window + 1; t <= origin; ++t) {
    const double d = observed(values, s, t) - observed(values, s, t - m);
    if (std::isnan(d)) continue;
    ++pairs;
    sum += std::abs(d);
  }
  // Without a single pair (a series younger than one season) the level stands in for the seasonal error.
  return (pairs > 0 ? sum / pairs : level) + config_.scale_floor;
}

double GlobalModel::features(const Batch& values, const Covariates& covariates, int s, int origin,
                             Eigen::Ref<Eigen::MatrixXf> x, int column) const {
  const int lags = config_.lags;
  const int first = origin - lags + 1;
  const double fill = window_fill(values, s, origin);  // stands for steps before the series starts
  int available = 0;
  double abs_sum = 0;
  for (int t = std::max(first, 0); t <= origin; ++t) {
    if (std::isnan(values(t, s))) continue;
    ++available;
    abs_sum += std::abs(values(t, s));
  }
  const double level = (abs_sum + std::abs(fill) * (lags - available)) / lags;
  const int m = config_.season;
  const double scale = m > 0 ? seasonal_scale(values, s, origin, level) : level + config_.scale_floor;
  int row = 0;
  const auto put = [&](double v) { x(row++, column) = static_cast<float>(v); };
  if (m > 0) {
    for (int t = first; t <= origin; ++t) put(change(observed(values, s, t), observed(values, s, t - m), scale));
    put(0.2 * std::log(scale));
    put(0.2 * std::log((level + config_.scale_floor) / scale));
    if (config_.annual > 0) put(std::isnan(observed(values, s, origin - config_.annual)) ? 0.0 : 1.0);
  } else {
    for (int t = first; t <= origin; ++t) put((t >= 0 && !std::isnan(values(t, s)) ? values(t, s) : fill) / scale);
    put(0.2 * std::log(scale));
  }
  for (int t = first; t <= origin + config_.horizon; ++t) {
    for (const Eigen::MatrixXd& c : covariates) put(c(std::clamp(t, 0, static_cast<int>(c.rows()) - 1), s));
  }
  if (m > 0) {
    // Steps after the origin are never read: a neighbour or cycle step beyond it counts as not observed.
    const auto seen = [&](int t) { return t <= origin ? observed(values, s, t) : std::nan(""); };
    for (int h = 1; h <= config_.horizon; ++h) {
      const int k = (h + m - 1) / m;
      const int phase = origin + h - k * m;
      const double b = base_at(values, s, phase, fill);
      for (int j = 1; j <= config_.season_neighbours; ++j) {
        put(change(seen(phase - j), b, scale));
        put(change(seen(phase + j), b, scale));
      }
      for (int j = k + 1; j < k + config_.season_cycles; ++j) put(change(seen(origin + h - j * m), b, scale));
      for (int i = 0; i < config_.recent; ++i) put(change(seen(origin - i), b, scale));
      if (const int a = config_.annual; a > 0) put(change(seen(origin + h - a), seen(phase - a), scale));
    }
  }
  x.col(column) = ((x.col(column) - input_mean_).array() / input_std_.array()).matrix();
  return scale;
}

void GlobalModel::baselines(const Batch& values, int s, int origin, double* out) const {
  const int m = config_.season;
  if (m == 0) {
    std::fill(out, out + config_.horizon, 0.0);
    return;
  }
  const double fill = window_fill(values, s, origin);
  for (int h = 1; h <= config_.horizon; ++h) out[h - 1] = base_at(values, s, origin + h - (h + m - 1) / m * m, fill);
}

namespace {

// Quantile at `level` from values at increasing `trained` levels: linear between neighbours, nearest outside.
double interpolate(const std::vector<double>& trained, const std::vector<double>& at, double level) {
  if (level <= trained.front()) return at.front();
  if (level >= trained.back()) return at.back();
  std::size_t j = 1;
  while (trained[j] < level) ++j;
  const double w = (level - trained[j - 1]) / (trained[j] - trained[j - 1]);
  return at[j - 1] + w * (at[j] - at[j - 1]);
}

}  // namespace

Forecast GlobalModel::forecast(const Batch& history, const Covariates& covariates,
                               const ForecastOptions& options) const {
  if (!ready()) throw std::invalid_argument("global model: no weights (train or load a model first)");
  const auto steps = static_cast<int>(history.rows());
  const auto series = static_cast<int>(history.cols());
  if (steps < 1 || series < 1) throw std::invalid_argument("global model: empty batch");
  // NaN is a missing observation (masked in the features); an infinite value is an error.
  if (history.array().isInf().any()) throw std::invalid_argument("global model: the history has an infinite value");
  if (options.horizon < 1 || options.horizon > config_.horizon) {
    throw std::invalid_argument("global model: horizon " + std::to_string(options.horizon) + " is outside 1.." +
                                std::to_string(config_.horizon) + " (the trained horizon)");
  }
  for (const double level : options.levels) {
    if (!(level > 0 && level < 1)) throw std::invalid_argument("global model: every level must be in (0, 1)");
  }
  if (static_cast<int>(covariates.size()) != config_.covariates) {
    throw std::invalid_argument("global model: expected " + std::to_string(config_.covariates) +
                                " covariate matrices, got " + std::to_string(covariates.size()));
  }
  for (const Eigen::MatrixXd& c : covariates) {
    if (c.cols() != series || c.rows() < steps + options.horizon) {
      throw std::invalid_argument("global model: each covariate matrix must be (T + horizon) x S");
    }
    if (!c.allFinite()) throw std::invalid_argument("global model: a covariate has a non-finite value");
  }

  Eigen::MatrixXf x(config_.input_size(), series);
  std::vector<double> scale(series);
  for (int s = 0; s < series; ++s) scale[s] = features(history, covariates, s, steps - 1, x, s);
  const Eigen::MatrixXf y = options.network ? options.network(mlp_, x) : mlp_.forward(x);

  const int width = static_cast<int>(config_.levels.size()) + 1;
  const std::size_t n_levels = options.levels.size();
  Forecast f;
  f.levels = options.levels;
  f.mean.resize(options.horizon, series);
  f.quantiles.assign(n_levels, Eigen::MatrixXd(options.horizon, series));
  f.params.assign(series, Params{});
  f.flags.assign(series, kFlagNone);
  f.sse = Eigen::VectorXd::Constant(series, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> at(config_.levels.size());
  std::vector<double> base(static_cast<std::size_t>(config_.horizon));
  for (int s = 0; s < series; ++s) {
    baselines(history, s, steps - 1, base.data());
    if (steps < config_.window_steps()) f.flags[s] |= kFlagShortSeries;
    const bool all_zero = (history.col(s).array() == 0 || history.col(s).array().isNaN()).all();
    if (all_zero) f.flags[s] |= kFlagAllZero;
    for (int h = 0; h < options.horizon; ++h) {
      const int first = h * width;
      const double b = base[static_cast<std::size_t>(h)];
      double mean = y(first, s) * scale[s] + b;
      for (std::size_t l = 0; l < at.size(); ++l) at[l] = y(first + 1 + static_cast<int>(l), s) * scale[s] + b;
      std::sort(at.begin(), at.end());
      if (options.non_negative) {
        mean = std::max(mean, 0.0);
        for (double& v : at) v = std::max(v, 0.0);
      }
      f.mean(h, s) = mean;
      for (std::size_t l = 0; l < n_levels; ++l) f.quantiles[l](h, s) = interpolate(config_.levels, at, f.levels[l]);
    }
  }
  return f;
}

}  // namespace peaksim::forecasting
