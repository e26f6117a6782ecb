// The learned global model on the command line: `peaksim forecast --model global` and the data preparation that
// `peaksim train-forecaster` shares with it (daily covariates from sim/calendar/forecast_covariates.hpp).
#pragma once
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/history_csv.hpp"
#include "forecasting/global_model.hpp"
#include "sim/calendar/forecast_covariates.hpp"
#include "sim/common/output_file.hpp"

namespace peaksim::cli {

// The shipped default weights for series of `step_days` days: pretrained/global_daily.h5 or, for weekly series,
// pretrained/global_weekly.h5 (sim/common/shipped_file.hpp says where they are looked for); throws
// ShippedFileError when no copy is found or none is shipped for that step.
std::string default_global_weights(int step_days = 1);

// The default configuration of daily models: what the shipped daily weights were trained with.
forecasting::GlobalConfig default_daily_config();

// The default configuration of weekly models (what the shipped weekly weights were trained with): the seasonal
// design with a 52-week season, the 3 weeks either side of last year's, 8 lags, 8 weeks ahead, no calendar.
forecasting::GlobalConfig default_weekly_config();

struct Events;

// The last `length` days of every series as a batch, and their covariates over those days plus `future` days
// after each series' end (price: log of price over the series' median price, the last one repeated into the
// future, the first one before the series; 0 without a price column). Each series ends on the batch's last row;
// a series shorter than `length` is NaN-marked before its first day (for training, which skips those steps).
// The covariates are those of `layout`: the calendar's (sim/calendar/forecast_covariates.hpp, per step of the series'
// frequency), then, with `events` (required then), the event covariates (cli/forecast_events.hpp).
void global_inputs(const std::vector<const Series*>& series, int length, int future, const CovariateLayout& layout,
                   const Events* events, forecasting::Batch& values, forecasting::Covariates& covariates);

// --backend auto|cpu|cuda of the commands that run on a backend: whether they run on the CUDA device (the plugin is
// loaded here, on first use, and never for cpu). Prints the one message why cuda cannot run and returns false then
// (status 2). With `verbose`, one line on stderr says where it runs (auto's fallback: "notice: forecasting runs on
// the CPU: <reason>").
bool backend_on_device(const std::string& backend, bool& on_device, bool verbose);

// `peaksim forecast --model global` into `output` (checked already): status 0, 1 (cannot write) or 2 (bad input;
// nothing written).
int forecast_global(const ForecastCommandOptions& options, const std::vector<double>& levels,
                    const HistoryOptions& history, OutputFile& output);

// For the global model: true when every series has the step of the first (one model, one frequency); else prints
// the one message (naming `who` and the first other series) and returns false. Missing values are fine (masked).
bool require_one_step(const std::vector<Series>& series, int step, const std::string& who);

}  // namespace peaksim::cli
