// The forecast service in the engine: tiny worlds with deterministic demand whose forecasts, order-up-to
// levels and accuracy KPIs are worked out by hand; censored sales against the oracle; and bit-identical
// results whatever the batch of replications sharing one service.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <map>

#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

struct World {
  std::string weekly = "[1, 1, 1, 1, 1, 1, 1]";
  double rate = 10;
  std::string demand = "deterministic";
  std::string policy = "{type: forecast_order_up_to, service_level: 0.9}";
  std::string forecast = "{model: seasonal_naive, history: 14d, observe: demand}";
  std::string supplier = "{name: vendor}";
  std::string lead_time = "2d";
  int days = 28;
};

std::string yaml(const World& w) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: {}d\n"  // a Monday
      "calendar: {{weekly: {}}}\n"
      "catalog: {{skus: [{{id: widget, rate: {}}}]}}\n"
      "policy: {}\n"
      "forecast: {}\n"
      "sites:\n  suppliers: [{}]\n"
      "  warehouses: [{{name: fc}}]\n"
      "  regions: [{{name: town, demand: {}, unmet: lost}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: {}}}, {{from: fc, to: town}}]\n"
      "record: {{level: sku_daily}}\n",
      w.days, w.weekly, w.rate, w.policy, w.forecast, w.supplier, w.demand, w.lead_time);
}

using V = std::vector<std::int32_t>;

// Inventory position at the close: on hand + on order - backorders (nothing moves between the
// review and the close but same-day arrivals, which leave the position as it is).
V position(const ReplicationResult& r) {
  const V on_hand = series(r, "on_hand"), on_order = series(r, "on_order"), backorders = series(r, "backorders");
  V ip(on_hand.size());
  for (std::size_t t = 0; t < ip.size(); ++t) ip[t] = on_hand[t] + on_order[t] - backorders[t];
  return ip;
}

}  // namespace

TEST_CASE("a perfect seasonal forecast orders up to exactly the next cover's demand") {
  // Weekdays 10, weekends 20 (day 0 is a Monday); seasonal naive, period 7, history 14 days, oracle
  // observation. Lead time 2 and daily review: the cover is P = 1 + 2 - 1 = 2 days. The in-sample
  // residuals of a periodic series are all 0, so every quantile equals the mean: from day 13 (the
  // 14th observation) the level is d(t+1) + d(t+2). Before that the warm-start level is
  // P m + z sqrt(P m) = 20 + 1.2816 sqrt(20) = 25.7, so 26 (also the initial stock).
  World w;
  w.weekly = "[1, 1, 1, 1, 1, 2, 2]";
  const ReplicationResult r = run_one_replication(yaml(w));
  const V ip = position(r);
  auto d = [](int t) { return t % 7 >= 5 ? 20 : 10; };
  for (int t = 0; t < 13; ++t) CHECK(ip[std::size_t(t)] == 26);
  // The recorded forecasts (sku_daily): the cover's mean and quantile, -1 before the first forecast.
  const V mean = series(r, "forecast_cover_mean"), quantile = series(r, "forecast_cover_quantile");
  for (int t = 0; t < 13; ++t) CHECK(mean[std::size_t(t)] == -1);
  for (int t = 13; t < w.days; ++t) {
    INFO("day " << t);
    CHECK(ip[std::size_t(t)] == d(t + 1) + d(t + 2));
    CHECK(mean[std::size_t(t)] == d(t + 1) + d(t + 2));
    CHECK(quantile[std::size_t(t)] == d(t + 1) + d(t + 2));
  }
  // The same with safety from tracked errors: a perfect forecast has cover errors of 0.
  w.policy = "{type: forecast_order_up_to, safety: errors, z: 2}";
  const V ip_errors = position(run_one_replication(yaml(w)));
  for (int t = 13; t < w.days; ++t) CHECK(ip_errors[std::size_t(t)] == d(t + 1) + d(t + 2));
}

TEST_CASE("accuracy KPIs of a moving-average forecast of a weekly pattern, by hand") {
  // Demand 6 on weekdays, 13 on weekends (sum 56 a week); moving average over 7 days: every forecast
  // is 8, flat. Lead 1, R 1: the cover is one day, so the forecast made at day t is scored on
  // d(t+1), for t = 13 .. 40: 28 points, four whole weeks. In-sample residuals (7 of them, one
  // week): five of -2 and two of +5, so q0.1 = q0.5 = 6 and q0.9 = 13.
  // - bias: errors +2 (weekdays) and -5 (weekends) sum to 0 over a week;
  // - 80% coverage: every day lies in [6, 13];
  // - wQL at level 0.5: 2 x 0.5 x |13 - 6| = 7 on each weekend day, 14 a week, over 56 units: 0.25.
  // - MASE with period 1 (naive lag-1 scale over the 14-day history) is computed below from the
  //   pattern, origin by origin.
  World w;
  w.rate = 1;
  w.weekly = "[6, 6, 6, 6, 6, 13, 13]";
  w.lead_time = "1d";
  w.days = 42;
  w.forecast = "{model: moving_average, window: 7d, period: 1d, history: 14d, observe: demand, quantiles: [0.5]}";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(kpi(r, "forecast_points") == 28);
  CHECK(kpi(r, "forecast_bias") == 0);
  CHECK(kpi(r, "forecast_coverage80") == 1);
  CHECK(kpi(r, "forecast_wql") == doctest::Approx(0.25));
  auto d = [](int t) { return t % 7 >= 5 ? 13.0 : 6.0; };
  double sum = 0;
  for (int t = 13; t <= 40; ++t) {
    double scale = 0;
    for (int u = t - 12; u <= t; ++u) scale += std::abs(d(u) - d(u - 1));
    sum += std::abs(8 - d(t + 1)) / (scale / 13);
  }
  CHECK(kpi(r, "forecast_mase") == doctest::Approx(sum / 28));
  // Observing demand, there is no sales variant.
  CHECK(std::find(r.kpi_names.begin(), r.kpi_names.end(), "forecast_bias_sales") == r.kpi_names.end());
}

