// Packing stations and outbound docks of a centre (docs/model.md, Packing and outbound docks): one stage worked out
// by hand, zero times that change nothing, and sensitivities over replications: one slow packing station (or one
// slow dock) makes orders late and cycle times long compared with many.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "agents/service_stage.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/replications.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

const std::string kNetwork = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/orders_two_centres.yaml";

std::vector<ReplicationResult> network(std::vector<std::string> overrides, int n) {
  return replications(load_scenario(kNetwork, overrides), n);
}

rng::DistributionSpec hours(double h) {
  rng::DistributionSpec d;
  d.kind = rng::DistributionSpec::Kind::constant;
  d.value = h / 24;
  return d;
}

}  // namespace

TEST_CASE("two stations serve three parts that arrive together in turn, and count busy time within the horizon") {
  // 1 h a part plus 30 min a unit; horizon 3 h. Parts of 2, 0 and 2 units at 00:00: the first two take a station
  // each (ending 02:00 and 01:00), the third waits 1 h for the second station and ends at 03:00.
  agents::ServiceStage stage(2, hours(1), 1800, 3 * 3600.0, rng::Stream({1, 0, "test", "stage", 0}));
  CHECK(stage.serve(0, 2) == 2 * 3600.0);
  CHECK(stage.serve(0, 0) == 3600.0);
  CHECK(stage.serve(0, 2) == 3 * 3600.0);
  CHECK(stage.serve(4 * 3600.0, 0) == 5 * 3600.0);  // after the horizon: served, not counted
  const agents::StageTotals& t = stage.totals();
  CHECK(t.parts == 3);
  CHECK(t.wait_seconds == 3600.0);
  CHECK(t.busy_seconds == 5 * 3600.0);  // 2 h + 1 h + 2 h, all within the 3 h
  CHECK(t.server_seconds == 6 * 3600.0);
}

TEST_CASE("a part that takes no time passes a busy stage at once") {
  agents::ServiceStage stage(1, hours(0), 0, 86400, rng::Stream({1, 0, "test", "stage", 0}));
  CHECK(stage.serve(100, 3) == 100);
  CHECK(stage.totals().busy_seconds == 0);
}

TEST_CASE("packing and loading that take no time give the same results as none") {
  const std::vector<std::string> zero = {"sites.warehouses[0].packing={stations: 1, time: 0h}",
                                         "sites.warehouses[1].packing={stations: 2, time: 0h, time_per_unit: 0s}",
                                         "sites.warehouses[0].outbound={docks: 1, load_time: 0h}"};
  const auto plain = network({}, 2);
  const auto zeroed = network(zero, 2);
  REQUIRE(plain.size() == zeroed.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const ReplicationResult& a = plain[i];
    const ReplicationResult& b = zeroed[i];
    CHECK(kpi(b, "packing_wait_mean") == 0);
    CHECK(kpi(b, "packing_utilisation") == 0);
    CHECK(kpi(b, "outbound_dock_utilisation") == 0);
    for (std::size_t k = 0; k < a.kpi_names.size(); ++k) {
      CAPTURE(a.kpi_names[k]);
      const double x = a.kpi_values[k], y = kpi(b, a.kpi_names[k]);
      CHECK(((std::isnan(x) && std::isnan(y)) || x == y));
    }
  }
}

TEST_CASE("one slow packing station lowers on_time_rate and raises cycle_time_p95 compared with many") {
  const int n = 8;
  const auto one = network({"sites.warehouses[0].packing={stations: 1, time: {dist: exponential, mean: 20m}}"}, n);
  const auto many = network({"sites.warehouses[0].packing={stations: 20, time: {dist: exponential, mean: 20m}}"}, n);
  const stats::Summary on_time = difference(one, many, "on_time_rate");
  const stats::Summary p95 = difference(one, many, "cycle_time_p95");
  const stats::Summary wait = difference(one, many, "packing_wait_mean");
  MESSAGE("one - many stations: on_time_rate " << on_time.mean << " +/- " << on_time.half_width << ", cycle_time_p95 "
                                               << p95.mean << " +/- " << p95.half_width << " h, packing_wait_mean "
                                               << wait.mean << " +/- " << wait.half_width);
  CHECK(on_time.mean + on_time.half_width < 0);
  CHECK(p95.mean - p95.half_width > 0);
  CHECK(wait.mean - wait.half_width > 0);
  // Only north_fc packs: the other site has no packing KPIs.
  CHECK(std::isnan(site(one[0], "packing_utilisation", 1)));
  CHECK(site(one[0], "packing_utilisation", 0) == kpi(one[0], "packing_utilisation"));
}

TEST_CASE("one slow outbound dock makes more parts miss their cut-off than many docks") {
  const int n = 8;
  const auto one = network({"sites.warehouses[1].outbound={docks: 1, load_time: {dist: exponential, mean: 20m}}"}, n);
  const auto many = network({"sites.warehouses[1].outbound={docks: 20, load_time: {dist: exponential, mean: 20m}}"}, n);
  const stats::Summary missed = difference(one, many, "cutoffs_missed");
  const stats::Summary busy = difference(one, many, "outbound_dock_utilisation");
  MESSAGE("one - many docks: cutoffs_missed " << missed.mean << " +/- " << missed.half_width
                                              << ", outbound_dock_utilisation " << busy.mean << " +/- "
                                              << busy.half_width);
  CHECK(missed.mean - missed.half_width > 0);
  CHECK(busy.mean - busy.half_width > 0);  // the same loading work on fewer docks
}
