// Suppliers: ship queued order lines in the supply phase, with lead times drawn per lane.
#include "agents/supplier.hpp"

#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind supplier_kind() {
  return {.name = "supplier",
          .schema_keys = {"sites.suppliers", "lanes[].lead_time"},
          .phases = {Phase::supply},
          .kpi_groups = {},
          .build = [](Wiring& w) {
            for (std::size_t i = 0; i < w.plan.scenario->suppliers.size(); ++i) {
              auto* s = w.keep(std::make_unique<agents::Supplier>(int(i), w.plan, w.warehouses, w.replication));
              w.suppliers.push_back(s);
              w.actor([s] { (*s)(); });
            }
          }};
}

}  // namespace peaksim::model
