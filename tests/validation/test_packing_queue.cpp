// Validation: a centre's packing stations against Erlang C (packing_mmc.yaml). Single-unit orders with a Poisson
// count a day, placed uniformly over the day and served from stock that never runs out, with no picker, reach
// packing at their placement: a Poisson process across days, since the stations' state carries over midnight.
// With exponential packing times on c stations the stage is an M/M/c queue.
//
// Start-up: every run starts with idle stations and nothing is discarded. As in test_picking_queue, the bias is
// measured: the scenario run for one day only, many times, bounds day one's deficit (|1-day mean - theory| + its
// 99% half-width), and the bias of a `days`-day run is at most that bound / `days`: the tolerance of each check.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "erlang_c.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

constexpr const char* kFile = "packing_mmc.yaml";

}  // namespace

TEST_CASE("M/M/3 packing stations fed by customer orders match Erlang C for the mean wait and utilisation") {
  const Scenario sc = load_scenario(scenario_path(kFile), {});
  REQUIRE(sc.orders.has_value());
  REQUIRE(sc.warehouses.size() == 1);
  REQUIRE_FALSE(sc.warehouses[0].picking.has_value());  // no picker: a part reaches packing when placed
  REQUIRE_FALSE(sc.warehouses[0].robots.has_value());
  REQUIRE(sc.calendar.events.empty());
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(sc.regions[0].demand == DemandModel::poisson);
  REQUIRE(sc.orders->lines == std::vector<double>{1});
  REQUIRE(sc.orders->units_per_line == std::vector<double>{1});
  for (double w : sc.orders->intraday) REQUIRE(w == sc.orders->intraday.front());
  const PackingSpec& p = *sc.warehouses[0].packing;
  REQUIRE(p.time_days.kind == rng::DistributionSpec::Kind::exponential);
  REQUIRE(p.seconds_per_unit == 0);
  double per_day = 0;
  for (const Sku& sku : sc.skus) per_day += sku.rate;
  const double lambda = per_day * sc.regions[0].scale / 1440;  // parts a minute
  const double es = p.time_days.mean_value() * 1440;           // minutes
  const int c = p.stations;
  const double a = lambda * es;
  const double wait_probability = erlang_c(c, a);
  const struct {
    const char *id, *kpi;
    double theory;
  } checks[] = {{"wait_mean_minutes", "packing_wait_mean", wait_probability * es / (c - a)},
                {"utilisation", "packing_utilisation", a / c}};

  const Runs runs = run_replications(scenario_path(kFile), {}, sc.replications);
  for (double lost : runs.kpi.at("lost_sales")) REQUIRE(lost == 0);  // every order's part is packed
  const Runs first_day = run_replications(scenario_path(kFile), {"horizon=1d"}, 256);
  for (const auto& k : checks) {
    const stats::Summary day1 = stats::summarize(first_day.kpi.at(k.kpi), 0.99);
    CaseReport v;
    v.case_id = std::string("packing_mmc/") + k.id;
    v.model = "M/M/c packing stations: Poisson order parts (no picker), exponential packing times, c stations, FIFO";
    v.formula = "Wq = C(c, a) E[S] / (c - a); utilisation = a / c, a = lambda E[S]";
    v.source = "Erlang C (Kleinrock, Queueing Systems Vol. I, ch. 3, M/M/m)";
    v.parameters = fmt::format("lambda={:.4g}/min, c={}, E[S]={:.4g} min, rho={:.3g}, {} days", lambda, c, es, a / c,
                               sc.horizon_days);
    v.conventions =
        "one single-line order a part; a day's orders placed uniformly over the day (a Poisson process given its "
        "count); parts packed in the order they reach packing; starts empty, nothing discarded; tolerance = "
        "day-one deficit bound (|1-day mean - theory| + its 99% half-width) / days";
    v.theory = k.theory;
    v.samples = runs.kpi.at(k.kpi);
    v.tolerance = (std::abs(day1.mean - v.theory) + day1.half_width) / sc.horizon_days;
    const stats::Summary s = stats::summarize(v.samples, 0.99);
    MESSAGE(
        fmt::format("{:<30} theory {:.5f}  simulation {:.5f} +/- {:.5f} (99%, n={})  day 1 {:.5f}, tolerance {:.1e}",
                    v.case_id, v.theory, s.mean, s.half_width, s.n, day1.mean, v.tolerance));
    check_against_theory(v);
  }
}
