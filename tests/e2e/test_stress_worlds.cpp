// The stress section (docs/model.md, Stress): recovery after a shock on worlds worked out by hand, shock counts,
// a stress section without shocks leaving the simulation alone, and the shipped stress scenario's tail against its
// unstressed twin on common random numbers.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstring>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/stats/tail.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// Deterministic demand 2/day, lost when short; (s,S) = (6,10) from 10 units; lead time 2 days; 20 days.
std::string world(const std::string& extra) {
  return "start_date: 2026-11-02\nhorizon: 20d\n"
         "catalog: {skus: [{id: widget, rate: 2}]}\n"
         "policy: {type: sS, s: 6, S: 10}\n"
         "sites:\n  suppliers: [{name: vendor}]\n"
         "  warehouses: [{name: fc, initial_stock: \"10\"}]\n"
         "  regions: [{name: town, demand: deterministic, unmet: lost}]\n"
         "lanes: [{from: vendor, to: fc, lead_time: 2d}, {from: fc, to: town}]\n"
         "record: {level: sku_daily}\n" +
         extra;
}

using V = std::vector<std::int32_t>;

}  // namespace

TEST_CASE("After a six-day supplier outage from day 3 the service is back eight days after its start") {
  // On hand 8, 6, 4 by day 2, when 6 are ordered (arrive day 4). Day 5's order of 6 waits out the outage
  // (days 3-8), ships on day 9 and arrives on day 11; days 8-10 sell nothing. The outage hits on day 8, and days
  // 11 and 12 are the first two served in a row: 11 - 3 = 8 days.
  const auto r =
      run_one_replication(world("disruptions: [{supplier: vendor, days: [3, 4, 5, 6, 7, 8]}]\n"
                                "stress: {recovery: {fill_rate: 1, days: 2}}\n"));
  CHECK(series(r, "sales") == V{2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2});
  CHECK(kpi(r, "shock_events") == 1);
  CHECK(kpi(r, "recovery_days_mean") == 8);
  // Three days in a row: days 11-13, still 8 days; a looser threshold does not change a day that sells nothing.
  CHECK(kpi(run_one_replication(world("disruptions: [{supplier: vendor, days: [3, 4, 5, 6, 7, 8]}]\n"
                                      "stress: {recovery: {fill_rate: 0.5, days: 3}}\n")),
            "recovery_days_mean") == 8);
}

TEST_CASE("A stressed outage chance of one halts the supplier every day, one supply shock never recovered from") {
  const auto r = run_one_replication(world("stress: {supply: {outage_probability_per_day: 1}}\n"));
  CHECK(kpi(r, "units_received") == 0);
  CHECK(kpi(r, "shock_events") == 1);  // one run of outage days, from day 0
  // Stock lasts until day 4 (10 units at 2 a day); sales stop on day 5 and never come back: 20 - 0 days.
  CHECK(kpi(r, "recovery_days_mean") == 20);
}

TEST_CASE("Stressed demand shocks start on the region's own stream and are counted per region") {
  // A chance of one: a shock starts on day 0 and again as each ends, every 4 days: days 0, 4, 8, 12, 16.
  const auto r = run_one_replication(
      world("stress: {demand: {probability_per_day: 1, multiplier: 1, duration: 4d}, recovery: {fill_rate: 0}}\n"));
  CHECK(kpi(r, "shock_events") == 5);
  CHECK(breakdown_value(breakdown(r, "region"), "shock_events", 0) == 5);
  CHECK(kpi(r, "recovery_days_mean") == 0);  // a threshold of 0 serves every day
}

TEST_CASE("Each viral spike's onset is a demand shock of its region") {
  // A spike sets off every day (a chance of one): 20 onsets in 20 days; no flat shocks.
  const auto r =
      run_one_replication(world("stress: {recovery: {fill_rate: 0}}\n"),
                          {"sites.regions[0].shocks={spikes: {probability_per_day: 1, size: 0.5, decay: 2d}}"});
  CHECK(kpi(r, "shock_events") == 20);
  CHECK(kpi(r, "recovery_days_mean") == 0);
}

TEST_CASE("A capacity cut ships a share of the supplier's capacity a day while it lasts") {
  // Capacity 4 a day, cut to half all season (a chance of one: a 10-day cut on day 0, the next on day 10): day 2's
  // order of 6 leaves 2 a day on days 2, 3 and 4 and arrives on days 4, 5 and 6.
  const std::string capacity = "sites.suppliers[0].capacity_per_day=4";
  const auto cut = run_one_replication(
      world("stress: {supply: {capacity_cuts: {probability_per_day: 1, multiplier: 0.5, duration: 10d}}}\n"),
      {capacity});
  const auto plain = run_one_replication(world(""), {capacity});
  const V plain_receipts = series(plain, "receipts"), cut_receipts = series(cut, "receipts");
  CHECK(V(plain_receipts.begin(), plain_receipts.begin() + 7) == V{0, 0, 0, 0, 4, 2, 0});
  CHECK(V(cut_receipts.begin(), cut_receipts.begin() + 7) == V{0, 0, 0, 0, 2, 2, 2});
  CHECK(kpi(cut, "shock_events") == 2);  // cuts on days 0 and 10
  // Cut to nothing: an unlimited supplier ships nothing at all.
  const auto none = run_one_replication(
      world("stress: {supply: {capacity_cuts: {probability_per_day: 1, multiplier: 0, duration: 10d}}}\n"));
  CHECK(kpi(none, "units_received") == 0);
}

TEST_CASE("A lead-time stretch doubles the lead time of the lines shipped while it lasts") {
  const auto r = run_one_replication(
      world("stress: {supply: {lead_time_stretches: {probability_per_day: 1, multiplier: 2, duration: 20d}}}\n"));
  CHECK(series(r, "orders")[2] == 6);
  CHECK(series(r, "receipts")[6] == 6);  // shipped on day 2, 2 x 2 days later
  CHECK(series(r, "receipts")[4] == 0);
}

TEST_CASE("A stress section without shocks leaves every other KPI bit-identical") {
  const auto plain = run_one_replication(world("disruptions: [{supplier: vendor, probability_per_day: 0.2}]\n"));
  const auto stressed = run_one_replication(
      world("disruptions: [{supplier: vendor, probability_per_day: 0.2}]\nstress: {recovery: {days: 1}}\n"));
  for (std::size_t k = 0; k < plain.kpi_names.size(); ++k) {
    CAPTURE(plain.kpi_names[k]);
    const double a = kpi(stressed, plain.kpi_names[k]), b = plain.kpi_values[k];
    CHECK(std::memcmp(&a, &b, sizeof a) == 0);
  }
  CHECK(has_kpi(stressed, "recovery_days_mean"));
  CHECK_FALSE(has_kpi(plain, "recovery_days_mean"));
}

TEST_CASE("The shipped stress scenario's lost-sales P95 exceeds its unstressed twin's on common random numbers") {
  const std::string path = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/black_friday_stress.yaml";
  const auto run = [&](std::vector<std::string> set) {
    set.push_back("catalog.generate.count=60");
    std::vector<double> lost;
    for (const auto& r : replications(load_scenario(path, set), 20)) lost.push_back(kpi(r, "lost_sales"));
    return stats::tail95(lost, stats::TailSide::upper);
  };
  const auto stressed = run({}), plain = run({"stress={}"});
  CHECK(stressed.n == 20);
  CHECK(stressed.p95 > plain.p95);
  CHECK(stressed.cvar95 > plain.cvar95);
}
