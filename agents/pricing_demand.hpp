// Where a pricing agent's expected demand comes from (docs/pricing.md, Expected demand): one interface, two
// sources. The markdown rule and the markdown DP read a SKU's expected list-price units over a span of days
// through it and multiply by the price's own-price factor (at_price), whatever the source.
//   ModelDemand     the calendar-adjusted demand model: rate x (sum of region scales) x calendar factor per day.
//   ForecastDemand  the forecast service's forecast of the network's list-price demand
//                   (agents/pricing_forecasts.hpp), made on the eve of the review; before the forecaster has
//                   its history (the warm-up), the model's, as forecast_order_up_to's warm start.
#pragma once
#include <cstddef>
#include <vector>

#include "agents/markdown_dp.hpp"
#include "agents/pricing_forecasts.hpp"
#include "agents/pricing_plan.hpp"

namespace peaksim::agents {

class ExpectedDemand {
public:
  virtual ~ExpectedDemand() = default;
  // Expected units at the list price of the group's i-th SKU over days [from, to), as known at the review of `day`.
  virtual double list_units(std::size_t i, int day, int from, int to) const = 0;
  // True when the review of `day` plans SKU i with other means than the network plan's (the forecast is in):
  // markdown_dp then re-solves its table for the rest of the season.
  virtual bool replans(std::size_t /*i*/, int /*day*/) const { return false; }
};

class ModelDemand final : public ExpectedDemand {
public:
  ModelDemand(const Scenario& sc, const GroupPricing& group) : sc_(sc), group_(group) {}
  double list_units(std::size_t i, int day, int from, int to) const override;

private:
  const Scenario& sc_;
  const GroupPricing& group_;
};

class ForecastDemand final : public ExpectedDemand {
public:
  // One view per SKU of the group, in the group's order.
  ForecastDemand(const Scenario& sc, const GroupPricing& group, std::vector<const PricingForecastView*> views)
      : model_(sc, group), views_(std::move(views)) {}
  double list_units(std::size_t i, int day, int from, int to) const override;
  bool replans(std::size_t i, int day) const override { return views_[i]->day == day; }

private:
  ModelDemand model_;
  std::vector<const PricingForecastView*> views_;
};

// Units of `sku` at `price` from its units at the list price: x the own-price factor f(price / list price).
double at_price(const Sku& sku, double list_units, double price);

// The markdown DP's problem for SKU i of the group from review `first` (periods first .. last review) with
// stock states 0 .. max_stock, the means from `demand` as known at that review.
MarkdownProblem markdown_problem(const Scenario& sc, const GroupPricing& group, std::size_t i,
                                 const ExpectedDemand& demand, std::size_t first, int max_stock);

}  // namespace peaksim::agents
