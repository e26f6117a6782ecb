// The picking station on job lists small enough to follow by hand, and its daily job draws.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "agents/picking_station.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"
#include "tests/support/results.hpp"

using namespace peaksim;
using agents::PickingStation;
using peaksim::test::kpi;

namespace {

PickingSpec spec(int robots, double pick_seconds) {
  return {robots, {.kind = rng::DistributionSpec::Kind::constant, .value = pick_seconds / kSecondsPerDay}};
}

PickingStation station(const PickingSpec& s, double horizon_seconds, std::uint64_t replication = 0) {
  return PickingStation(s, horizon_seconds, rng::Stream({7, replication, "warehouse:test", "pick_arrivals", 0}),
                        rng::Stream({7, replication, "warehouse:test", "pick_time", 0}));
}

struct Job {
  double arrival, pick;
};
// Two robots. Job 1 (0, 10) and job 2 (1, 5) start at once; job 3 (2, 4) waits for the robot
// free at 6 and ends at 10; job 4 (3, 1) waits for 10 (both robots busy until then) and ends at
// 11; job 5 (20, 2) finds both robots idle.
const std::vector<Job> kJobs = {{0, 10}, {1, 5}, {2, 4}, {3, 1}, {20, 2}};
const std::vector<double> kWaits = {0, 0, 4, 7, 0};

}  // namespace

TEST_CASE("two robots serve a hand-checked job list first come, first served on the earliest free robot") {
  PickingStation s = station(spec(2, 1), 100);
  for (std::size_t j = 0; j < kJobs.size(); ++j) CHECK(s.serve(kJobs[j].arrival, kJobs[j].pick) == kWaits[j]);
  const PickTotals& t = s.totals();
  CHECK(t.jobs == 5);
  CHECK(t.waited == 2);
  CHECK(t.wait_seconds == 11);
  CHECK(t.sojourn_seconds == 10 + 5 + 8 + 8 + 2);  // end - arrival of each job
  CHECK(t.busy_seconds == 10 + 5 + 4 + 1 + 2);
  CHECK(t.robot_seconds == 200);
}

TEST_CASE("time in the station and robot busy time are cut at the end of the horizon") {
  // Horizon 9 s: job 1 counts 9 s, job 2 5 s, job 3 7 s, job 4 6 s; job 5 arrives after the end.
  // Busy: 9 + 5 + 3 (job 3 starts at 6) + 0 (job 4 starts at 10).
  PickingStation s = station(spec(2, 1), 9);
  for (const Job& j : kJobs) s.serve(j.arrival, j.pick);
  const PickTotals& t = s.totals();
  CHECK(t.jobs == 4);
  CHECK(t.wait_seconds == 11);  // job 4's wait is its own, even though it starts after the horizon
  CHECK(t.sojourn_seconds == 9 + 5 + 7 + 6);
  CHECK(t.busy_seconds == 9 + 5 + 3);
  CHECK(t.robot_seconds == 18);
}

TEST_CASE("one robot serves in arrival order and its queue carries over midnight") {
  // A job at 23:59:50 with a 30 s pick keeps the robot busy until 00:00:20 of day 1.
  const double midnight = kSecondsPerDay;
  PickingStation s = station(spec(1, 1), 10 * kSecondsPerDay);
  CHECK(s.serve(midnight - 10, 30) == 0);
  CHECK(s.serve(midnight + 5, 10) == 15);
  CHECK(s.serve(midnight + 6, 10) == 24);
  CHECK(s.serve(midnight + 100, 10) == 0);
  CHECK(s.totals().waited == 2);
}

TEST_CASE("a day's jobs are the units shipped, spread over that day, and the same streams give the same totals") {
  const double horizon = 3 * kSecondsPerDay;
  PickingStation a = station(spec(1, 120), horizon), b = station(spec(1, 120), horizon);
  DailyFlows flows(2);
  flows.sales = {300, 200};
  flows.backorders_filled = {0, 100};
  for (int day = 0; day < 3; ++day) {
    a.run_day(day, flows);
    b.run_day(day, 600);
  }
  CHECK(a.totals().jobs == 1800);
  CHECK(a.totals().wait_seconds == b.totals().wait_seconds);
  CHECK(a.totals().sojourn_seconds == b.totals().sojourn_seconds);
  // Fixed 120 s picks (utilisation 0.83): at most every pick, less what is still queued at the end.
  CHECK(a.totals().busy_seconds <= 1800 * 120 + 1e-6);
  CHECK(a.totals().busy_seconds > 0.95 * 1800 * 120);
  // Day 1's jobs arrive in [1 d, 2 d): none inside a one-day horizon, all inside a two-day one.
  for (int days : {1, 2}) {
    PickingStation d = station(spec(1, 120), days * kSecondsPerDay);
    d.run_day(1, 600);
    CHECK(d.totals().jobs == (days == 1 ? 0 : 600));
  }
  // Another replication draws other arrival instants.
  PickingStation c = station(spec(1, 120), horizon, 1);
  for (int day = 0; day < 3; ++day) c.run_day(day, 600);
  CHECK(c.totals().sojourn_seconds != a.totals().sojourn_seconds);
}

