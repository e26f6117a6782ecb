// Customer regions: draw demand in the demand phase and buy from the warehouse that serves them;
// what ships travels the warehouse -> region lane (delivery KPIs in the recorder).
#include "agents/customer_region.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind region_kind() {
  return {.name = "region",
          .schema_keys = {"sites.regions", "lanes[].lead_time", "category_shocks", "substitution"},
          .phases = {Phase::demand},
          .kpi_groups = {KpiGroup::deliveries, KpiGroup::promises, KpiGroup::substitution},
          .build = [](Wiring& w) {
            if (w.plan.scenario->orders) return;  // customers place orders instead (model/kinds/orders.cpp)
            for (std::size_t r = 0; r < w.plan.region_warehouse.size(); ++r) {
              auto* region = w.keep(std::make_unique<agents::CustomerRegion>(
                  int(r), w.plan, *w.warehouses[std::size_t(w.plan.region_warehouse[r])], w.replication, &w.recorder,
                  w.prices));
              w.actor([region] { (*region)(); });
            }
          }};
}

}  // namespace peaksim::model
