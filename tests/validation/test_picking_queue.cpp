// Validation: the warehouse's robotic picking station against queueing theory, and a robot fleet
// reduced to the same queue (no travel, a station per robot: robot_fleet_mmc.yaml).
// Poisson demand with stock that never runs out makes every unit sold a pick job arriving as a
// Poisson process; the station's KPIs are compared with Erlang C (M/M/c, exponential pick times)
// and Pollaczek-Khinchine (M/D/1 and M/G/1 with gamma pick times), computed here from the
// scenario's own parameters.
//
// Start-up: every run starts with an empty station and nothing is discarded. The bias that causes
// is measured, not assumed: the same scenario is run for one day only, many times, and the gap of
// its mean from the theory (plus its 99% half-width) is day one's whole deficit. The relaxation
// time of these queues is about an hour, so later days are stationary and the bias of a
// `days`-day run is at most that bound / `days`: it is the documented tolerance of each check.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "erlang_c.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

// What theory needs of a scenario's picking station, in minutes.
struct Queue {
  double lambda = 0;  // jobs per minute
  int c = 1;          // robots
  double es = 0;      // E[S]
  double es2 = 0;     // E[S^2]
  int days = 0;
  double rho() const { return lambda * es / c; }
};

// A robot fleet is such a queue when nothing but its stations takes time (no travel, nothing at the
// slot), it has a station per robot (so no robot waits for one) and it works round the clock: a robot
// is then a server whose service time is the station time.
const rng::DistributionSpec& fleet_as_servers(const RobotFleetSpec& f, int& servers) {
  using Kind = rng::DistributionSpec::Kind;
  REQUIRE(f.layout.bay_width_m == 0);
  REQUIRE(f.layout.aisle_width_m == 0);
  REQUIRE(f.layout.level_height_m == 0);
  for (const rng::DistributionSpec* d : {&f.lift_time_days, &f.pick_time_per_unit_days})
    REQUIRE((d->kind == Kind::constant && d->value == 0));
  REQUIRE(f.stations >= f.count);
  REQUIRE(f.shifts.empty());
  REQUIRE(f.peak_extra == 0);
  REQUIRE_FALSE(f.mtbf_days.has_value());
  REQUIRE_FALSE(f.battery_work_days.has_value());
  servers = f.count;
  return f.station_time_days;
}

Queue read_queue(const std::string& file, const std::vector<std::string>& overrides) {
  const Scenario sc = load_scenario(scenario_path(file), overrides);
  REQUIRE(sc.warehouses.size() == 1);
  REQUIRE(sc.warehouses[0].picking.has_value() != sc.warehouses[0].robots.has_value());
  REQUIRE(sc.calendar.events.empty());
  Queue q;
  double per_day = 0;
  for (const Sku& sku : sc.skus) per_day += sku.rate;
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(sc.regions[0].demand == DemandModel::poisson);
  q.lambda = per_day * sc.regions.at(0).scale / 1440;
  const rng::DistributionSpec& d = sc.warehouses[0].picking ? sc.warehouses[0].picking->pick_time_days
                                                            : fleet_as_servers(*sc.warehouses[0].robots, q.c);
  if (sc.warehouses[0].picking) q.c = sc.warehouses[0].picking->robots;
  using Kind = rng::DistributionSpec::Kind;
  const double mean = d.mean_value() * 1440;
  REQUIRE((d.kind == Kind::constant || d.kind == Kind::exponential || d.kind == Kind::gamma));
  const double cv2 = d.kind == Kind::constant ? 0 : d.kind == Kind::exponential ? 1 : d.cv * d.cv;
  q.es = mean;
  q.es2 = mean * mean * (1 + cv2);
  q.days = sc.horizon_days;
  return q;
}

struct Theory {
  double wait_probability, wait_mean, in_system, utilisation;
};

// M/M/c when the pick times are exponential and c > 1; Pollaczek-Khinchine (M/G/1) when c = 1.
Theory theory_of(const Queue& q) {
  Theory t{};
  if (q.c == 1) {
    t.wait_probability = q.rho();  // PASTA: an arrival finds the robot busy with probability rho
    t.wait_mean = q.lambda * q.es2 / (2 * (1 - q.rho()));
  } else {
    REQUIRE(q.es2 == doctest::Approx(2 * q.es * q.es));  // Erlang C needs exponential pick times
    t.wait_probability = erlang_c(q.c, q.lambda * q.es);
    t.wait_mean = t.wait_probability * q.es / (q.c - q.lambda * q.es);
  }
  t.in_system = q.lambda * (t.wait_mean + q.es);  // Little: L = λ (Wq + E[S])
  t.utilisation = q.rho();
  return t;
}

struct Kpi {
  const char* id;
  const char* name;
  double Theory::*value;
};
constexpr Kpi kKpis[] = {{"wait_probability", "pick_wait_probability", &Theory::wait_probability},
                         {"wait_mean_minutes", "pick_wait_mean", &Theory::wait_mean},
                         {"in_system_mean", "pick_in_system_mean", &Theory::in_system},
                         {"robot_utilisation", "robot_utilisation", &Theory::utilisation}};

struct Case {
  std::string file, label;
  std::vector<std::string> overrides;
  int replications;
  std::string model, formula;
};

