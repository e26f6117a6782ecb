// The recorder set-up of a scenario with customer orders, for tests that drive the order desk without a run:
// KPIs only, list prices, the plan's categories and peak days, and a lane breakdown for lanes with carriers.
#pragma once
#include "model/network_plan.hpp"
#include "sim/kernel/recorder.hpp"

namespace peaksim::test {

inline RecorderSetup order_recorder_for(const NetworkPlan& plan) {
  const Scenario& sc = *plan.scenario;
  RecorderSetup s;
  s.record.level = RecordLevel::kpi_only;
  s.horizon_days = sc.horizon_days;
  s.sites = int(sc.warehouses.size());
  for (const Sku& sku : sc.skus) s.price.push_back(sku.price), s.cost.push_back(sku.cost), s.salvage.push_back(0);
  s.sku_category = plan.sku_category;
  s.peak_day = plan.profile.peak;
  s.region_site = plan.region_warehouse;
  s.orders = true;
  for (const LaneSpec& lane : sc.lanes)
    if (!lane.carriers.empty()) s.carrier_lanes.push_back(lane.from + "->" + lane.to);
  s.carriers = !s.carrier_lanes.empty();
  return s;
}

}  // namespace peaksim::test
