#include "agents/warehouse.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "agents/picking_station.hpp"
#include "agents/robot_fleet.hpp"
#include "agents/supplier.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {

Warehouse::Warehouse(int index, const NetworkPlan& plan, Recorder& recorder)
    : index_(index),
      horizon_(plan.scenario->horizon_days),
      recorder_(recorder),
      stock_(plan.scenario->skus.size()),
      flows_(plan.scenario->skus.size()) {
  const WarehousePlan& wp = plan.warehouses[index];
  stock_.on_hand = wp.initial_stock;
  if (wp.supplier >= 0) supplier_ = &plan.scenario->suppliers[std::size_t(wp.supplier)];
  lead_seconds_ = wp.inbound->lead_time_days.mean_value() * kSecondsPerDay;  // constant: checked at load
  for (std::size_t k = 0; k < wp.params.size(); ++k) {
    if (policy_type(wp.params[k]->type).review != Review::continuous) continue;
    continuous_.resize(wp.params.size());
    continuous_[k] = make_policy(*wp.params[k], wp.levels[k]);
  }
}

LinePicker* Warehouse::line_picker() const {
  if (robots_) return robots_;
  return picking_;
}

void Warehouse::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::receive, index_);
    receive_due(day);
    receive_arrived(now_seconds());
    if (!downstream_.empty()) {
      wait_for(day, Phase::supply, supply_slot_);
      ship_downstream(day);
    }
    wait_for(day, Phase::close, index_);
    receive_due(day);  // shipments with a zero lead time arrive the day they are ordered
    receive_arrived(now_seconds());
    if (!cancels_.empty()) take_back(day);
    // All of today's shipments are known now; customer orders pick their lines themselves.
    if (picking_ && !picks_order_lines_) picking_->run_day(day, flows_);
    if (robots_ && !picks_order_lines_) robots_->run_day(day, flows_);
    if (robots_ && picks_order_lines_) robots_->close_day(day);  // the order desk released today's tasks
    recorder_.close_day(day, index_, stock_, flows_);
    flows_.reset();
  }
  if (picking_) recorder_.close_picking(index_, picking_->totals());
  if (robots_) recorder_.close_fleet(index_, robots_->totals(), robots_->fleet_totals());
}

void Warehouse::expect(int day, std::size_t sku, std::int64_t quantity) { inbound_[day].push_back({sku, quantity}); }

void Warehouse::note_order(std::size_t sku, std::int64_t quantity) {
  stock_.on_order[sku] += quantity;
  flows_.ordered[sku] += quantity;
  ++flows_.order_lines[sku];
}

void Warehouse::connect(const std::vector<Warehouse*>& downstream, const NetworkPlan& plan, std::uint64_t replication,
                        int supply_slot) {
  const WarehousePlan& wp = plan.warehouses[std::size_t(index_)];
  const std::size_t skus = stock_.on_hand.size();
  downstream_ = downstream;
  outbound_ = wp.outbound;
  allocation_ = wp.allocation;
  supply_slot_ = supply_slot;
  requests_.resize(skus);
  owed_.assign(skus, 0);
  flows_.transfers_out.assign(skus, 0);
  for (std::size_t i = 0; i < downstream_.size(); ++i) {
    downstream_[i]->source_ = this;
    downstream_[i]->source_position_ = int(i);
    downstream_[i]->requested_.assign(skus, 0);
    downstream_[i]->flows_.transfers_in.assign(skus, 0);
    // Named like a supplier's lane streams: each SKU's k-th shipment on the lane sees the same draw.
    const std::string entity = "lane:" + outbound_[i]->from + "->" + outbound_[i]->to;
    auto& streams = transit_.emplace_back();
    for (std::uint64_t key : plan.sku_key)
      streams.emplace_back(rng::StreamKey{plan.scenario->seed, replication, entity, "lead_time", key});
  }
}

void Warehouse::order_from_source(std::size_t sku, std::int64_t quantity) {
  requested_[sku] += quantity;
  flows_.ordered[sku] += quantity;
  ++flows_.order_lines[sku];
  source_->requests_[sku].push_back({source_position_, quantity});
  source_->owed_[sku] += quantity;
}

std::int64_t Warehouse::downstream_stock(std::size_t sku) const {
  std::int64_t total = 0;
  for (const Warehouse* d : downstream_)
    total += d->stock_.on_hand[sku] + d->stock_.on_order[sku] - d->stock_.backorders[sku] + d->downstream_stock(sku);
  return total;
}

