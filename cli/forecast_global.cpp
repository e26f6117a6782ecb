// `peaksim forecast --model global`: the learned global model (forecasting/global_model.hpp) with the shipped or
// given weights, daily calendar covariates and an optional price column. See docs/forecasting.md.
#include "cli/forecast_global.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>

#include "cli/forecast_chunks.hpp"
#include "cli/forecast_csv.hpp"
#include "cli/forecast_events.hpp"
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

std::string default_global_weights(int step_days) {
  if (step_days == kWeekly) return shipped_file(kShippedWeeklyWeights);
  if (step_days != kDaily) throw ShippedFileError("no weights are shipped for data " + frequency_name(step_days));
  return shipped_file(kShippedGlobalWeights);
}

fc::GlobalConfig default_daily_config() {
  fc::GlobalConfig c;
  c.lags = 56;
  c.horizon = 28;
  c.covariates = kDailyCovariates;
  c.hidden = {128, 128};
  c.frequency = "daily";
  return c;
}

fc::GlobalConfig default_weekly_config() {
  fc::GlobalConfig c;
  c.lags = 8;
  c.horizon = 8;
  c.covariates = 0;
  c.hidden = {64, 64};
  c.frequency = "weekly";
  c.season = 52;
  c.scale_window = 8;
  c.season_neighbours = 3;
  c.season_cycles = 1;
  c.recent = 4;
  return c;
}

void global_inputs(const std::vector<const Series*>& series, int length, int future, const CovariateLayout& layout,
                   const Events* events, fc::Batch& values, fc::Covariates& covariates) {
  const auto count = static_cast<Eigen::Index>(series.size());
  values.resize(length, count);  // resize, not assign: a caller reusing them across batches keeps their memory
  covariates.resize(static_cast<std::size_t>(layout.count()));
  for (Eigen::MatrixXd& c : covariates) c.resize(length + future, count);
  const bool calendar = layout.calendar;
  // The calendar rows of a series without prices depend on its first date alone: computed once per first date.
  std::map<std::int32_t, std::vector<double>> calendar_rows;
  for (Eigen::Index s = 0; s < count; ++s) {
    const Series& x = *series[static_cast<std::size_t>(s)];
    // skip > 0: the series' oldest days left out; skip < 0: -skip NaN-marked days before its first (training).
    const int skip = static_cast<int>(x.values.size()) - length;
    for (int t = 0; t < length; ++t) {
      values(t, s) =
          skip + t < 0 ? std::numeric_limits<double>::quiet_NaN() : x.values[static_cast<std::size_t>(skip + t)];
    }
    if (layout.events) add_event_covariates(*events, x, length, future, covariates, calendar ? kDailyCovariates : 0, s);
    if (!calendar) continue;  // a model trained without the calendar takes no covariates
    std::vector<double> log_price;
    if (!x.price.empty()) {
      const double reference = median(x.price);
      for (int t = skip; t < static_cast<int>(x.price.size()); ++t) {
        log_price.push_back(std::log(x.price[static_cast<std::size_t>(std::max(t, 0))] / reference));
      }
    }
    const cal::Date start = x.date(skip);
    std::vector<double> priced;
    if (!log_price.empty()) priced = step_covariates(start, length + future, x.step, log_price);
    auto cached = calendar_rows.find(start.days_since_1970());
    if (log_price.empty() && cached == calendar_rows.end()) {
      cached = calendar_rows.emplace(start.days_since_1970(), step_covariates(start, length + future, x.step)).first;
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

bool require_one_step(const std::vector<Series>& series, int step, const std::string& who) {
  for (const Series& s : series) {
    if (s.step != step) {
      std::cerr << fmt::format(
          "{}: series '{}' is {} where the first series is {}: one learned model serves one frequency (give --freq, "
          "or forecast them apart)\n",
          who, s.id, frequency_name(s.step), frequency_name(step));
      return false;
    }
  }
  return true;
}

int forecast_global(const ForecastCommandOptions& options, const std::vector<double>& levels,
                    const HistoryOptions& history, OutputFile& output) {
  // The weights are loaded at the first chunk: the default depends on the data's frequency.
  fc::GlobalModel model;
  std::string weights;
  int step = 0;  // of the first series; every series must have it
  CovariateLayout layout;
  Events events;
  std::string label = "global";
  const auto load = [&](int first_step) {
    step = first_step;
    weights = options.weights;
    try {
      if (weights.empty()) weights = default_global_weights(step);
    } catch (const ShippedFileError& e) {
      std::cerr << e.what() << ", or pass --weights FILE\n";
      return false;
    }
    try {
      model = fc::load_global_model(weights);
    } catch (const fc::WeightsError& e) {
      std::cerr << e.what() << (options.weights.empty() ? " (the shipped default weights; pass --weights)" : "")
                << '\n';
      return false;
    }
    const fc::GlobalConfig& config = model.config();
    if (const std::string problem = model_mismatch(config.covariates, config.frequency, step); !problem.empty()) {
      std::cerr << fmt::format("{}: {}\n", weights, problem);
      return false;
    }
    layout = *covariate_layout(config.covariates);
    if (layout.events == options.events.empty()) {
      std::cerr << (layout.events ? fmt::format("{}: the model was trained with events: pass --events FILE\n", weights)
                                  : fmt::format("--events {}: the model {} was trained without events (train one "
                                                "with train-forecaster --events)\n",
                                                options.events, weights));
      return false;
    }
    if (options.horizon > config.horizon) {
      std::cerr << fmt::format("--horizon {}: the global model {} forecasts at most {} {}s ahead\n", options.horizon,
                               weights, config.horizon, step_unit(step));
      return false;
    }
    if (layout.events && !load_events(options.events, events)) return false;
    label = "global (" + weights + ")";
    return true;
  };
  fc::ForecastOptions run_options{.horizon = options.horizon, .levels = levels};
  bool on_device = false;
  if (!backend_on_device(options.backend, on_device, options.verbose)) return 2;
  if (on_device) {
    run_options.network = [](const fc::Mlp& mlp, const Eigen::MatrixXf& x) {
      return fc::mlp_forward(fc::Backend::cuda, mlp, x);
    };
  }
  const int horizon = options.horizon;
  const auto run = [&](const std::vector<Series>& chunk, std::vector<SeriesForecast>& out) {
    if (step == 0 && !chunk.empty() && !load(chunk.front().step)) return false;
    if (!require_one_step(chunk, step, "--model global")) return false;
    const fc::GlobalConfig& config = model.config();
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
      fc::Batch values;
      fc::Covariates covariates;
      global_inputs(members, static_cast<int>(length), horizon, layout, &events, values, covariates);
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
  return forecast_in_chunks(options, levels, history, output, run, label);
}

}  // namespace peaksim::cli