TEST_CASE("with stock-outs a forecast from sales is biased low, and unconstraining removes the bias") {
  // Demand 10 a day, lost when short; the supplier ships at most 6 a day. After day 0 the shelf
  // is empty at every review and sales are 6: a forecast from sales sees 6 and is biased low by
  // about 40% against demand. Observing demand (the oracle) the forecast is 10. Replacing a
  // censored day by max(sales, forecast mean) keeps the observations at 10 (the warm-up
  // expectation m = 10, then forecasts of 10).
  World w;
  w.supplier = "{name: vendor, capacity_per_day: 6}";
  w.lead_time = "1d";
  w.days = 40;
  w.policy = "{type: forecast_order_up_to, service_level: 0.5}";
  auto run = [&](const std::string& observe) {
    w.forecast = "{model: ses, history: 14d, " + observe + "}";
    return run_one_replication(yaml(w));
  };
  const ReplicationResult sales = run("observe: sales");
  const ReplicationResult oracle = run("observe: demand");
  const ReplicationResult unconstrained = run("observe: sales, unconstrain: max_forecast");
  CHECK(kpi(sales, "lost_sales") > 0);
  CHECK(kpi(sales, "forecast_bias") < -0.35);
  CHECK(kpi(sales, "forecast_bias_sales") == doctest::Approx(0).epsilon(1e-6));  // right about what it sees
  CHECK(kpi(oracle, "forecast_bias") == doctest::Approx(0).epsilon(1e-9));
  CHECK(std::abs(kpi(unconstrained, "forecast_bias")) < 1e-9);
  CHECK(kpi(unconstrained, "forecast_bias_sales") > 0.5);  // it forecasts demand, above what sells
}

TEST_CASE("replications give bit-identical results whatever batch shares their forecast service") {
  // Poisson demand, several SKUs, Holt-Winters refitted every 3 days: forecasts differ by series
  // and replication. Six replications one per engine, and in engines of 3 (one service for three).
  const std::string text =
      "start_date: 2026-10-01\nhorizon: 45d\nseed: 11\n"
      "calendar: {weekly: [1, 1, 1, 1.2, 1.4, 1.8, 1.6], events: [{name: sale, date: 10-30, multiplier: 3}]}\n"
      "catalog: {generate: {count: 6, rate: \"3 + 4 * i\"}}\n"
      "policy: {type: forecast_order_up_to, safety: errors, z: 1.3}\n"
      "policy_by_category: {}\n"
      "forecast: {model: holt_winters_additive, history: 21d, refit_every: 3d, unconstrain: max_forecast}\n"
      "sites:\n  suppliers: [{name: vendor, capacity_per_day: 60}]\n"
      "  warehouses: [{name: fc}]\n"
      "  regions: [{name: town, unmet: lost}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 3d}, {from: fc, to: town}]\n"
      "record: {level: sku_daily}\n";
  const Scenario sc = load_scenario_text(text);
  const NetworkPlan plan = make_network_plan(sc);
  auto run = [&](PoolOptions options) {
    std::map<std::uint64_t, ReplicationResult> out;
    run_in_workers(batch_runner(plan), {0, 1, 2, 3, 4, 5}, options,
                   [&](ReplicationResult&& r) { out[r.replication] = std::move(r); });
    return out;
  };
  const auto alone = run({1, 1});
  const auto batched = run({2, 3});
  REQUIRE(alone.size() == 6);
  REQUIRE(batched.size() == 6);
  bool differ_across_replications = false;
  for (const auto& [id, a] : alone) {
    const ReplicationResult& b = batched.at(id);
    INFO("replication " << id);
    REQUIRE(a.kpi_names == b.kpi_names);
    CHECK(std::memcmp(a.kpi_values.data(), b.kpi_values.data(), a.kpi_values.size() * sizeof(double)) == 0);
    REQUIRE(a.arrays.size() == b.arrays.size());
    for (std::size_t i = 0; i < a.arrays.size(); ++i) CHECK(a.arrays[i].values == b.arrays[i].values);
    CHECK(kpi(a, "forecast_points") > 0);
    differ_across_replications |= kpi(a, "forecast_mase") != kpi(alone.at(0), "forecast_mase");
  }
  CHECK(differ_across_replications);  // the check above compared forecasts that do vary
}
