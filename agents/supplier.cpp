#include "agents/supplier.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {

Supplier::Supplier(int index, const NetworkPlan& plan, const std::vector<Warehouse*>& warehouses,
                   std::uint64_t replication, Recorder& recorder)
    : index_(index),
      horizon_(plan.scenario->horizon_days),
      spec_(plan.scenario->suppliers[index]),
      skus_(plan.scenario->skus),
      recorder_(recorder),
      terms_(spec_.fill_rate < 1 || !spec_.price_breaks.empty()) {
  const Scenario& sc = *plan.scenario;
  lanes_.resize(warehouses.size());
  for (std::size_t w = 0; w < warehouses.size(); ++w) {
    for (const SupplyLane& source : plan.warehouses[w].sources) {
      if (source.supplier != index) continue;
      LaneStreams& ls = lanes_[w];
      ls.lane = source.lane;
      const std::string entity = "lane:" + ls.lane->from + "->" + ls.lane->to;
      for (std::uint64_t key : plan.sku_key) {
        ls.per_sku.emplace_back(rng::StreamKey{sc.seed, replication, entity, "lead_time", key});
        if (spec_.on_time_probability < 1) {
          ls.on_time.emplace_back(rng::StreamKey{sc.seed, replication, entity, "on_time", key});
          ls.late.emplace_back(rng::StreamKey{sc.seed, replication, entity, "late_by", key});
        }
        if (spec_.fill_rate < 1) ls.fill.emplace_back(rng::StreamKey{sc.seed, replication, entity, "fill", key});
      }
      if (!ls.lane->carriers.empty())
        ls.carriers =
            std::make_unique<LaneCarriers>(*ls.lane, plan.profile.peak, sc.start.weekday(), sc.seed, replication);
    }
  }
}

std::int64_t round_order(const SupplierSpec& spec, std::int64_t wanted) {
  if (wanted <= 0) return 0;
  const std::int64_t q = std::max<std::int64_t>(wanted, spec.moq);
  const std::int64_t pack = spec.case_pack;
  return (q + pack - 1) / pack * pack;
}

double price_factor(const SupplierSpec& spec, std::int64_t units) {
  double factor = 1;
  for (const SupplierSpec::PriceBreak& b : spec.price_breaks)
    if (units >= b.min_units) factor = b.unit_cost_factor;
  return factor;
}

double Supplier::mean_lead_days(int w) const {
  const LaneStreams& ls = lanes_[std::size_t(w)];
  return ls.lane->lead_time_days.mean_value() + (1 - spec_.on_time_probability) * spec_.late_by_days.mean_value();
}

void Supplier::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::supply, index_);
    ship(day);
  }
  report();
}

void Supplier::submit_on_terms(const OrderLine& line) {
  LaneStreams& ls = lanes_[std::size_t(line.warehouse->index())];
  std::int64_t confirmed = line.quantity;
  if (!ls.fill.empty()) {
    // A partial fill is known when the order is confirmed: the rest leaves the warehouse's on-order at once,
    // so its planner can order it again at its next review.
    confirmed = rng::binomial(ls.fill[line.sku], line.quantity, spec_.fill_rate);
    const std::int64_t cancelled = line.quantity - confirmed;
    if (cancelled > 0) line.warehouse->supplier_cancelled(line.sku, cancelled);
    recorder_.note_supply(line.warehouse->index(), line.sku, 0, 0, cancelled);
  }
  // The price is agreed on the line as ordered and paid on what is confirmed.
  if (!spec_.price_breaks.empty())
    recorder_.note_supply(line.warehouse->index(), line.sku, 0,
                          double(confirmed) * skus_[line.sku].cost * (1 - price_factor(spec_, line.quantity)), 0);
  if (confirmed == 0) return;
  queue_.push_back({line.warehouse, line.sku, confirmed});
  queued_ += confirmed;
}

void Supplier::ship(int day) {
  if (down(day)) return;
  // Capacity is a whole number of units per day; unshipped units wait in the queue, in their place. A line
  // its carriers refuse waits too, and the lines behind it may still leave (they may go elsewhere).
  double budget = capacity(day);
  for (auto it = queue_.begin(); it != queue_.end() && budget > 0;) {
    OrderLine& line = *it;
    const int w = line.warehouse->index();
    LaneStreams& ls = lanes_[std::size_t(w)];
    std::int64_t q = std::min<std::int64_t>(line.quantity, budget > 9e18 ? line.quantity : std::int64_t(budget));
    if (ls.carriers) {
      const Tender t = ls.carriers->tender(day, q);
      if (t.cost > 0) recorder_.note_supply(w, line.sku, t.cost, 0, 0);
      q = t.accepted;
    }
    if (q > 0) {
      double lead = rng::sample(ls.per_sku[line.sku], ls.lane->lead_time_days);
      if (!lead_factor_.empty()) lead *= lead_factor_[std::size_t(day)];
      // Lead times are whole days: a draw is rounded to the nearest day, never below zero.
      int lead_days = int(std::max(0.0, std::round(lead)));
      if (!ls.on_time.empty() && ls.on_time[line.sku].uniform() >= spec_.on_time_probability)
        lead_days += int(std::max(0.0, std::round(rng::sample(ls.late[line.sku], spec_.late_by_days))));
      line.warehouse->expect(day + lead_days, line.sku, q);
      line.quantity -= q;
      queued_ -= q;
      budget -= double(q);
    }
    if (line.quantity > 0)
      ++it;
    else if (it == queue_.begin())  // the common case: the head of the queue leaves
      queue_.pop_front(), it = queue_.begin();
    else
      it = queue_.erase(it);
  }
}

void Supplier::report() {
  for (std::size_t w = 0; w < lanes_.size(); ++w) {
    if (!lanes_[w].carriers) continue;
    const CarriageTotals t = lanes_[w].carriers->totals();
    const LaneSpec& lane = *lanes_[w].lane;
    recorder_.note_carriage(int(w), lane.from + "->" + lane.to, t.limited_carried, t.offered, t.refused);
  }
}

}  // namespace peaksim::agents
