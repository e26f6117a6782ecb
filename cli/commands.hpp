// The subcommands of the peaksim executable. Each returns the process exit status:
// 0 success, 1 a failure while running, 2 bad input (nothing written).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peaksim::cli {

struct RunOptions {
  std::string scenario;
  std::string output;
  std::vector<std::string> overrides;  // --set
  std::optional<int> replications;     // -n, overrides the scenario's value
  std::optional<std::uint64_t> seed;   // --seed
  std::uint64_t first_replication = 0;
  int jobs = 0;   // 0: one per core
  int batch = 0;  // 0: automatic
  bool force = false;
  bool quiet = false;
  std::string command_line;
};

struct ForecastCommandOptions {
  std::string input;
  std::string output;
  int horizon = 0;
  std::string model;
  std::string quantiles = "0.5,0.8,0.9,0.95,0.99";
  int period = 0;    // season length of the seasonal models in steps; 0: from the frequency (cli/frequency.hpp)
  int period2 = 0;   // holt_winters_double: the second, longer season in steps (required there; 0: not given)
  std::string freq;  // day, week or Nd; empty: inferred per series from its dates
  std::string fill = "missing";  // what a step without a value is: missing or zero
  bool nonnegative = false;      // clip means and quantiles at 0 (else at min(0, the series' least value))
  bool force = false;
  std::string weights;           // --model global: an HDF5 weights file; empty for the shipped default
  std::string backend = "auto";  // where the fits' filters and the global model's network run: auto, cpu or cuda
  int threads = 1;               // worker threads over series (classical models)
  bool verbose = false;          // -v: say on stderr where forecasting runs
  std::string events;            // --events: a CSV of event days or a scenario (its calendar.events); empty: none
};

struct TrainCommandOptions {
  int synthetic = 0;  // pretraining: this many synthetic series (0: train on --input instead)
  int days = 730;     // length of each synthetic series
  std::string input;  // fine-tuning or training on a history CSV
  std::string init;   // start from these weights
  std::string output;
  std::uint64_t seed = 1;
  int epochs = 60;
  // A new model's design (not with --init, which keeps the given model's): see docs/forecasting.md.
  int season = 0;               // > 0: the seasonal design with this season in days
  int lags = 0;                 // 0: 56, or 28 in the seasonal design
  int recent = 14;              // seasonal design: recent values per horizon step
  int season_cycles = 4;        // seasonal design: the base and earlier seasons in the target's phase
  int scale_window = 28;        // seasonal design: days of seasonal differences in the scale
  int annual = 0;               // seasonal design: days in a year for last year's lift (364), 0: off
  bool no_calendar = false;     // no calendar covariates
  int horizon = 0;              // new model: steps ahead (0: 28 for daily, 8 for weekly series)
  int neighbours = -1;          // seasonal design: steps either side of each step's base (-1: 0 daily, 3 weekly)
  std::string events;           // --events: event covariates from this file (CSV or scenario); empty: none
  std::string freq;             // --input's step: day, week or Nd; empty: inferred (cli/frequency.hpp)
  std::string backend = "cpu";  // where the network trains: cpu (reproducible everywhere), auto or cuda
  bool force = false;
  bool quiet = false;
  std::string command_line;
};

struct MergeOptions {
  std::vector<std::string> inputs;  // results files of one scenario and seed
  std::string output;
  bool force = false;
  bool quiet = false;
  std::string command_line;
};

struct ReportOptions {
  std::string input;   // a run or experiment results file
  std::string output;  // the HTML page
  bool force = false;
};

struct ExperimentOptions {
  std::string file;  // the experiment (YAML)
  std::string output;
  bool force = false;   // replace the output; discard an interrupted run's parts
  bool resume = false;  // complete an interrupted run
  int jobs = 0;         // 0: one per core (one per rank under MPI)
  int batch = 0;        // 0: automatic
  bool quiet = false;
  std::string command_line;
};

int run(const RunOptions& options);
int experiment(const ExperimentOptions& options);
int report(const ReportOptions& options);  // runs the shipped peaksim_analysis.report with /usr/bin/python3
int merge(const MergeOptions& options);
int forecast(const ForecastCommandOptions& options);
std::string forecast_model_names();  // the snake_case method names, comma separated
int train_forecaster(const TrainCommandOptions& options);
int validate(const std::string& scenario, const std::vector<std::string>& overrides);
int schema();
int kpis();  // the KPI table as docs/model.md carries it

}  // namespace peaksim::cli
