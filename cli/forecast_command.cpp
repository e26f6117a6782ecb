// `peaksim forecast`: reads a long CSV of daily demand, forecasts every series with the classical library
// (forecasting/), and writes means and quantiles as a long CSV. See docs/forecasting.md, "Command line".
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/forecast_csv.hpp"
#include "cli/forecast_events.hpp"
#include "cli/forecast_global.hpp"
#include "cli/history_csv.hpp"
#include "forecasting/forecast.hpp"
#include "forecasting/select.hpp"

namespace peaksim::cli {

namespace {

namespace fc = peaksim::forecasting;

// Gathers series of equal length into library batches and keeps each series' forecast.
class Forecaster {
public:
  Forecaster(const std::vector<Series>& series, const fc::ForecastOptions& options)
      : series_(series), options_(options), out_(series.size()) {}

  // Series `group` (all of the same length) as one batch, one column per series.
  fc::Batch batch(const std::vector<std::size_t>& group) const {
    const auto length = static_cast<Eigen::Index>(series_[group[0]].values.size());
    fc::Batch b(length, static_cast<Eigen::Index>(group.size()));
    for (std::size_t k = 0; k < group.size(); ++k) {
      for (Eigen::Index t = 0; t < length; ++t) b(t, static_cast<Eigen::Index>(k)) = series_[group[k]].values[t];
    }
    return b;
  }

  // Keeps column k of `f` as the forecast of series group[k].
  void store(const std::vector<std::size_t>& group, const fc::Forecast& f) {
    for (std::size_t k = 0; k < group.size(); ++k) {
      const auto s = static_cast<int>(k);
      auto& o = out_[group[k]];
      o.mean.assign(options_.horizon, 0.0);
      o.quantiles.assign(options_.levels.size(), std::vector<double>(options_.horizon, 0.0));
      for (int h = 0; h < options_.horizon; ++h) {
        o.mean[h] = f.mean(h, s);
        for (std::size_t l = 0; l < options_.levels.size(); ++l) o.quantiles[l][h] = f.quantile(h, s, l);
      }
    }
  }

  // A notice on stderr for every series of `group` that `f` (asked for `asked`) forecast with a fallback.
  void notices(const std::vector<std::size_t>& group, fc::Method asked, const fc::Forecast& f) const {
    for (std::size_t k = 0; k < group.size(); ++k) notice(group[k], asked, f.used[k], f.flags[k]);
  }

  void notice(std::size_t index, fc::Method asked, fc::Method used, std::uint32_t flags) const {
    const Series& s = series_[index];
    std::string used_name = fc::method_key(used);
    if (asked == fc::Method::kSeasonalNaive && used == fc::Method::kSes) used_name = "naive (ses with alpha 1)";
    if (flags & fc::kFlagNonPositive) {
      std::cerr << fmt::format("notice: series '{}' has a value <= 0, which {} cannot use: forecast with {}\n", s.id,
                               fc::method_key(asked), used_name);
    } else if (flags & fc::kFlagShortSeries) {
      std::cerr << fmt::format("notice: series '{}' has {} points, too few for {}: forecast with {}\n", s.id,
                               s.values.size(), fc::method_key(asked), used_name);
    }
    if (flags & fc::kFlagNumerical) {
      std::cerr << fmt::format("notice: series '{}': {} gave a non-finite value: forecast with ses\n", s.id,
                               fc::method_key(asked));
    }
  }