// Checks every picking KPI of the case against theory; returns the mean-wait samples.
std::vector<double> validate_queue(const Case& v) {
  const Queue q = read_queue(v.file, v.overrides);
  const Theory theory = theory_of(q);
  const Runs runs = run_replications(scenario_path(v.file), v.overrides, v.replications);
  // Poisson arrivals need every unit served on the day it is demanded.
  for (double lost : runs.kpi.at("lost_sales")) REQUIRE(lost == 0);
  for (double backorders : runs.kpi.at("backorders_filled")) REQUIRE(backorders == 0);
  std::vector<std::string> one_day = v.overrides;
  one_day.push_back("horizon=1d");
  const Runs first_day = run_replications(scenario_path(v.file), one_day, 256);
  const stats::Summary jobs = stats::summarize(runs.kpi.at("pick_jobs"), 0.99);
  MESSAGE(fmt::format("{}: {:.0f} jobs per replication ({:.0f} expected), {} replications x {} days", v.label,
                      jobs.mean, q.lambda * 1440 * q.days, v.replications, q.days));
  for (const Kpi& k : kKpis) {
    const stats::Summary day1 = stats::summarize(first_day.kpi.at(k.name), 0.99);
    CaseReport c;
    c.case_id = v.label + "/" + k.id;
    c.model = v.model;
    c.formula = v.formula;
    c.source = q.c == 1 ? "Pollaczek-Khinchine mean-value formula (Kleinrock, Queueing Systems Vol. I, ch. 5)"
                        : "Erlang C (Kleinrock, Queueing Systems Vol. I, ch. 3, M/M/m); Little's law";
    c.parameters = fmt::format(
        "lambda={:.4g}/min, c={}, E[S]={:.4g} min, E[S^2]={:.4g} min^2, rho={:.3g}, "
        "{} days",
        q.lambda, q.c, q.es, q.es2, q.rho(), q.days);
    c.conventions =
        "each unit shipped is one job; a day's jobs arrive uniformly over the day (a Poisson "
        "process given its count); FIFO; starts empty, nothing discarded; tolerance = day-one "
        "deficit bound (|1-day mean - theory| + its 99% half-width) / days";
    c.theory = theory.*k.value;
    c.samples = runs.kpi.at(k.name);
    c.tolerance = (std::abs(day1.mean - c.theory) + day1.half_width) / q.days;
    const stats::Summary s = stats::summarize(c.samples, 0.99);
    MESSAGE(
        fmt::format("{:<36} theory {:.5f}  simulation {:.5f} +/- {:.5f} (99%, n={})  day 1 {:.5f}, "
                    "start-up tolerance {:.1e}",
                    c.case_id, c.theory, s.mean, s.half_width, s.n, day1.mean, c.tolerance));
    check_against_theory(c);
  }
  return runs.kpi.at("pick_wait_mean");
}

}  // namespace

TEST_CASE("the Erlang C value matches a two-server queue worked out by hand") {
  // c = 2, a = 1: B(2) = 1/5, C = 2 (1/5) / (2 - 1 + 1/5) = 1/3 (textbook M/M/2 at rho = 1/2).
  CHECK(erlang_c(2, 1.0) == doctest::Approx(1.0 / 3).epsilon(1e-14));
  CHECK(erlang_c(1, 0.8) == doctest::Approx(0.8).epsilon(1e-14));  // M/M/1: P(wait) = rho
}

TEST_CASE("the M/M/3 picking station matches Erlang C for the wait probability, mean wait and jobs in system") {
  validate_queue({"picking_mmc.yaml",
                  "picking_mmc",
                  {},
                  128,
                  "M/M/c picking station: Poisson jobs, exponential pick times, c identical robots, FIFO",
                  "P(wait) = C(c, a); Wq = C E[S] / (c - a); L = lambda (Wq + E[S]); utilisation = a / c"});
}

TEST_CASE("a robot fleet without travel and with a station per robot matches Erlang C like the M/M/3 station") {
  validate_queue({"robot_fleet_mmc.yaml",
                  "robot_fleet_mmc_scenario",
                  {},
                  32,
                  "M/M/c robot fleet: Poisson tasks (the units shipped), no travel, exponential station times, c "
                  "robots with a station each, FIFO",
                  "P(wait) = C(c, a); Wq = C E[S] / (c - a); L = lambda (Wq + E[S]); utilisation = a / c"});
}

TEST_CASE("the M/D/1 picking station matches Pollaczek-Khinchine, and not the M/M/1 mean wait") {
  const std::vector<double> waits =
      validate_queue({"picking_md1.yaml",
                      "picking_md1",
                      {},
                      96,
                      "M/D/1 picking station: Poisson jobs, fixed pick time, one robot, FIFO",
                      "Wq = lambda E[S^2] / (2 (1 - rho)); P(wait) = rho; L = lambda (Wq + E[S])"});
  // The comparison has power: exponential pick times of the same mean would double the mean wait.
  const Queue q = read_queue("picking_md1.yaml", {});
  const stats::Summary s = stats::summarize(waits, 0.99);
  const double mm1 = q.rho() * q.es / (1 - q.rho());
  CHECK(std::abs(s.mean - mm1) > 10 * s.half_width);
}

TEST_CASE("the M/G/1 picking station with gamma pick times matches Pollaczek-Khinchine") {
  validate_queue({"picking_md1.yaml",
                  "picking_mg1_gamma",
                  {"sites.warehouses[0].picking.pick_time={dist: gamma, mean: 48s, cv: 0.5}"},
                  96,
                  "M/G/1 picking station: Poisson jobs, gamma pick times (cv 0.5), one robot, FIFO",
                  "Wq = lambda E[S^2] / (2 (1 - rho)), E[S^2] = E[S]^2 (1 + cv^2); P(wait) = rho; "
                  "L = lambda (Wq + E[S])"});
}
