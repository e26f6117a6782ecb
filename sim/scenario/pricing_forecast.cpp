// The checks of `pricing[].expected_demand: forecast` and `forecast_with_calendar` that span sections
// (docs/pricing.md, Expected demand): the group's policy must read expected demand, the scenario must have a forecast
// section, the forecaster must be ready (its `history` observed) at some review of the group, and it must be one of the
// library's classical models.
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

bool pricing_uses_forecast(const Scenario& sc) {
  for (const PricingGroup& g : sc.pricing)
    if (g.expected_demand != ExpectedDemandSource::model) return true;
  return false;
}

void check_pricing_forecast(const Tree& root, const Scenario& sc) {
  for (std::size_t i = 0; i < sc.pricing.size(); ++i) {
    const PricingGroup& g = sc.pricing[i];
    if (g.expected_demand == ExpectedDemandSource::model) continue;
    const Tree& item = root.at("pricing").items[i];
    const std::string path = index_path("pricing", i) + ".expected_demand";
    const std::string& where = item.at("expected_demand").where;
    // static keeps its opening price; dynamic's cover reads the demand model's means.
    if (g.policy != PricingPolicy::markdown_rule && g.policy != PricingPolicy::markdown_dp)
      fail(where, path,
           std::string("policy ") + word_of(g.policy) +
               (g.policy == PricingPolicy::fixed ? " keeps the opening price and reads no expected demand"
                                                 : " plans its cover with the demand model's expected demand") +
               "; expected_demand " + word_of(g.expected_demand) + " needs policy " +
               word_of(PricingPolicy::markdown_rule) + " or " + word_of(PricingPolicy::markdown_dp));
    if (!sc.forecast)
      fail(where, path,
           std::string("expected_demand ") + word_of(g.expected_demand) +
               " needs a forecast section (the forecaster the group plans with), e.g. "
               "forecast: {model: ses, history: 7d, observe: demand}");
    const ForecastSpec& f = *sc.forecast;
    if (f.model == ForecastModel::global)
      fail(root.at("forecast").at("model").where, "forecast.model",
           "pricing group '" + g.name + "' plans with the forecast (expected_demand " + word_of(g.expected_demand) +
               "), which covers the rest of the season; the "
               "global model forecasts a fixed number of days and is not available to pricing groups: use one of "
               "the classical models");
    // A review on day d sees days 0 .. d-1: the forecaster is ready at the first review on or after `history`.
    int last = 0;
    for (int d = 0; d < sc.horizon_days; d += g.review_period_days) last = d;
    if (last < f.history_days)
      fail(where, path,
           "the group's last review is on day " + std::to_string(last) + ", before the forecaster has observed " +
               std::to_string(f.history_days) + " days (forecast.history " + root.at("forecast").str("history") +
               "), so the forecast would never be used; shorten forecast.history or the review period");
  }
}

}  // namespace peaksim::scn
