#include "agents/planner.hpp"

#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {

Planner::Planner(int index, const NetworkPlan& plan, Warehouse& warehouse, Supplier& supplier)
    : index_(index), horizon_(plan.scenario->horizon_days), warehouse_(warehouse), supplier_(supplier) {
  const WarehousePlan& wp = plan.warehouses[warehouse.index()];
  for (std::size_t k = 0; k < wp.levels.size(); ++k) {
    policies_.push_back(make_policy(*wp.params[k], wp.levels[k]));
    review_period_.push_back(wp.params[k]->review_period_days);
  }
}

void Planner::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::review, index_);
    review(day);
  }
}

void Planner::review(int day) {
  const StockArrays& st = warehouse_.stock();
  for (std::size_t k = 0; k < policies_.size(); ++k) {
    if (day % review_period_[k] != 0) continue;
    const Observation obs{day, st.on_hand[k], st.on_order[k], st.backorders[k]};
    const std::int64_t q = supplier_.round_order(policies_[k]->order_quantity(obs));
    if (q <= 0) continue;
    warehouse_.note_order(k, q);
    supplier_.submit({&warehouse_, k, q});
  }
}

}  // namespace peaksim::agents
