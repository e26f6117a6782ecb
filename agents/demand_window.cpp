#include "agents/demand_window.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "agents/plan.hpp"
#include "agents/policies.hpp"
#include "sim/expr/expression.hpp"
#include "sim/scenario/schema.hpp"

namespace peaksim {
namespace {

void add_regions(const Scenario& sc, const NetworkPlan& plan, int w, std::vector<int>& out) {
  const WarehousePlan& wp = plan.warehouses[std::size_t(w)];
  out.insert(out.end(), wp.regions.begin(), wp.regions.end());
  for (int d : wp.downstream) add_regions(sc, plan, d, out);
}

}  // namespace

DemandWindows::DemandWindows(const Scenario& sc, const NetworkPlan& plan, int w, int reach)
    : factor_(build_demand_profile(sc.calendar, sc.start, sc.horizon_days + std::max(reach, 0)).factor) {
  std::vector<int> served;
  add_regions(sc, plan, w, served);
  for (int r : served) {
    const RegionSpec& region = sc.regions[std::size_t(r)];
    regions_.push_back({region.scale, region.demand, region.dispersion, region.cv});
  }
}

WindowMoments DemandWindows::over(const Sku& sku, int first, double days) const {
  const int n = int(std::ceil(days));
  if (first < 0 || std::size_t(first + n) > factor_.size())
    throw std::logic_error("DemandWindows: window beyond the days it was built for");
  double mean = 0, variance = 0;
  for (int h = 0; h < n; ++h) {
    const double weight = h + 1 <= days ? 1.0 : days - h;  // the last day's fraction
    for (const Law& law : regions_) {
      const double mu = sku.rate * law.scale * factor_[std::size_t(first + h)];
      mean += weight * mu;
      switch (law.model) {
        case DemandModel::poisson:
          variance += weight * mu;
          break;
        case DemandModel::negative_binomial:
          variance += weight * (mu + mu * mu / law.dispersion);
          break;
        case DemandModel::normal:
          variance += weight * law.cv * mu * law.cv * mu;
          break;
        case DemandModel::deterministic:
          break;
      }
    }
  }
  return {mean, std::sqrt(variance)};
}

double review_window_days(const PolicyParams& params, double lead_time_days) {
  return protection_days(params, lead_time_days);
}

}  // namespace peaksim

namespace peaksim {

std::vector<PrebuyOrder> prebuy_orders(const Scenario& sc, const DemandWindows& windows, std::size_t k,
                                       const PolicyParams& params) {
  std::vector<PrebuyOrder> out;
  const Sku& sku = sc.skus[k];
  for (const PrebuySpec& rule : params.prebuy) {
    const auto ev = std::find_if(sc.calendar.events.begin(), sc.calendar.events.end(),
                                 [&](const FestivalEvent& e) { return e.name == rule.event; });
    if (ev == sc.calendar.events.end()) throw std::logic_error("prebuy: unknown event after validation");
    const bool uses_newsvendor = expr::Expression(rule.quantity, scn::prebuy_variables()).uses("newsvendor");
    const cal::Date first = sc.start + rule.days_before, last = sc.start + (sc.horizon_days - 1 + rule.days_before);
    for (const cal::Date date : cal::occurrences(ev->date, first, last)) {
      const int day = (date - sc.start) - rule.days_before;
      // The cover: from the day after the order to the last day of the event's peak window.
      const WindowMoments m = windows.over(sku, day + 1, double(rule.days_before + ev->shape.days_after));
      if (!uses_newsvendor) {
        out.push_back({day, k, &rule, m.mean, m.sd, 0});
        continue;
      }
      const double margin = sku.price - sku.cost, range = sku.price - sku.salvage;
      const double ratio = margin <= 0 ? 0 : margin / range;
      if (ratio >= 1)
        throw std::invalid_argument("prebuy of SKU '" + sku.id +
                                    "': the newsvendor ratio (price - cost) / (price - salvage) needs salvage < cost");
      out.push_back({day, k, &rule, m.mean, m.sd, newsvendor_quantity(ratio, m.mean, m.sd)});
    }
  }
  return out;
}

int window_reach(const Scenario& sc, const std::vector<const PolicyParams*>& params, double lead_time_days) {
  int reach = 1;
  for (const PolicyParams* p : params) {
    reach = std::max(reach, int(std::ceil(review_window_days(*p, lead_time_days))) + 1);
    for (const PrebuySpec& rule : p->prebuy)
      for (const FestivalEvent& ev : sc.calendar.events)
        if (ev.name == rule.event) reach = std::max(reach, rule.days_before + ev.shape.days_after + 1);
  }
  return reach;
}

}  // namespace peaksim
