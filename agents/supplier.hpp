// A supplier: ships the order lines it receives first come, first served, up to its daily
// capacity, each with a lead time drawn for the lane to the ordering warehouse. Its terms
// (docs/model.md, Suppliers): a partial fill confirms part of a line when it arrives and cancels the
// rest; a price break discounts a line by its size; a shipped part is late with 1 - on_time_probability.
// What it ships is tendered to the lane's carriers (agents/carrier.hpp); what they refuse waits.
#pragma once
#include <cmath>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "agents/carrier.hpp"
#include "agents/plan.hpp"
#include "agents/warehouse.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

// MOQ and case-pack rounding of a wanted quantity (0 stays 0).
std::int64_t round_order(const SupplierSpec& spec, std::int64_t wanted);
// The price-break factor of an order line of `units` (1 below the first break).
double price_factor(const SupplierSpec& spec, std::int64_t units);

struct OrderLine {
  Warehouse* warehouse;
  std::size_t sku;
  std::int64_t quantity;
};

class Supplier {
public:
  Supplier(int index, const NetworkPlan& plan, const std::vector<Warehouse*>& warehouses, std::uint64_t replication,
           Recorder& recorder);
  void operator()();

  // MOQ and case-pack rounding of a wanted quantity (0 stays 0).
  std::int64_t round_order(std::int64_t wanted) const { return agents::round_order(spec_, wanted); }
  // Takes an order line (already on the warehouse's on-order): confirms it, or part of it with a partial fill,
  // cancelling the rest at the warehouse, and queues what is confirmed.
  void submit(const OrderLine& line) {
    if (!terms_) {  // inline: a line a day per SKU in large catalogues
      queue_.push_back(line);
      queued_ += line.quantity;
    } else {
      submit_on_terms(line);
    }
  }
  // An outage (agents/supplier_outage.hpp): on `day` nothing ships and the queue waits.
  void halt(int day) {
    if (down_.empty()) down_.assign(std::size_t(horizon_), 0);
    down_[std::size_t(day)] = 1;
  }
  bool down(int day) const { return !down_.empty() && down_[std::size_t(day)]; }
  // Stress spells (agents/supply_stress.hpp): on `day` only `share` of capacity_per_day ships, and the lead times
  // of lines shipped are `factor` times the drawn ones.
  void cut_capacity(int day, double share) { at(capacity_share_, day) = share; }
  void stretch_lead_time(int day, double factor) { at(lead_factor_, day) = factor; }
  // Whether a line submitted today could still ship today: no outage, and less than a day's capacity queued.
  bool can_take(int day) const { return !down(day) && double(queued_) < capacity(day); }
  const SupplierSpec& spec() const { return spec_; }
  // The expected lead time of its lane to warehouse `w`: the lane's mean, plus lateness's mean.
  double mean_lead_days(int w) const;

private:
  double& at(std::vector<double>& per_day, int day) {
    if (per_day.empty()) per_day.assign(std::size_t(horizon_), 1.0);
    return per_day[std::size_t(day)];
  }
  // Whole units a day: capacity_per_day, times the share a cut leaves.
  double capacity(int day) const {
    if (capacity_share_.empty()) return std::floor(spec_.capacity_per_day);
    const double share = capacity_share_[std::size_t(day)];
    return share > 0 ? std::floor(spec_.capacity_per_day * share) : 0.0;  // unlimited x 0 ships nothing
  }
  void ship(int day);
  void submit_on_terms(const OrderLine& line);  // a partial fill or price breaks
  void report();                                // after the last day: carriers' totals to the recorder

  struct LaneStreams {  // draws per (lane, SKU), so each SKU's k-th order sees the same draws
    const LaneSpec* lane = nullptr;
    std::vector<rng::Stream> per_sku;              // lead times
    std::vector<rng::Stream> on_time, late, fill;  // only with such terms
    std::unique_ptr<LaneCarriers> carriers;        // null: no carriers, everything leaves at once for free
  };
  int index_;
  int horizon_;
  const SupplierSpec& spec_;
  const std::vector<Sku>& skus_;
  Recorder& recorder_;
  std::vector<LaneStreams> lanes_;  // by warehouse index; empty when that warehouse is not ours
  std::deque<OrderLine> queue_;
  std::int64_t queued_ = 0;                           // units in the queue
  std::vector<double> capacity_share_, lead_factor_;  // per day; empty without stress spells
  bool terms_ = false;                                // partial fills or price breaks
  std::vector<std::uint8_t> down_;                    // per day, 1 on an outage day; empty when there is none
};

}  // namespace peaksim::agents