  const std::vector<SeriesForecast>& results() const { return out_; }

private:
  const std::vector<Series>& series_;
  fc::ForecastOptions options_;
  std::vector<SeriesForecast> out_;
};

}  // namespace

std::string forecast_model_names() {
  std::string names;
  for (const fc::Method m : fc::kAllMethods) names += (names.empty() ? "" : ", ") + fc::method_key(m);
  return names;
}

int forecast(const ForecastCommandOptions& options) {
  const std::string& model = options.model;
  const std::optional<fc::Method> named = fc::method_from_key(model);
  if (!named && model != "auto" && model != "ensemble" && model != "global") {
    std::cerr << fmt::format("--model {}: unknown model; expected one of {}, auto, ensemble, global\n", model,
                             forecast_model_names());
    return 2;
  }
  if (named == fc::Method::kHoltWintersDouble && options.period2 <= options.period) {
    std::cerr << fmt::format(
        "--model holt_winters_double needs --period2, a second season longer than --period {} "
        "(e.g. --period 7 --period2 364); got {}\n",
        options.period, options.period2 == 0 ? "none" : std::to_string(options.period2));
    return 2;
  }
  const std::vector<double> levels = parse_levels(options.quantiles);
  if (levels.empty()) {
    std::cerr << fmt::format("--quantiles {}: expected levels in (0, 1) separated by commas, such as 0.5,0.9\n",
                             options.quantiles);
    return 2;
  }
  if (levels.size() > kMaxLevels) {  // each level is a column of every row
    std::cerr << fmt::format("--quantiles: {} levels; expected at most {}\n", levels.size(), kMaxLevels);
    return 2;
  }
  // Checked before the input is read; creates nothing yet (the same file as --input or --weights is refused).
  std::unique_ptr<OutputFile> output;
  try {
    output = std::make_unique<OutputFile>(options.output, options.force,
                                          std::vector<std::string>{options.input, options.weights});
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
  if (model == "global") return forecast_global(options, levels, *output);  // forecast_global.cpp
  std::vector<Series> series;
  if (!load_history(options.input, series)) return 2;

  const fc::ForecastOptions fopts{
      .horizon = options.horizon, .levels = levels, .non_negative = true, .threads = options.threads};
  Forecaster forecaster(series, fopts);
  std::map<std::size_t, std::vector<std::size_t>> by_length;  // equal lengths form one batch
  for (std::size_t s = 0; s < series.size(); ++s) by_length[series[s].values.size()].push_back(s);
  std::map<std::string, int> chosen_counts;
  const std::vector<fc::ModelSpec> candidates = fc::classical_candidates(options.period);
  // --events: each batch's event effects are fitted on its history, the model forecasts the base, and the effects
  // multiply its forecast on future event steps (forecasting/event_effects.hpp).
  const int step_days = history_step_days(series);
  Events events;
  if (!options.events.empty()) {
    cal::Date from, to;
    events_span(series, step_days, options.horizon, from, to);
    if (!load_events(options.events, from, to, events)) return 2;
  }
  for (const auto& [length, group] : by_length) {
    fc::Batch batch = forecaster.batch(group);
    fc::EventSteps steps;
    fc::EventEffects effects;
    if (!options.events.empty()) {
      std::vector<const Series*> members;
      for (const std::size_t s : group) members.push_back(&series[s]);
      steps = event_steps(events, members, step_days, static_cast<int>(length), options.horizon);
      effects = fc::fit_event_effects(batch, steps, static_cast<int>(events.names.size()), step_days == 1 ? 7 : 1);
      batch = effects.base;
    }
    const auto with_events = [&](fc::Forecast f) {
      if (!options.events.empty()) fc::apply_event_effects(f, effects, steps);
      return f;
    };
    if (model == "ensemble") {
      const std::vector<fc::ModelSpec> members = fc::default_ensemble(options.period);
      std::vector<fc::Forecast> parts;
      const fc::Forecast f = fc::forecast_ensemble(batch, members, fopts, &parts);
      for (std::size_t m = 0; m < members.size(); ++m) forecaster.notices(group, members[m].method, parts[m]);
      forecaster.store(group, with_events(f));
    } else if (model == "auto") {
      const int holdout = fc::default_holdout(static_cast<int>(length), options.horizon);
      std::vector<std::size_t> chosen;
      const fc::Forecast f = fc::forecast_auto(batch, fopts, candidates, holdout, &chosen);
      for (std::size_t k = 0; k < group.size(); ++k) {
        if (chosen[k] == fc::kNoChoice) {
          std::cerr << fmt::format("notice: series '{}' has {} points, too few to choose a model: forecast with ses\n",
                                   series[group[k]].id, length);
          chosen_counts["ses"] += 1;
          continue;
        }
        const fc::Method method = candidates[chosen[k]].method;
        forecaster.notice(group[k], method, f.used[k], f.flags[k]);
        chosen_counts[fc::method_key(method)] += 1;
      }
      forecaster.store(group, with_events(f));
    } else {
      const fc::Forecast f = fc::forecast(
          batch, {.method = *named, .window = 7, .period = options.period, .period2 = options.period2}, fopts);
      forecaster.notices(group, *named, f);
      forecaster.store(group, with_events(f));
    }
  }
  if (model == "auto") {
    std::string summary;
    for (const auto& [name, count] : chosen_counts) {
      summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", name, count);
    }
    std::cerr << "auto: series per chosen model: " << summary << '\n';
  }

  if (!write_forecasts_csv(*output, series, forecaster.results(), levels, options.horizon)) return 1;
  std::cout << fmt::format("{}: {} series, {} days ahead, model {}\n", options.output, series.size(), options.horizon,
                           model);
  return 0;
}

}  // namespace peaksim::cli
