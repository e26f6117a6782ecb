#include "agents/pricing_plan.hpp"

#include <algorithm>

#include "agents/plan.hpp"
#include "agents/pricing_demand.hpp"

namespace peaksim::agents {

double expected_units(const Sku& sku, const GroupPricing& group, int from, int to, double price) {
  double base = 0;
  for (int d = from; d < to; ++d) base += group.day_scale[std::size_t(d)];
  return at_price(sku, sku.rate * base, price);
}

std::vector<GroupPricing> plan_pricing(const NetworkPlan& plan) {
  const Scenario& sc = *plan.scenario;
  const int horizon = sc.horizon_days;
  double scale = 0;
  for (const RegionSpec& r : sc.regions) scale += r.scale;
  std::vector<GroupPricing> out;
  for (const PricingGroup& g : sc.pricing) {
    GroupPricing gp;
    gp.spec = &g;
    for (int d = 0; d < horizon; d += g.review_period_days) gp.reviews.push_back(d);
    for (const double f : plan.profile.factor) gp.day_scale.push_back(scale * f);
    for (const int k : g.skus) {
      const Sku& sku = sc.skus[std::size_t(k)];
      SkuPricing sp;
      sp.sku = k;
      // Business rules: a step below the margin floor is never used; the initial step always is.
      const double floor = sku.cost * (1 + g.min_margin);
      for (std::size_t s = 0; s < g.ladder.size(); ++s) {
        const double price = sku.price * (1 - g.ladder[s]);
        if (int(s) == g.initial_step) sp.initial = int(sp.prices.size());
        if (price >= floor || int(s) == g.initial_step) sp.prices.push_back(price);
      }
      gp.skus.push_back(std::move(sp));
      if (g.policy == PricingPolicy::markdown_dp) {
        // Solved once with the model's means; with expected_demand forecast, the warm-up reviews' table.
        std::int64_t stock = 0;
        for (const WarehousePlan& w : plan.warehouses) stock += w.initial_stock[std::size_t(k)];
        const MarkdownProblem pb =
            markdown_problem(sc, gp, gp.skus.size() - 1, ModelDemand(sc, gp), 0, int(std::max<std::int64_t>(stock, 0)));
        gp.skus.back().dp = solve_markdown(pb);
      }
    }
    out.push_back(std::move(gp));
  }
  return out;
}

}  // namespace peaksim::agents
