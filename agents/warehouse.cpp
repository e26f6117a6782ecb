#include "agents/warehouse.hpp"

#include <algorithm>

#include "agents/picking_station.hpp"
#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {

Warehouse::Warehouse(int index, const NetworkPlan& plan, Recorder& recorder)
    : index_(index),
      horizon_(plan.scenario->horizon_days),
      recorder_(recorder),
      stock_(plan.scenario->skus.size()),
      flows_(plan.scenario->skus.size()) {
  stock_.on_hand = plan.warehouses[index].initial_stock;
}

void Warehouse::operator()() {
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::receive, index_);
    receive_due(day);
    wait_for(day, Phase::close, index_);
    receive_due(day);  // shipments with a zero lead time arrive the day they are ordered
    if (picking_) picking_->run_day(day, flows_);  // all of today's shipments are known now
    recorder_.close_day(day, index_, stock_, flows_);
    flows_.reset();
  }
}

void Warehouse::expect(int day, std::size_t sku, std::int64_t quantity) { inbound_[day].push_back({sku, quantity}); }

void Warehouse::note_order(std::size_t sku, std::int64_t quantity) {
  stock_.on_order[sku] += quantity;
  flows_.ordered[sku] += quantity;
  ++flows_.order_lines;
}

void Warehouse::receive_due(int day) {
  while (!inbound_.empty() && inbound_.begin()->first <= day) {
    for (const Receipt& r : inbound_.begin()->second) {
      stock_.on_hand[r.sku] += r.quantity;
      stock_.on_order[r.sku] -= r.quantity;
      flows_.received[r.sku] += r.quantity;
      // Waiting customers are served before anyone new: fill backorders first.
      const std::int64_t fill = std::min(stock_.on_hand[r.sku], stock_.backorders[r.sku]);
      stock_.on_hand[r.sku] -= fill;
      stock_.backorders[r.sku] -= fill;
      flows_.backorders_filled[r.sku] += fill;
    }
    inbound_.erase(inbound_.begin());
  }
}

}  // namespace peaksim::agents
