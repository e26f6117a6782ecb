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
  int period = 7;   // season length of the seasonal models, in days (the data stays daily)
  int period2 = 0;  // holt_winters_double: the second, longer season in days (required there; 0: not given)
  bool force = false;
  std::string weights;           // --model global: an HDF5 weights file; empty for the shipped default
  std::string backend = "auto";  // --model global: where the network runs: auto, cpu or cuda
  int threads = 1;               // worker threads over series (classical models)
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

int run(const RunOptions& options);
int report(const ReportOptions& options);  // runs the shipped peaksim_analysis.report with /usr/bin/python3
int merge(const MergeOptions& options);
int forecast(const ForecastCommandOptions& options);
std::string forecast_model_names();  // the snake_case method names, comma separated
int train_forecaster(const TrainCommandOptions& options);
int validate(const std::string& scenario, const std::vector<std::string>& overrides);
int schema();
int kpis();  // the KPI table as docs/model.md carries it

}  // namespace peaksim::cli
