// Automatic choice by holdout error and the averaging ensemble, both built from batched forecast() calls.
#include "forecasting/select.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace peaksim::forecasting {

namespace {

// An empty forecast of `series` columns shaped as forecast() shapes its result.
Forecast empty_like(int series, const ForecastOptions& options) {
  Forecast out;
  out.levels = options.levels;
  out.mean = Eigen::MatrixXd::Zero(options.horizon, series);
  out.quantiles.assign(options.levels.size(), Eigen::MatrixXd::Zero(options.horizon, series));
  out.params.resize(series);
  out.used.resize(series);
  out.flags.assign(series, kFlagNone);
  out.missing.assign(series, 0);
  out.sse = Eigen::VectorXd::Zero(series);
  return out;
}

// Copies column k of `part` to column columns[k] of `out`.
void scatter(const Forecast& part, const std::vector<Eigen::Index>& columns, Forecast& out) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const auto from = static_cast<Eigen::Index>(k);
    const Eigen::Index to = columns[k];
    out.mean.col(to) = part.mean.col(from);
    for (std::size_t l = 0; l < out.quantiles.size(); ++l) out.quantiles[l].col(to) = part.quantiles[l].col(from);
    out.params[to] = part.params[k];
    out.used[to] = part.used[k];
    out.flags[to] = part.flags[k];
    out.missing[to] = part.missing[k];
    out.sse(to) = part.sse(from);
  }
}

// Per series, the index of the candidate with the lowest holdout MAE (the first on a tie).
std::vector<std::size_t> choose(const Batch& history, const ForecastOptions& options,
                                std::span<const ModelSpec> candidates, int holdout) {
  const Eigen::Index length = history.rows(), series = history.cols();
  const Batch fit_part = history.topRows(length - holdout);
  const ForecastOptions short_options{.horizon = holdout,
                                      .levels = {0.5},
                                      .non_negative = options.non_negative,
                                      .floor = options.floor,
                                      .threads = options.threads};
  std::vector<double> best(series, std::numeric_limits<double>::infinity());
  std::vector<std::size_t> pick(series, 0);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Forecast f = forecast(fit_part, candidates[c], short_options);
    for (Eigen::Index s = 0; s < series; ++s) {
      double mae = 0;  // over the observed holdout steps (all candidates see the same ones)
      for (int h = 0; h < holdout; ++h) {
        const double actual = history(length - holdout + h, s);
        if (!std::isnan(actual)) mae += std::abs(actual - f.mean(h, s));
      }
      if (mae < best[s]) {
        best[s] = mae;
        pick[s] = c;
      }
    }
  }
  return pick;
}

}  // namespace

std::vector<ModelSpec> classical_candidates(int period, int window) {
  std::vector<ModelSpec> out;
  for (const Method method : kAllMethods) {
    if (method == Method::kHoltWintersDouble) continue;  // its second period is not a candidate's parameter
    out.push_back({.method = method, .window = window, .period = period});
  }
  return out;
}

std::vector<ModelSpec> default_ensemble(int period) {
  std::vector<ModelSpec> out;
  for (const Method method :
       {Method::kSes, Method::kHoltDamped, Method::kHoltWintersAdditive, Method::kSeasonalNaive}) {
    out.push_back({.method = method, .period = period});
  }
  return out;
}

int default_holdout(int length, int horizon) { return std::min(horizon, length / 4); }

Forecast forecast_auto(const Batch& history, const ForecastOptions& options, std::span<const ModelSpec> candidates,
                       int holdout, std::vector<std::size_t>* chosen) {
  if (candidates.empty()) throw std::invalid_argument("forecast_auto: no candidate models");
  if (history.rows() == 0 || history.cols() == 0) throw std::invalid_argument("forecast: empty batch");
  if (holdout >= history.rows()) throw std::invalid_argument("forecast_auto: the holdout leaves no point to fit on");
  const auto series = static_cast<int>(history.cols());
  if (holdout < 1) {
    Forecast f = forecast(history, {.method = Method::kSes}, options);
    if (chosen) chosen->assign(series, kNoChoice);
    return f;
  }
  const std::vector<std::size_t> pick = choose(history, options, candidates, holdout);

  std::map<std::size_t, std::vector<Eigen::Index>> by_candidate;
  for (int s = 0; s < series; ++s) by_candidate[pick[s]].push_back(s);
  Forecast out = empty_like(series, options);
  for (const auto& [c, columns] : by_candidate) {
    if (columns.size() == static_cast<std::size_t>(series)) {
      out = forecast(history, candidates[c], options);
      break;
    }
    Batch part(history.rows(), static_cast<Eigen::Index>(columns.size()));
    ForecastOptions part_options = options;
    if (!options.floor.empty()) part_options.floor.clear();
    for (std::size_t k = 0; k < columns.size(); ++k) {
      part.col(static_cast<Eigen::Index>(k)) = history.col(columns[k]);
      if (!options.floor.empty()) part_options.floor.push_back(options.floor[static_cast<std::size_t>(columns[k])]);
    }
    scatter(forecast(part, candidates[c], part_options), columns, out);
  }
  if (chosen) *chosen = pick;
  return out;
}

Forecast forecast_ensemble(const Batch& history, std::span<const ModelSpec> members, const ForecastOptions& options,
                           std::vector<Forecast>* parts) {
  if (members.empty()) throw std::invalid_argument("forecast_ensemble: no members");
  const auto series = static_cast<int>(history.cols());
  const double weight = 1.0 / static_cast<double>(members.size());
  Forecast out;
  if (parts) parts->clear();
  for (std::size_t m = 0; m < members.size(); ++m) {
    Forecast f = forecast(history, members[m], options);
    if (m == 0) {
      out = empty_like(series, options);
      out.params = f.params;
      out.used = f.used;
      out.missing = f.missing;
      out.sse.setConstant(std::numeric_limits<double>::quiet_NaN());
    }
    out.mean += weight * f.mean;
    for (std::size_t l = 0; l < out.quantiles.size(); ++l) out.quantiles[l] += weight * f.quantiles[l];
    for (int s = 0; s < series; ++s) out.flags[s] |= f.flags[s];
    if (parts) parts->push_back(std::move(f));
  }
  return out;
}

}  // namespace peaksim::forecasting
