#include "model/run_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim {
namespace {

// The largest value of a law: its largest value, or mean x (1 + 10 cv) for a law without one (a practical bound:
// a draw beyond it is rarer than one in a trillion for the laws offered), 28 x mean for the exponential.
double largest(const rng::DistributionSpec& d) {
  using K = rng::DistributionSpec::Kind;
  switch (d.kind) {
    case K::constant:
      return d.value;
    case K::uniform:
      return d.max;
    case K::discrete:
      return *std::max_element(d.values.begin(), d.values.end());
    case K::exponential:
      return 28 * d.mean;
    default:
      return d.mean * (1 + 10 * d.cv);
  }
}

// The largest factor each part of a shock spec multiplies demand by (docs/model.md, Demand), and the key of each.
struct ShockPeak {
  double part[4] = {1, 1, 1, 1};  // flat, spikes, level shifts, what-ifs
  double total() const { return part[0] * part[1] * part[2] * part[3]; }
};
constexpr const char* kShockKeys[4] = {"multiplier", "spikes", "level_shift", "what_if"};

ShockPeak shock_peak(const ShockSpec& s, int horizon_days) {
  ShockPeak p;
  if (s.probability_per_day > 0) p.part[0] = std::max(1.0, largest(s.multiplier));
  // A spike every day at most, each decaying by exp(-1/decay) a day: their excess sums to size / (1 - exp(-1/decay)).
  if (s.spikes && s.spikes->probability_per_day > 0)
    p.part[1] = 1 + std::max(0.0, largest(s.spikes->size)) / -std::expm1(-1 / s.spikes->decay_days);
  if (s.level_shift) {
    const double size = std::max(1.0, largest(s.level_shift->size));
    // Shifts compound: as many as a day's chance gives, with the same practical margin, at most one a day.
    const double n = s.level_shift->probability_per_day * horizon_days;
    const double shifts = s.level_shift->day ? 1 : std::min(double(horizon_days), std::ceil(n + 10 * std::sqrt(n)));
    p.part[2] = std::pow(size, shifts);
  }
  for (const WhatIfSpec& w : s.what_if) p.part[3] *= std::max(1.0, w.factor);  // overlapping ones multiply
  return p;
}

bool records_demand(const RecordSpec& r) {
  if (r.level == RecordLevel::kpi_only) return false;
  return r.variables.empty() || std::find(r.variables.begin(), r.variables.end(), "demand") != r.variables.end();
}

}  // namespace

void check_run_limits(const Scenario& sc, const NetworkPlan& plan) {
  const double calendar =
      plan.profile.factor.empty() ? 1.0 : *std::max_element(plan.profile.factor.begin(), plan.profile.factor.end());
  // A category's shocks reach its SKUs in every region: the largest of them counts for the busiest SKU.
  double category = 1;
  const CategoryShockSpec* category_at = nullptr;
  int category_part = 0;
  for (const CategoryShockSpec& c : sc.category_shocks) {
    const ShockPeak p = shock_peak(c.shocks, sc.horizon_days);
    if (p.total() > category) {
      category = p.total(), category_at = &c;
      category_part = int(std::max_element(p.part, p.part + 4) - p.part);
    }
  }
  // The busiest SKU in the busiest region is the one a sampler could refuse: no need to try every pair.
  const auto busiest =
      std::max_element(sc.skus.begin(), sc.skus.end(), [](const Sku& a, const Sku& b) { return a.rate < b.rate; });
  std::vector<double> region_peak;  // scale x calendar x shocks x category shocks
  for (const RegionSpec& r : sc.regions)
    region_peak.push_back(r.scale * calendar * shock_peak(r.shocks, sc.horizon_days).total() * category);
  if (busiest != sc.skus.end() && !region_peak.empty()) {
    const std::size_t r = std::size_t(std::max_element(region_peak.begin(), region_peak.end()) - region_peak.begin());
    const RegionSpec& region = sc.regions[r];
    // Blamed on the largest of the factors: the key to change first.
    const ShockPeak peak = shock_peak(region.shocks, sc.horizon_days);
    const double shocks = peak.total() * category;
    const int part = int(std::max_element(peak.part, peak.part + 4) - peak.part);
    // The region's shock key: its multiplier's place (stress.demand's when that sets it), or the part's key.
    SourceAt shocks_at = region.shocks_at;
    if (part != 0 && shocks_at.path.ends_with(".multiplier"))
      shocks_at.path = shocks_at.path.substr(0, shocks_at.path.size() - 10) + kShockKeys[part];
    if (category_at && category >= peak.total())
      shocks_at = {category_at->at.where, category_at->at.path + "." + kShockKeys[category_part]};
    const SourceAt& at = busiest->rate >= std::max({region.scale, calendar, shocks}) ? busiest->rate_at
                         : region.scale >= std::max(calendar, shocks)                ? region.scale_at
                         : shocks >= calendar                                        ? shocks_at
                                                                                     : sc.calendar.at;
    if (const double mean = busiest->rate * region_peak[r]; !(mean <= kMaxDailyMean))
      throw ScenarioError(
          at.where, at.path,
          fmt::format("SKU '{}' would be asked for {:g} units a day in region '{}' at the peak (rate {:g} x scale {:g} "
                      "x calendar {:g} x shocks {:g}); the most is {:.0f} units a day",
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
                      "peak; recorded values are 32-bit, at most {:.0f} expected per cell: record a level whose cells "
                      "hold fewer SKUs or days, kpi_only, or record.variables without demand",
                      sc.warehouses[w].name, cell, scn::word_of(sc.record.level), kMaxRecordedCell));
  }
}

}  // namespace peaksim
