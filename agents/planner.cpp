#include "agents/planner.hpp"

#include <algorithm>

#include "agents/forecast_service.hpp"
#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {
namespace {

int longest_window(const WarehousePlan& wp) {
  int w = 0;
  for (const PolicyParams* p : wp.params)
    if (policy_type(p->type).demand_history) w = std::max(w, p->window_days);
  return w;
}

}  // namespace

void DemandRing::push(const std::vector<std::int64_t>& today) {
  if (capacity_ == 0) return;
  newest_ = (newest_ + 1) % capacity_;
  std::copy(today.begin(), today.end(), rows_.begin() + std::ptrdiff_t(std::size_t(newest_) * skus_));
  days_ = std::min(days_ + 1, capacity_);
}

DemandHistory DemandRing::view(std::size_t sku) const {
  if (days_ == 0) return {};
  return {rows_.data() + sku, skus_, capacity_, newest_, days_};
}

Planner::Planner(int index, const NetworkPlan& plan, Warehouse& warehouse, std::vector<Supplier*> suppliers,
                 ForecastService* forecasts, int replication)
    : index_(index),
      slot_(forecasts ? index + 1 : index),
      horizon_(plan.scenario->horizon_days),
      warehouse_(warehouse),
      suppliers_(plan, warehouse.index(), std::move(suppliers)),
      history_(longest_window(plan.warehouses[warehouse.index()]), plan.scenario->skus.size()) {
  const WarehousePlan& wp = plan.warehouses[warehouse.index()];
  const double lead = wp.inbound->lead_time_days.mean_value();
  for (std::size_t k = 0; k < wp.levels.size(); ++k) {
    policies_.push_back(make_policy(*wp.params[k], wp.levels[k], {wp.mean_demand[k], lead}));
    // 0: never at the daily review; the warehouse reviews a continuous-review SKU after each demand event.
    const PolicyTypeInfo& info = policy_type(wp.params[k]->type);
    echelon_.push_back(info.echelon);
    review_period_.push_back(info.review == Review::continuous ? 0 : wp.params[k]->review_period_days);
    const bool forecast = forecasts && info.forecasts;
    forecast_.push_back(forecast ? forecasts->add_series(replication, warehouse, k) : nullptr);
  }
}

void Planner::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::review, slot_);
    review(day);
  }
}

void Planner::review(int day) {
  // Every day, review day or not: today's demand is complete once the regions have bought (06:00).
  history_.push(warehouse_.flows().demand);
  const StockArrays& st = warehouse_.stock();
  for (std::size_t k = 0; k < policies_.size(); ++k) {
    if (review_period_[k] == 0 || day % review_period_[k] != 0) continue;
    // Units asked of the source warehouse are on order; units owed to warehouses downstream are backorders,
    // except in the echelon position, which counts the stock downstream instead (docs/model.md, Multi-echelon).
    const std::int64_t on_order = st.on_order[k] + warehouse_.requested(k);
    const Observation obs =
        echelon_[k]
            ? Observation{day, st.on_hand[k], on_order + warehouse_.downstream_stock(k), st.backorders[k]}
            : Observation{day,         st.on_hand[k], on_order, st.backorders[k] + warehouse_.owed(k), history_.view(k),
                          forecast_[k]};
    if (warehouse_.replenished_by_warehouse()) {
      const std::int64_t q = policies_[k]->order_quantity(obs);
      if (q > 0) warehouse_.order_from_source(k, q);
      continue;
    }
    suppliers_.split(day, k, policies_[k]->order_quantity(obs), parts_);
    for (const SupplierChoice::Part& part : parts_) {
      warehouse_.note_order(k, part.quantity);
      part.supplier->submit({&warehouse_, k, part.quantity});
    }
  }
}

}  // namespace peaksim::agents
