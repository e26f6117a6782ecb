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
  if (const auto& r = plan.scenario->warehouses[std::size_t(index)].receiving) {
    dock_free_.assign(std::size_t(r->docks), 0.0);
    receiving_units_.assign(stock_.on_hand.size(), 0);
    unload_seconds_ = r->unload_seconds;
    put_away_seconds_ = r->put_away_seconds;
    receiving_totals_.dock_seconds = r->docks * horizon_ * kSecondsPerDay;
  }
}

LinePicker* Warehouse::line_picker() const {
  if (robots_) return robots_;
  return picking_;
}

void Warehouse::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::receive, index_);
    receive_due(day, false);
    receive_arrived(now_seconds());
    if (!returns_.empty()) take_returns(day);
    if (!downstream_.empty()) {
      wait_for(day, Phase::supply, supply_slot_);
      ship_downstream(day);
    }
    wait_for(day, Phase::close, index_);
    receive_due(day, true);  // shipments with a zero lead time arrive the day they are ordered
    receive_arrived(now_seconds());
    if (!cancels_.empty()) take_back(day);
    // All of today's shipments are known now; customer orders pick their lines themselves.
    if (picking_ && !picks_order_lines_) picking_->run_day(day, flows_);
    if (robots_ && !picks_order_lines_) robots_->run_day(day, flows_);
    if (robots_ && picks_order_lines_) robots_->close_day(day);  // the order desk released today's tasks
    recorder_.close_day(day, index_, stock_, flows_);
    flows_.reset();
  }
  if (!dock_free_.empty()) recorder_.close_receiving(index_, receiving_totals_);
  for (std::size_t i = 0; i < carriers_.size(); ++i) {
    if (!carriers_[i]) continue;
    // An inbound lane's carriage counts for its destination, as a supplier's.
    const CarriageTotals t = carriers_[i]->totals();
    recorder_.note_carriage(downstream_[i]->index_, outbound_[i]->from + "->" + outbound_[i]->to, t.limited_carried,
                            t.offered, t.refused);
  }
  if (picking_) recorder_.close_picking(index_, picking_->totals());
  if (robots_) recorder_.close_fleet(index_, robots_->totals(), robots_->fleet_totals(), robots_->station_totals());
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
    carriers_.push_back(outbound_[i]->carriers.empty()
                            ? nullptr
                            : std::make_unique<LaneCarriers>(*outbound_[i], plan.profile.peak,
                                                             plan.scenario->start.weekday(), plan.scenario->seed,
                                                             replication));
    has_carriers_ = has_carriers_ || carriers_.back() != nullptr;
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
    // With carriers, a copy of the waiting orders lets what they refuse wait again in its place.
    std::deque<TransferRequest> before;
    if (has_carriers_) before = requests_[sku];
    std::vector<std::int64_t> give = allocate(allocation_, stock_.on_hand[sku], requests_[sku], downstream_.size());
    bool refused = false;
    for (std::size_t i = 0; i < give.size(); ++i) {
      if (give[i] > 0 && carriers_[i]) {
        // As a supplier's shipment (agents/supplier.cpp): the lane's carriers take what they can, the rest stays.
        const Tender t = carriers_[i]->tender(day, give[i]);
        if (t.cost > 0) recorder_.note_supply(downstream_[i]->index_, sku, t.cost, 0, 0);
        refused = refused || t.accepted < give[i];
        give[i] = t.accepted;
      }
      if (give[i] == 0) continue;
      stock_.on_hand[sku] -= give[i];
      owed_[sku] -= give[i];
      flows_.transfers_out[sku] += give[i];
      // Whole days, as a supplier's: a draw is rounded to the nearest day, never below zero.
      const double lead = rng::sample(transit_[i][sku], outbound_[i]->lead_time_days);
      downstream_[i]->dispatched(day + int(std::max(0.0, std::round(lead))), sku, give[i]);
      recorder_.note_transfer(index_, downstream_[i]->index_, sku, give[i]);
    }
    if (refused) requests_[sku] = take_shipped(std::move(before), give);
  }
}

