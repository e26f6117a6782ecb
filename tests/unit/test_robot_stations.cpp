// A robot fleet's stations on their own: which station a task is bound to, what each station measures, and
// that the stations add up to the fleet (the /kpi_by/station rows, and their relation to the site row).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "agents/robot_fleet.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/kernel/schedule.hpp"
#include "tests/support/results.hpp"

using namespace peaksim;
using agents::RobotFleet;
using Kind = rng::DistributionSpec::Kind;

namespace {

rng::DistributionSpec seconds(double s) { return {.kind = Kind::constant, .value = s / kSecondsPerDay}; }

// Two aisles 4 m apart (x = 2 and 6), five 1 m bays, two levels; two stations, at x = 2 and x = 6 of the 8 m
// front, each at the mouth of one aisle. Velocity slotting puts SKU 0 in slot 0 (aisle 0, 0.5 m from station
// 0, 4.5 m from station 1), SKU 1 in slot 10 (aisle 1, the mirror image) and SKU 2 in slot 1 (aisle 0, up).
RobotFleetSpec two_stations(int robots) {
  RobotFleetSpec s;
  s.count = robots;
  s.mode = RobotMode::goods_to_person;
  s.layout = {.aisles = 2, .bays = 5, .levels = 2, .bay_width_m = 1, .aisle_width_m = 4, .level_height_m = 0.5};
  s.stations = 2;
  s.station_time_days = seconds(10);
  s.speed_mps = 2;
  s.lift_time_days = seconds(3);
  s.pick_time_per_unit_days = seconds(4);
  s.slotting = Slotting::velocity;
  return s;
}

RobotFleet fleet(int robots) { return RobotFleet(two_stations(robots), 10, {5, 3, 1}, {}, 11, 0, "warehouse:test"); }

// The stations' figures summed.
StationTotals summed(const std::vector<StationTotals>& stations) {
  StationTotals sum;
  for (const StationTotals& s : stations) {
    sum.tasks += s.tasks;
    sum.units_picked += s.units_picked;
    sum.busy_seconds += s.busy_seconds;
    sum.robot_busy_seconds += s.robot_busy_seconds;
  }
  return sum;
}

}  // namespace

TEST_CASE("on an idle fleet each task goes to the station nearest its SKU's slot, which alone does its work") {
  RobotFleet f = fleet(1);
  REQUIRE(f.slot_of(0) == 0);
  REQUIRE(f.slot_of(1) == 10);
  REQUIRE(f.slot_of(2) == 1);
  // One task every 1000 s (each takes well under a minute): SKUs 0 and 2 sit in aisle 0, SKU 1 in aisle 1.
  const std::vector<std::size_t> skus = {0, 2, 0, 1, 0, 2, 1, 0};
  for (std::size_t i = 0; i < skus.size(); ++i) f.complete(1000.0 * double(i + 1), skus[i], 2);
  const std::vector<StationTotals>& st = f.station_totals();
  REQUIRE(st.size() == 2);
  CHECK(st[0].tasks == 6);
  CHECK(st[1].tasks == 2);
  CHECK(st[0].units_picked == 12);
  CHECK(st[1].units_picked == 4);
  // A station's busy time is its tasks' station time (10 s) plus the picking of their 2 units (4 s each).
  CHECK(st[0].busy_seconds == 6 * 18.0);
  CHECK(st[1].busy_seconds == 2 * 18.0);
}

TEST_CASE("under load tasks spill to the station free first, and the stations add up to the fleet") {
  // Four robots take 40 tasks of SKU 0 released at once: station 0, nearest, queues up, and a task goes to
  // station 1 when it can begin there first despite the 4 m further to travel. Saturated, the two stations
  // take turns, the nearer never taking fewer.
  RobotFleet f = fleet(4);
  for (int i = 0; i < 40; ++i) f.complete(100, 0, 1);
  const std::vector<StationTotals>& st = f.station_totals();
  CHECK(st[1].tasks > 0);
  CHECK(st[0].tasks >= st[1].tasks);
  const StationTotals sum = summed(st);
  CHECK(sum.tasks == f.totals().jobs);
  CHECK(sum.units_picked == f.fleet_totals().units_picked);
  CHECK(sum.busy_seconds == doctest::Approx(f.fleet_totals().station_busy_seconds).epsilon(1e-12));
  CHECK(sum.robot_busy_seconds == doctest::Approx(f.totals().busy_seconds).epsilon(1e-12));
}

