// `peaksim train-forecaster`: pretrains the learned global model on synthetic demand (--synthetic N) or trains /
// fine-tunes it on a history CSV (--input, optionally --init weights), and writes the weights to HDF5.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/forecast_events.hpp"
#include "cli/forecast_global.hpp"
#include "cli/frequency.hpp"
#include "forecasting/backend.hpp"
#include "forecasting/global_train.hpp"
#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/forecast_covariates.hpp"
#include "sim/common/output_file.hpp"
#include "sim/kernel/synthetic_demand.hpp"
#include "sim/output/build_info.hpp"

namespace peaksim::cli {
namespace {

namespace fc = peaksim::forecasting;

// Synthetic series and, with `calendar`, their daily covariates (else none).
void synthetic_inputs(std::uint64_t seed, int count, int days, bool calendar, fc::Batch& values,
                      fc::Covariates& covariates) {
  const std::vector<SyntheticSeries> data = synthetic_demand(seed, count, days);
  values.resize(days, count);
  const int per_day = calendar ? kDailyCovariates : 0;
  covariates.assign(static_cast<std::size_t>(per_day), Eigen::MatrixXd(days, count));
  for (int s = 0; s < count; ++s) {
    const SyntheticSeries& x = data[static_cast<std::size_t>(s)];
    const std::vector<double> rows = calendar ? daily_covariates(x.first, days, x.log_price) : std::vector<double>{};
    for (int t = 0; t < days; ++t) {
      values(t, s) = x.demand[static_cast<std::size_t>(t)];
      for (int c = 0; c < per_day; ++c) {
        covariates[static_cast<std::size_t>(c)](t, s) = rows[static_cast<std::size_t>(t * kDailyCovariates + c)];
      }
    }
  }
}

// The design of a model trained from scratch: the default daily model, or the seasonal design (hidden layers
// 64-64, as in bench/global_bench_model.cpp) when --season is given; for weekly series the design of the shipped
// weekly model (default_weekly_config) unless --season says otherwise. Other steps get no calendar.
fc::GlobalConfig new_model_config(const TrainCommandOptions& options, int step_days, bool events) {
  fc::GlobalConfig c = step_days == kWeekly ? default_weekly_config() : default_daily_config();
  c.frequency = model_frequency(step_days);
  if (step_days != kDaily && step_days != kWeekly) c.covariates = 0;
  if (options.season > 0) {
    c.season = options.season;
    c.lags = 28;
    c.scale_window = options.scale_window;
    c.season_cycles = options.season_cycles;
    c.recent = options.recent;
    c.annual = options.annual;
    c.season_neighbours = 0;
    c.hidden = {64, 64};
  }
  if (options.neighbours >= 0) c.season_neighbours = options.neighbours;
  if (options.horizon > 0) c.horizon = options.horizon;
  if (options.lags > 0) c.lags = options.lags;
  if (options.no_calendar) c.covariates = 0;
  c.covariates = CovariateLayout{.calendar = c.covariates > 0, .events = events}.count();
  return c;
}

}  // namespace

int train_forecaster(const TrainCommandOptions& options) {
  if ((options.synthetic > 0) == !options.input.empty()) {
    std::cerr << "train-forecaster: give either --synthetic N (pretraining) or --input history.csv (fine-tuning)\n";
    return 2;
  }
  if (options.synthetic > 0 && !options.init.empty()) {
    std::cerr << "train-forecaster: --init goes with --input (fine-tuning), not with --synthetic\n";
    return 2;
  }
  // Checked before any training; creates nothing yet (the same file as --input or --init is refused).
  std::unique_ptr<OutputFile> output;
  try {
    output = std::make_unique<OutputFile>(options.output, options.force,
                                          std::vector<std::string>{options.input, options.init});
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }

  // The synthetic data is held in memory whole (with its covariates, about 12 numbers a day).
  constexpr long long kMaxSyntheticDays = 20'000'000;
  if (options.synthetic > 0 && static_cast<long long>(options.synthetic) * options.days > kMaxSyntheticDays) {
    std::cerr << fmt::format("--synthetic {} x --days {}: at most {} series-days in one training\n", options.synthetic,
                             options.days, kMaxSyntheticDays);
    return 2;
  }
  if (options.annual > 0 && options.season == 0) {
    std::cerr << "train-forecaster: --annual belongs to the seasonal design: give --season too\n";
    return 2;
  }
  const bool new_design = options.season > 0 || options.lags > 0 || options.no_calendar || options.horizon > 0 ||
                          options.neighbours >= 0 || !options.events.empty();
  if (new_design && !options.init.empty()) {
    std::cerr << "train-forecaster: --season, --lags, --horizon, --neighbours, --events and --no-calendar describe a "
                 "new model; with --init the model keeps the design of the given weights\n";
    return 2;
  }
  if (options.synthetic > 0 && (!options.events.empty() || !options.freq.empty())) {
    std::cerr << "train-forecaster: --events and --freq go with --input (the synthetic series are daily, without an "
                 "events file)\n";
    return 2;
  }
  HistoryOptions history;
  if (!apply_frequency_option(options.freq, history.step)) return 2;
  std::vector<Series> series;
  if (!options.input.empty()) {
    if (!load_history(options.input, series, history)) return 2;
    // One model, one frequency; missing steps are NaN, masked in training.
    if (!series.empty() && !require_one_step(series, series.front().step, options.input)) return 2;
  }
  const int step_days = series.empty() ? kDaily : series.front().step;
  fc::GlobalModel model;
  try {
    model = fc::GlobalModel(new_model_config(options, step_days, !options.events.empty()));
  } catch (const std::invalid_argument& e) {
    std::cerr << "train-forecaster: " << e.what() << '\n';
    return 2;
  }
  fc::Provenance provenance;
  if (!options.init.empty()) {
    try {
      fc::Provenance parent;
      model = fc::load_global_model(options.init, &parent);
    } catch (const fc::WeightsError& e) {
      std::cerr << e.what() << '\n';
      return 2;
    }
    const fc::GlobalConfig& c = model.config();
    if (const std::string problem = model_mismatch(c.covariates, c.frequency, step_days); !problem.empty()) {
      std::cerr << fmt::format("{}: {}; cannot fine-tune it on this history\n", options.init, problem);
      return 2;
    }
    if (covariate_layout(c.covariates)->events) {
      std::cerr << fmt::format("{}: a model with event covariates is trained from scratch (--events), not fine-tuned\n",
                               options.init);
      return 2;
    }
  }

  fc::Batch values;
  fc::Covariates covariates;
  const CovariateLayout layout = *covariate_layout(model.config().covariates);
  std::string data;
  if (options.synthetic > 0) {
    synthetic_inputs(options.seed, options.synthetic, options.days, layout.calendar, values, covariates);
    data = fmt::format("synthetic: {} series x {} days (sim/kernel/synthetic_demand, seed {})", options.synthetic,
                       options.days, options.seed);
  } else {
    Events events;
    if (layout.events && !load_events(options.events, events)) return 2;
    // Series of unequal length train together: each ends on the last row, NaN-marked before its first day.
    std::size_t length = 0;
    std::vector<const Series*> all;
    for (const Series& s : series) {
      length = std::max(length, s.values.size());
      all.push_back(&s);
    }
    global_inputs(all, static_cast<int>(length), 0, layout, &events, values, covariates);
    data = fmt::format("{}: {} series x up to {} {} steps{}", options.input, series.size(), length,
                       model.config().frequency, layout.events ? ", events " + options.events : "");
  }

  fc::TrainOptions train_options;
  bool on_device = false;
  if (!backend_on_device(options.backend, on_device, false)) return 2;
  if (on_device) {
    train_options.gradients = [](const fc::Mlp& mlp, const Eigen::MatrixXf& x, const fc::OutputLoss& loss,
                                 fc::MlpGradients& g) { return fc::mlp_gradients(fc::Backend::cuda, mlp, x, loss, g); };
  }
  train_options.seed = options.seed;
  train_options.epochs = options.epochs;
  if (!options.init.empty()) train_options.learning_rate = 3e-4;  // fine-tuning: stay near the given weights
  if (model.config().season > 0 && options.init.empty()) {
    // The seasonal design's settings of the benchmark's global_trained (chosen on validation origins): targets
    // clipped at 5 seasonal scales (10 weekly), 8,192 windows an epoch; weekly at the slower rate 3e-4.
    const bool weekly = step_days == kWeekly;
    train_options.target_clip = weekly ? 10 : 5;
    train_options.windows_per_epoch = 8192;
    if (weekly) train_options.learning_rate = 3e-4;
  }
  if (!options.quiet) {
    train_options.on_epoch = [](int epoch, double train_loss, double held_loss) {
      std::cerr << fmt::format("epoch {:3d}: training loss {:.5f}, held-out loss {:.5f}\n", epoch, train_loss,
                               held_loss);
    };
  }
  const auto start = std::chrono::steady_clock::now();
  fc::TrainReport report;
  try {
    report = fc::train(model, values, covariates, train_options);
  } catch (const std::invalid_argument& e) {
    std::cerr << fmt::format("{}: {}\n", options.synthetic > 0 ? "--synthetic" : options.input, e.what());
    return 2;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  provenance = {
      {"command", options.command_line},
      {"peaksim_version", build_info::version()},
      {"git_commit", build_info::git_commit()},
      {"seed", std::to_string(options.seed)},
      {"data", data},
      {"init", options.init.empty() ? "random (seeded)" : options.init},
      {"backend", on_device ? "cuda" : "cpu"},
      {"epochs_run", std::to_string(report.epochs)},
      {"best_epoch", std::to_string(report.best_epoch)},
      {"training_windows", std::to_string(report.training_windows)},
      {"held_out_windows", std::to_string(report.held_out_windows)},
      {"initial_held_out_loss", fmt::format("{}", report.initial_loss)},
      {"final_training_loss", fmt::format("{}", report.train_loss)},
      {"final_held_out_loss", fmt::format("{}", report.validation_loss)},
  };
  try {
    fc::write_global_model(model, output->temporary(), provenance, options.output);
    output->commit();
  } catch (const fc::WeightsError& e) {
    std::cerr << e.what() << '\n';
    return 1;
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  std::cout << fmt::format("{}: {} epochs (kept {}), held-out loss {:.5f} -> {:.5f}, {:.0f} s\n", options.output,
                           report.epochs, report.best_epoch, report.initial_loss, report.validation_loss, seconds);
  return 0;
}

}  // namespace peaksim::cli
