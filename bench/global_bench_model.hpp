// The learned global model in bench/forecast_accuracy (built in the peaksim tree only: it needs the HDF5 weights
// and the calendar covariates). Three entries:
//   global     daily data: the shipped default weights, zero-shot; weekly data: a weekly model trained at each
//              origin on every series' values before that origin (the shipped weekly weights were trained on
//              Walmart's weeks up to 2012-01-20, which overlap this harness's validation windows);
//   global_ft  daily data: the default fine-tuned at each origin on every series' values before that origin;
//   global_trained  a seed-ensemble of one network trained from scratch at each origin on every series of the
//              data set (values before the origin), with seasonal features (GlobalConfig::season); settings
//              chosen on validation origins only (forecast_accuracy --validation, docs/forecasting.md).
// Training at an origin reads the data set the harness backtests (BatchInfo::data: its --data folder and
// --max-series cut) and uses only the steps before the origin, so the evaluated windows are never seen.
#pragma once

#include <vector>

#include "bench/models.hpp"

namespace peaksim::bench {

std::vector<BenchModel> global_bench_models();

}  // namespace peaksim::bench
