// peaksim: simulate an e-commerce supply chain through its peak season, over many replications.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "cli/cli_checks.hpp"
#include "cli/commands.hpp"
#include "sim/common/fault_cleanup.hpp"
#include "sim/output/build_info.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"

namespace {

using peaksim::cli::whole_number;

constexpr int kMaxDays = 3660;  // horizons, seasons and lags: ten years of days (docs/reliability.md)

// Every write to standard output is checked: a full disk is a failure (status 1), not a success with a truncated
// report. A failed command leaves through _Exit, after its messages: HDF5's exit-time cleanup would close again a
// file whose close failed (a full disk), and HDF5 1.10 crashes there; every file is closed or removed by now.
int finish(int status) {
  errno = 0;
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (failed) {
    const int err = errno;  // of the final write, unless an earlier one failed (output beyond the buffer)
    std::cerr << "peaksim: cannot write to standard output" << (err != 0 ? std::string(": ") + std::strerror(err) : "")
              << '\n';
    if (status == 0) status = 1;
  }
  if (status != 0) {
    std::cerr.flush();
    std::_Exit(status);
  }
  return status;
}

// `peaksim runn`: CLI11 would say only that a subcommand is required.
int refuse_unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return 0;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
    if (names.back() == argv[1]) return 0;
  }
  const std::string nearest = peaksim::cli::nearest_name(argv[1], names);
  std::string all;
  for (const std::string& name : names) all += (all.empty() ? "" : ", ") + name;
  std::cerr << "peaksim: unknown subcommand '" << argv[1] << "'"
            << (nearest.empty() ? "" : "; did you mean '" + nearest + "'?") << " (subcommands: " << all << ")\n";
  return 2;
}

// --set and --unset on `cmd`, gathered into `edits` in command-line order (each option's callback runs as it is
// parsed), so that a later edit sees an earlier one; sim/scenario/overrides.cpp applies them.
void add_edit_options(CLI::App* cmd, std::vector<std::string>& edits) {
  cmd->add_option_function<std::vector<std::string>>(
         "--set",
         [&edits](const std::vector<std::string>& values) { edits.insert(edits.end(), values.begin(), values.end()); },
         "Edit the scenario: key.path=value (a {map} or [list] value replaces the whole map or list), "
         "list[+]=value appends (repeatable)")
      ->trigger_on_parse();
  cmd->add_option_function<std::vector<std::string>>(
         "--unset",
         [&edits](const std::vector<std::string>& keys) {
           for (const std::string& key : keys) edits.push_back(std::string(peaksim::kUnsetPrefix) + key);
         },
         "Delete a scenario key or list item: key.path (repeatable)")
      ->trigger_on_parse();
}

}  // namespace

