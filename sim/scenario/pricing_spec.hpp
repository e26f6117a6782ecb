// Price-responsive demand and pricing agents, as the scenario gives them (`catalog...price_response` and the
// `pricing:` section; docs/pricing.md). The demand factor itself is sim/kernel/price_response.hpp.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peaksim {

// How a SKU's demand rate moves with its price ratio r = price today / list price.
enum class PriceForm {
  constant_elasticity,  // f(r) = r^elasticity, elasticity < 0
  exponential,          // f(r) = exp(-slope (r - 1)), slope > 0: lambda(p) = a exp(-alpha p)
  logit                 // f(r) = e / (1 - share + share e), e = exp(-slope (r - 1)): logit share with an outside good
};

// Reference-price effect (docs/model.md, Price response): the reference follows the SKU's past prices by
// exponential smoothing, and a price above it cuts demand by exp(-loss x gap), below it raises demand by
// exp(gain x |gap|), gap = (price - reference) / reference.
struct ReferenceEffect {
  double memory = 0;  // weight of yesterday's reference in today's, in [0, 1)
  double gain = 0;    // sensitivity to a price below the reference
  double loss = 0;    // sensitivity to a price above the reference
};

struct PriceResponse {
  PriceForm form = PriceForm::constant_elasticity;
  double elasticity = 0;  // constant_elasticity
  double slope = 0;       // exponential, logit
  double share = 0;       // logit: the SKU's share of its market at the list price
  // > 0: substitutes; demand also x (geometric mean of the category rivals' price ratios)^cross_elasticity
  double cross_elasticity = 0;
  std::optional<ReferenceEffect> reference = std::nullopt;  // none: demand ignores past prices
};

enum class PricingPolicy {
  fixed,          // word `static`: the initial price all season
  markdown_rule,  // one step down when weeks of supply exceed cover_factor x weeks left
  markdown_dp,    // the optimal markdown over the ladder, by dynamic programming
  dynamic         // one step up when the network's cover is short, one down when it is long (both ways)
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
  // dynamic: days of cover below which the price steps up and above which it steps down, and the days ahead
  // whose expected demand sets the daily rate of the cover
  double low_cover = 0, high_cover = 0;
  int cover_window_days = 7;
  ExpectedDemandSource expected_demand = ExpectedDemandSource::model;
};

// A scheduled promotion: its SKUs sell at list x (1 - discount) on the days of its windows (inclusive), and
// their demand takes an extra factor `lift` (feature and display) on top of the price response.
struct PromotionSpec {
  std::string name;
  std::vector<int> skus;                     // indices into scenario.skus, in catalog order
  std::vector<std::pair<int, int>> windows;  // [first day, last day] of each window, within the horizon
  double discount = 0;
  double lift = 1;
};

}  // namespace peaksim
