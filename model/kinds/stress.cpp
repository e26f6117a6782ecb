// The stress test's supply spells (agents/supply_stress.*): capacity cuts and lead-time stretches marked on each
// supplier when the replication is built, so it has no actor and adds no event. Its demand, outage and carrier
// shocks are folded into regions, disruptions and carriers by the loader (sim/scenario/stress.cpp).
#include "agents/supply_stress.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind stress_kind() {
  return {
      .name = "stress",
      .schema_keys = {"stress.recovery.fill_rate", "stress.recovery.days", "stress.demand.probability_per_day",
                      "stress.demand.multiplier", "stress.demand.duration", "stress.supply.outage_probability_per_day",
                      "stress.supply.capacity_cuts.probability_per_day", "stress.supply.capacity_cuts.multiplier",
                      "stress.supply.capacity_cuts.duration", "stress.supply.lead_time_stretches.probability_per_day",
                      "stress.supply.lead_time_stretches.multiplier", "stress.supply.lead_time_stretches.duration",
                      "stress.carriers.outage_probability_per_day"},
      .phases = {},
      .kpi_groups = {KpiGroup::recovery},
      .build = [](Wiring& w) {
        const auto& stress = w.plan.scenario->stress;
        if (!stress) return;
        for (std::size_t i = 0; i < w.suppliers.size(); ++i)
          w.keep(std::make_unique<agents::SupplyStress>(*stress, w.plan, int(i), *w.suppliers[i], w.replication,
                                                        w.recorder));
      }};
}

}  // namespace peaksim::model
