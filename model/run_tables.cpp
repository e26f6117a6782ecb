#include "model/run_tables.hpp"

#include "sim/scenario/choices.hpp"

namespace peaksim {

Axes make_axes(const Scenario& sc, const NetworkPlan& plan) {
  Axes axes;
  for (int t = 0; t < sc.horizon_days; ++t) axes.dates.push_back((sc.start + t).to_string());
  for (const Sku& sku : sc.skus) {
    axes.sku_ids.push_back(sku.id);
    axes.sku_categories.push_back(sku.category);
  }
  for (const auto& w : sc.warehouses) axes.sites.push_back(w.name);
  axes.categories = plan.categories;
  return axes;
}

RunTables make_tables(const Scenario& sc, const NetworkPlan& plan) {
  RunTables t;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    const Sku& sku = sc.skus[k];
    t.rate.push_back(sku.rate);
    t.price.push_back(sku.price);
    t.cost.push_back(sku.cost);
    t.salvage.push_back(sku.salvage);
    // The SKU's policy at the first site (sites.warehouses[].policy may set another elsewhere); levels per site.
    t.policy.push_back(plan.warehouses.empty() ? "" : scn::word_of(plan.warehouses[0].params[k]->type));
    for (const WarehousePlan& wp : plan.warehouses) {
      t.level_s.push_back(wp.levels[k].s);
      t.level_S.push_back(wp.levels[k].S);
      t.level_Q.push_back(wp.levels[k].Q);
    }
  }
  t.calendar_factor = plan.profile.factor;
  t.peak.assign(plan.profile.peak.begin(), plan.profile.peak.end());
  t.events = plan.profile.events;
  for (const auto& r : sc.regions) t.regions.push_back(r.name);
  for (const LaneSpec& lane : sc.lanes)  // the recorder's lane breakdown, in the same order
    if (!lane.carriers.empty()) t.lanes.push_back(lane.from + "->" + lane.to);
  for (const WarehouseSpec& w : sc.warehouses) {  // the recorder's station breakdown: a picking station is one
    const int stations = w.robots ? w.robots->stations : w.picking ? 1 : 0;
    for (int j = 0; j < stations; ++j) t.stations.push_back(w.name + "/" + std::to_string(j));
  }
  return t;
}

}  // namespace peaksim
