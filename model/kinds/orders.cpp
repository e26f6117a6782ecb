// Customer orders (the `orders` section): one order desk for the network, acting once a day in the demand
// phase in place of the regions' per-SKU demand; it releases order lines to the centres' picking stations or
// robot fleets, at once or in waves (orders.release), and also hands the deliveries of what it ships to the recorder
// (the region kind's delivery KPIs).
#include "agents/order_desk.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind orders_kind() {
  return {.name = "orders",
          .schema_keys = {"orders", "sites.warehouses[].cutoffs", "sites.warehouses[].packing",
                          "sites.warehouses[].outbound"},
          .phases = {Phase::demand},
          .kpi_groups = {KpiGroup::orders, KpiGroup::order_waves, KpiGroup::packing, KpiGroup::outbound},
          .build = [](Wiring& w) {
            if (!w.plan.scenario->orders) return;
            std::vector<agents::LinePicker*> pickers;
            for (agents::Warehouse* centre : w.warehouses) {
              pickers.push_back(centre->line_picker());
              if (pickers.back()) centre->pick_order_lines();
            }
            auto* desk =
                w.keep(std::make_unique<agents::OrderDesk>(w.plan, w.replication, w.warehouses, pickers, w.recorder));
            desk->price_by(w.prices);
            w.actor([desk] { (*desk)(); });
          }};
}

}  // namespace peaksim::model
