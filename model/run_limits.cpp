#include "model/run_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim {
namespace {

// The largest factor a region's shocks multiply demand by: the law's largest value, or mean x (1 + 10 cv) for a law
// without one (a practical bound: a draw beyond it is rarer than one in a trillion for the laws offered).
double shock_peak(const ShockSpec& s) {
  if (s.probability_per_day <= 0) return 1;
  using K = rng::DistributionSpec::Kind;
  const rng::DistributionSpec& d = s.multiplier;
  switch (d.kind) {
    case K::constant:
      return std::max(1.0, d.value);
    case K::uniform:
      return std::max(1.0, d.max);
    case K::discrete:
      return std::max(1.0, *std::max_element(d.values.begin(), d.values.end()));
    case K::exponential:
      return std::max(1.0, 28 * d.mean);
    default:
      return std::max(1.0, d.mean * (1 + 10 * d.cv));
  }
}

bool records_demand(const RecordSpec& r) {
  if (r.level == RecordLevel::kpi_only) return false;
  return r.variables.empty() || std::find(r.variables.begin(), r.variables.end(), "demand") != r.variables.end();
}

}  // namespace

void check_run_limits(const Scenario& sc, const NetworkPlan& plan) {
  const double calendar =
      plan.profile.factor.empty() ? 1.0 : *std::max_element(plan.profile.factor.begin(), plan.profile.factor.end());
  // The busiest SKU in the busiest region is the one a sampler could refuse: no need to try every pair.
  const auto busiest =
      std::max_element(sc.skus.begin(), sc.skus.end(), [](const Sku& a, const Sku& b) { return a.rate < b.rate; });
  std::vector<double> region_peak;  // scale x calendar x shocks
  for (const RegionSpec& r : sc.regions) region_peak.push_back(r.scale * calendar * shock_peak(r.shocks));
  if (busiest != sc.skus.end() && !region_peak.empty()) {
    const std::size_t r = std::size_t(std::max_element(region_peak.begin(), region_peak.end()) - region_peak.begin());
    const RegionSpec& region = sc.regions[r];
    // Blamed on the largest of the factors: the key to change first.
    const double shocks = shock_peak(region.shocks);
    const SourceAt& at = busiest->rate >= std::max({region.scale, calendar, shocks}) ? busiest->rate_at
                         : region.scale >= std::max(calendar, shocks)                ? region.scale_at
                         : shocks >= calendar                                        ? region.shocks_at
                                                                                     : sc.calendar.at;
    if (const double mean = busiest->rate * region_peak[r]; !(mean <= kMaxDailyMean))
      throw ScenarioError(
          at.where, at.path,
          fmt::format("SKU '{}' would be asked for {:g} units a day in region '{}' at the peak (rate {:g} x scale {:g} "
                      "x calendar {:g} x shocks {:g}); the most is {:g} units a day",
                      busiest->id, mean, region.name, busiest->rate, region.scale, calendar, shocks, kMaxDailyMean));
  }
  if (!records_demand(sc.record)) return;
  // The largest recorded cell of demand: one SKU (a week of it at sku_weekly), a category or all SKUs of a site.
  double cell_rate = 0;
  switch (sc.record.level) {
    case RecordLevel::sku_daily:
    case RecordLevel::sku_weekly:
      cell_rate = busiest == sc.skus.end() ? 0 : busiest->rate * (sc.record.level == RecordLevel::sku_weekly ? 7 : 1);
      break;
    case RecordLevel::category_daily: {
      std::map<std::string, double> by_category;
      for (const Sku& s : sc.skus) cell_rate = std::max(cell_rate, by_category[s.category] += s.rate);
      break;
    }
    case RecordLevel::site_daily:
      for (const Sku& s : sc.skus) cell_rate += s.rate;
      break;
    case RecordLevel::kpi_only:
      return;
  }
  for (std::size_t w = 0; w < plan.warehouses.size(); ++w) {
    double served = 0;  // the peaks of the regions it serves first
    for (int r : plan.warehouses[w].regions) served += region_peak[std::size_t(r)];
    if (const double cell = cell_rate * served; !(cell <= kMaxRecordedCell))
      throw ScenarioError(
          sc.record.level_at.where, sc.record.level_at.path,
          fmt::format("the recorded demand at '{}' would reach about {:g} units in one cell of record.level {} at the "
                      "peak; recorded values are 32-bit, at most {:g} expected per cell: record a level whose cells "
                      "hold fewer SKUs or days, kpi_only, or record.variables without demand",
                      sc.warehouses[w].name, cell, scn::word_of(sc.record.level), kMaxRecordedCell));
  }
}

}  // namespace peaksim
