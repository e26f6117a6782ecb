// The robot fleet on tasks small enough to follow by hand: geometry, one task's timeline, shifts,
// peak-day robots, charging, the day-end backlog and its streams; and its KPIs in the recorder.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "agents/robot_fleet.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"
#include "tests/support/results.hpp"

using namespace peaksim;
using agents::RobotFleet;
using test::kpi;
using Kind = rng::DistributionSpec::Kind;

namespace {

rng::DistributionSpec seconds(double s) { return {.kind = Kind::constant, .value = s / kSecondsPerDay}; }

// Two aisles 4 m apart, five 1 m bays, two levels 0.5 m apart; one station at the middle of the
// 8 m front (x = 4). Slots: aisle 0 at x = 2, aisle 1 at x = 6; bay b at y = b + 0.5.
RobotFleetSpec small_spec(RobotMode mode) {
  RobotFleetSpec s;
  s.count = 1;
  s.mode = mode;
  s.layout = {.aisles = 2, .bays = 5, .levels = 2, .bay_width_m = 1, .aisle_width_m = 4, .level_height_m = 0.5};
  s.stations = 1;
  s.station_time_days = seconds(10);
  s.speed_mps = 2;
  s.lift_time_days = seconds(3);
  s.pick_time_per_unit_days = seconds(4);
  s.slotting = Slotting::velocity;
  return s;
}

// Velocity slotting ranks SKUs 0, 1, 2 (means 5, 3, 1) onto the slots nearest the station: slot 0
// (aisle 0, bay 0, level 0: 0.5 + 2 = 2.5 m), slot 10 (aisle 1, bay 0, level 0: 2.5 m, a tie kept in
// slot order), then slot 1 (aisle 0, bay 0, level 1: 2.5 m + 0.5 m up = 3 m).
const std::vector<double> kMeans = {5, 3, 1};

RobotFleet fleet(const RobotFleetSpec& s, int days = 10, std::vector<std::uint8_t> peak = {},
                 std::uint64_t replication = 0) {
  return RobotFleet(s, days, kMeans, std::move(peak), 11, replication, "warehouse:test");
}

}  // namespace

TEST_CASE("distances are rectilinear through the front between aisles, along an aisle within one, plus the lift") {
  const RobotFleet f = fleet(small_spec(RobotMode::goods_to_person));
  const auto station = f.station_point(0);
  CHECK(station.x == 4);
  CHECK(f.distance_m(station, f.slot_point(0)) == 2.5);
  CHECK(f.distance_m(station, f.slot_point(1)) == 3.0);        // level 1: 0.5 m up
  CHECK(f.distance_m(f.slot_point(0), f.slot_point(8)) == 4);  // same aisle, bay 0 -> bay 4
  CHECK(f.distance_m(f.slot_point(1), f.slot_point(10)) == 0.5 + 4 + 0.5 + 0.5);
  CHECK(f.slot_of(0) == 0);
  CHECK(f.slot_of(1) == 10);
  CHECK(f.slot_of(2) == 1);
}

TEST_CASE("a goods-to-person task on an idle fleet takes travel, lift, travel and the station, as worked out by hand") {
  RobotFleet f = fleet(small_spec(RobotMode::goods_to_person));
  // SKU 2 (slot 1, 3 m away at 2 m/s): 1.5 s out, 3 s lift, 1.5 s back, station 10 s + one unit 4 s.
  CHECK(f.complete(100, 2, 1) == 100 + 1.5 + 3 + 1.5 + 14);
  // The robot returned the pod to slot 1 (free at 121.5) and goes from there to slot 10 (5.5 m):
  // 2.75 s, lift 3 s, 2.5 m to the station 1.25 s, station 10 s + two units 8 s.
  CHECK(f.complete(200, 1, 2) == 200 + 2.75 + 3 + 1.25 + 18);
  CHECK(f.fleet_totals().travel_metres == 3 * 3 + 5.5 + 2.5 + 2.5);
  CHECK(f.totals().jobs == 2);
  CHECK(f.totals().wait_seconds == 0);
  CHECK(f.totals().busy_seconds == (121.5 - 100) + (225 + 1.25 - 200));  // the return leg is busy time
  CHECK(f.fleet_totals().station_busy_seconds == 14 + 18);
  CHECK(f.fleet_totals().units_picked == 3);
}

TEST_CASE("a person-to-goods robot picks at the slot and stays at the station") {
  RobotFleet f = fleet(small_spec(RobotMode::person_to_goods));
  CHECK(f.complete(100, 2, 1) == 100 + 1.5 + 3 + 4 + 1.5 + 10);
  // From the station, not from slot 1: 2.5 m out, 3 s + 8 s at the slot, 2.5 m back, 10 s.
  CHECK(f.complete(200, 1, 2) == 200 + 1.25 + 11 + 1.25 + 10);
}

