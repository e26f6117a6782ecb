#include "agents/planner.hpp"

#include <algorithm>

#include "agents/forecast_service.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/scenario/schema.hpp"

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
      history_(longest_window(plan.warehouses[warehouse.index()]), plan.scenario->skus.size()),
      plan_(plan.warehouses[warehouse.index()]),
      scenario_(*plan.scenario) {
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
  for (const PrebuyOrder& order : wp.prebuys)
    if (!prebuy_formula_.count(order.spec))
      prebuy_formula_.emplace(order.spec, expr::Expression(order.spec->quantity, scn::prebuy_variables()));
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
  for (std::size_t k = 0; k < policies_.size(); ++k) {
    // A SKU's prebuys of the day come before its own review, which sees them on order.
    for (; next_prebuy_ < plan_.prebuys.size() && plan_.prebuys[next_prebuy_].day == day &&
           plan_.prebuys[next_prebuy_].sku == k;
         ++next_prebuy_)
      prebuy(day, plan_.prebuys[next_prebuy_]);
    if (review_period_[k] == 0 || day % review_period_[k] != 0) continue;
    Observation obs = observe(day, k);
    if (!plan_.review_levels[k].empty()) obs.levels = &plan_.review_levels[k][std::size_t(day / review_period_[k])];
    place(day, k, policies_[k]->order_quantity(obs));
  }
}

Observation Planner::observe(int day, std::size_t k) const {
  const StockArrays& st = warehouse_.stock();
  // Units asked of the source warehouse are on order; units owed to warehouses downstream are backorders,
  // except in the echelon position, which counts the stock downstream instead (docs/model.md, Multi-echelon).
  const std::int64_t on_order = st.on_order[k] + warehouse_.requested(k);
  return echelon_[k]
             ? Observation{day, st.on_hand[k], on_order + warehouse_.downstream_stock(k), st.backorders[k]}
             : Observation{
                   day, st.on_hand[k], on_order, st.backorders[k] + warehouse_.owed(k), history_.view(k), forecast_[k]};
}

void Planner::place(int day, std::size_t k, std::int64_t quantity) {
  if (warehouse_.replenished_by_warehouse()) {
    if (quantity > 0) warehouse_.order_from_source(k, quantity);
    return;
  }
  suppliers_.split(day, k, quantity, parts_);
  for (const SupplierChoice::Part& part : parts_) {
    warehouse_.note_order(k, part.quantity);
    part.supplier->submit({&warehouse_, k, part.quantity});
  }
}

// The rule's quantity formula on this instant's position; below 0 (or not a number) orders nothing.
void Planner::prebuy(int day, const PrebuyOrder& order) {
  const Sku& sku = scenario_.skus[order.sku];
  const std::int64_t position = observe(day, order.sku).inventory_position();
  const double newsvendor = double(std::max<std::int64_t>(0, order.target - position));
  const double lead = plan_.inbound->lead_time_days.mean_value();
  const double q = prebuy_formula_.at(order.spec)
                       .evaluate({double(order.sku), plan_.mean_demand[order.sku], lead,
                                  double(plan_.params[order.sku]->review_period_days), sku.price, sku.cost, order.mu,
                                  order.sd, double(position), newsvendor});
  if (q > 0) place(day, order.sku, std::llround(std::min(q, 1e12)));
}

}  // namespace peaksim::agents
