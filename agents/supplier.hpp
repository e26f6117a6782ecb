// A supplier: ships the order lines it receives first come, first served, up to its daily
// capacity, each with a lead time drawn for the lane to the ordering warehouse.
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "agents/plan.hpp"
#include "agents/warehouse.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

// MOQ and case-pack rounding of a wanted quantity (0 stays 0).
std::int64_t round_order(const SupplierSpec& spec, std::int64_t wanted);

struct OrderLine {
  Warehouse* warehouse;
  std::size_t sku;
  std::int64_t quantity;
};

class Supplier {
public:
  Supplier(int index, const NetworkPlan& plan, const std::vector<Warehouse*>& warehouses, std::uint64_t replication);
  void operator()();

  // MOQ and case-pack rounding of a wanted quantity (0 stays 0).
  std::int64_t round_order(std::int64_t wanted) const { return agents::round_order(spec_, wanted); }
  void submit(const OrderLine& line) { queue_.push_back(line); }
  // An outage (agents/supplier_outage.hpp): on `day` nothing ships and the queue waits.
  void halt(int day) {
    if (down_.empty()) down_.assign(std::size_t(horizon_), 0);
    down_[std::size_t(day)] = 1;
  }
  const SupplierSpec& spec() const { return spec_; }

private:
  void ship(int day);

  struct LaneStreams {  // lead-time draws per (lane, SKU), so each SKU's k-th order sees the same draw
    const LaneSpec* lane = nullptr;
    std::vector<rng::Stream> per_sku;
  };
  int index_;
  int horizon_;
  const SupplierSpec& spec_;
  std::vector<LaneStreams> lanes_;  // by warehouse index; empty when that warehouse is not ours
  std::deque<OrderLine> queue_;
  std::vector<std::uint8_t> down_;  // per day, 1 on an outage day; empty when there is none
};

}  // namespace peaksim::agents
