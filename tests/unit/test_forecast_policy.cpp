// forecast_order_up_to and newsvendor_preseason: levels from a forecast view worked out by hand, the
// warm start, the newsvendor's quantity, and the scenario keys that configure them.
#include <doctest/doctest.h>

#include "agents/policies.hpp"
#include "model/network_plan.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;

namespace {

PolicyParams forecast_policy(SafetyStock safety, double level_or_z) {
  PolicyParams p;
  p.type = PolicyType::forecast_order_up_to;
  p.safety = safety;
  (safety == SafetyStock::quantile ? p.service_level : p.z) = level_or_z;
  return p;
}

std::int64_t order(const PolicyParams& p, const ForecastView* view, std::int64_t on_hand, std::int64_t warm = 50) {
  Observation obs{10, on_hand, 5, 0, {}, view};
  return make_policy(p, {0, warm, 0})->order_quantity(obs);
}

}  // namespace

TEST_CASE("forecast_order_up_to orders up to the cover quantile, or cover + mean + z sd of tracked errors") {
  ForecastView v;
  v.ready = true;
  v.cover_mean = 40.2;
  v.cover_quantile = 47.6;
  // Quantile: level round(47.6) = 48; position 20 + 5 on order: order 23.
  CHECK(order(forecast_policy(SafetyStock::quantile, 0.9), &v, 20) == 23);
  // Errors, fewer than two tracked: the quantile rule (the service asked for the level Phi(z)).
  v.errors = 1;
  CHECK(order(forecast_policy(SafetyStock::errors, 1.5), &v, 20) == 23);
  // Errors: 40.2 + 2 + 1.5 x 4 = 48.2, so 48; then a position above the level orders nothing.
  v.errors = 5;
  v.error_mean = 2;
  v.error_sd = 4;
  CHECK(order(forecast_policy(SafetyStock::errors, 1.5), &v, 20) == 23);
  CHECK(order(forecast_policy(SafetyStock::errors, 1.5), &v, 60) == 0);
  // A forecast biased high (negative errors) lowers the level: 40.2 - 10 + 0 = 30.2, so 30.
  v.error_mean = -10;
  CHECK(order(forecast_policy(SafetyStock::errors, 0), &v, 20) == 5);
  // Not ready, or no view: the warm-start level S.
  v.ready = false;
  CHECK(order(forecast_policy(SafetyStock::quantile, 0.9), &v, 20, 50) == 25);
  CHECK(order(forecast_policy(SafetyStock::quantile, 0.9), nullptr, 20, 50) == 25);
}

TEST_CASE("the warm start is P m + z sqrt(P m) with z the Normal quantile of the policy's level") {
  // m = 10, L = 2, R = 1: P = 2, P m = 20; z(0.9) = 1.28155: 20 + 5.731 = 25.73, so 26.
  CHECK(forecast_warm_start_level(forecast_policy(SafetyStock::quantile, 0.9), {10, 2}) == 26);
  // Errors with z = 2: 20 + 2 sqrt(20) = 28.94, so 29 (Phi(2) and back gives 2 again).
  CHECK(forecast_warm_start_level(forecast_policy(SafetyStock::errors, 2), {10, 2}) == 29);
  CHECK(forecast_level_probability(forecast_policy(SafetyStock::errors, 0)) == 0.5);
}

TEST_CASE("the newsvendor buys the smallest Q whose continuity-corrected Normal cdf reaches the ratio") {
  // Ratio 6/9: z = 0.43073; 100 + 20 z - 0.5 = 108.11, so 109 (and Phi((108.5 - 100)/20) = 0.6646 < 2/3).
  CHECK(newsvendor_quantity(6.0 / 9, 100, 20) == 109);
  CHECK(newsvendor_quantity(0.5, 100, 20) == 100);  // ceil(99.5) = 100: Phi(0.5/20) > 0.5
  CHECK(newsvendor_quantity(0.5, 100, 0) == 100);   // no spread: the mean
  CHECK(newsvendor_quantity(0, 100, 20) == 0);      // nothing earns more than it costs
  CHECK(newsvendor_quantity(0.01, 1, 20) == 0);     // never below zero
}

TEST_CASE("the newsvendor's season law sums days and regions of the scenario's demand") {
  // Two regions (scale 1 and 2) served by one warehouse, Poisson demand of rate 5 and weekly factors
  // that average 1 over the 7-day horizon: the season's mean and variance are 7 x 5 x 3 = 105.
  // Ratio (10 - 4) / (10 - 1) = 2/3: ceil(105 + sqrt(105) x 0.43073 - 0.5) = ceil(108.91) = 109.
  const std::string text =
      "start_date: 2026-11-02\nhorizon: 7d\n"
      "calendar: {weekly: [0.5, 0.5, 1, 1, 1, 1.5, 1.5]}\n"
      "catalog: {skus: [{id: tree, rate: 5, price: 10, cost: 4, salvage: 1}]}\n"
      "policy: {type: newsvendor_preseason}\n"
      "sites:\n  suppliers: [{name: vendor}]\n  warehouses: [{name: fc}]\n"
      "  regions: [{name: a}, {name: b, scale: 2}]\n"
      "lanes: [{from: vendor, to: fc}, {from: fc, to: a}, {from: fc, to: b}]\n";
  const Scenario sc = test::load_scenario_text(text);
  const NetworkPlan plan = make_network_plan(sc);
  CHECK(plan.warehouses[0].levels[0].S == 109);
  CHECK(plan.warehouses[0].initial_stock[0] == 109);
  CHECK(sc.skus[0].salvage == 1);
}

TEST_CASE("the forecast section's defaults are filled in and read") {
  const std::string text =
      "start_date: 2026-11-02\nhorizon: 7d\n"
      "catalog: {skus: [{id: a, rate: 5}]}\n"
      "policy: {type: forecast_order_up_to, service_level: 0.95}\n"
      "forecast: {model: holt_damped, quantiles: [0.9, 0.5, 0.9]}\n"
      "sites:\n  suppliers: [{name: vendor}]\n  warehouses: [{name: fc}]\n  regions: [{name: town}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 2d}, {from: fc, to: town}]\n";
  const Scenario sc = test::load_scenario_text(text);
  REQUIRE(sc.forecast);
  CHECK(sc.forecast->model == ForecastModel::holt_damped);
  CHECK(sc.forecast->history_days == 28);
  CHECK(sc.forecast->refit_every_days == 7);
  CHECK(sc.forecast->period_days == 7);
  CHECK(sc.forecast->observe == ForecastObserve::sales);
  CHECK(sc.forecast->unconstrain == Unconstrain::none);
  CHECK(sc.forecast->quantiles == std::vector<double>{0.5, 0.9});  // sorted, duplicates dropped
  CHECK(sc.policy.safety == SafetyStock::quantile);
  CHECK(sc.policy.service_level == 0.95);
  CHECK(sc.resolved_yaml.find("safety: quantile") != std::string::npos);
  CHECK(sc.resolved_yaml.find("refit_every: 7d") != std::string::npos);
}
