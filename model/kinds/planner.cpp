// Planners: one per warehouse, reviewing every SKU's policy in the review phase. The pre-season KPIs of
// newsvendor_preseason SKUs, whose buy is their initial stock, are the recorder's (sim/kernel/kpis.hpp).
#include "agents/planner.hpp"

#include "agents/warehouse.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind planner_kind() {
  return {.name = "planner",
          .schema_keys = {"policy", "policy_by_category", "catalog.skus[].policy", "sites.warehouses[].policy",
                          "sites.warehouses[].policy_by_category", "sites.warehouses[].sourcing",
                          "sites.warehouses[].sourcing_by_category"},
          .phases = {Phase::review},
          .kpi_groups = {KpiGroup::preseason},
          .build = [](Wiring& w) {
            for (std::size_t i = 0; i < w.warehouses.size(); ++i) {
              std::vector<agents::Supplier*> suppliers;
              for (const SupplyLane& source : w.plan.warehouses[i].sources)
                suppliers.push_back(w.suppliers[std::size_t(source.supplier)]);
              auto* p = w.keep(std::make_unique<agents::Planner>(int(i), w.plan, *w.warehouses[i], suppliers,
                                                                 w.forecasts, w.forecast_slot));
              w.actor([p] { (*p)(); });
            }
          }};
}

}  // namespace peaksim::model