TEST_CASE("a task waits for the earliest free robot, then for its station") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.count = 2;
  RobotFleet f = fleet(s);
  const double first = f.complete(0, 0, 1);  // 1.25 + 3 + 1.25 + 14 = 19.5
  CHECK(first == 19.5);
  // The second robot starts at once, reaches the station at 5.5 and waits for it until 19.5.
  CHECK(f.complete(0, 0, 1) == 19.5 + 14);
  // The third task waits for robot 0, free at 19.5 + 1.25 (its return leg) at slot 0 already: lift
  // until 23.75, at the station at 25, which is busy until 33.5.
  CHECK(f.complete(1, 0, 1) == 33.5 + 14);
  CHECK(f.totals().waited == 1);
  CHECK(f.totals().wait_seconds == 20.75 - 1);
}

TEST_CASE("with congestion a robot entering an aisle another robot is in moves at the shared speed") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.count = 2;
  s.stations = 2;  // at x = 2 and x = 6; robot 0 starts at the first, robot 1 at the second
  for (std::optional<int> congestion : {std::optional<int>{}, std::optional<int>{1}}) {
    s.congestion = congestion;
    RobotFleet f = fleet(s);
    // Robot 0 goes 0.5 m to slot 0 (aisle 0) and stays in the aisle until its lift ends at 3.25 s.
    CHECK(f.complete(0, 0, 1) == 0.25 + 3 + 0.25 + 14);
    // Robot 1 goes 5 m from x = 6 to slot 1 (aisle 0, level 1) at 1 s: two robots in the aisle share a
    // capacity of one, so half speed (1 m/s) on all its legs; it lifts, and the second station, free,
    // is reached first (5 m) rather than the first, busy until 17.5. At full speed: 2 m/s.
    const double speed = congestion ? 1 : 2;
    CHECK(f.complete(1, 2, 1) == 1 + 5 / speed + 3 + 5 / speed + 14);
  }
}

TEST_CASE("outside its shifts no task starts: one released after the shift starts at the next one") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.shifts = {{6.0 / 24, 22.0 / 24}};
  RobotFleet f = fleet(s);
  const double late = 23 * 3600.0, next_morning = kSecondsPerDay + 6 * 3600.0;
  CHECK(f.complete(late, 0, 1) == next_morning + 19.5);
  CHECK(f.totals().wait_seconds == next_morning - late);
  CHECK(f.fleet_totals().working_hours == 10 * 16);
}

TEST_CASE("peak_extra robots take tasks on peak days only") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.stations = 2;  // stations at x = 2 and 6: slot 0 is 0.5 m from the first
  s.peak_extra = 1;
  RobotFleet f = fleet(s, 3, {0, 1, 0});
  // Day 0: the second task waits for the one regular robot.
  f.complete(0, 0, 1);
  f.complete(0, 0, 1);
  CHECK(f.totals().waited == 1);
  // Day 1 (peak): two tasks at the same instant both start at once.
  f.complete(kSecondsPerDay, 0, 1);
  f.complete(kSecondsPerDay, 0, 1);
  CHECK(f.totals().waited == 1);
  CHECK(f.totals().robot_seconds == 3 * kSecondsPerDay + kSecondsPerDay);
}

TEST_CASE("a robot that has worked its battery's work time charges before its next task") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.battery_work_days = 10 / kSecondsPerDay;
  s.battery_charge_days = 100 / kSecondsPerDay;
  RobotFleet f = fleet(s);
  f.complete(0, 0, 1);  // busy 0 .. 20.75, then charges until 120.75
  // Then from slot 0 (no travel): lift 3 s, 1.25 s to the station, 14 s there.
  CHECK(f.complete(50, 0, 1) == 120.75 + 3 + 1.25 + 14);
}

TEST_CASE("the backlog at a day's end counts the tasks released by then that no robot has started") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.station_time_days = seconds(3600);
  RobotFleet f = fleet(s);
  const double evening = kSecondsPerDay - 100;
  for (int k = 0; k < 4; ++k) f.complete(evening, 0, 1);  // one starts, three wait past midnight
  f.complete(kSecondsPerDay + 10, 0, 1);                  // released tomorrow: not today's backlog
  f.close_day(0);
  CHECK(f.fleet_totals().backlog_sum == 3);
  CHECK(f.fleet_totals().backlog_days == 1);
}

TEST_CASE("the same seed and replication give the same completions, another replication others") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.count = 3;
  s.stations = 2;
  s.slotting = Slotting::random;
  s.station_time_days = {.kind = Kind::exponential, .mean = 30 / kSecondsPerDay};
  s.mtbf_days = 1.0 / 24;
  s.mttr_days = 0.1 / 24;
  s.congestion = 1;
  auto run = [&](std::uint64_t replication) {
    RobotFleet f = fleet(s, 10, {}, replication);
    DailyFlows flows(3);
    flows.sales = {400, 200, 100};
    for (int day = 0; day < 3; ++day) f.run_day(day, flows);
    return std::vector<double>{f.totals().wait_seconds, f.totals().busy_seconds, f.fleet_totals().repair_seconds,
                               double(f.fleet_totals().failures), f.fleet_totals().backlog_sum};
  };
  CHECK(run(0) == run(0));
  CHECK(run(0) != run(1));
  CHECK(run(0)[3] > 0);  // failures did happen
}

