// The robot fleet's speed: tasks completed per second of CPU, for a large fleet (500 robots, 100 stations,
// 40 aisles x 60 bays x 4 levels, congestion, failures, charging, two shifts) on about a million tasks at
// Poisson instants over 12 days, 2,000 SKUs of Zipf demand with velocity slotting. Prints the figure;
// docs/performance.md records it.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "agents/robot_fleet.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

using namespace peaksim;

int main(int argc, char** argv) {
  const int robots = argc > 1 ? std::atoi(argv[1]) : 500;
  const long tasks = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const int days = 12;  // the robots busy about 0.8 of their shift time (congestion slows them)
  auto secs = [](double s) { return s / kSecondsPerDay; };
  using Kind = rng::DistributionSpec::Kind;
  RobotFleetSpec spec;
  spec.count = robots;
  spec.stations = robots / 5;
  spec.layout = {.aisles = 40, .bays = 60, .levels = 4, .bay_width_m = 1.2, .aisle_width_m = 3, .level_height_m = 0.5};
  spec.station_time_days = {.kind = Kind::exponential, .mean = secs(20)};
  spec.lift_time_days = {.kind = Kind::constant, .value = secs(3)};
  spec.pick_time_per_unit_days = {.kind = Kind::constant, .value = secs(4)};
  spec.slotting = Slotting::velocity;
  spec.congestion = 4;
  spec.battery_work_days = 6.0 / 24;
  spec.battery_charge_days = 1.0 / 24;
  spec.mtbf_days = 50.0 / 24;
  spec.mttr_days = 1.0 / 24;
  spec.shifts = {{6.0 / 24, 14.0 / 24}, {14.0 / 24, 22.0 / 24}};
  std::vector<double> means;
  for (int k = 1; k <= 2000; ++k) means.push_back(1.0 / k);
  std::vector<double> cumulative(means.size());
  std::partial_sum(means.begin(), means.end(), cumulative.begin());

  // Releases and SKUs drawn beforehand, so that only the fleet is timed.
  rng::Stream gaps({1, 0, "bench", "releases", 0}), pick({1, 0, "bench", "skus", 0});
  std::vector<double> release(static_cast<std::size_t>(tasks));
  std::vector<std::size_t> sku(static_cast<std::size_t>(tasks));
  const double mean_gap = days * kSecondsPerDay / double(tasks);
  double t = 0;
  for (long k = 0; k < tasks; ++k) {
    t += rng::exponential(gaps, mean_gap);
    release[std::size_t(k)] = t;
    const double u = pick.uniform() * cumulative.back();
    sku[std::size_t(k)] = std::min<std::size_t>(
        std::size_t(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin()), means.size() - 1);
  }

  agents::RobotFleet fleet(spec, days, means, {}, 1, 0, "warehouse:bench");
  const auto start = std::chrono::steady_clock::now();
  double last = 0;
  for (long k = 0; k < tasks; ++k) last = fleet.complete(release[std::size_t(k)], sku[std::size_t(k)], 1);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const PickTotals& p = fleet.totals();
  fmt::print("robot fleet: {} robots, {} stations, {} tasks in {:.3f} s: {:.3g} tasks/s\n", robots, spec.stations,
             tasks, seconds, double(tasks) / seconds);
  const FleetTotals& f = fleet.fleet_totals();
  fmt::print(
      "  mean wait {:.1f} s, robot utilisation {:.3f} (shifts: {:.3f}), station utilisation {:.3f}, failures {}, "
      "last completion on day {:.2f}\n",
      p.wait_seconds / double(p.jobs), p.busy_seconds / p.robot_seconds,
      p.busy_seconds / (robots * f.working_hours * 3600), f.station_busy_seconds / f.station_seconds, f.failures,
      last / kSecondsPerDay);
}