int main(int argc, char** argv) {
  peaksim::install_fault_handlers();  // first: from here on no signal leaves a file or a worker behind
  // Reports fit a buffer of 1 MiB, so that a failed write surfaces in finish() with its reason.
  static char stdout_buffer[1 << 20];
  std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  CLI::App app{"peaksim: Monte Carlo simulation of e-commerce supply chains in peak seasons"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("peaksim ") + peaksim::build_info::version());

  peaksim::cli::RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario's replications and write results to HDF5");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (YAML)")->required();
  run_cmd->add_option("-o,--output", run.output, "Results file to write (HDF5)")->required();
  run_cmd->add_option("-n,--replications", run.replications, "Number of replications (overrides the scenario)")
      ->check(whole_number(1, peaksim::scn::kMaxReplications));
  run_cmd->add_option("--seed", run.seed, "Master seed (overrides the scenario)")
      ->check(whole_number<std::uint64_t>(0));
  run_cmd->add_option("--first", run.first_replication, "Id of the first replication (default 0)")
      ->check(whole_number<std::uint64_t>(0, std::uint64_t(std::numeric_limits<std::int64_t>::max())));
  run_cmd->add_option("-j,--jobs", run.jobs, "Worker processes (default: one per core)")->check(whole_number(0, 1024));
  run_cmd->add_option("--batch", run.batch, "Replications per worker process and engine (default: automatic)")
      ->check(whole_number(0, 1'000'000));
  add_edit_options(run_cmd, run.overrides);
  run_cmd->add_flag("--force", run.force, "Replace the output file if it exists");
  run_cmd->add_flag("-q,--quiet", run.quiet, "Print no progress line or KPI table");

  std::string scenario;
  std::vector<std::string> overrides;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario and print what it contains");
  validate_cmd->add_option("scenario", scenario, "Scenario file (YAML)")->required();
  add_edit_options(validate_cmd, overrides);

  peaksim::cli::MergeOptions merge;
  auto* merge_cmd = app.add_subcommand(
      "merge", "Join results files of one scenario and seed (parts run with --first) into the file of one run");
  merge_cmd->add_option("inputs", merge.inputs, "Results files (HDF5), two or more")->required()->expected(2, -1);
  merge_cmd->add_option("-o,--output", merge.output, "Results file to write (HDF5)")->required();
  merge_cmd->add_flag("--force", merge.force, "Replace the output file if it exists");
  merge_cmd->add_flag("-q,--quiet", merge.quiet, "Print no KPI table");

  auto* schema_cmd = app.add_subcommand("schema", "Print the scenario parameter reference (docs/scenarios.md)");
  auto* kpis_cmd = app.add_subcommand("kpis", "Print the KPI table (docs/model.md)");

  peaksim::cli::ForecastCommandOptions fc;
  auto* forecast_cmd = app.add_subcommand(
      "forecast", "Forecast daily demand series from a CSV (series_id,date,value) and write means and quantiles");
  forecast_cmd
      ->add_option("--input", fc.input,
                   "History CSV: header series_id,date,value (a price column is read; other extra columns ignored)")
      ->required();
  forecast_cmd->add_option("--horizon", fc.horizon, "Days to forecast after each series' last date (at most 3660)")
      ->required()
      ->check(whole_number(1, kMaxDays));
  forecast_cmd
      ->add_option("--model", fc.model,
                   "One of " + peaksim::cli::forecast_model_names() +
                       "; auto (per series, lowest MAE on a holdout); ensemble (mean of ses, holt_damped, "
                       "holt_winters_additive, seasonal_naive); global (the learned global model, see --weights)")
      ->required();
  forecast_cmd->add_option("--quantiles", fc.quantiles, "Quantile levels in (0, 1), comma separated")
      ->capture_default_str();
  forecast_cmd
      ->add_option("--period", fc.period,
                   "Season length in days of seasonal_naive and holt_winters_* (also within auto and ensemble)")
      ->capture_default_str()
      ->check(whole_number(1, kMaxDays));
  forecast_cmd
      ->add_option("--period2", fc.period2,
                   "holt_winters_double (required there): the second season in days, longer than --period "
                   "(e.g. --period 7 --period2 364)")
      ->check(whole_number(1, kMaxDays));
  forecast_cmd->add_option("-o,--output", fc.output, "Forecast CSV to write")->required();
  forecast_cmd->add_flag("--force", fc.force, "Replace the output file if it exists");
  forecast_cmd->add_option("--weights", fc.weights,
                           "--model global: weights file (HDF5; default: the shipped pretrained/global_daily.h5)");
  forecast_cmd
      ->add_option("--backend", fc.backend,
                   "--model global: where the network runs: auto (CUDA when built with it and a device is usable, "
                   "else the CPU with a notice), cpu, or cuda (an error without a usable device)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  forecast_cmd->add_option("--threads", fc.threads, "Worker threads over series (the results do not depend on it)")
      ->capture_default_str()
      ->check(whole_number(1, 1024));

  peaksim::cli::TrainCommandOptions train;
  auto* train_cmd = app.add_subcommand("train-forecaster",
                                       "Train the learned global forecaster: on synthetic demand, or on a history CSV");
  train_cmd->add_option("--synthetic", train.synthetic, "Pretrain on this many synthetic daily series")
      ->check(whole_number(1, 100'000));
  train_cmd->add_option("--days", train.days, "Days per synthetic series")
      ->capture_default_str()
      ->check(whole_number(120, 20000));
  train_cmd->add_option("--input", train.input, "History CSV (as for forecast) to train or fine-tune on");
  train_cmd->add_option("--init", train.init, "Start from these weights (fine-tuning)");
  train_cmd->add_option("-o,--output", train.output, "Weights file to write (HDF5)")->required();
  train_cmd->add_option("--seed", train.seed, "Seed of initialisation, sampling and synthetic data")
      ->capture_default_str()
      ->check(whole_number<std::uint64_t>(0));
  train_cmd->add_option("--epochs", train.epochs, "Most epochs (early stopping may end sooner)")
      ->capture_default_str()
      ->check(whole_number(1, 100'000));
  train_cmd->add_option("--season", train.season, "New model: the seasonal design with this season (days)")
      ->check(whole_number(1, kMaxDays));
  train_cmd->add_option("--lags", train.lags, "New model: lagged days (default 56; 28 with --season)")
      ->check(whole_number(1, kMaxDays));
  train_cmd->add_option("--recent", train.recent, "Seasonal design: recent days compared with each step's base")
      ->capture_default_str()
      ->check(whole_number(0, kMaxDays));
  train_cmd->add_option("--season-cycles", train.season_cycles, "Seasonal design: seasons back in each step's phase")
      ->capture_default_str()
      ->check(whole_number(1, 100));
  train_cmd
      ->add_option("--scale-window", train.scale_window, "Seasonal design: days of seasonal differences in the scale")
      ->capture_default_str()
      ->check(whole_number(1, kMaxDays));
  train_cmd->add_option("--annual", train.annual, "Seasonal design: last year's lift, a year in days (364)")
      ->check(whole_number(0, kMaxDays));
  train_cmd
      ->add_option("--backend", train.backend,
                   "Where the network trains: cpu, auto or cuda (CUDA: needs -DPEAKSIM_CLI_CUDA_FORWARD=ON; its "
                   "weights differ from the CPU's in the last bits)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  train_cmd->add_flag("--no-calendar", train.no_calendar, "New model: without the calendar covariates");
  train_cmd->add_flag("--force", train.force, "Replace the output file if it exists");
  train_cmd->add_flag("-q,--quiet", train.quiet, "Print no line per epoch");

  peaksim::cli::ReportOptions report;
  auto* report_cmd = app.add_subcommand(
      "report", "Write one self-contained HTML report (tables and figures) of a run or experiment results file");
  report_cmd->add_option("results", report.input, "Results file (HDF5) of peaksim run, merge or experiment")
      ->required();
  report_cmd->add_option("-o,--output", report.output, "HTML file to write")->required();
  report_cmd->add_flag("--force", report.force, "Replace the output file if it exists");

  if (const int status = refuse_unknown_subcommand(app, argc, argv); status != 0) return status;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return finish(status == 0 ? 0 : 2);
  }
  if (*run_cmd) {
    for (int i = 0; i < argc; ++i) run.command_line += (i ? " " : "") + std::string(argv[i]);
    return finish(peaksim::cli::run(run));
  }
  if (*merge_cmd) {
    for (int i = 0; i < argc; ++i) merge.command_line += (i ? " " : "") + std::string(argv[i]);
    return finish(peaksim::cli::merge(merge));
  }
  if (*validate_cmd) return finish(peaksim::cli::validate(scenario, overrides));
  if (*report_cmd) return finish(peaksim::cli::report(report));
  if (*forecast_cmd) return finish(peaksim::cli::forecast(fc));
  if (*train_cmd) {
    for (int i = 0; i < argc; ++i) train.command_line += (i ? " " : "") + std::string(argv[i]);
    return finish(peaksim::cli::train_forecaster(train));
  }
  if (*schema_cmd) return finish(peaksim::cli::schema());
  if (*kpis_cmd) return finish(peaksim::cli::kpis());
  return 2;
}