TEST_CASE("fleet KPIs: per site, pooled time shares, summed rates and backlogs, and the busiest stations apart") {
  RecorderSetup setup;
  setup.record.level = RecordLevel::kpi_only;
  setup.horizon_days = 1;
  setup.sites = 3;
  setup.price = setup.cost = setup.salvage = {0.0};
  setup.sku_category = {0};
  setup.peak_day = {0};
  setup.picking_site = {1, 1, 0};
  setup.fleet_site = {1, 1, 0};
  Recorder recorder(setup);
  PickTotals tasks;
  tasks.jobs = 10;
  tasks.robot_seconds = kSecondsPerDay;
  FleetTotals busy, idle;
  busy.station_busy_seconds = 0.9 * kSecondsPerDay;
  busy.station_seconds = kSecondsPerDay;
  busy.units_picked = 1600;
  busy.working_hours = 16;
  busy.backlog_sum = 30;
  busy.backlog_days = 1;
  busy.failures = 2;
  busy.operating_seconds = 900;
  busy.repair_seconds = 100;
  idle.station_seconds = 3 * kSecondsPerDay;
  idle.units_picked = 240;
  idle.working_hours = 24;
  idle.backlog_days = 1;
  idle.operating_seconds = 100;
  recorder.close_fleet(0, tasks, busy);
  recorder.close_fleet(1, tasks, idle);
  const ReplicationResult r = recorder.finish(0);
  CHECK(kpi(r, "station_utilisation") == doctest::Approx(0.9 / 4));  // pooled over 4 stations
  CHECK(kpi(r, "station_utilisation_max") == doctest::Approx(0.9));
  CHECK(kpi(r, "picks_per_hour") == doctest::Approx(100 + 10));
  CHECK(kpi(r, "pick_backlog_mean") == 30);
  CHECK(kpi(r, "robot_failures") == 2);
  CHECK(kpi(r, "robot_availability") == doctest::Approx(1000.0 / 1100));
  CHECK(kpi(r, "pick_jobs") == 20);  // the tasks are the picking KPIs' jobs
  const KpiBreakdown& site = test::breakdown(r, "site");
  CHECK(test::breakdown_value(site, "picks_per_hour", 0) == doctest::Approx(100));
  CHECK(test::breakdown_value(site, "robot_availability", 1) == 1);
  CHECK(std::isnan(test::breakdown_value(site, "station_utilisation", 2)));
}

TEST_CASE("re-slotting before the peak moves SKUs to their peak-velocity slots, each move a stint of robot time") {
  // Random slotting; peak days 5 and 6 (the peak window's factor 2 for every SKU), re-slotted 2 days before:
  // day 3 at 00:00. The peak ranks SKUs 0, 1, 2 as their means do, so they go to slots 0, 10, 1.
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.slotting = Slotting::random;
  s.reslot_before_peak_days = 2;
  const std::vector<std::uint8_t> peak = {0, 0, 0, 0, 0, 1, 1, 0, 0, 0};
  const std::vector<double> factor = {1, 1, 1, 1, 1, 2, 2, 1, 1, 1};
  const auto make = [&](double hours_per_sku) {
    s.reslot_time_per_sku_days = hours_per_sku / 24;
    return RobotFleet(s, 10, kMeans, peak, 11, 0, "warehouse:test", factor);
  };
  RobotFleet free = make(0), costly = make(1);
  CHECK(costly.reslot_at() == 3 * kSecondsPerDay);
  const std::vector<std::size_t> before = {costly.slot_of(0), costly.slot_of(1), costly.slot_of(2)};
  const std::vector<std::size_t> peak_slots = {0, 10, 1};
  std::int64_t moved = 0;
  for (std::size_t k = 0; k < 3; ++k) moved += before[k] != peak_slots[k];
  REQUIRE(moved > 0);  // random slotting (seed 11) puts some SKU elsewhere
  // A task on day 2 sees the old slots.
  CHECK(free.complete(2 * kSecondsPerDay, 0, 1) == costly.complete(2 * kSecondsPerDay, 0, 1));
  CHECK(costly.slot_of(0) == before[0]);
  // The first task at or after day 3 re-slots first: the one robot moves `moved` SKUs for an hour each.
  const double release = 3 * kSecondsPerDay + 10;
  const double a = free.complete(release, 1, 1), b = costly.complete(release, 1, 1);
  for (std::size_t k = 0; k < 3; ++k) CHECK(costly.slot_of(k) == peak_slots[k]);
  CHECK(costly.skus_moved() == moved);
  CHECK(b - a == doctest::Approx(double(moved) * 3600 - 10));
  CHECK(costly.totals().busy_seconds - free.totals().busy_seconds == doctest::Approx(double(moved) * 3600));
}

TEST_CASE("without a peak day in the horizon there is no re-slotting") {
  RobotFleetSpec s = small_spec(RobotMode::goods_to_person);
  s.reslot_before_peak_days = 2;
  const RobotFleet f = fleet(s);
  CHECK(f.reslot_at() == RobotFleet::kNoReslot);
}
