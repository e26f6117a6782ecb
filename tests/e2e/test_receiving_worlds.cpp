// Warehouse receiving docks (docs/model.md, Receiving): tiny worlds worked out by hand (a second shipment
// line waits for the one dock and misses the day's demand; a put-away past 06:00 shelves at the close; a dock's
// backlog carries over midnight; zero durations change nothing), and a sensitivity over replications: fewer docks raise
// put_away_delay_mean and lower fill_rate_peak.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/stats/summary.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// Two SKUs, 2 a day each (deterministic), lost sales; both start with 2, sell them on day 0 and order 4 at
// 18:00, which arrive on day 1 (a before b, in the order shipped). `receiving` is the warehouse's section.
std::string two_lines(const std::string& receiving) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 2d\n"
      "catalog: {{skus: [{{id: a, rate: 2, price: 10, cost: 4}}, {{id: b, rate: 2, price: 10, cost: 4}}]}}\n"
      "policy: {{type: sS, s: 1, S: 4}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: \"2\"{}}}]\n"
      "  regions: [{{name: town, demand: deterministic}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 1d}}, {{from: fc, to: town}}]\n",
      receiving.empty() ? "" : ", receiving: " + receiving);
}

// A peak fortnight: 40 SKUs ordered every day from one vendor (one shipment line each), 1 day of lead time.
std::string peak_fortnight(const std::string& receiving) {
  return fmt::format(
      "start_date: 2026-11-16\nhorizon: 14d\nseed: 3\n"
      "calendar: {{events: [{{name: bf, date: black_friday, multiplier: 2, before: 3d, after: 3d}}]}}\n"
      "catalog: {{generate: {{count: 40, rate: \"20 / (1 + i)\"}}}}\n"
      "policy: {{type: base_stock, S: \"m*3\"}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc{}}}]\n"
      "  regions: [{{name: town}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 1d}}, {{from: fc, to: town}}]\n",
      receiving.empty() ? "" : ", receiving: " + receiving);
}

std::string docks(int n) { return fmt::format("{{docks: {}, unload_time: 1h, put_away: 30m}}", n); }

}  // namespace

TEST_CASE("with one dock the second shipment line waits, misses 06:00 and its SKU's day-1 demand is lost") {
  // Day 1, one dock: a unloads 00:00-04:00 and is sellable at 05:00 (receive slot); b unloads 04:00-08:00,
  // sellable at 09:00, so it goes on the shelf at the 23:00 close: b's 2 units of demand are lost.
  const ReplicationResult plain = run_one_replication(two_lines(""));
  const ReplicationResult r = run_one_replication(two_lines("{docks: 1, unload_time: 4h, put_away: 1h}"));
  CHECK(kpi(plain, "lost_sales") == 0);
  CHECK(kpi(r, "lost_sales") == 2);
  CHECK(kpi(r, "sales") == 6);
  CHECK(kpi(r, "units_received") == 8);
  // a: 4 units at 0 hours; b: 4 units at 23 hours (receive slot to close).
  CHECK(kpi(r, "put_away_delay_mean") == doctest::Approx(4.0 * 23 / 8));
  CHECK(kpi(r, "dock_utilisation") == doctest::Approx(8.0 / 48));
  // With two docks both lines are sellable at 05:00.
  const ReplicationResult two = run_one_replication(two_lines("{docks: 2, unload_time: 4h, put_away: 1h}"));
  CHECK(kpi(two, "lost_sales") == 0);
  CHECK(kpi(two, "put_away_delay_mean") == 0);
}

TEST_CASE("a put-away that ends after 06:00 shelves the day's shipments at the close, short of that day's demand") {
  // Two docks unload both lines 00:00-01:00; put-away 5h01m makes them sellable at 06:01.
  const ReplicationResult r = run_one_replication(two_lines("{docks: 2, unload_time: 1h, put_away: 301m}"));
  CHECK(kpi(r, "lost_sales") == 4);
  CHECK(kpi(r, "put_away_delay_mean") == 23);
  // 5h exactly: sellable at 06:00, in time for the 06:00 demand.
  const ReplicationResult in_time = run_one_replication(two_lines("{docks: 2, unload_time: 1h, put_away: 5h}"));
  CHECK(kpi(in_time, "lost_sales") == 0);
  // Past 23:00: on the shelf at the next receive slot (after the horizon here), still on order at the end.
  const ReplicationResult late = run_one_replication(two_lines("{docks: 2, unload_time: 1h, put_away: 23h}"));
  CHECK(kpi(late, "units_received") == 0);
  CHECK(kpi(late, "pipeline_value") >= 8 * 4);
}

TEST_CASE("a dock's backlog carries over midnight, and only unloading within the horizon counts as busy") {
  // Day 1, one dock, 20 h a line: a unloads 24-44 h (day 1, 20:00: the close); b waits and unloads 44-64 h
  // (day 2, 16:00), after the 2-day horizon: never shelved. Busy within the horizon: 20 h + 4 h of 48 h.
  const ReplicationResult r = run_one_replication(two_lines("{docks: 1, unload_time: 20h}"));
  CHECK(kpi(r, "lost_sales") == 4);
  CHECK(kpi(r, "units_received") == 4);
  CHECK(kpi(r, "put_away_delay_mean") == 23);
  CHECK(kpi(r, "dock_utilisation") == doctest::Approx(24.0 / 48));
}

TEST_CASE("receiving with zero durations gives the same results as no receiving") {
  const ReplicationResult plain = run_one_replication(peak_fortnight(""));
  const ReplicationResult zero = run_one_replication(peak_fortnight("{docks: 1, unload_time: 0h, put_away: 0h}"));
  for (std::size_t k = 0; k < plain.kpi_names.size(); ++k) CHECK(kpi(zero, plain.kpi_names[k]) == plain.kpi_values[k]);
  CHECK(kpi(zero, "put_away_delay_mean") == 0);
  CHECK(kpi(zero, "dock_utilisation") == 0);
}

TEST_CASE("fewer docks raise put_away_delay_mean and lower fill_rate_peak") {
  // About 40 lines a day at 1 h each: one dock is busy all day and its queue grows, four are busy ~42%.
  const auto one = replications(peak_fortnight(docks(1)), 10);
  const auto four = replications(peak_fortnight(docks(4)), 10);
  const stats::Summary delay = difference(one, four, "put_away_delay_mean");
  const stats::Summary fill = difference(four, one, "fill_rate_peak");
  INFO("delay difference " << delay.mean << " +/- " << delay.half_width << " h");
  INFO("fill_rate_peak difference " << fill.mean << " +/- " << fill.half_width);
  CHECK(delay.mean - delay.half_width > 0);
  CHECK(fill.mean - fill.half_width > 0);
  for (const auto& r : one) CHECK(kpi(r, "dock_utilisation") <= 1);
}
