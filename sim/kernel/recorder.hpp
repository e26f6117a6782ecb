// Turns each site's end-of-day state into KPI totals and the arrays the scenario asked to record.
// Agents never open files: they hand their state to the recorder, which decides what to keep.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/kernel/site_state.hpp"
#include "sim/output/results.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {

// Names of the recordable daily variables, in the order they are stored.
const std::vector<std::string>& recordable_variables();

struct RecorderSetup {
  RecordSpec record;
  Costs costs;
  int horizon_days = 0;
  int sites = 0;
  std::vector<double> price, cost;  // per SKU
  std::vector<int> sku_category;    // per SKU, index into a sorted list of categories
  int categories = 1;
  std::vector<std::uint8_t> peak_day;  // per day
  bool deliveries = false;             // some warehouse -> region lane has a transit time: delivery KPIs
  bool promises = false;               // some region has a delivery promise: on_time_share
};

class Recorder {
public:
  explicit Recorder(RecorderSetup setup);
  void close_day(int day, int site, const StockArrays& stock, const DailyFlows& flows);
  ReplicationResult finish(std::uint64_t replication) const;
  // Units shipped to customers that reach them `transit_days` later (on time: within the region's promise).
  void note_delivery(std::int64_t units, int transit_days, bool on_time) {
    totals_.delivered_units += units;
    totals_.delivery_unit_days += units * transit_days;
    if (on_time) totals_.on_time_units += units;
  }

private:
  // Whole-unit sums (exact); money is computed once at the end from per-SKU unit totals.
  struct Totals {
    std::int64_t demand = 0, sales = 0, backorders_filled = 0, lost_sales = 0, units_ordered = 0, units_received = 0;
    std::int64_t order_lines = 0, on_hand_days = 0, backorder_days = 0, stockout_sku_days = 0;
    std::int64_t demand_peak = 0, sales_peak = 0, backorders_end = 0;
    std::int64_t delivered_units = 0, delivery_unit_days = 0, on_time_units = 0;
    std::vector<std::int64_t> shipped_per_sku, ordered_per_sku;
  };
  void record(int day, int site, const StockArrays& stock, const DailyFlows& flows);
  std::size_t skus() const { return setup_.price.size(); }

  RecorderSetup setup_;
  std::vector<int> recorded_;                      // indices into recordable_variables()
  std::vector<std::vector<std::int64_t>> arrays_;  // one per recorded variable
  std::size_t slots_per_day_ = 0;                  // size of one day's (or week's) slice
  Totals totals_;
};

}  // namespace peaksim
