// Stocks and order quantities in the results' 32-bit cells, refused when the plan is made (so `peaksim validate`
// refuses them too): what a SKU's stock and orders can reach follows from its levels, its initial stock and its
// suppliers' rounding, summed over the SKUs of one recorded cell at record.level (docs/reliability.md).
#pragma once
#include <cstdint>

#include "agents/plan.hpp"

namespace peaksim {

inline constexpr std::int64_t kMaxRecordedValue = 2147483647;  // int32

// Throws ScenarioError at the key that contributes most to the largest cell. Needs the plan's levels, initial
// stocks and prebuys.
void check_recorded_stock(const Scenario& sc, const NetworkPlan& plan);

}  // namespace peaksim