TEST_CASE("re-slotting moves take robot time that no station is charged with") {
  RobotFleetSpec s = two_stations(1);
  s.slotting = Slotting::random;
  s.reslot_before_peak_days = 2;
  s.reslot_time_per_sku_days = 1.0 / 24;
  RobotFleet f(s, 10, {5, 3, 1}, {0, 0, 0, 0, 0, 1, 1, 0, 0, 0}, 11, 0, "warehouse:test",
               {1, 1, 1, 1, 1, 2, 2, 1, 1, 1});
  f.complete(kSecondsPerDay, 0, 1);
  f.complete(4 * kSecondsPerDay, 1, 1);  // after the move, on day 3
  REQUIRE(f.skus_moved() > 0);
  CHECK(f.totals().busy_seconds - summed(f.station_totals()).robot_busy_seconds ==
        doctest::Approx(double(f.skus_moved()) * 3600));
}

TEST_CASE("the station rows: a fleet's stations share its denominators, a picking station is its site's row") {
  RecorderSetup setup;
  setup.record.level = RecordLevel::kpi_only;
  setup.horizon_days = 1;
  setup.sites = 3;
  setup.price = setup.cost = setup.salvage = {0.0};
  setup.sku_category = {0};
  setup.peak_day = {0};
  setup.picking_site = {1, 0, 1};
  setup.fleet_site = {1, 0, 0};
  Recorder recorder(setup);
  PickTotals tasks;
  tasks.jobs = 30;
  tasks.busy_seconds = 0.8 * kSecondsPerDay;
  tasks.robot_seconds = 2 * kSecondsPerDay;  // two robots
  FleetTotals fleet;
  fleet.station_busy_seconds = 0.75 * kSecondsPerDay;
  fleet.station_seconds = 2 * kSecondsPerDay;
  fleet.units_picked = 48;
  fleet.working_hours = 24;
  std::vector<StationTotals> stations(2);
  stations[0] = {.tasks = 20,
                 .units_picked = 36,
                 .busy_seconds = 0.5 * kSecondsPerDay,
                 .robot_busy_seconds = 0.6 * kSecondsPerDay};
  stations[1] = {.tasks = 10,
                 .units_picked = 12,
                 .busy_seconds = 0.25 * kSecondsPerDay,
                 .robot_busy_seconds = 0.2 * kSecondsPerDay};
  recorder.close_fleet(0, tasks, fleet, stations);
  PickTotals picking;
  picking.jobs = 7;
  picking.busy_seconds = 0.3 * kSecondsPerDay;
  picking.robot_seconds = kSecondsPerDay;
  recorder.close_picking(2, picking);
  const ReplicationResult r = recorder.finish(0);
  const KpiBreakdown& by = test::breakdown(r, "station");
  REQUIRE(by.entities == 3);  // the fleet's two stations, then the picking station
  CHECK(test::breakdown_value(by, "pick_jobs", 0) == 20);
  CHECK(test::breakdown_value(by, "robot_utilisation", 0) == doctest::Approx(0.3));  // of the fleet's 2 robots
  CHECK(test::breakdown_value(by, "robot_utilisation", 1) == doctest::Approx(0.1));
  CHECK(test::breakdown_value(by, "station_utilisation", 0) == doctest::Approx(0.5));
  CHECK(test::breakdown_value(by, "station_utilisation", 1) == doctest::Approx(0.25));
  CHECK(test::breakdown_value(by, "picks_per_hour", 0) == doctest::Approx(1.5));
  CHECK(test::breakdown_value(by, "picks_per_hour", 1) == doctest::Approx(0.5));
  const KpiBreakdown& site = test::breakdown(r, "site");
  for (const char* k : {"pick_jobs", "robot_utilisation", "picks_per_hour"})
    CHECK(test::breakdown_value(by, k, 0) + test::breakdown_value(by, k, 1) ==
          doctest::Approx(test::breakdown_value(site, k, 0)));
  CHECK((test::breakdown_value(by, "station_utilisation", 0) + test::breakdown_value(by, "station_utilisation", 1)) /
            2 ==
        doctest::Approx(test::breakdown_value(site, "station_utilisation", 0)));
  CHECK(test::breakdown_value(by, "pick_jobs", 2) == 7);
  CHECK(test::breakdown_value(by, "robot_utilisation", 2) == test::breakdown_value(site, "robot_utilisation", 2));
  CHECK(std::isnan(test::breakdown_value(by, "station_utilisation", 2)));
}
