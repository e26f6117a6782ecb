// The shock factor of demand, day by day (docs/model.md, Demand): a region's path multiplies every SKU's rate in
// the region; a category's path multiplies the rate of every SKU of the category in every region. Each is drawn
// once per replication from substreams named (seed, replication, entity, purpose), one entity per region or
// category and one purpose per kind of shock, so a shock added anywhere leaves every other draw as it was.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim {

// The factor of flat shocks x spikes x level shifts x the what-ifs for every SKU (category ""), per day of
// the horizon; all ones when the spec has none. Flat shocks draw exactly as they always have (one uniform a day
// from `shock_timing`, a size from `shock_size`), so a scenario without the newer kinds keeps its numbers.
// `starts`, when given, receives the days a flat shock starts and a spike sets off, in day order (the shocks whose
// recovery a stress test measures).
std::vector<double> shock_path(const ShockSpec& spec, int horizon_days, std::uint64_t seed, std::uint64_t replication,
                               std::string_view entity, std::vector<int>* starts = nullptr);

struct DemandShocks {
  std::vector<double> region;      // per day
  std::vector<int> region_starts;  // days a flat shock of the region starts or a spike of it sets off, in order
  // Per category (index into `categories`) a per-day factor, or empty when nothing shocks the category.
  std::vector<std::vector<double>> category;
};

// Region `region`'s shocks: its own path, and per category the category's shared path (entity
// `category:<name>`) times the region's what-ifs for that category.
DemandShocks demand_shocks(const Scenario& sc, const std::vector<std::string>& categories, int region,
                           std::uint64_t replication);

}  // namespace peaksim