std::deque<TransferRequest> Warehouse::take_shipped(std::deque<TransferRequest> queue,
                                                    std::vector<std::int64_t> shipped) {
  // Each destination's units fill its oldest orders first (agents/allocation.hpp), so what left is taken from
  // them in that order and the rest keeps its place.
  std::deque<TransferRequest> left;
  for (TransferRequest& r : queue) {
    std::int64_t& s = shipped[std::size_t(r.to)];
    const std::int64_t take = std::min(s, r.units);
    s -= take;
    r.units -= take;
    if (r.units > 0) left.push_back(r);
  }
  return left;
}

void Warehouse::dispatched(int day, std::size_t sku, std::int64_t quantity) {
  requested_[sku] -= quantity;
  stock_.on_order[sku] += quantity;
  flows_.transfers_in[sku] += quantity;
  expect(day, sku, quantity);
}

void Warehouse::receive_due(int day, bool at_close) {
  // Without receiving docks a shipment goes straight on the shelf; with them it queues at the docks.
  const bool docks = !dock_free_.empty();
  const int slot = 2 * day + (at_close ? 1 : 0);
  const double at = day * kSecondsPerDay + phase_offset_seconds(at_close ? Phase::close : Phase::receive);
  while (!inbound_.empty() && inbound_.begin()->first <= day) {
    for (const Receipt& r : inbound_.begin()->second) {
      if (docks)
        unload(r.sku, r.quantity, at, slot);
      else
        put_away(r.sku, r.quantity);
    }
    inbound_.erase(inbound_.begin());
  }
  if (docks) shelve(slot);
}

void Warehouse::unload(std::size_t sku, std::int64_t quantity, double at, int due_slot) {
  // First come first served: the dock free soonest (the lowest-numbered among ties) takes the line.
  const auto dock = std::min_element(dock_free_.begin(), dock_free_.end());
  const double start = std::max(at, *dock);
  const double end = start + unload_seconds_;
  *dock = end;
  const double horizon = horizon_ * kSecondsPerDay;
  receiving_totals_.busy_seconds += std::min(end, horizon) - std::min(start, horizon);
  // On the shelf at the first slot that the units are available by: the receive slot if by 06:00 (before
  // the day's demand), the close if by 23:00, else the next day's receive slot.
  const double available = end + put_away_seconds_;
  const int day = int(std::floor(available / kSecondsPerDay));
  const double time_of_day = available - day * kSecondsPerDay;
  int slot = 2 * day + 2;
  if (time_of_day <= phase_offset_seconds(Phase::demand))
    slot = 2 * day;
  else if (time_of_day <= phase_offset_seconds(Phase::close))
    slot = 2 * day + 1;
  shelving_[slot].push_back({sku, quantity, due_slot});
  receiving_units_[sku] += quantity;
}

void Warehouse::shelve(int slot) {
  const auto slot_hours = [](int s) { return (s / 2) * 24.0 + (s % 2 ? 23.0 : 0.0); };
  while (!shelving_.empty() && shelving_.begin()->first <= slot) {
    const int at = shelving_.begin()->first;
    for (const Shelving& s : shelving_.begin()->second) {
      receiving_units_[s.sku] -= s.quantity;
      receiving_totals_.units += double(s.quantity);
      receiving_totals_.delay_unit_hours += double(s.quantity) * (slot_hours(at) - slot_hours(s.due_slot));
      put_away(s.sku, s.quantity);
    }
    shelving_.erase(shelving_.begin());
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

void Warehouse::take_returns(int day) {
  const auto due = returns_.find(day);
  if (due == returns_.end()) return;
  for (const Return& r : due->second) {
    stock_.on_hand[r.sku] += r.restocked;
    flows_.returns_restocked[r.sku] += r.restocked;
    recorder_.note_return(index_, r.region, r.sku, r.returned, r.restocked, r.refund);
  }
  returns_.erase(due);
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
