// Pricing agents that plan with the forecast service (docs/pricing.md, Expected demand): in tiny deterministic
// worlds the markdown rule's decision follows the forecast, worked out by hand, and the forecaster learns demand
// at the list price while the price moves; on the mooncake season the DP planning with the forecast still beats
// static prices, and a replication does not depend on its engine's batch.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>

#include "tests/support/replications.hpp"

using namespace peaksim;

namespace {

// One SKU (list price 10, cost 1) at one warehouse, nothing reordered, deterministic demand of 10 a day on a flat
// calendar over two weeks; one pricing group reviewing on days 0 and 7 by the markdown rule. The forecaster
// (moving average of the last 7 days, which sees demand) is ready at the day-7 review, having observed days 0..6.
const std::string kWorld = R"(forecast: {model: moving_average, window: 7d, history: 7d, observe: demand}
start_date: 2026-03-02
horizon: 14d
calendar: {weekly: [1, 1, 1, 1, 1, 1, 1]}
catalog:
  skus: [{id: box, category: gift, rate: 10, price: 10, cost: 1}]
policy: {type: base_stock, S: "0"}
sites:
  suppliers: [{name: maker}]
  warehouses: [{name: dc, initial_stock: "100"}]
  regions: [{name: city, demand: deterministic}]
lanes:
  - {from: maker, to: dc, lead_time: 2d}
  - {from: dc, to: city}
pricing:
  - {name: boxes, skus: [box], policy: markdown_rule, review_period: 7d, ladder: [0, 0.1]}
record: {level: kpi_only}
)";

// The world planning with `source` (model, forecast or forecast_with_calendar), changed by `set`; with the model,
// without the forecast section, which nothing would use (its first line).
ReplicationResult run_world(const std::string& source, std::vector<std::string> set) {
  set.push_back("pricing[0].expected_demand=" + source);
  return test::run_one_replication(source == "model" ? kWorld.substr(kWorld.find('\n') + 1) : kWorld, set);
}

std::vector<ReplicationResult> mooncake(const std::vector<std::string>& set) {
  const std::string file = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/mooncake_markdown.yaml";
  return test::replications(load_scenario(file, set), 30);
}

// The forecaster of the mooncake evidence (docs/pricing.md): SES on the base rate, shaped by the known calendar.
const std::vector<std::string> kMooncakeForecast = {"pricing[0].expected_demand=forecast_with_calendar",
                                                    "forecast={model: ses, history: 7d, observe: demand}"};

}  // namespace

TEST_CASE("the markdown rule marks down when the forecast, not the demand model, says the stock is too much") {
  // Demand halves from day 0 (a level shift the demand model leaves out): 5 a day, 100 units in stock.
  // Day 0 (warm-up, the model's 10 a day): 100 units against 70 a week, 1.43 weeks <= 2 weeks left: hold.
  // Day 7: 65 units left. The model's 70 a week gives 0.93 weeks <= 1: hold; the forecast's 5 a day (35 a week)
  // gives 1.86 weeks > 1: one step down. Revenue: 70 units at 10 (model); 35 at 10 and 35 at 9 (forecast).
  const std::vector<std::string> shift = {"sites.regions[0].shocks={level_shift: {on: 2026-03-02, size: 0.5}}"};
  const ReplicationResult forecast = run_world("forecast", shift);
  CHECK(test::kpi(forecast, "markdowns") == 1);
  CHECK(test::kpi(forecast, "revenue") == doctest::Approx(35 * 10 + 35 * 9));
  const ReplicationResult by_model = run_world("model", shift);
  CHECK(test::kpi(by_model, "markdowns") == 0);
  CHECK(test::kpi(by_model, "revenue") == doctest::Approx(70 * 10));
}

TEST_CASE("the forecaster learns list-price demand: a price cut does not look like a rise in base demand") {
  // The season opens at half price; demand is r^-2 = 4 times the list-price rate, 40 a day. Divided by that
  // factor, the forecaster observes 10 a day. Day 0 (warm-up): 700 units against 4 x 70 = 280 a week, 2.5 weeks
  // <= 1.4 x 2: hold. Day 7: 420 units against 4 x 70 = 280 a week (forecast 10 a day at the list price),
  // 1.5 weeks > 1.4 x 1: one step down to 0.4 of the list price. A forecaster fed the raw 40 a day would expect
  // 4 x 280 = 1120 a week, 0.375 weeks, and hold.
  const ReplicationResult r = run_world(
      "forecast", {"catalog.price_response={form: constant_elasticity, elasticity: -2}",
                   "sites.warehouses[0].initial_stock=\"700\"",
                   "pricing[0]={name: boxes, skus: [box], policy: markdown_rule, review_period: 7d, ladder: [0, 0.5, "
                   "0.6], markdown_only: false, initial_discount: 0.5, cover_factor: 1.4}"});
  CHECK(test::kpi(r, "markdowns") == 1);
  // Days 0..6: 280 units at 5; days 7..13 at 4, demand 10 x 0.4^-2 = 62.5 a day, more than the 420 left.
  CHECK(test::kpi(r, "revenue") == doctest::Approx(280 * 5 + 420 * 4));
}

TEST_CASE("forecast_with_calendar forecasts a festival week from the base rate; forecast sees only the flat past") {
  // Demand halves from day 0 (5 a day) and doubles in week 2 (an event, 10 a day); 85 units in stock. Day 0
  // (warm-up, the model's 70 + 140 a fortnight): 85 units, 0.81 weeks <= 2: hold. Day 7: 50 units left. The
  // base-rate forecast (5 a day) times the calendar's 2 expects 70: 0.71 weeks <= 1, hold, and all 50 sell at 10.
  // The calendar-blind forecast expects 35: 1.43 weeks > 1, one step down, and the 50 sell at 9.
  const std::vector<std::string> world = {
      "sites.regions[0].shocks={level_shift: {on: 2026-03-02, size: 0.5}}",
      "calendar={weekly: [1, 1, 1, 1, 1, 1, 1], events: [{name: fest, date: 2026-03-09, multiplier: 2, before: 0d, "
      "after: 6d, profile: flat}]}",
      "sites.warehouses[0].initial_stock=\"85\""};
  const ReplicationResult shaped = run_world("forecast_with_calendar", world);
  CHECK(test::kpi(shaped, "markdowns") == 0);
  CHECK(test::kpi(shaped, "revenue") == doctest::Approx(35 * 10 + 50 * 10));
  const ReplicationResult flat = run_world("forecast", world);
  CHECK(test::kpi(flat, "markdowns") == 1);
  CHECK(test::kpi(flat, "revenue") == doctest::Approx(35 * 10 + 50 * 9));
}

TEST_CASE("on the mooncake season the markdown DP planning with the calendar-shaped forecast beats static prices") {
  std::vector<std::string> dp = kMooncakeForecast, fixed = {"pricing[0].policy=static"};
  dp.push_back("pricing[0].policy=markdown_dp");
  const auto with_forecast = mooncake(dp), at_list = mooncake(fixed);
  const stats::Summary d = test::difference(with_forecast, at_list, "profit");
  MESSAGE(fmt::format("profit markdown_dp (forecast_with_calendar) - static: {:.0f} +/- {:.0f} (99%, n = {})", d.mean,
                      d.half_width, d.n));
  CHECK(d.mean - d.half_width > 0);
}

TEST_CASE("a replication planning with the forecast gives the same results alone in its engine as in a batch") {
  const Scenario sc =
      load_scenario(std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/mooncake_markdown.yaml", kMooncakeForecast);
  CHECK(test::same_alone_as_in_batch(sc));
}
