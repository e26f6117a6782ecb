// The calendar's expected demand for a SKU at a warehouse over a window of days, and its standard deviation:
// the values of the formula variables mu_window and sd_window (policy levels re-evaluated at each review) and
// mu_event and sd_event (prebuys). docs/model.md, Peak-aware replenishment.
#pragma once
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim {

struct NetworkPlan;

struct WindowMoments {
  double mean = 0, sd = 0;
};

class DemandWindows {
public:
  // Warehouse `w` of a plan whose regions and downstream warehouses are wired; `reach` days past the horizon are
  // covered too (a window may end after the run).
  DemandWindows(const Scenario& sc, const NetworkPlan& plan, int w, int reach);
  // Days first .. first + ceil(days) - 1, the last one weighted by the fraction of `days` it holds: the sum of
  // rate x scale x calendar factor over the regions the warehouse serves (itself or downstream), and the square
  // root of the summed daily variances of their demand law (Poisson mu, negative binomial mu + mu^2/k, normal
  // (cv mu)^2, deterministic 0), a fractional day's weighted like its mean. Random shocks are left out.
  WindowMoments over(const Sku& sku, int first, double days) const;

private:
  struct Law {
    double scale = 1;
    DemandModel model = DemandModel::poisson;
    double dispersion = 0, cv = 0;
  };
  std::vector<double> factor_;  // calendar factor per day, from day 0 to the horizon + reach
  std::vector<Law> regions_;
};

// The days of demand a periodic review's levels cover: P = R + max(L, 1) - 1, days t+1 .. t+P of a review on
// day t (as for moving_average, agents/policies.hpp).
double review_window_days(const PolicyParams& params, double lead_time_days);

}  // namespace peaksim

namespace peaksim {

struct PrebuyOrder;

// The prebuys of SKU `k` under its policy at a warehouse, by day: one per rule and occurrence of its event whose
// day `days_before` earlier is a day of the horizon. Throws std::invalid_argument when a newsvendor target has no
// finite quantile (salvage at or above cost).
std::vector<PrebuyOrder> prebuy_orders(const Scenario& sc, const DemandWindows& windows, std::size_t k,
                                       const PolicyParams& params);

// Days past the horizon that the windows of a warehouse's policies reach.
int window_reach(const Scenario& sc, const std::vector<const PolicyParams*>& params, double lead_time_days);

}  // namespace peaksim
