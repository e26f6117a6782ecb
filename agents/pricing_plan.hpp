// What every replication's pricing agents share, computed once per process with the network plan: each
// group's review days and, per SKU, the ladder steps its business rules allow, the expected demand at each
// step, and (markdown_dp) the dynamic programme's policy (agents/markdown_dp.hpp).
#pragma once
#include <vector>

#include "agents/markdown_dp.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {
struct NetworkPlan;
}

namespace peaksim::agents {

struct SkuPricing {
  int sku = 0;                 // index into scenario.skus
  std::vector<double> prices;  // the allowed ladder steps' prices, highest first
  int initial = 0;             // the allowed step of day 0
  MarkdownPolicy dp;           // markdown_dp: the optimal step by (period, step in force, stock)
};

struct GroupPricing {
  const PricingGroup* spec = nullptr;
  std::vector<int> reviews;       // days of its reviews: 0, R, 2R, ... within the horizon
  std::vector<double> day_scale;  // per day: summed region scale x calendar factor (a SKU's mean is rate x this)
  std::vector<SkuPricing> skus;   // in the group's order
};

// Expected units of a SKU over days [from, to) at a price, from the calendar-adjusted demand model and the
// SKU's price response (shocks left out).
double expected_units(const Sku& sku, const GroupPricing& group, int from, int to, double price);

std::vector<GroupPricing> plan_pricing(const NetworkPlan& plan);

}  // namespace peaksim::agents
