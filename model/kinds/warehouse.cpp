// Warehouses: one per scenario warehouse; each receives at dawn and counts at close.
#include "agents/warehouse.hpp"

#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind warehouse_kind() {
  return {.name = "warehouse",
          .schema_keys = {"sites.warehouses[].name", "sites.warehouses[].initial_stock"},
          .phases = {Phase::receive, Phase::close},
          .kpi_groups = {},
          .build = [](Wiring& w) {
            for (std::size_t i = 0; i < w.plan.warehouses.size(); ++i) {
              auto* wh = w.keep(std::make_unique<agents::Warehouse>(int(i), w.plan, w.recorder));
              w.warehouses.push_back(wh);
              w.actor([wh] { (*wh)(); });
            }
          }};
}

}  // namespace peaksim::model
