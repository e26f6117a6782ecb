// The robot fleet inside a replication: built by the picking kind from a warehouse's `robots:`
// section, fed the units the warehouse ships, and reported per site and for the network.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>

#include "tests/support/results.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// Three warehouses with ample stock (zero lead time): `busy` has one robot and one station for 1500
// units a day, `idle` eight robots for 150; `plain` has neither.
const char* kWorld = R"~(start_date: 2025-03-03
horizon: 20d
catalog:
  skus:
    - {id: a, rate: 1000}
    - {id: b, rate: 500}
policy: {type: base_stock, S: "50*m"}
sites:
  suppliers: [{name: vendor}]
  warehouses:
    - {name: busy, robots: {count: 1, station_time: 1m, pick_time_per_unit: 10s, layout: {aisles: 2, bays: 5}}}
    - {name: idle, robots: {count: 8, stations: 4, station_time: 1m}}
    - {name: plain}
  regions:
    - {name: r1}
    - {name: r2, scale: 0.1}
    - {name: r3}
lanes:
  - {from: vendor, to: busy, lead_time: 0d}
  - {from: vendor, to: idle, lead_time: 0d}
  - {from: vendor, to: plain, lead_time: 0d}
  - {from: busy, to: r1}
  - {from: idle, to: r2}
  - {from: plain, to: r3}
record: {level: kpi_only}
)~";

}  // namespace

TEST_CASE("every unit a fleet's warehouse ships is one of its tasks, and the busiest fleet shows in the _max KPIs") {
  const ReplicationResult r = run_one_replication(kWorld);
  const KpiBreakdown& site = breakdown(r, "site");
  for (std::size_t w : {0u, 1u})
    CHECK(breakdown_value(site, "pick_jobs", w) ==
          breakdown_value(site, "sales", w) + breakdown_value(site, "backorders_filled", w));
  CHECK(std::isnan(breakdown_value(site, "pick_jobs", 2)));  // no fleet, no figures
  CHECK(std::isnan(breakdown_value(site, "station_utilisation", 2)));
  // One robot for 1500 units a day at over 70 s each (105000 s a day) is past saturation; eight for 150 are
  // nearly idle.
  CHECK(breakdown_value(site, "robot_utilisation", 0) > 0.95);
  // Its station idles while the only robot travels.
  CHECK(breakdown_value(site, "station_utilisation", 0) < breakdown_value(site, "robot_utilisation", 0));
  CHECK(breakdown_value(site, "station_utilisation", 0) > 0.5);
  CHECK(breakdown_value(site, "station_utilisation", 1) < 0.1);
  CHECK(kpi(r, "station_utilisation_max") == breakdown_value(site, "station_utilisation", 0));
  CHECK(kpi(r, "robot_utilisation_max") == breakdown_value(site, "robot_utilisation", 0));
  CHECK(breakdown_value(site, "pick_backlog_mean", 0) > 100);
  CHECK(breakdown_value(site, "pick_backlog_mean", 1) < 1);
  CHECK(kpi(r, "pick_backlog_mean") ==
        breakdown_value(site, "pick_backlog_mean", 0) + breakdown_value(site, "pick_backlog_mean", 1));
  // Round the clock: 20 days of 24 working hours; the busy fleet completes at most one task a 70 s.
  CHECK(breakdown_value(site, "picks_per_hour", 0) <= 3600.0 / 70);
  CHECK(kpi(r, "robot_failures") == 0);  // no failures section
}

TEST_CASE("a scenario without a fleet reports none of the fleet or picking KPIs") {
  const std::string plain = std::regex_replace(kWorld, std::regex(", robots: \\{.*\\}\\}"), "}");
  REQUIRE(plain.find("robots") == std::string::npos);
  const ReplicationResult r = run_one_replication(plain);
  CHECK_FALSE(has_kpi(r, "station_utilisation"));
  CHECK_FALSE(has_kpi(r, "pick_jobs"));
  CHECK(has_kpi(run_one_replication(kWorld), "station_utilisation"));
}

TEST_CASE("the same seed gives the same fleet figures, another seed others") {
  const ReplicationResult a = run_one_replication(kWorld), b = run_one_replication(kWorld);
  const ReplicationResult c = run_one_replication(kWorld, {"seed=9"});
  CHECK(kpi(a, "pick_wait_mean") == kpi(b, "pick_wait_mean"));
  CHECK(kpi(a, "pick_wait_mean") != kpi(c, "pick_wait_mean"));
}
