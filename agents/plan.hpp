// What every agent reads: the scenario resolved into who serves whom, each SKU's mean demand and policy
// levels at each site. The model layer computes it once per process (model/network_plan.hpp); every
// replication shares it read-only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "agents/policies.hpp"
#include "agents/pricing_plan.hpp"
#include "sim/kernel/demand_profile.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {

struct SupplyLane {
  int supplier = 0;                // index into scenario.suppliers
  const LaneSpec* lane = nullptr;  // its lane to the warehouse
};

// An advance order for a calendar event (docs/model.md, Peak-aware replenishment): placed at the review of `day`,
// before the SKU's own review.
struct PrebuyOrder {
  int day = 0;
  std::size_t sku = 0;
  const PrebuySpec* spec = nullptr;
  double mu = 0, sd = 0;    // mu_event, sd_event: the demand from day + 1 to the end of the event's peak window
  std::int64_t target = 0;  // its critical-ratio quantile (newsvendor = max(0, target - position))
};

struct WarehousePlan {
  int supplier = 0;                          // index into scenario.suppliers: the first supplier lane's; -1 when a
                                             // warehouse replenishes it
  int source = -1;                           // the warehouse that replenishes it; -1 when suppliers do
  const LaneSpec* inbound = nullptr;         // the lane into it: the first supplier lane (L of the policy levels),
                                             // or the lane from its source warehouse
  std::vector<SupplyLane> sources;           // every supplier lane, in scenario order (sourcing chooses)
  std::vector<int> downstream;               // warehouses it replenishes, in the order of their lanes
  std::vector<const LaneSpec*> outbound;     // the lanes to them, in the same order
  Allocation allocation = Allocation::fifo;  // how it shares scarce stock among them
  std::vector<int> regions;                  // regions it serves, in scenario order
  // m per SKU: rate x the summed scale of its regions and of every region served downstream of it
  std::vector<double> mean_demand;
  std::vector<PolicyLevels> levels;         // per SKU
  std::vector<const PolicyParams*> params;  // per SKU
  std::vector<std::int64_t> initial_stock;  // per SKU
  // Per SKU whose level formulas use mu_window or sd_window: its levels at the review of day j R, [j]; else empty.
  std::vector<std::vector<PolicyLevels>> review_levels;
  std::vector<PrebuyOrder> prebuys;  // by day, then SKU
};

struct NetworkPlan {
  const Scenario* scenario = nullptr;
  DemandProfile profile;
  std::vector<WarehousePlan> warehouses;
  std::vector<int> region_warehouse;         // per region
  std::vector<const LaneSpec*> region_lane;  // per region: the warehouse -> region lane (transit)
  std::vector<std::uint64_t> sku_key;        // hashed SKU id: names the SKU's random substreams
  std::vector<std::string> categories;       // distinct, sorted
  std::vector<int> sku_category;             // per SKU, index into categories

  // Per region, every centre that may serve it and its lane, in file order (orders: priority); the first is
  // region_warehouse / region_lane. Only with orders does a region have more than one.
  std::vector<std::vector<int>> region_centres;
  std::vector<std::vector<const LaneSpec*>> region_lanes;

  std::vector<agents::GroupPricing> pricing;  // per pricing group (agents/pricing_plan.hpp)
};

}  // namespace peaksim
