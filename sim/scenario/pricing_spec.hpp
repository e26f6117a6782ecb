// Price-responsive demand and pricing agents, as the scenario gives them (`catalog...price_response` and the
// `pricing:` section; docs/pricing.md). The demand factor itself is sim/kernel/price_response.hpp.
#pragma once
#include <string>
#include <vector>

namespace peaksim {

// How a SKU's demand rate moves with its price ratio r = price today / list price.
enum class PriceForm {
  constant_elasticity,  // f(r) = r^elasticity, elasticity < 0
  exponential,          // f(r) = exp(-slope (r - 1)), slope > 0: lambda(p) = a exp(-alpha p)
  logit                 // f(r) = e / (1 - share + share e), e = exp(-slope (r - 1)): logit share with an outside good
};

struct PriceResponse {
  PriceForm form = PriceForm::constant_elasticity;
  double elasticity = 0;  // constant_elasticity
  double slope = 0;       // exponential, logit
  double share = 0;       // logit: the SKU's share of its market at the list price
  // > 0: substitutes; demand also x (geometric mean of the category rivals' price ratios)^cross_elasticity
  double cross_elasticity = 0;
};

enum class PricingPolicy {
  fixed,          // word `static`: the initial price all season
  markdown_rule,  // one step down when weeks of supply exceed cover_factor x weeks left
  markdown_dp     // the optimal markdown over the ladder, by dynamic programming
};

// Where a pricing agent's expected demand comes from (docs/pricing.md, Expected demand).
enum class ExpectedDemandSource {
  model,                  // the calendar-adjusted demand model (the true rate)
  forecast,               // the forecast service's forecast of the network's list-price demand
  forecast_with_calendar  // the same, forecasting demand at the list price and a calendar factor of 1, times the
                          // calendar's factor of each day ahead
};

// One pricing agent: the SKUs of a category or a list, priced at its review instants within business rules.
struct PricingGroup {
  std::string name;
  std::vector<int> skus;  // indices into scenario.skus, in catalog order
  PricingPolicy policy = PricingPolicy::fixed;
  int review_period_days = 7;
  std::vector<double> ladder;  // discounts off the list price, strictly increasing, each in [0, 1)
  int initial_step = 0;        // the ladder step of day 0
  bool markdown_only = true;   // prices never go back up
  double min_margin = 0;       // price >= cost x (1 + min_margin); steps below are never used
  int max_changes_per_week = 1;
  double cover_factor = 1;  // markdown_rule
  ExpectedDemandSource expected_demand = ExpectedDemandSource::model;
};

}  // namespace peaksim
