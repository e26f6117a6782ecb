// Robotic picking stations: measured at each warehouse's close, so no actor of their own.
#include "agents/picking_station.hpp"
#include "agents/warehouse.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind picking_kind() {
  return {.name = "picking",
          .schema_keys = {"sites.warehouses[].picking"},
          .phases = {},
          .kpi_groups = {KpiGroup::picking},
          .build = [](Wiring& w) {
            w.picking = agents::make_picking_stations(w.plan, w.replication);
            for (std::size_t i = 0; i < w.warehouses.size(); ++i) w.warehouses[i]->attach_picking(w.picking[i].get());
          }};
}

}  // namespace peaksim::model
