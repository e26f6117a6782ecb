// The replenishment planner of one warehouse: at its review instant, observes every SKU's
// inventory position and orders from the warehouse's supplier what each SKU's policy asks for.
#pragma once
#include <memory>
#include <vector>

#include "agents/network_plan.hpp"
#include "agents/policies.hpp"
#include "agents/supplier.hpp"
#include "agents/warehouse.hpp"

namespace peaksim::agents {

class Planner {
public:
  Planner(int index, const NetworkPlan& plan, Warehouse& warehouse, Supplier& supplier);
  void operator()();

private:
  void review(int day);

  int index_;
  int horizon_;
  Warehouse& warehouse_;
  Supplier& supplier_;
  std::vector<std::unique_ptr<ReplenishmentPolicy>> policies_;  // per SKU
  std::vector<int> review_period_;                              // per SKU, days
};

}  // namespace peaksim::agents
