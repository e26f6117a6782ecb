// What a run writes of the tail of its KPIs across replications (/tail, docs/output.md): computed by the caller
// (sim/stats/tail.hpp), stored by ResultsWriter::set_tail.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace peaksim {

struct TailTables {
  // One row per tail KPI present in the run, in KPI table order.
  std::vector<std::string> kpi;
  std::vector<std::string> side;  // "upper" or "lower"
  std::vector<std::int64_t> n;    // replications with a value
  std::vector<double> p95, cvar95;
  // Replications with demand on a peak day, and those of them with a unit demanded on a peak day not shipped at once.
  std::int64_t peak_replications = 0;
  std::int64_t stockout_peak_replications = 0;
  double stockout_peak_probability = std::numeric_limits<double>::quiet_NaN();
  // The worst entities by mean lost sales over replications, worst first (SKUs only with the SKU breakdown).
  std::vector<std::string> worst_regions;
  std::vector<double> worst_regions_lost_sales;
  std::vector<std::string> worst_skus;
  std::vector<double> worst_skus_lost_sales;
};

}  // namespace peaksim
