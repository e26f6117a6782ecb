// The four peak-season network scenarios of scenarios/ (Black Friday electronics, Singles' Day apparel,
// Spring Festival gifts, Mid-Autumn mooncakes), each at a reduced size through --set overrides: what must
// hold by construction of the network (fill rates are shares, orders are placed and picked by every
// centre's robots, the distribution centre ships to both fulfilment centres, carriers charge), and the
// behaviour each scenario is written to show, measured as paired differences over replications (common
// random numbers) at 99%: a festival's peak lengthens order cycle times against the weeks before it, the
// Spring Festival shutdown costs sales unless stock is built early, and mooncakes left after the
// festival are sold off at their salvage value.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/stats/summary.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/results.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

std::string scenario_file(const std::string& name) {
  return std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
}

// Replications 0 .. n-1 of a scenario file with overrides (as `peaksim run --set`), in two worker processes.
std::vector<ReplicationResult> run(const std::string& name, std::vector<std::string> overrides, int n) {
  overrides.push_back("replications=" + std::to_string(n));
  return replications(load_scenario(scenario_file(name), overrides), n);
}

// What every one of the four networks guarantees: warehouse 0 is the distribution centre, 1 and 2 the
// fulfilment centres it replenishes, and each of the three picks its customers' order lines with robots.
void check_network(const ReplicationResult& r) {
  INFO("replication " << r.replication);
  for (const char* share : {"fill_rate", "fill_rate_peak", "fill_rate_off_peak", "order_fill_rate", "line_fill_rate",
                            "unit_fill_rate", "on_time_rate", "robot_utilisation", "station_utilisation"}) {
    INFO(share);
    CHECK(kpi(r, share) >= 0);
    CHECK(kpi(r, share) <= 1);
  }
  CHECK(kpi(r, "orders") > 0);
  CHECK(kpi(r, "order_lines") >= kpi(r, "orders"));
  CHECK(kpi(r, "sales") > 0);
  for (std::size_t w = 0; w < 3; ++w) {
    INFO("warehouse " << w);
    CHECK(site(r, "orders", w) > 0);             // every centre serves customers ...
    CHECK(site(r, "pick_jobs", w) > 0);          // ... through its robots,
    CHECK(site(r, "robot_utilisation", w) > 0);  // which work
    CHECK(site(r, "picks_per_hour", w) > 0);
  }
  CHECK(site(r, "transfers_out_value", 0) > 0);  // the DC ships to both FCs
  CHECK(site(r, "transfers_in_value", 1) > 0);
  CHECK(site(r, "transfers_in_value", 2) > 0);
  CHECK(kpi(r, "transfers_in_value") == doctest::Approx(kpi(r, "transfers_out_value")));
  CHECK(site(r, "purchase_cost", 0) > 0);  // only the DC buys from suppliers
  CHECK(site(r, "purchase_cost", 1) == 0);
  CHECK(site(r, "purchase_cost", 2) == 0);
  CHECK(kpi(r, "transport_cost") > 0);  // carriers carried the suppliers' goods
}

}  // namespace

TEST_CASE("Black Friday electronics: a working network whose peak lengthens order cycle times") {
  const std::vector<std::string> small = {"catalog.generate.count=150"};
  const auto season = run("black_friday_electronics", small, 4);
  for (const ReplicationResult& r : season) check_network(r);
  for (const ReplicationResult& r : season) {
    CHECK(kpi(r, "purchase_discount") > 0);  // the Shenzhen ODM's price breaks were reached
    CHECK(kpi(r, "fill_rate_peak") < kpi(r, "fill_rate_off_peak"));
  }
  // The same replications cut before the pull-forward week (Black Friday is day 32): the weeks off peak.
  auto before = small;
  before.push_back("horizon=24d");
  const auto off_peak = run("black_friday_electronics", before, 4);
  const stats::Summary d = difference(season, off_peak, "cycle_time_p95");
  INFO("cycle_time_p95, season - weeks before the peak: " << d.mean << " +/- " << d.half_width << " h");
  CHECK(d.mean - d.half_width > 0);
}

