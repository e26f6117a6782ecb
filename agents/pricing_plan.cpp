#include "agents/pricing_plan.hpp"

#include <algorithm>

#include "agents/plan.hpp"
#include "sim/kernel/price_response.hpp"

namespace peaksim::agents {

double expected_units(const Sku& sku, const GroupPricing& group, int from, int to, double price) {
  double base = 0;
  for (int d = from; d < to; ++d) base += group.day_scale[std::size_t(d)];
  const double f = sku.price > 0 ? price_factor(sku.price_response, price / sku.price) : 1.0;
  return sku.rate * base * f;
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
      if (g.policy == PricingPolicy::markdown_dp) {
        MarkdownProblem pb;
        pb.prices = sp.prices;
        pb.salvage = sku.salvage;
        pb.markdown_only = g.markdown_only;
        std::int64_t stock = 0;
        for (const WarehousePlan& w : plan.warehouses) stock += w.initial_stock[std::size_t(k)];
        pb.max_stock = int(std::max<std::int64_t>(stock, 0));
        for (std::size_t q = 0; q < gp.reviews.size(); ++q) {
          const int from = gp.reviews[q], to = q + 1 < gp.reviews.size() ? gp.reviews[q + 1] : horizon;
          std::vector<double> means;
          for (const double p : sp.prices) means.push_back(expected_units(sku, gp, from, to, p));
          pb.mean.push_back(std::move(means));
        }
        sp.dp = solve_markdown(pb);
      }
      gp.skus.push_back(std::move(sp));
    }
    out.push_back(std::move(gp));
  }
  return out;
}

}  // namespace peaksim::agents
