// Recovery of service after a shock (stress.recovery; docs/model.md, Stress): how many days the daily fill rate
// takes to be back at or above a threshold for a run of consecutive days.
#pragma once
#include <cstdint>
#include <vector>

namespace peaksim {

// With the daily fill rate sales[d] / demand[d] (a day without demand counts as served): the least r >= 0 such
// that days start + r .. start + r + run - 1 all lie in the horizon with a fill rate >= threshold. When no such run
// fits in the horizon, the days left, horizon - start: the recovery was not seen, and this is a lower bound.
int recovery_days(const std::vector<std::int64_t>& demand, const std::vector<std::int64_t>& sales, int start,
                  double threshold, int run);

}  // namespace peaksim
