#include "agents/supplier.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {

Supplier::Supplier(int index, const NetworkPlan& plan, const std::vector<Warehouse*>& warehouses,
                   std::uint64_t replication)
    : index_(index), horizon_(plan.scenario->horizon_days), spec_(plan.scenario->suppliers[index]) {
  lanes_.resize(warehouses.size());
  for (std::size_t w = 0; w < warehouses.size(); ++w) {
    const WarehousePlan& wp = plan.warehouses[w];
    if (wp.supplier != index) continue;
    lanes_[w].lane = wp.inbound;
    const std::string entity = "lane:" + wp.inbound->from + "->" + wp.inbound->to;
    for (std::uint64_t key : plan.sku_key)
      lanes_[w].per_sku.emplace_back(rng::StreamKey{plan.scenario->seed, replication, entity, "lead_time", key});
  }
}

std::int64_t round_order(const SupplierSpec& spec, std::int64_t wanted) {
  if (wanted <= 0) return 0;
  const std::int64_t q = std::max<std::int64_t>(wanted, spec.moq);
  const std::int64_t pack = spec.case_pack;
  return (q + pack - 1) / pack * pack;
}

void Supplier::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::supply, index_);
    ship(day);
  }
}

void Supplier::ship(int day) {
  if (!down_.empty() && down_[std::size_t(day)]) return;
  // Capacity is a whole number of units per day; unshipped units wait at the head of the queue.
  double budget = std::floor(spec_.capacity_per_day);
  while (!queue_.empty() && budget > 0) {
    OrderLine& line = queue_.front();
    const std::int64_t q = std::min<std::int64_t>(line.quantity, budget > 9e18 ? line.quantity : std::int64_t(budget));
    LaneStreams& ls = lanes_[line.warehouse->index()];
    const double lead = rng::sample(ls.per_sku[line.sku], ls.lane->lead_time_days);
    // Lead times are whole days: a draw is rounded to the nearest day, never below zero.
    const int lead_days = int(std::max(0.0, std::round(lead)));
    line.warehouse->expect(day + lead_days, line.sku, q);
    line.quantity -= q;
    budget -= double(q);
    if (line.quantity == 0) queue_.pop_front();
  }
}

}  // namespace peaksim::agents