// A recorder for `sites` sites of one SKU over one day, with stations where `picking` says.
Recorder picking_recorder(std::vector<std::uint8_t> picking) {
  RecorderSetup s;
  s.record.level = RecordLevel::kpi_only;
  s.horizon_days = 1;
  s.sites = int(picking.size());
  s.price = s.cost = s.salvage = {0.0};
  s.sku_category = {0};
  s.peak_day = {0};
  s.picking_site = std::move(picking);
  return Recorder(s);
}

TEST_CASE("picking KPIs are reported only when some warehouse has a station, per station and pooled") {
  Scenario sc;
  sc.seed = 1;
  sc.horizon_days = 1;
  sc.warehouses.resize(2);
  sc.warehouses[0].name = "a";
  sc.warehouses[1].name = "b";
  sc.warehouses[1].picking = spec(2, 60);
  NetworkPlan plan;
  plan.scenario = &sc;
  auto stations = agents::make_picking_stations(plan, 0);
  REQUIRE(stations.size() == 2);
  CHECK(stations[0] == nullptr);
  REQUIRE(stations[1] != nullptr);
  for (const Job& j : kJobs) stations[1]->serve(j.arrival, j.pick);
  Recorder recorder = picking_recorder({0, 1});
  recorder.close_picking(1, stations[1]->totals());
  const ReplicationResult r = recorder.finish(0);
  CHECK(kpi(r, "pick_jobs") == 5);
  CHECK(kpi(r, "pick_wait_mean") == doctest::Approx(11.0 / 5 / 60));  // minutes
  CHECK(kpi(r, "pick_wait_mean_max") == doctest::Approx(11.0 / 5 / 60));
  CHECK(kpi(r, "pick_wait_probability") == doctest::Approx(0.4));
  CHECK(kpi(r, "pick_in_system_mean") == doctest::Approx(33 / kSecondsPerDay));
  CHECK(kpi(r, "robot_utilisation") == doctest::Approx(22 / (2 * kSecondsPerDay)));
  // The site without a station has NaN figures, not zeros.
  const KpiBreakdown& site = test::breakdown(r, "site");
  CHECK(std::isnan(test::breakdown_value(site, "pick_jobs", 0)));
  CHECK(test::breakdown_value(site, "pick_jobs", 1) == 5);

  const ReplicationResult none = picking_recorder({0, 0}).finish(0);
  CHECK_FALSE(test::has_kpi(none, "pick_jobs"));
}

TEST_CASE("a saturated station is not hidden by an idle one: network figures pool, the _max figures do not") {
  Recorder recorder = picking_recorder({1, 1});
  PickTotals busy, idle;
  busy.jobs = 100;
  busy.wait_seconds = 100 * 600.0;  // 10 minutes each
  busy.busy_seconds = busy.robot_seconds = kSecondsPerDay;
  idle.jobs = 900;
  idle.robot_seconds = kSecondsPerDay;
  recorder.close_picking(0, busy);
  recorder.close_picking(1, idle);
  const ReplicationResult r = recorder.finish(0);
  CHECK(kpi(r, "pick_wait_mean") == doctest::Approx(1.0));  // 100 x 10 minutes over 1000 jobs
  CHECK(kpi(r, "pick_wait_mean_max") == doctest::Approx(10.0));
  CHECK(kpi(r, "robot_utilisation") == doctest::Approx(0.5));
  CHECK(kpi(r, "robot_utilisation_max") == doctest::Approx(1.0));
}

TEST_CASE("an exponential pick time draws minus the mean times the log of a uniform from its stream") {
  using Kind = rng::DistributionSpec::Kind;
  const rng::DistributionSpec d{.kind = Kind::exponential, .mean = 90};
  rng::Stream a({1, 0, "warehouse:test", "pick_time", 0}), b({1, 0, "warehouse:test", "pick_time", 0});
  for (int k = 0; k < 5; ++k) CHECK(rng::sample(a, d) == rng::exponential(b, 90));
  CHECK(d.mean_value() == 90);
  CHECK(rng::to_string(Kind::exponential) == "exponential");
}
