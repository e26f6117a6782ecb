// The scenario resolved into what agents need, computed once per process and shared read-only by
// every replication: who serves whom, each SKU's mean demand and policy levels at each site.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "agents/policies.hpp"
#include "sim/kernel/demand_profile.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {

struct WarehousePlan {
  int supplier = 0;                         // index into scenario.suppliers
  const Lane* inbound = nullptr;            // the supplier -> warehouse lane
  std::vector<int> regions;                 // regions it serves, in scenario order
  std::vector<double> mean_demand;          // m per SKU: rate x summed region scale
  std::vector<PolicyLevels> levels;         // per SKU
  std::vector<const PolicyParams*> params;  // per SKU
  std::vector<std::int64_t> initial_stock;  // per SKU
};

struct NetworkPlan {
  const Scenario* scenario = nullptr;
  DemandProfile profile;
  std::vector<WarehousePlan> warehouses;
  std::vector<int> region_warehouse;    // per region
  std::vector<std::uint64_t> sku_key;   // hashed SKU id: names the SKU's random substreams
  std::vector<std::string> categories;  // distinct, sorted
  std::vector<int> sku_category;        // per SKU, index into categories
};

// A formula produced a value no policy can use (negative, not finite, Q < 1).
class PlanError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

NetworkPlan make_network_plan(const Scenario& scenario);

}  // namespace peaksim
