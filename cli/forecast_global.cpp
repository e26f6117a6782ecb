// `peaksim forecast --model global`: the learned global model (forecasting/global_model.hpp) with the shipped or
// given weights, daily calendar covariates and an optional price column. See docs/forecasting.md.
#include "cli/forecast_global.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>

#include "cli/forecast_chunks.hpp"
#include "cli/forecast_csv.hpp"
#include "cli/forecast_warnings.hpp"
#include "cli/frequency.hpp"
#include "forecasting/backend.hpp"
#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/forecast_covariates.hpp"
#include "sim/common/shipped_file.hpp"

namespace peaksim::cli {
namespace {

namespace fc = peaksim::forecasting;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

std::string default_global_weights() { return shipped_file(kShippedGlobalWeights); }

fc::GlobalConfig default_daily_config() {
  fc::GlobalConfig c;
  c.lags = 56;
  c.horizon = 28;
  c.covariates = kDailyCovariates;
  c.hidden = {128, 128};
  c.frequency = "daily";
  return c;
}

void global_inputs(const std::vector<const Series*>& series, int length, int future, bool calendar, fc::Batch& values,
                   fc::Covariates& covariates) {
  const auto count = static_cast<Eigen::Index>(series.size());
  values.resize(length, count);  // resize, not assign: a caller reusing them across batches keeps their memory
  covariates.resize(calendar ? kDailyCovariates : 0);
  for (Eigen::MatrixXd& c : covariates) c.resize(length + future, count);
  // The calendar rows of a series without prices depend on its first day alone: computed once per first day.
  std::map<std::int32_t, std::vector<double>> calendar_rows;
  for (Eigen::Index s = 0; s < count; ++s) {
    const Series& x = *series[static_cast<std::size_t>(s)];
    // skip > 0: the series' oldest days left out; skip < 0: -skip NaN-marked days before its first (training).
    const int skip = static_cast<int>(x.values.size()) - length;
    for (int t = 0; t < length; ++t) {
      values(t, s) =
          skip + t < 0 ? std::numeric_limits<double>::quiet_NaN() : x.values[static_cast<std::size_t>(skip + t)];
    }
    if (!calendar) continue;  // a model trained without the calendar takes no covariates
    std::vector<double> log_price;
    if (!x.price.empty()) {
      const double reference = median(x.price);
      for (int t = skip; t < static_cast<int>(x.price.size()); ++t) {
        log_price.push_back(std::log(x.price[static_cast<std::size_t>(std::max(t, 0))] / reference));
      }
    }
    const cal::Date start = x.first + skip;
    std::vector<double> priced;
    if (!log_price.empty()) priced = daily_covariates(start, length + future, log_price);
    auto cached = calendar_rows.find(start.days_since_1970());
    if (log_price.empty() && cached == calendar_rows.end()) {
      cached = calendar_rows.emplace(start.days_since_1970(), daily_covariates(start, length + future)).first;
    }
    const std::vector<double>& rows = log_price.empty() ? cached->second : priced;
    for (int t = 0; t < length + future; ++t) {
      for (int c = 0; c < kDailyCovariates; ++c) {
        covariates[static_cast<std::size_t>(c)](t, s) = rows[static_cast<std::size_t>(t * kDailyCovariates + c)];
      }
    }
  }
}

bool backend_on_device(const std::string& backend, bool& on_device, bool verbose) {
  on_device = false;
  std::ostringstream fallback;  // auto's notice when it falls back to the CPU: printed with -v only
  try {
    const fc::Backend requested = backend == "cuda"  ? fc::Backend::cuda
                                  : backend == "cpu" ? fc::Backend::cpu
                                                     : fc::Backend::automatic;
    on_device = fc::resolve_backend(requested, fallback) == fc::Backend::cuda;
  } catch (const std::runtime_error& e) {
    std::cerr << fmt::format("--backend {}: {}\n", backend, e.what());
    return false;
  }
  if (!verbose) return true;
  if (on_device) {
    std::cerr << fmt::format("forecasting runs on the CUDA device {} (plugin {})\n", fc::cuda_device_info().name,
                             fc::cuda_plugin_path());
  } else {
    std::cerr << (backend == "cpu" ? std::string("forecasting runs on the CPU (--backend cpu)\n") : fallback.str());
  }
  return true;
}

bool require_step(const std::vector<Series>& series, const std::string& who, int step, bool missing_ok) {
  for (const Series& s : series) {
    if (s.step != step) {
      std::cerr << fmt::format(
          "{}: series '{}' is {} (a step of {} days); the learned global model's weights are for {} data, and there "
          "are none for {} data here: use a classical model (e.g. --model auto)\n",
          who, s.id, frequency_name(s.step), s.step, frequency_name(step), frequency_name(s.step));
      return false;
    }
    const bool has_nan = std::any_of(s.values.begin(), s.values.end(), [](double v) { return std::isnan(v); });
    if (!missing_ok && has_nan) {  // under --fill zero the missing steps are zeros
      std::cerr << fmt::format(
          "{}: series '{}' has {} missing steps; the learned global model does not take missing values yet: give "
          "--fill zero (no row means no sale) or use a classical model\n",
          who, s.id, s.missing);
      return false;
    }
  }
  return true;
}

int forecast_global(const ForecastCommandOptions& options, const std::vector<double>& levels,
                    const HistoryOptions& history, OutputFile& output) {
  std::string weights = options.weights;
  try {
    if (weights.empty()) weights = default_global_weights();
  } catch (const ShippedFileError& e) {
    std::cerr << e.what() << ", or pass --weights FILE\n";
    return 2;
  }
  fc::GlobalModel model;
  try {
    model = fc::load_global_model(weights);
  } catch (const fc::WeightsError& e) {
    std::cerr << e.what() << (options.weights.empty() ? " (the shipped default weights; pass --weights)" : "") << '\n';
    return 2;
  }
  const fc::GlobalConfig& config = model.config();
  if (const std::string problem = daily_model_mismatch(config.covariates, config.frequency); !problem.empty()) {
    std::cerr << fmt::format("{}: {}\n", weights, problem);
    return 2;
  }
  if (options.horizon > config.horizon) {
    std::cerr << fmt::format("--horizon {}: the global model {} forecasts at most {} days ahead\n", options.horizon,
                             weights, config.horizon);
    return 2;
  }
  // The data the weights were trained on: daily unless they say weekly.
  const int weights_step = config.frequency == "weekly" ? kWeekly : kDaily;
  fc::ForecastOptions run_options{.horizon = options.horizon, .levels = levels};
  bool on_device = false;
  if (!backend_on_device(options.backend, on_device, options.verbose)) return 2;
  if (on_device) {
    run_options.network = [](const fc::Mlp& mlp, const Eigen::MatrixXf& x) {
      return fc::mlp_forward(fc::Backend::cuda, mlp, x);
    };
  }
  fc::Batch values;  // kept across chunks: batches of the same shape reuse their memory
  fc::Covariates covariates;
  const int horizon = options.horizon;
  const auto run = [&](const std::vector<Series>& chunk, std::vector<SeriesForecast>& out) {
    if (!require_step(chunk, "--model global", weights_step, false)) return false;
    out.assign(chunk.size(), {});
    // Equal lengths form one batch; series with returns apart, since the library clips the others at 0 before it
    // interpolates their quantiles, and theirs go down to their own floor (forecast_floor) after.
    std::map<std::pair<std::size_t, bool>, std::vector<std::size_t>> batches;
    for (std::size_t s = 0; s < chunk.size(); ++s) {
      batches[{chunk[s].values.size(), forecast_floor(chunk[s], options.nonnegative) < 0}].push_back(s);
    }
    for (const auto& [key, group] : batches) {
      const std::size_t length = key.first;
      std::vector<const Series*> members;
      for (const std::size_t s : group) members.push_back(&chunk[s]);
      global_inputs(members, static_cast<int>(length), horizon, config.covariates > 0, values, covariates);
      run_options.non_negative = !key.second;
      const fc::Forecast f = model.forecast(values, covariates, run_options);
      for (std::size_t k = 0; k < group.size(); ++k) {
        const auto col = static_cast<Eigen::Index>(k);
        SeriesForecast& r = out[group[k]];
        const double floor = forecast_floor(chunk[group[k]], options.nonnegative);
        for (const double v : f.mean.col(col)) r.mean.push_back(std::max(floor, v));
        for (std::size_t l = 0; l < levels.size(); ++l) {
          r.quantiles.emplace_back();
          for (const double v : f.quantiles[l].col(col)) r.quantiles.back().push_back(std::max(floor, v));
        }
        r.model = "global";
        if (f.flags[k] & fc::kFlagShortSeries) {
          r.warning = fmt::format("{} points: fewer than the {} the model reads (lags{}): padded with its mean", length,
                                  config.window_steps(), config.season > 0 ? " + season" : "");
        }
      }
    }
    return true;
  };
  return forecast_in_chunks(options, levels, history, output, run, "global (" + weights + ")");
}

}  // namespace peaksim::cli
