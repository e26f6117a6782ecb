// Picking: a robotic picking station or a robot fleet per warehouse (never both), measured at each
// warehouse's close, so no actor of their own.
#include <memory>
#include <string>

#include "agents/picking_station.hpp"
#include "agents/robot_fleet.hpp"
#include "agents/warehouse.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind picking_kind() {
  return {.name = "picking",
          .schema_keys = {"sites.warehouses[].picking", "sites.warehouses[].robots"},
          .phases = {},
          .kpi_groups = {KpiGroup::picking, KpiGroup::robots},
          .build = [](Wiring& w) {
            w.picking = agents::make_picking_stations(w.plan, w.replication);
            for (std::size_t i = 0; i < w.warehouses.size(); ++i) w.warehouses[i]->attach_picking(w.picking[i].get());
            const Scenario& sc = *w.plan.scenario;
            for (std::size_t i = 0; i < sc.warehouses.size(); ++i) {
              if (!sc.warehouses[i].robots) continue;
              auto fleet = std::make_unique<agents::RobotFleet>(
                  *sc.warehouses[i].robots, sc.horizon_days, w.plan.warehouses[i].mean_demand, w.plan.profile.peak,
                  sc.seed, w.replication, "warehouse:" + sc.warehouses[i].name, w.plan.profile.factor);
              w.warehouses[i]->attach_robots(w.keep(std::move(fleet)));
            }
          }};
}

}  // namespace peaksim::model