TEST_CASE("Singles' Day apparel: multi-line orders, and 11.11 raises cycle times and the robots' backlog") {
  // All 600 SKUs (half a second a replication): with fewer, the robots sized for them would idle through 11.11.
  const std::vector<std::string> small = {};
  const auto season = run("singles_day_apparel", small, 4);
  for (const ReplicationResult& r : season) {
    check_network(r);
    CHECK(kpi(r, "order_lines") > 1.5 * kpi(r, "orders"));  // baskets of 2.02 lines on average
  }
  // Cut before the presale opens (Oct 31, day 12): the days before the festival season.
  auto before = small;
  before.push_back("horizon=11d");
  const auto off_peak = run("singles_day_apparel", before, 4);
  const stats::Summary p95 = difference(season, off_peak, "cycle_time_p95");
  const stats::Summary backlog = difference(season, off_peak, "pick_backlog_mean");
  INFO("cycle_time_p95: " << p95.mean << " +/- " << p95.half_width << " h");
  INFO("pick_backlog_mean: " << backlog.mean << " +/- " << backlog.half_width << " tasks");
  CHECK(p95.mean - p95.half_width > 0);
  CHECK(backlog.mean - backlog.half_width > 0);
}

TEST_CASE("Spring Festival gifts: the factories' shutdown costs sales unless stock is built early") {
  const std::vector<std::string> small = {"catalog.generate.count=150"};
  const std::string level_without_build = "sites.warehouses[0].policy.S=ceil(m*(L+R+3) + 1.65*sqrt(m*(L+R+3)))";
  const auto built_early = run("spring_festival_gifts", small, 4);
  for (const ReplicationResult& r : built_early) check_network(r);
  auto late = small;
  late.push_back(level_without_build);
  const auto not_built = run("spring_festival_gifts", late, 4);
  auto late_no_shutdown = late;
  late_no_shutdown.push_back("disruptions=[]");
  const auto no_shutdown = run("spring_festival_gifts", late_no_shutdown, 4);
  // Without early stock the shutdown shows: sales lost during it, against the same policy without one ...
  const stats::Summary shutdown = difference(not_built, no_shutdown, "lost_sales");
  INFO("lost_sales, shutdown - none (no early stock): " << shutdown.mean << " +/- " << shutdown.half_width);
  CHECK(shutdown.mean - shutdown.half_width > 0);
  // ... and building stock early recovers the fill rate.
  const stats::Summary built = difference(built_early, not_built, "fill_rate");
  INFO("fill_rate, built early - not: " << built.mean << " +/- " << built.half_width);
  CHECK(built.mean - built.half_width > 0);
}

TEST_CASE("Mid-Autumn mooncakes: demand stops after the festival and the leftovers are salvaged") {
  // The listed catalog stays whole; fewer replications keep it short.
  const auto season = run("mid_autumn_mooncakes", {}, 3);
  for (const ReplicationResult& r : season) {
    check_network(r);
    CHECK(kpi(r, "preseason_units") > 0);  // the premium boxes' one buy before the season
    // Leftovers end the season at salvage, 30% of cost in the listed catalog (to the cent): salvage_value is
    // 0.3 x the leftovers at cost, and the write-down the other 70%.
    const double at_cost = kpi(r, "closing_stock_value");
    CHECK(at_cost > 0);
    CHECK(kpi(r, "salvage_value") == doctest::Approx(0.3 * at_cost).epsilon(0.01));
    CHECK(kpi(r, "closing_write_down") == doctest::Approx(0.7 * at_cost).epsilon(0.01));
    // Daily demand (day x site, summed over sites): the two days after the festival (day 32) sell almost nothing.
    const RecordedArray* demand = nullptr;
    for (const RecordedArray& a : r.arrays)
      if (a.name == "demand") demand = &a;
    REQUIRE(demand != nullptr);
    REQUIRE(demand->dims == std::vector<std::string>{"day", "site"});
    const std::size_t sites = demand->shape[1];
    auto day = [&](std::size_t d) {
      double sum = 0;
      for (std::size_t s = 0; s < sites; ++s) sum += demand->values[d * sites + s];
      return sum;
    };
    CHECK(day(32) > 0);
    CHECK(day(33) + day(34) < 0.05 * day(32));
  }
}
