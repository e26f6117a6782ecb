// Suppliers: confirm order lines (partial fills, price breaks), ship queued lines in the supply phase through
// the lanes' carriers, with lead times (and lateness) drawn per lane.
#include "agents/supplier.hpp"

#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind supplier_kind() {
  return {.name = "supplier",
          .schema_keys = {"sites.suppliers", "lanes[].lead_time", "lanes[].carriers"},
          .phases = {Phase::supply},
          .kpi_groups = {KpiGroup::carriers, KpiGroup::price_breaks, KpiGroup::partial_fills},
          .build = [](Wiring& w) {
            for (std::size_t i = 0; i < w.plan.scenario->suppliers.size(); ++i) {
              auto* s =
                  w.keep(std::make_unique<agents::Supplier>(int(i), w.plan, w.warehouses, w.replication, w.recorder));
              w.suppliers.push_back(s);
              w.actor([s] { (*s)(); });
            }
          }};
}

}  // namespace peaksim::model
