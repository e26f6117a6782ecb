// Planners: one per warehouse, reviewing every SKU's policy in the review phase. Also the
// pre-season KPIs of newsvendor_preseason SKUs, whose buy is their initial stock.
#include "agents/planner.hpp"

#include "agents/warehouse.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {
namespace {

// newsvendor_preseason SKUs: the pre-season buy (their initial stock) is bought at the SKU's cost and
// what is left at the end of the horizon is sold at its salvage value. Appended only when some SKU
// has the policy, so other scenarios keep their KPI list.
void append_preseason_kpis(const Wiring& w, ReplicationResult& r) {
  const Scenario& sc = *w.plan.scenario;
  bool any = false;
  double units = 0, cost = 0, salvage = 0;
  for (std::size_t i = 0; i < w.warehouses.size(); ++i) {
    const WarehousePlan& wp = w.plan.warehouses[i];
    for (std::size_t k = 0; k < sc.skus.size(); ++k) {
      if (policy_type(wp.params[k]->type).level_S != LevelS::newsvendor_buy) continue;
      any = true;
      units += double(wp.initial_stock[k]);
      cost += double(wp.initial_stock[k]) * sc.skus[k].cost;
      salvage += double(w.warehouses[i]->stock().on_hand[k]) * sc.skus[k].salvage;
    }
  }
  if (!any) return;
  double revenue = 0, total_cost = 0;
  for (std::size_t i = 0; i < r.kpi_names.size(); ++i) {
    if (r.kpi_names[i] == "revenue") revenue = r.kpi_values[i];
    if (r.kpi_names[i] == "total_cost") total_cost = r.kpi_values[i];
  }
  const std::pair<const char*, double> kpis[] = {{"preseason_units", units},
                                                 {"preseason_cost", cost},
                                                 {"salvage_value", salvage},
                                                 {"season_profit", revenue + salvage - cost - total_cost}};
  for (const auto& [name, value] : kpis) {
    r.kpi_names.emplace_back(name);
    r.kpi_values.push_back(value);
  }
}

}  // namespace

AgentKind planner_kind() {
  return {.name = "planner",
          .summary = "reviews each SKU's replenishment policy and orders from the warehouse's supplier",
          .schema_keys = {"policy", "policy_by_category", "catalog.skus[].policy"},
          .phases = {Phase::review},
          .kpis = {"preseason_units", "preseason_cost", "salvage_value", "season_profit"},
          .build =
              [](Wiring& w) {
                for (std::size_t i = 0; i < w.warehouses.size(); ++i) {
                  agents::Supplier& supplier = *w.suppliers[std::size_t(w.plan.warehouses[i].supplier)];
                  auto* p = w.keep(std::make_unique<agents::Planner>(int(i), w.plan, *w.warehouses[i], supplier,
                                                                     w.forecasts, w.forecast_slot));
                  w.actor([p] { (*p)(); });
                }
              },
          .finish = append_preseason_kpis};
}

}  // namespace peaksim::model
