// Rolling-origin backtests: at each origin every eligible series is trained on its values before the origin
// and scored on the next H values. Series of equal training length form one batch, which is split into calls
// run on several threads; the metrics are summed in a fixed order, so results do not depend on the threads.
#pragma once

#include <vector>

#include "bench/datasets.hpp"
#include "bench/metrics.hpp"
#include "bench/models.hpp"

namespace peaksim::bench {

struct BacktestOptions {
  int origins = 4;             // spaced by the horizon; the last test window ends with the data
  int min_train_horizons = 2;  // a series needs at least this many horizons of history before an origin
  int validation = 0;          // > 0: every origin moves back by this many horizons (tuning without the last data)
  int threads = 1;
};

// Which series are trained and scored at which origin.
struct BacktestPlan {
  struct Group {
    int origin = 0;                   // grid step of the first forecast step
    int length = 0;                   // training length of every series of the group
    std::vector<std::size_t> series;  // indices into Dataset::series
  };
  std::vector<int> origins;  // oldest first
  std::vector<Group> groups;
  long windows = 0;       // (series, origin) pairs scored
  long too_short = 0;     // left out: fewer than min_train_horizons * H steps before the origin
  long not_covering = 0;  // left out: the series ends before the end of the test window
};

// Throws std::invalid_argument when the data cannot hold the origins (fewer than origins + validation + 1
// horizons).
BacktestPlan plan_backtest(const Dataset& data, const BacktestOptions& options);

// One scored (series, origin) window, for a per-window listing.
struct WindowScore {
  std::size_t series = 0;  // index into Dataset::series
  int origin = 0;          // grid step of the first forecast step
  double mase = 0;         // NaN when the scale is 0
};

struct ModelResult {
  AccuracySummary accuracy;
  std::vector<WindowScore> windows;  // in the order they were scored (plan group, then column)
  double seconds = 0;                // wall time of the model calls (fits and forecasts), not of the scoring
};

// Runs `model` over the plan and scores it. Throws std::runtime_error naming the model when it fails or
// returns a forecast of the wrong shape.
ModelResult run_backtest(const Dataset& data, const BacktestPlan& plan, const BenchModel& model, int threads);

}  // namespace peaksim::bench
