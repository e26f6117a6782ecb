// Pick stations inside a replication: /kpi_by/station gives every station of a robot fleet its own row (and a
// picking station one row), consistent with the site rows, so that a loaded station shows beside an idle one.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <tuple>

#include "tests/support/results.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// `lopsided` has two stations, one at the mouth of each of its two aisles; velocity slotting puts SKU a (ten
// times b's demand) at the front of aisle 0, next to station 0, and b at the front of aisle 1, next to station 1.
// `even` has four stations, `manual` a picking station, `plain` nothing to pick with.
const char* kWorld = R"~(start_date: 2025-03-03
horizon: 14d
catalog:
  skus:
    - {id: a, rate: 600}
    - {id: b, rate: 60}
policy: {type: base_stock, S: "50*m"}
sites:
  suppliers: [{name: vendor}]
  warehouses:
    - {name: lopsided, robots: {count: 3, stations: 2, slotting: velocity, station_time: 30s, layout: {aisles: 2}}}
    - {name: even, robots: {count: 6, stations: 4, station_time: 1m}}
    - {name: manual, picking: {robots: 2, pick_time: 1m}}
    - {name: plain}
  regions:
    - {name: r1}
    - {name: r2}
    - {name: r3}
    - {name: r4}
lanes:
  - {from: vendor, to: lopsided, lead_time: 0d}
  - {from: vendor, to: even, lead_time: 0d}
  - {from: vendor, to: manual, lead_time: 0d}
  - {from: vendor, to: plain, lead_time: 0d}
  - {from: lopsided, to: r1}
  - {from: even, to: r2}
  - {from: manual, to: r3}
  - {from: plain, to: r4}
record: {level: kpi_only}
)~";

// Rows of /kpi_by/station: lopsided/0, lopsided/1, even/0 .. even/3, manual/0.
constexpr std::size_t kLopsided = 0, kEven = 2, kManual = 6;

}  // namespace

TEST_CASE("a fleet's stations add up to its site row and their utilisations average to the site's") {
  const ReplicationResult r = run_one_replication(kWorld);
  const KpiBreakdown& station = breakdown(r, "station");
  const KpiBreakdown& site = breakdown(r, "site");
  REQUIRE(station.entities == 7);
  for (auto [first, count, w] : {std::tuple{kLopsided, 2u, 0u}, std::tuple{kEven, 4u, 1u}}) {
    double jobs = 0, robots = 0, picks = 0, stations = 0;
    for (std::size_t j = first; j < first + count; ++j) {
      jobs += breakdown_value(station, "pick_jobs", j);
      robots += breakdown_value(station, "robot_utilisation", j);
      picks += breakdown_value(station, "picks_per_hour", j);
      stations += breakdown_value(station, "station_utilisation", j);
    }
    CHECK(breakdown_value(site, "pick_jobs", w) > 1000);
    CHECK(jobs == breakdown_value(site, "pick_jobs", w));
    CHECK(robots == doctest::Approx(breakdown_value(site, "robot_utilisation", w)).epsilon(1e-12));
    CHECK(picks == doctest::Approx(breakdown_value(site, "picks_per_hour", w)).epsilon(1e-12));
    CHECK(stations / count == doctest::Approx(breakdown_value(site, "station_utilisation", w)).epsilon(1e-12));
  }
}

TEST_CASE("the station next to the fast SKU's slot is busier than the one next to the slow SKU's") {
  const ReplicationResult r = run_one_replication(kWorld);
  const KpiBreakdown& station = breakdown(r, "station");
  const double near_a = breakdown_value(station, "station_utilisation", kLopsided);
  const double near_b = breakdown_value(station, "station_utilisation", kLopsided + 1);
  // Ten times the demand; but a's tasks spill to station 1 whenever station 0 has more than the 2 s of extra
  // travel left to do (about a sixth of them at its utilisation of 0.2), so about three times, not ten.
  CHECK(near_a > 2 * near_b);
  CHECK(breakdown_value(station, "pick_jobs", kLopsided) > 2 * breakdown_value(station, "pick_jobs", kLopsided + 1));
  CHECK(kpi(r, "station_utilisation_max") < near_a);  // the busiest fleet's mean hides its busiest station
}

TEST_CASE("a picking-station centre is one station whose row is its site row") {
  const ReplicationResult r = run_one_replication(kWorld);
  const KpiBreakdown& station = breakdown(r, "station");
  const KpiBreakdown& site = breakdown(r, "site");
  CHECK(breakdown_value(station, "pick_jobs", kManual) > 1000);
  for (const std::string& k : station.kpi_names) {
    const double a = breakdown_value(station, k, kManual), b = breakdown_value(site, k, 2);
    CHECK_MESSAGE((a == b || (std::isnan(a) && std::isnan(b))), k);
  }
  CHECK(std::isnan(breakdown_value(station, "station_utilisation", kManual)));  // a fleet's figure
}

TEST_CASE("a scenario without a picking station or fleet has no station breakdown") {
  const ReplicationResult r = run_one_replication(R"~(start_date: 2025-03-03
horizon: 5d
catalog: {skus: [{id: a, rate: 10}]}
policy: {type: base_stock, S: "5*m"}
sites:
  suppliers: [{name: vendor}]
  warehouses: [{name: plain}]
  regions: [{name: r1}]
lanes:
  - {from: vendor, to: plain, lead_time: 0d}
  - {from: plain, to: r1}
record: {level: kpi_only}
)~");
  for (const KpiBreakdown& b : r.breakdowns) CHECK(b.level != "station");
}
