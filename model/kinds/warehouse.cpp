// Warehouses: one per scenario warehouse; each receives at dawn (through its docks with `receiving`,
// docs/model.md, Receiving) and counts at close, and one that replenishes other warehouses ships to them in
// the supply phase (docs/model.md, Multi-echelon).
#include "agents/warehouse.hpp"

#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind warehouse_kind() {
  return {.name = "warehouse",
          .schema_keys = {"sites.warehouses[].name", "sites.warehouses[].initial_stock",
                          "sites.warehouses[].allocation", "sites.warehouses[].receiving"},
          .phases = {Phase::receive, Phase::supply, Phase::close},
          .kpi_groups = {KpiGroup::transfers, KpiGroup::receiving},
          .build = [](Wiring& w) {
            for (std::size_t i = 0; i < w.plan.warehouses.size(); ++i) {
              auto* wh = w.keep(std::make_unique<agents::Warehouse>(int(i), w.plan, w.recorder));
              w.warehouses.push_back(wh);
              w.actor([wh] { (*wh)(); });
            }
            // A warehouse that replenishes others ships in the supply phase after every supplier.
            const int suppliers = int(w.plan.scenario->suppliers.size());
            for (std::size_t i = 0; i < w.plan.warehouses.size(); ++i) {
              std::vector<agents::Warehouse*> downstream;
              for (int d : w.plan.warehouses[i].downstream) downstream.push_back(w.warehouses[std::size_t(d)]);
              if (!downstream.empty()) w.warehouses[i]->connect(downstream, w.plan, w.replication, suppliers + int(i));
            }
          }};
}

}  // namespace peaksim::model
