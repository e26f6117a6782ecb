// Tiny worlds for what the agent registry added: a supplier outage (the `disruption` kind of
// docs/extending.md) and the transit of warehouse -> region lanes with its delivery KPIs.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// Deterministic demand 2/day, (s,S) = (2,3), start with 3, backorders, lead time 2 days.
std::string world(const std::string& extra, const std::string& to_region = "", const std::string& region = "",
                  int days = 6) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: {}d\n"
      "catalog: {{skus: [{{id: widget, rate: 2}}]}}\n"
      "policy: {{type: sS, s: 2, S: 3}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: \"3\"}}]\n"
      "  regions: [{{name: town, demand: deterministic, unmet: backorder{}}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 2d}}, {{from: fc, to: town{}}}]\n"
      "record: {{level: sku_daily}}\n{}",
      days, region, to_region, extra);
}

using V = std::vector<std::int32_t>;

}  // namespace

TEST_CASE("a supplier outage on day 0 delays that day's order by a day") {
  // Without the outage, day 0's order of 2 ships at once and arrives on day 2, and so on daily.
  // With the supplier down on day 0, it waits in the queue; day 1's review sees IP = 0 + 2 - 1 = 1 < 2
  // and orders 2 more; both lines ship on day 1 and arrive together on day 3.
  const ReplicationResult plain = run_one_replication(world(""));
  const ReplicationResult out = run_one_replication(world("disruptions: [{supplier: vendor, days: [0]}]\n"));
  CHECK(series(plain, "receipts") == V{0, 0, 2, 2, 2, 2});
  CHECK(series(out, "orders") == V{2, 2, 2, 2, 2, 2});
  CHECK(series(out, "receipts") == V{0, 0, 0, 4, 2, 2});
  CHECK(kpi(out, "fill_rate") < kpi(plain, "fill_rate"));
}

TEST_CASE("a supplier down every day ships nothing") {
  const ReplicationResult r = run_one_replication(world("disruptions: [{supplier: vendor, probability_per_day: 1}]\n"));
  CHECK(series(r, "receipts") == V{0, 0, 0, 0, 0, 0});
  CHECK(kpi(r, "units_received") == 0);
}

TEST_CASE("a constant transit to the region sets the delivery time, and the promise decides what is on time") {
  const ReplicationResult none = run_one_replication(world(""));
  CHECK_FALSE(has_kpi(none, "delivery_days_mean"));
  CHECK_FALSE(has_kpi(none, "on_time_share"));
  const ReplicationResult late = run_one_replication(world("", ", lead_time: 3d", ", promise: 2d"));
  CHECK(kpi(late, "delivery_days_mean") == 3);
  CHECK(kpi(late, "on_time_share") == 0);
  const ReplicationResult on_time = run_one_replication(world("", ", lead_time: 3d", ", promise: 3d"));
  CHECK(kpi(on_time, "on_time_share") == 1);
  // Transit happens after the sale: stocks and sales are those of the world without it.
  CHECK(series(late, "sales") == series(none, "sales"));
}

TEST_CASE("a random transit is drawn per order line, between its smallest and largest value") {
  const std::string lane = ", lead_time: {dist: discrete, values: [1d, 3d], probabilities: [0.5, 0.5]}";
  const ReplicationResult r = run_one_replication(world("", lane, ", promise: 1d", 60));
  CHECK(kpi(r, "delivery_days_mean") > 1.2);
  CHECK(kpi(r, "delivery_days_mean") < 2.8);
  CHECK(kpi(r, "on_time_share") > 0.2);
  CHECK(kpi(r, "on_time_share") < 0.8);
}

TEST_CASE("on-time share counts only regions with a promise; a region without one reports none") {
  // Two regions of the same warehouse, 2 units a day each: `near` (1 day, promised 1 day) and `far` (3 days,
  // no promise). Only near's units count, all on time; the mean transit is over both regions' units.
  const std::string text =
      "start_date: 2026-11-02\nhorizon: 6d\n"
      "catalog: {skus: [{id: widget, rate: 2}]}\n"
      "policy: {type: sS, s: 30, S: 40}\n"
      "sites:\n  suppliers: [{name: vendor}]\n"
      "  warehouses: [{name: fc}]\n"
      "  regions: [{name: near, demand: deterministic, promise: 1d}, {name: far, demand: deterministic}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 2d}, {from: fc, to: near, lead_time: 1d},"
      " {from: fc, to: far, lead_time: 3d}]\n";
  const ReplicationResult r = run_one_replication(text);
  CHECK(kpi(r, "on_time_share") == 1);
  CHECK(kpi(r, "delivery_days_mean") == doctest::Approx(2.0));
  const KpiBreakdown& regions = breakdown(r, "region");
  CHECK(breakdown_value(regions, "on_time_share", 0) == 1);
  CHECK(std::isnan(breakdown_value(regions, "on_time_share", 1)));
  CHECK(breakdown_value(regions, "delivery_days_mean", 0) == 1);
  CHECK(breakdown_value(regions, "delivery_days_mean", 1) == 3);
}
