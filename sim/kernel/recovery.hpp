// Recovery of service after a shock (stress.recovery; docs/model.md, Stress): how many days the daily fill rate
// takes to be back at or above a threshold for a run of consecutive days.
#pragma once
#include <cstdint>
#include <vector>

namespace peaksim {

// With the daily fill rate sales[d] / demand[d] (a day without demand counts as served, and a day is served when
// its fill rate is at or above `threshold`): a shock that starts on `start` hits service on the first day in
// [start, until) that is not served (`until`: the next shock of the same scope starts, or the horizon ends). No
// such day: 0. Otherwise the days from `start` to the first day of the first run of `run` served days after the
// hit; when no such run fits in the horizon, the days left, horizon - start (a lower bound).
int recovery_days(const std::vector<std::int64_t>& demand, const std::vector<std::int64_t>& sales, int start, int until,
                  double threshold, int run);

}  // namespace peaksim