void Warehouse::ship_downstream(int day) {
  for (std::size_t sku = 0; sku < requests_.size(); ++sku) {
    if (requests_[sku].empty() || stock_.on_hand[sku] <= 0) continue;
    const std::vector<std::int64_t> give =
        allocate(allocation_, stock_.on_hand[sku], requests_[sku], downstream_.size());
    for (std::size_t i = 0; i < give.size(); ++i) {
      if (give[i] == 0) continue;
      stock_.on_hand[sku] -= give[i];
      owed_[sku] -= give[i];
      flows_.transfers_out[sku] += give[i];
      // Whole days, as a supplier's: a draw is rounded to the nearest day, never below zero.
      const double lead = rng::sample(transit_[i][sku], outbound_[i]->lead_time_days);
      downstream_[i]->dispatched(day + int(std::max(0.0, std::round(lead))), sku, give[i]);
      recorder_.note_transfer(index_, downstream_[i]->index_, sku, give[i]);
    }
  }
}

void Warehouse::dispatched(int day, std::size_t sku, std::int64_t quantity) {
  requested_[sku] -= quantity;
  stock_.on_order[sku] += quantity;
  flows_.transfers_in[sku] += quantity;
  expect(day, sku, quantity);
}

void Warehouse::receive_due(int day) {
  while (!inbound_.empty() && inbound_.begin()->first <= day) {
    for (const Receipt& r : inbound_.begin()->second) put_away(r.sku, r.quantity);
    inbound_.erase(inbound_.begin());
  }
}

void Warehouse::receive_arrived_slow(double now) {
  while (!arriving_.empty() && arriving_.begin()->first <= now) {
    put_away(arriving_.begin()->second.sku, arriving_.begin()->second.quantity);
    arriving_.erase(arriving_.begin());
  }
}

void Warehouse::put_away(std::size_t sku, std::int64_t quantity) {
  stock_.on_hand[sku] += quantity;
  stock_.on_order[sku] -= quantity;
  flows_.received[sku] += quantity;
  fill_waiting(sku);
}

void Warehouse::take_back(int day) {
  const auto due = cancels_.find(day);
  if (due == cancels_.end()) return;
  for (const Cancel& c : due->second) {
    stock_.on_hand[c.sku] += c.units;
    flows_.demand[c.sku] -= c.units;
    flows_.sales[c.sku] -= c.units;
    recorder_.region_demand(c.region, c.sku, -c.units, -c.units, 0);
    fill_waiting(c.sku);
  }
  cancels_.erase(due);
}

void Warehouse::fill_waiting(std::size_t sku) {
  // Waiting customers are served before anyone new: fill backorders first.
  const std::int64_t fill = std::min(stock_.on_hand[sku], stock_.backorders[sku]);
  stock_.on_hand[sku] -= fill;
  stock_.backorders[sku] -= fill;
  flows_.backorders_filled[sku] += fill;
  // The regions that waited longest get the units (their revenue and fill in the region KPIs).
  for (std::int64_t left = fill; left > 0;) {
    Waiting& w = waiting_[sku].front();
    const std::int64_t take = std::min(left, w.units);
    recorder_.region_filled(w.region, sku, take);
    left -= take;
    if ((w.units -= take) == 0) waiting_[sku].pop_front();
  }
}

void Warehouse::wait(int region, std::size_t sku, std::int64_t units) {
  if (waiting_.empty()) waiting_.resize(stock_.on_hand.size());
  auto& queue = waiting_[sku];
  if (!queue.empty() && queue.back().region == region)
    queue.back().units += units;
  else
    queue.push_back({region, units});
}

void Warehouse::review_continuous(std::size_t sku) {
  const double now = now_seconds();
  const Observation obs{int(now / kSecondsPerDay), stock_.on_hand[sku], stock_.on_order[sku], stock_.backorders[sku]};
  const std::int64_t q = round_order(*supplier_, continuous_[sku]->order_quantity(obs));
  if (q <= 0) return;
  // Shipped now by an unlimited supplier (checked at load); on the shelf exactly one lead time later.
  note_order(sku, q);
  arriving_.emplace(now + lead_seconds_, Receipt{sku, q});
  receive_arrived(now);  // a zero lead time arrives at once
}

}  // namespace peaksim::agents
