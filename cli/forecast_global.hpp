// The learned global model on the command line: `peaksim forecast --model global` and the data preparation that
// `peaksim train-forecaster` shares with it (daily covariates from sim/calendar/forecast_covariates.hpp).
#pragma once
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/history_csv.hpp"
#include "forecasting/global_model.hpp"
#include "sim/common/output_file.hpp"

namespace peaksim::cli {

// The shipped default weights, pretrained/global_daily.h5 (sim/common/shipped_file.hpp says where it is looked
// for); throws ShippedFileError when no copy is found.
std::string default_global_weights();

// The default configuration of daily models: what the shipped weights were trained with.
forecasting::GlobalConfig default_daily_config();

// The last `length` days of every series as a batch, and their covariates over those days plus `future` days
// after each series' end (price: log of price over the series' median price, the last one repeated into the
// future, the first one before the series; 0 without a price column). Each series ends on the batch's last row;
// a series shorter than `length` is NaN-marked before its first day (for training, which skips those steps).
// Without `calendar` (a model trained without it) there are no covariates.
void global_inputs(const std::vector<const Series*>& series, int length, int future, bool calendar,
                   forecasting::Batch& values, forecasting::Covariates& covariates);

// --backend auto|cpu|cuda of the commands that run on a backend: whether they run on the CUDA device (the plugin is
// loaded here, on first use, and never for cpu). Prints the one message why cuda cannot run and returns false then
// (status 2). With `verbose`, one line on stderr says where it runs (auto's fallback: "notice: forecasting runs on
// the CPU: <reason>").
bool backend_on_device(const std::string& backend, bool& on_device, bool verbose);

// `peaksim forecast --model global` into `output` (checked already): status 0, 1 (cannot write) or 2 (bad input;
// nothing written).
int forecast_global(const ForecastCommandOptions& options, const std::vector<double>& levels,
                    const HistoryOptions& history, OutputFile& output);

// For a global model trained on data of `step` days (the weights' frequency): true when every series has that step
// and, unless `missing_ok`, no missing value; else prints the one message (naming `who` and the first such series)
// and returns false.
bool require_step(const std::vector<Series>& series, const std::string& who, int step, bool missing_ok);

}  // namespace peaksim::cli
