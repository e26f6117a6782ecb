// The models bench/forecast_accuracy compares, as a registry of named functions. A model sees one training
// batch (equal-length series, one per column), what is known about it (dates, frequency, season) and the
// forecast options, and returns the library's Forecast. A new model (such as the learned global model) is one
// more entry in bench_models().
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "forecasting/forecast.hpp"

namespace peaksim::bench {

struct Dataset;  // datasets.hpp

// What a model may know about a training batch besides its values.
struct BatchInfo {
  std::string dataset;                 // data set name, e.g. "m5_tiny"
  int step_days = 1;                   // 1 daily, 7 weekly
  int season = 7;                      // season length in steps
  std::vector<int> first_day;          // per column: days since 1970-01-01 of row 0
  std::vector<std::string> series_id;  // per column
  // The data set being backtested (its --data folder and --max-series cut), for models that train across its
  // series at an origin; they must read only the steps before it.
  const Dataset* data = nullptr;
};

using ModelFunction = std::function<forecasting::Forecast(const forecasting::Batch& history, const BatchInfo& info,
                                                          const forecasting::ForecastOptions& options)>;

struct BenchModel {
  std::string name;
  ModelFunction run;
  // Series per call: the harness splits each batch of equal-length series into calls of at most this many
  // columns, run on several threads; 0 gives the model each whole batch in one call (it threads itself).
  int chunk = 16;
};

// Every classical method (by its snake_case name), then auto and ensemble, in the order of the report.
std::vector<BenchModel> bench_models();

}  // namespace peaksim::bench
