// The orders customers of one region place on a day: how many (the region's demand model around a mean that
// keeps every SKU's expected units), when (orders.intraday), and their lines (SKU by popularity, or from the
// first line's category with orders.same_category; units per line). Drawn in one call per region and day.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/plan.hpp"
#include "agents/price_board.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

// Walker's alias method: draws an index with probability proportional to its weight, in O(1).
class AliasTable {
public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<double>& weights);  // some weight > 0
  std::size_t draw(rng::Stream& s) const;                   // one uniform
  bool empty() const { return keep_.empty(); }

private:
  std::vector<double> keep_;        // chance of keeping the drawn slot
  std::vector<std::uint32_t> alt_;  // the slot's alias
};

struct OrderLine {
  std::uint32_t sku;
  std::int32_t units;
};

struct Order {
  double placed;  // seconds since day 0
  int region;
  std::uint32_t first_line, line_count;  // into the day's lines
};

// The mean of a distribution over 1, 2, 3, ... given as probabilities.
double mean_count(const std::vector<double>& probabilities);

class OrderGenerator {
public:
  // `recorder` hears of each shock's start (stress; null: nobody).
  OrderGenerator(int region, const NetworkPlan& plan, std::uint64_t replication, Recorder* recorder = nullptr);
  // Appends the region's orders of `day` (in placement order) and their lines.
  void generate(int day, std::vector<Order>& orders, std::vector<OrderLine>& lines);
  // Draws by the prices on `board` from now on: each SKU's weight is its rate x its price factor.
  void price_by(const PriceBoard* board) { prices_ = board; }
  // Mean orders on a day before shocks (exposed for tests).
  double mean_orders(int day) const { return units_per_day_ * factor_[std::size_t(day)] / units_per_order_; }

private:
  double shock_factor(int day) const { return shock_[std::size_t(day)]; }
  void reweigh();  // the order mean and SKU tables from the board's price factors
  std::int64_t count(double mean);
  std::uint32_t draw_count(const std::vector<double>& cumulative, rng::Stream& s) const;

  int index_;
  const RegionSpec& spec_;
  const OrdersSpec& orders_;
  const std::vector<double>& factor_;
  const std::vector<int>& sku_category_;
  double units_per_day_ = 0;    // sum of rate x scale over SKUs
  double units_per_order_ = 1;  // E[lines] x E[units per line]
  AliasTable popularity_;
  std::vector<AliasTable> by_category_;
  std::vector<double> lines_cdf_, units_cdf_, hour_cdf_;
  rng::Stream count_, time_, lines_, sku_, units_;
  double carry_ = 0;           // deterministic counts: fraction not yet due
  std::vector<double> shock_;  // the region's shock path (category shocks are refused with orders)
  std::vector<Order> day_;     // reused
  const Scenario& sc_;
  std::size_t category_count_;
  const PriceBoard* prices_ = nullptr;
  std::uint64_t priced_changes_ = 0;  // the board's changes the tables reflect
};

}  // namespace peaksim::agents
