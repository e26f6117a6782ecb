// What a run could not hold, refused when the plan is made (so `peaksim validate` refuses it too), at the key that
// asks for it: demand means beyond what the samplers take, recorded daily values beyond the results' int32 cells.
#pragma once
#include "agents/plan.hpp"

namespace peaksim {

inline constexpr double kMaxDailyMean = 1e9;     // one SKU's expected units a day in one region, at the peak
inline constexpr double kMaxRecordedCell = 1e9;  // a recorded cell's expected daily demand (int32 holds 2.1e9)

// Throws ScenarioError. Needs the plan's demand profile and its regions' warehouses.
void check_run_limits(const Scenario& sc, const NetworkPlan& plan);

}  // namespace peaksim
