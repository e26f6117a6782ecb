// Validation: the warehouse robot fleet (agents/robot_fleet.*) against queueing and reliability theory,
// and its layout conventions against each other. The fleet is driven directly: tasks are released as a
// Poisson process (exponential gaps from a stream of the test's own), one unit each, on SKUs drawn by
// their demand share, and each replication is a fresh fleet with its own replication id.
//
// Start-up: each replication starts empty; the first kWarmUp tasks are left out of the waits compared
// with stationary theory (the queues relax within a few hundred tasks), so no tolerance is added.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "agents/robot_fleet.hpp"
#include "erlang_c.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"
#include "sim/stats/summary.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;
using agents::RobotFleet;
using Kind = rng::DistributionSpec::Kind;

namespace {

constexpr int kWarmUp = 2000;
constexpr int kHorizonDays = 10000;  // longer than any case's releases: every task counts

rng::DistributionSpec constant_seconds(double s) { return {.kind = Kind::constant, .value = s / kSecondsPerDay}; }
rng::DistributionSpec exponential_seconds(double mean) {
  return {.kind = Kind::exponential, .mean = mean / kSecondsPerDay};
}

// What one replication measured after the warm-up.
struct Run {
  double wait_mean = 0;         // seconds, tasks after the warm-up
  double wait_probability = 0;  // share of those that waited
  double travel_per_task = 0;   // metres, every task
  double availability = 0;      // operating / (operating + repair)
};

// `tasks` tasks at Poisson instants of rate `per_second`, on SKUs drawn with probabilities ∝ `means`.
Run run(const RobotFleetSpec& spec, const std::vector<double>& means, double per_second, int tasks,
        std::uint64_t replication) {
  RobotFleet fleet(spec, kHorizonDays, means, {}, 2024, replication, "warehouse:validation");
  rng::Stream gaps({2024, replication, "test", "releases", 0}), skus({2024, replication, "test", "skus", 0});
  std::vector<double> cumulative(means.size());
  std::partial_sum(means.begin(), means.end(), cumulative.begin());
  double t = 0;
  PickTotals warm;
  for (int k = 0; k < tasks; ++k) {
    if (k == kWarmUp) warm = fleet.totals();
    t += rng::exponential(gaps, 1 / per_second);
    const double u = skus.uniform() * cumulative.back();
    const std::size_t sku = std::size_t(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    fleet.complete(t, std::min(sku, means.size() - 1), 1);
  }
  const PickTotals& all = fleet.totals();
  const FleetTotals& f = fleet.fleet_totals();
  const double counted = double(all.jobs - warm.jobs);
  return {(all.wait_seconds - warm.wait_seconds) / counted, double(all.waited - warm.waited) / counted,
          f.travel_metres / double(all.jobs), f.operating_seconds / (f.operating_seconds + f.repair_seconds)};
}

std::vector<Run> replications(const RobotFleetSpec& spec, const std::vector<double>& means, double per_second,
                              int tasks, int count) {
  std::vector<Run> runs;
  for (int r = 0; r < count; ++r) runs.push_back(run(spec, means, per_second, tasks, std::uint64_t(r)));
  return runs;
}

CaseReport case_of(std::string id, std::string formula, std::string source, double theory,
                   std::vector<double> samples) {
  CaseReport c;
  c.case_id = std::move(id);
  c.formula = std::move(formula);
  c.source = std::move(source);
  c.theory = theory;
  c.samples = std::move(samples);
  return c;
}

std::vector<double> column(const std::vector<Run>& runs, double Run::*field) {
  std::vector<double> out;
  for (const Run& r : runs) out.push_back(r.*field);
  return out;
}

// No travel (a layout of zero size), nothing at the slot, and as many stations as robots: a robot
// always finds a station free, so the fleet is c servers with the station time as service time.
RobotFleetSpec mmc_spec(int c, double service_seconds) {
  RobotFleetSpec s;
  s.count = c;
  s.stations = c;
  s.layout = {.aisles = 1, .bays = 1, .levels = 1, .bay_width_m = 0, .aisle_width_m = 0, .level_height_m = 0};
  s.station_time_days = exponential_seconds(service_seconds);
  s.lift_time_days = constant_seconds(0);
  s.pick_time_per_unit_days = constant_seconds(0);
  return s;
}

// A layout with travel: 10 aisles of 20 bays, 4 stations, goods to person, 50 SKUs of equal demand.
RobotFleetSpec travel_spec(int robots) {
  RobotFleetSpec s;
  s.count = robots;
  s.stations = 4;
  s.layout = {.aisles = 10, .bays = 20, .levels = 1, .bay_width_m = 1.2, .aisle_width_m = 3, .level_height_m = 0};
  s.station_time_days = exponential_seconds(30);
  s.lift_time_days = constant_seconds(2);
  s.pick_time_per_unit_days = constant_seconds(5);
  s.speed_mps = 1.5;
  return s;
}

}  // namespace

TEST_CASE("with no travel and a station per robot the fleet is M/M/c: its mean wait matches Erlang C") {
  const int c = 3;
  const double lambda = 1.0 / 60, es = 144;  // 1 task a minute, 2.4 minutes: a = 2.4, rho = 0.8
  const std::vector<Run> runs = replications(mmc_spec(c, es), {1.0}, lambda, 100000, 32);
  const double a = lambda * es, p_wait = erlang_c(c, a);
  const std::string conventions = fmt::format(
      "travel 0 (layout of zero size), lift and picking 0, stations = robots; Poisson releases; FIFO on the "
      "earliest free robot; 100000 tasks per replication, the first {} left out",
      kWarmUp);
  const std::string params = fmt::format("c={}, lambda={:.4g}/s, E[S]={} s, a={:.3g}", c, lambda, es, a);
  const std::string erlang = "Erlang C (Kleinrock, Queueing Systems Vol. I, ch. 3, M/M/m)";
  CaseReport wait = case_of("robot_fleet_mmc/wait_mean_seconds", "Wq = C(c, a) E[S] / (c - a)", erlang,
                            p_wait * es / (c - a), column(runs, &Run::wait_mean));
  report(wait, "robot fleet without travel as M/M/c: Poisson tasks, exponential station times", params, conventions);
  CaseReport waited = case_of("robot_fleet_mmc/wait_probability", "P(wait) = C(c, a)", erlang, p_wait,
                              column(runs, &Run::wait_probability));
  report(waited, "robot fleet without travel as M/M/c: Poisson tasks, exponential station times", params, conventions);
}

TEST_CASE("velocity slotting gives a shorter mean travel than random slotting on a skewed catalogue") {
  // 200 SKUs with Zipf demand (mean ∝ 1/rank) in 200 slots; the same releases and SKU draws for both.
  std::vector<double> means;
  for (int k = 1; k <= 200; ++k) means.push_back(1.0 / k);
  RobotFleetSpec random = travel_spec(2), velocity = travel_spec(2);
  random.slotting = Slotting::random;
  velocity.slotting = Slotting::velocity;
  const std::vector<Run> a = replications(random, means, 1.0 / 120, 20000, 16);
  const std::vector<Run> b = replications(velocity, means, 1.0 / 120, 20000, 16);
  std::vector<double> saved;
  for (std::size_t r = 0; r < a.size(); ++r) saved.push_back(a[r].travel_per_task - b[r].travel_per_task);
  const stats::Summary s = stats::summarize(saved, 0.99);
  MESSAGE(fmt::format("travel per task: random {:.2f} m, velocity {:.2f} m; saved {:.2f} +/- {:.2f} m (99%)",
                      stats::summarize(column(a, &Run::travel_per_task)).mean,
                      stats::summarize(column(b, &Run::travel_per_task)).mean, s.mean, s.half_width));
  CHECK(s.mean - s.half_width > 0);
}

TEST_CASE("halving the robot count raises the mean wait") {
  // 8 robots against 4 on the same releases: a task holds a robot about 75 s (39 m of travel at 1.5 m/s,
  // lift, station), so at one task every 30 s 4 robots run at about 0.6 of their capacity and 8 at 0.3.
  const std::vector<Run> eight = replications(travel_spec(8), std::vector<double>(50, 1.0), 1.0 / 30, 20000, 16);
  const std::vector<Run> four = replications(travel_spec(4), std::vector<double>(50, 1.0), 1.0 / 30, 20000, 16);
  std::vector<double> more;
  for (std::size_t r = 0; r < four.size(); ++r) more.push_back(four[r].wait_mean - eight[r].wait_mean);
  const stats::Summary s = stats::summarize(more, 0.99);
  MESSAGE(fmt::format("mean wait: 8 robots {:.2f} s, 4 robots {:.2f} s; difference {:.2f} +/- {:.2f} s (99%)",
                      stats::summarize(column(eight, &Run::wait_mean)).mean,
                      stats::summarize(column(four, &Run::wait_mean)).mean, s.mean, s.half_width));
  CHECK(s.mean - s.half_width > 0);
}

TEST_CASE("failures with exponential repair bring robot availability to MTBF / (MTBF + MTTR)") {
  RobotFleetSpec spec = travel_spec(4);
  const double mtbf_hours = 1, mttr_hours = 0.25;
  spec.mtbf_days = mtbf_hours / 24;
  spec.mttr_days = mttr_hours / 24;
  const std::vector<Run> runs = replications(spec, std::vector<double>(50, 1.0), 1.0 / 30, 50000, 32);
  CaseReport c = case_of("robot_fleet_failures/availability", "A = MTBF / (MTBF + MTTR)",
                         "alternating renewal process, renewal-reward theorem (Ross, Stochastic Processes, ch. 3)",
                         mtbf_hours / (mtbf_hours + mttr_hours), column(runs, &Run::availability));
  report(c, "robot failures: exponential operating time to failure, exponential repair; 4 robots",
         fmt::format("MTBF={} h, MTTR={} h, 50000 tasks per replication", mtbf_hours, mttr_hours),
         "availability = operating time (moving, lifting, picking) / (operating + repair time); the last "
         "cycle of each robot is cut at its last task");
}
