// The supply spells of a stress test (`stress.supply.capacity_cuts`, `stress.supply.lead_time_stretches`): per
// supplier, on each day with probability_per_day a spell starts (unless one lasts), with a multiplier drawn per
// spell, for `duration` days, as region demand shocks do. The days are drawn when the replication is built, one
// uniform per day of the horizon in day order from (seed, replication, stress:<supplier>, <spell>_timing) and one
// multiplier per spell from (..., <spell>_size), so no event is added and no other stream moves.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "agents/plan.hpp"
#include "agents/supplier.hpp"

namespace peaksim::agents {

struct Spell {
  int first = 0, last = 0;  // days, within the horizon
  double multiplier = 1;
};

// The spells of one kind ("capacity_cut" or "lead_time") of one supplier in one replication.
std::vector<Spell> draw_spells(const ShockSpec& spec, const NetworkPlan& plan, int supplier, const std::string& kind,
                               std::uint64_t replication);

class SupplyStress {
public:
  // Marks the supplier's cut and stretched days; each spell's start is a supply shock for the recorder.
  SupplyStress(const StressSpec& spec, const NetworkPlan& plan, int supplier_index, Supplier& supplier,
               std::uint64_t replication, Recorder& recorder);
};

}  // namespace peaksim::agents
