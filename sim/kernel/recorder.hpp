// Turns each site's end-of-day state into KPI totals and the arrays the scenario asked to record.
// Agents never open files: they hand their state to the recorder, which decides what to keep.
#pragma once
#include <cstdint>
#include <limits>
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
};

class Recorder {
public:
  explicit Recorder(RecorderSetup setup);
  void close_day(int day, int site, const StockArrays& stock, const DailyFlows& flows);
  // Called once: the recorded arrays move into the result. Throws std::overflow_error if a recorded value
  // did not fit int32.
  ReplicationResult finish(std::uint64_t replication);

private:
  // Whole-unit sums (exact); money is computed once at the end from per-SKU unit totals.
  struct Totals {
    std::int64_t demand = 0, sales = 0, backorders_filled = 0, lost_sales = 0, units_ordered = 0, units_received = 0;
    std::int64_t order_lines = 0, on_hand_days = 0, backorder_days = 0, stockout_sku_days = 0;
    std::int64_t demand_peak = 0, sales_peak = 0, backorders_end = 0;
    std::vector<std::int64_t> shipped_per_sku, ordered_per_sku;
  };
  void record(int day, int site, const StockArrays& stock, const DailyFlows& flows);
  std::int32_t narrow(std::int64_t v, int var) {
    if (v > std::numeric_limits<std::int32_t>::max() || v < std::numeric_limits<std::int32_t>::min()) {
      if (overflowed_ < 0) overflowed_ = var;
      return 0;
    }
    return std::int32_t(v);
  }
  std::size_t skus() const { return setup_.price.size(); }

  RecorderSetup setup_;
  std::vector<int> recorded_;  // indices into recordable_variables()
  // One per recorded variable, stored as int32 (the file's type) so that finish() hands them over without a copy.
  std::vector<std::vector<std::int32_t>> arrays_;
  int overflowed_ = -1;            // the first recorded variable with a value outside int32, reported by finish()
  std::size_t slots_per_day_ = 0;  // size of one day's (or week's) slice
  Totals totals_;
};

}  // namespace peaksim
