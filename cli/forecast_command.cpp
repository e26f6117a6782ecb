// `peaksim forecast`: reads a long CSV of demand history a chunk of series at a time, forecasts every series with
// the classical library (forecasting/) or the learned global model, and writes means and quantiles as a long CSV
// in input order. See docs/forecasting.md, "Command line".
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/cli_checks.hpp"
#include "cli/commands.hpp"
#include "cli/forecast_chunks.hpp"
#include "cli/forecast_csv.hpp"
#include "cli/forecast_events.hpp"
#include "cli/forecast_global.hpp"
#include "cli/forecast_warnings.hpp"
#include "cli/frequency.hpp"
#include "cli/history_csv.hpp"
#include "forecasting/backend.hpp"
#include "forecasting/forecast.hpp"
#include "forecasting/select.hpp"

namespace peaksim::cli {

namespace {

namespace fc = peaksim::forecasting;

// The accepted --model words; the "did you mean" of a typo.
std::vector<std::string> model_words() {
  std::vector<std::string> words;
  for (const fc::Method m : fc::kAllMethods) words.push_back(fc::method_key(m));
  for (const char* w : {"auto", "ensemble", "global"}) words.emplace_back(w);
  return words;
}

std::string did_you_mean(const std::string& typed) {
  const auto plain = [](const std::string& s) {
    std::string out;
    for (const char c : s) {
      if (std::isalnum(static_cast<unsigned char>(c)))
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  };
  std::vector<std::string> starts;  // "holtwinters": every holt_winters_* model
  for (const std::string& word : model_words()) {
    if (plain(typed).size() >= 3 && plain(word).rfind(plain(typed), 0) == 0) starts.push_back(word);
  }
  if (starts.size() == 1) return starts[0];
  if (starts.size() > 1) {
    std::string list;
    for (std::size_t i = 0; i < starts.size(); ++i)
      list += (i == 0 ? "" : i + 1 == starts.size() ? " or " : ", ") + starts[i];
    return list;
  }
  return nearest_name(typed, model_words());
}

// The model run over one chunk of series; SeriesForecast per series of the chunk.
class ChunkForecaster {
public:
  // `events`: the --events file's events (null without one): event effects around the model.
  ChunkForecaster(const ForecastCommandOptions& options, const std::vector<double>& levels, const Events* events,
                  bool on_device)
      : options_(options),
        levels_(levels),
        named_(fc::method_from_key(options.model)),
        events_(events),
        on_device_(on_device) {}

  // Forecasts `chunk` into `out` (resized to it). Returns false after printing why a series cannot be forecast
  // with these options (status 2).
  bool run(const std::vector<Series>& chunk, std::vector<SeriesForecast>& out) {
    out.assign(chunk.size(), {});
    std::map<std::pair<int, std::size_t>, std::vector<std::size_t>> batches;  // by (step, length)
    for (std::size_t s = 0; s < chunk.size(); ++s) batches[{chunk[s].step, chunk[s].values.size()}].push_back(s);
    for (const auto& [key, group] : batches) {
      const int period = options_.period > 0 ? options_.period : season_steps(key.first);
      if (named_ == fc::Method::kHoltWintersDouble && options_.period2 <= period) {
        std::cerr << fmt::format(
            "--model holt_winters_double needs --period2, a second season longer than --period {} (the season of "
            "{} data, in steps); got {}\n",
            period, frequency_name(key.first), options_.period2);
        return false;
      }
      forecast_batch(chunk, group, period, out);
    }
    return true;
  }

private:
  void forecast_batch(const std::vector<Series>& chunk, const std::vector<std::size_t>& group, int period,
                      std::vector<SeriesForecast>& out) {
    const auto length = static_cast<Eigen::Index>(chunk[group[0]].values.size());
    fc::Batch batch(length, static_cast<Eigen::Index>(group.size()));
    fc::ForecastOptions fopts{.horizon = options_.horizon, .levels = levels_, .threads = options_.threads};
    if (on_device_) fopts.filters = fc::filter_runner(fc::Backend::cuda);
    for (std::size_t k = 0; k < group.size(); ++k) {
      const Series& s = chunk[group[k]];
      std::copy(s.values.begin(), s.values.end(), batch.col(static_cast<Eigen::Index>(k)).data());
      fopts.floor.push_back(forecast_floor(s, options_.nonnegative));
    }
    // --events: the effects are fitted on the history, the model forecasts the base and the effects multiply its
    // forecast on future event steps (forecasting/event_effects.hpp).
    fc::EventSteps event_steps_of_batch;
    fc::EventEffects effects;
    if (events_) {
      std::vector<const Series*> members;
      for (const std::size_t k : group) members.push_back(&chunk[k]);
      const int step = chunk[group[0]].step;
      event_steps_of_batch = event_steps(*events_, members, static_cast<int>(length), options_.horizon);
      effects = fc::fit_event_effects(batch, event_steps_of_batch, static_cast<int>(events_->names.size()),
                                      step == kDaily ? 7 : 1);
      batch = effects.base;
    }
    const std::string& model = options_.model;
    std::vector<std::string> names(group.size());
    std::vector<std::string> warnings(group.size());
    fc::Forecast f;
    if (model == "ensemble") {
      const std::vector<fc::ModelSpec> members = fc::default_ensemble(period);
      std::vector<fc::Forecast> parts;
      f = fc::forecast_ensemble(batch, members, fopts, &parts);
      for (std::size_t k = 0; k < group.size(); ++k) {
        std::vector<std::string> used;
        for (std::size_t m = 0; m < members.size(); ++m) {
          used.push_back(used_name(members[m].method, parts[m].used[k]));
          add_warning(warnings[k],
                      fallback_warning(chunk[group[k]], members[m].method, used.back(), parts[m].flags[k]));
        }
        names[k] = "ensemble(" + join(used, "+") + ")";
      }
    } else if (model == "auto") {
      const std::vector<fc::ModelSpec> candidates = fc::classical_candidates(period);
      const int holdout = fc::default_holdout(static_cast<int>(length), options_.horizon);
      std::vector<std::size_t> chosen;
      f = fc::forecast_auto(batch, fopts, candidates, holdout, &chosen);
      for (std::size_t k = 0; k < group.size(); ++k) {
        if (chosen[k] == fc::kNoChoice) {
          names[k] = "ses";
          add_warning(warnings[k], fmt::format("{} points: too few to choose a model: ses", length));
          continue;
        }
        const fc::Method method = candidates[chosen[k]].method;
        names[k] = used_name(method, f.used[k]);
        add_warning(warnings[k], fallback_warning(chunk[group[k]], method, names[k], f.flags[k]));
      }
    } else {
      f = fc::forecast(batch, {.method = *named_, .window = 7, .period = period, .period2 = options_.period2}, fopts);
      for (std::size_t k = 0; k < group.size(); ++k) {
        names[k] = used_name(*named_, f.used[k]);
        add_warning(warnings[k], fallback_warning(chunk[group[k]], *named_, names[k], f.flags[k]));
      }
    }
    if (events_) fc::apply_event_effects(f, effects, event_steps_of_batch);
    for (std::size_t k = 0; k < group.size(); ++k) {
      SeriesForecast& o = out[group[k]];
      const auto col = static_cast<Eigen::Index>(k);
      o.mean.assign(f.mean.col(col).begin(), f.mean.col(col).end());
      for (std::size_t l = 0; l < levels_.size(); ++l)
        o.quantiles.emplace_back(f.quantiles[l].col(col).begin(), f.quantiles[l].col(col).end());
      o.model = names[k];
      o.warning = warnings[k];
      add_warning(o.warning, data_warning(chunk[group[k]], o, f.flags[k]));
    }
  }

  const ForecastCommandOptions& options_;
  const std::vector<double>& levels_;
  std::optional<fc::Method> named_;
  const Events* events_;
  bool on_device_;  // the fits' passes run on the CUDA plugin
};

// Forecasts the whole input with `reader`, writing as it goes: the next chunk is read on a thread of its own while
// the current one is forecast and written. Status 0, 1 or 2; HistoryReader::NotTogether goes to the caller.
int run_all(const std::vector<double>& levels, HistoryReader& reader, OutputFile& output, const ChunkRunner& run,
            WarningTally& tally, std::map<int, std::size_t>& steps) {
  ForecastWriter writer(output, levels);
  const auto read = [&reader](std::vector<Series>& chunk) {
    chunk.clear();
    return reader.next(chunk, kChunkSeries);
  };
  std::vector<Series> current, upcoming;
  std::vector<SeriesForecast> results;
  try {
    bool more = read(current);
    while (more) {
      std::future<bool> next = std::async(std::launch::async, read, std::ref(upcoming));
      if (!run(current, results)) return 2;  // the future's destructor waits for the read
      for (std::size_t s = 0; s < current.size(); ++s) {
        writer.write(current[s], results[s]);
        tally.add(current[s], results[s]);
        steps[current[s].step] += 1;
      }
      more = next.get();
      std::swap(current, upcoming);
    }
  } catch (const HistoryError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
  return writer.finish() ? 0 : 1;
}

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
    const std::string near = did_you_mean(model);
    std::cerr << fmt::format("--model {}: unknown model{}; expected one of {}, auto, ensemble, global\n", model,
                             near.empty() ? "" : " (did you mean " + near + "?)", forecast_model_names());
    return 2;
  }
  if (named == fc::Method::kHoltWintersDouble && options.period2 <= std::max(options.period, 1)) {
    std::cerr << fmt::format(
        "--model holt_winters_double needs --period2, a second season longer than --period {} "
        "(e.g. --period 7 --period2 364); got {}\n",
        options.period > 0 ? options.period : 7, options.period2 == 0 ? "none" : std::to_string(options.period2));
    return 2;
  }
  HistoryOptions history;
  if (!apply_frequency_option(options.freq, history.step)) return 2;
  if (options.fill != "missing" && options.fill != "zero") {
    const std::string near = nearest_name(options.fill, {"missing", "zero"});
    std::cerr << fmt::format("--fill {}: expected missing or zero{}\n", options.fill,
                             near.empty() ? "" : " (did you mean " + near + "?)");
    return 2;
  }
  history.fill = options.fill == "zero" ? Fill::kZero : Fill::kMissing;
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
  if (model == "global") return forecast_global(options, levels, history, *output);  // forecast_global.cpp
  Events events;
  if (!options.events.empty() && !load_events(options.events, events)) return 2;
  bool on_device = false;
  if (!backend_on_device(options.backend, on_device, options.verbose)) return 2;
  ChunkForecaster forecaster(options, levels, options.events.empty() ? nullptr : &events, on_device);
  return forecast_in_chunks(
      options, levels, history, *output,
      [&](const std::vector<Series>& chunk, std::vector<SeriesForecast>& out) { return forecaster.run(chunk, out); },
      model);
}

int forecast_in_chunks(const ForecastCommandOptions& options, const std::vector<double>& levels,
                       const HistoryOptions& history, OutputFile& output, const ChunkRunner& run,
                       const std::string& model) {
  WarningTally tally;
  std::map<int, std::size_t> steps;  // series per step in days
  int status = 0;
  std::string notice;  // printed only when the run succeeds: bad input gets its one message alone
  try {
    HistoryReader reader(options.input, history);
    status = run_all(levels, reader, output, run, tally, steps);
  } catch (const HistoryError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const HistoryReader::NotTogether& again) {
    // The rows of a series are spread over the file: read it whole (memory grows with the file), from the start.
    notice = fmt::format(
        "notice: {}:{}: rows of series '{}' appear again after other series; read the whole file first (sort it "
        "by series_id to forecast it a chunk at a time)\n",
        options.input, again.line, again.id);
    tally = {};
    steps.clear();
    try {
      HistoryReader reader(options.input, history, true);
      status = run_all(levels, reader, output, run, tally, steps);
    } catch (const HistoryError& e) {
      std::cerr << e.what() << '\n';
      return 2;
    }
  }
  if (status != 0) return status;
  std::cerr << notice;
  tally.print(std::cerr);
  if (options.model == "auto") std::cerr << "auto: series per chosen model: " << tally.models() << '\n';
  std::cout << fmt::format("{}: {} series, {} steps ahead ({}), model {}\n", options.output, tally.series(),
                           options.horizon, steps_summary(steps), model);
  return 0;
}

}  // namespace peaksim::cli
