// Validation: the markdown_dp pricing agent. One replication of
// scenarios/validation/markdown_gallego_van_ryzin.yaml is one selling season of 10 units with daily prices
// from the DP (see the file's header). Two checks:
// - the simulated season revenue's CI covers the DP's own exact expected value V(10, 30) of the discrete model
//   (daily Poisson demand at the day's ladder price), read from the plan the agents use;
// - the gap between that value and the closed form of Gallego and van Ryzin (1994) for the continuous-time
//   model with any price, V(n, t) = (1/alpha) ln(sum_{k=0..n} (a t / e)^k / k!), is reported: the continuous
//   optimum is an upper bound, and with a fine ladder and daily prices the discrete value comes close.
#include <cmath>

#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

double gallego_van_ryzin(int n, double t, double a, double alpha) {
  double sum = 0, term = 1;  // (a t / e)^k / k!
  for (int k = 0; k <= n; ++k) {
    if (k > 0) term *= a * t / std::exp(1.0) / k;
    sum += term;
  }
  return std::log(sum) / alpha;
}

}  // namespace

TEST_CASE("the markdown DP earns its own expected value, within 0.5% of Gallego and van Ryzin's continuous bound") {
  const std::string file = "markdown_gallego_van_ryzin.yaml";
  const Scenario sc = load_scenario(scenario_path(file), {});
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.skus.size() == 1);
  REQUIRE(sc.pricing.size() == 1);
  REQUIRE(sc.skus[0].price_response->form == PriceForm::exponential);
  REQUIRE(sc.skus[0].salvage == 0);
  for (double f : plan.profile.factor) REQUIRE(f == 1.0);
  const Sku& sku = sc.skus[0];
  const int n = int(plan.warehouses[0].initial_stock[0]);
  const double t = sc.horizon_days;
  const double slope = sku.price_response->slope;
  const double a = sku.rate * sc.regions[0].scale * std::exp(slope), alpha = slope / sku.price;
  const agents::SkuPricing& priced = plan.pricing[0].skus[0];
  REQUIRE(priced.dp.periods() == sc.horizon_days);
  const double dp_value = priced.dp.value(0, priced.initial, n);
  const double bound = gallego_van_ryzin(n, t, a, alpha);
  const double gap = (bound - dp_value) / bound;
  MESSAGE(
      fmt::format("n = {}, t = {} days, a = {:.4f}/day, alpha = {}: DP {:.4f}, Gallego-van Ryzin {:.4f}, gap {:.3f}%",
                  n, t, a, alpha, dp_value, bound, 100 * gap));
  CHECK(dp_value <= bound + 1e-9);
  CHECK(gap < 0.005);

  const Runs runs = run_replications(scenario_path(file), {}, 2000);
  CaseReport c;
  c.case_id = "markdown_dp/expected_season_revenue";
  c.theory = dp_value;
  c.samples = runs.kpi.at("revenue");
  c.formula =
      "V_t(x) = max_p E[p min(D_t(p), x) + V_{t+1}(x - min(D_t(p), x))], V_T = 0, D_t(p) ~ Poisson(a e^{-alpha p})";
  c.source = "finite-horizon markdown DP on the price ladder (agents/markdown_dp.hpp)";
  report(c, "markdown_dp: one season of 10 units, daily prices on an 81-step ladder, Poisson demand a e^{-alpha p}",
         fmt::format("n={}, T={} days, a={:.4f}/day, alpha={}, prices 100..20 by 1, salvage 0", n, t, a, alpha),
         "one review a day before demand; lost sales; KPI revenue at the day's price");

  CaseReport closed = c;
  closed.case_id = "markdown_dp/gallego_van_ryzin_bound";
  closed.theory = bound;
  closed.formula = "V(n,t) = (1/alpha) ln(sum_{k=0..n} (a t / e)^k / k!): continuous time, any price";
  closed.source = "Gallego and van Ryzin (1994), Management Science 40(8), exponential demand";
  closed.tolerance = bound - dp_value;  // the discrete model's gap to the continuous bound, computed above
  report(closed, c.model, c.parameters, c.conventions + "; tolerance = the DP's exact gap to the bound");
  int reordered = 0;
  for (double u : runs.kpi.at("units_ordered")) reordered += u != 0;
  CHECK(reordered == 0);
}
