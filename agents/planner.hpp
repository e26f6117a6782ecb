// The replenishment planner of one warehouse: at its review instant, observes every SKU's
// inventory position and orders what each SKU's policy asks for from the warehouse's supplier (from several:
// agents/sourcing.hpp chooses), or from the warehouse that replenishes it. An echelon policy observes the
// echelon inventory position.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "agents/plan.hpp"
#include "agents/policies.hpp"
#include "agents/sourcing.hpp"
#include "agents/supplier.hpp"
#include "agents/warehouse.hpp"
#include "sim/expr/expression.hpp"

namespace peaksim::agents {

class ForecastService;

// The last `capacity` days of the warehouse's demand, one row of SKUs per day: a day is stored
// with one contiguous copy, and a policy reads its SKU's column through a DemandHistory.
class DemandRing {
public:
  DemandRing(int capacity, std::size_t skus) : capacity_(capacity), skus_(skus), rows_(std::size_t(capacity) * skus) {}
  void push(const std::vector<std::int64_t>& today);
  DemandHistory view(std::size_t sku) const;

private:
  int capacity_;
  std::size_t skus_;
  std::vector<std::int64_t> rows_;
  int newest_ = -1;  // row of the latest day
  int days_ = 0;     // rows filled
};

class Planner {
public:
  // With a forecast service, the planner registers its forecast_order_up_to SKUs with it (as
  // replication `replication` of the service) and reviews one second later than without, after
  // the service has answered (slot 1 + index of the review phase).
  // `suppliers`: those of the warehouse's supplier lanes, in scenario order (agents/sourcing.hpp chooses); none
  // when a warehouse replenishes this one.
  Planner(int index, const NetworkPlan& plan, Warehouse& warehouse, std::vector<Supplier*> suppliers,
          ForecastService* forecasts = nullptr, int replication = 0);
  void operator()();

private:
  void review(int day);
  Observation observe(int day, std::size_t k) const;
  void place(int day, std::size_t k, std::int64_t quantity);
  void prebuy(int day, const PrebuyOrder& order);

  int index_;
  int slot_;  // in the review phase
  int horizon_;
  Warehouse& warehouse_;
  SupplierChoice suppliers_;
  std::vector<SupplierChoice::Part> parts_;                     // of the order being placed
  std::vector<std::unique_ptr<ReplenishmentPolicy>> policies_;  // per SKU
  std::vector<std::uint8_t> echelon_;                           // per SKU: observes the echelon position
  std::vector<int> review_period_;                              // per SKU, days; 0 for rQ
  std::vector<const ForecastView*> forecast_;                   // per SKU; null unless forecast_order_up_to
  DemandRing history_;  // as long as the longest forecast window at this site; empty when none
  const WarehousePlan& plan_;
  const Scenario& scenario_;
  std::size_t next_prebuy_ = 0;                                   // into plan_.prebuys
  std::map<const PrebuySpec*, expr::Expression> prebuy_formula_;  // compiled per planner: evaluate writes to it
};

}  // namespace peaksim::agents
