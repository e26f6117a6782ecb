// Carriers on warehouse -> region lanes (customer orders): a tiny world worked out by hand (capacity, the
// next day's pickup, an outage day, cost with its peak surcharge, release in waves), and an outage measured over
// replications: it lowers the on-time rate of the region its lane serves and of no other.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "sim/stats/summary.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// One centre with ample stock that never reorders; its region orders single units at hour 8, deterministic:
// 8 on day 0 (a peak day: an event of multiplier 4 on a rate of 2), then 2 a day. Promise and transit 1 day;
// the centre ships at its one cut-off, 23:00.
std::string one_lane(const std::string& carriers) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 4d\n"
      "calendar: {{events: [{{name: rush, date: 2026-11-02, multiplier: 4}}]}}\n"
      "catalog: {{skus: [{{id: widget, rate: 2}}]}}\n"
      "policy: {{type: sS, s: 0, S: 0}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: 100}}]\n"
      "  regions: [{{name: town, demand: deterministic, promise: 1d}}]\n"
      "lanes: [{{from: vendor, to: fc}}, {{from: fc, to: town, lead_time: 1d{}}}]\n"
      "orders: {{intraday: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}}\n",
      carriers.empty() ? "" : ", carriers: " + carriers);
}

// Two centres, each the only centre of its region; Poisson orders over two weeks; `north_carriers` on north's lane.
std::string two_lanes(const std::string& north_carriers) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 14d\nseed: 5\n"
      "catalog: {{skus: [{{id: a, rate: 6}}, {{id: b, rate: 4}}]}}\n"
      "policy: {{type: sS, s: \"m*(L+R+1)\", S: \"m*(L+R+4)\"}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: north_fc, cutoffs: [12, 20]}}, {{name: south_fc, cutoffs: [12, 20]}}]\n"
      "  regions: [{{name: north, promise: 1d}}, {{name: south, promise: 1d}}]\n"
      "lanes:\n"
      "  - {{from: vendor, to: north_fc, lead_time: 2d}}\n"
      "  - {{from: vendor, to: south_fc, lead_time: 2d}}\n"
      "  - {{from: north_fc, to: north, lead_time: 1d, carriers: {}}}\n"
      "  - {{from: south_fc, to: south, lead_time: 1d, carriers: [{{name: van, capacity_per_day: 100}}]}}\n"
      "orders: {{}}\n",
      north_carriers);
}

// Paired differences a - b of a region's KPI over the same replications (common random numbers), at 99%.
stats::Summary region_difference(const std::vector<ReplicationResult>& a, const std::vector<ReplicationResult>& b,
                                 const std::string& name, std::size_t region) {
  return paired_difference(
      a, b, [&](const ReplicationResult& r) { return breakdown_value(breakdown(r, "region"), name, region); });
}

}  // namespace

TEST_CASE("with 5 units a day of carrier capacity, 8 units ready leave 5 today and 3 tomorrow") {
  // Day 0: 8 orders, the truck takes 5 at 23:00, refuses 3. Day 1: those 3 go first, then day 1's 2. Days 2
  // and 3: 2 each. The 3 late orders arrive on day 2, a day after their promise; 11 of 14 are on time.
  const std::string truck =
      "[{name: truck, capacity_per_day: 5, cost_per_shipment: 10, cost_per_unit: 1, "
      "peak_surcharge: 1.5}]";
  const ReplicationResult plain = run_one_replication(one_lane(""));
  const ReplicationResult r = run_one_replication(one_lane(truck));
  CHECK(kpi(r, "orders") == 14);
  CHECK(kpi(r, "carrier_refusals") == 3);
  CHECK(kpi(r, "carrier_utilisation") == doctest::Approx(14.0 / 20));  // 5 + 5 + 2 + 2 of 4 x 5
  CHECK(kpi(r, "on_time_rate") == doctest::Approx(11.0 / 14));
  CHECK(kpi(plain, "on_time_rate") == 1);
  // Placed at 8:xx, shipped the next day at 23:00, a day's transit: 62-63 h instead of 38-39 h.
  CHECK(kpi(plain, "cycle_time_p95") <= 39);
  CHECK(kpi(r, "cycle_time_p95") > 62);
  CHECK(kpi(r, "cycle_time_p95") <= 63);
  // Day 0 (peak): 1.5 x (10 + 5); day 1: 10 + 5; days 2 and 3: 10 + 2. Charged to the shipping site, out of profit.
  const double cost = 1.5 * 15 + 15 + 12 + 12;
  CHECK(kpi(r, "transport_cost") == doctest::Approx(cost));
  CHECK(breakdown_value(breakdown(r, "site"), "transport_cost", 0) == doctest::Approx(cost));
  CHECK(kpi(plain, "profit") - kpi(r, "profit") == doctest::Approx(cost));
  CHECK(kpi(r, "sales") == kpi(plain, "sales"));
}

TEST_CASE("on an outbound carrier's outage day nothing leaves, and the day's orders go the next day") {
  const ReplicationResult r = run_one_replication(one_lane("[{name: truck, outage_days: [1]}]"));
  CHECK(kpi(r, "carrier_refusals") == 2);                       // day 1's 2 orders, tendered at its one cut-off
  CHECK(kpi(r, "on_time_rate") == doctest::Approx(12.0 / 14));  // they arrive on day 3, a day late
  CHECK(kpi(r, "transport_cost") == 0);                         // a free carrier
}

TEST_CASE("a part waits for the next cut-off of the same day when no carrier picks up at the earlier one") {
  // Cut-offs at 12:00 and 20:00; the truck picks up on Tuesdays only (day 1). Day 0's orders wait through
  // Monday's two cut-offs and leave at Tuesday noon with day 1's, which are ready at 8:xx.
  std::string text = one_lane("[{name: truck, pickup_days: [tuesday]}]");
  text.replace(text.find("{name: fc,"), 10, "{name: fc, cutoffs: [12, 20],");
  const ReplicationResult r = run_one_replication(text);
  // Day 0's 8 wait through Monday's 2 cut-offs, days 2 and 3's through theirs: no truck is scheduled on those
  // days, so nothing is refused (units wait); after the run nothing is tendered.
  CHECK(kpi(r, "carrier_refusals") == 0);
  // Day 0's 8 arrive on day 2 (late), day 1's 2 on day 2 (on time); days 2 and 3 ship after the run.
  CHECK(kpi(r, "on_time_rate") == doctest::Approx(2.0 / 10));
}

TEST_CASE("an outbound carrier outage of a few days lowers the on-time rate of its lane's region, not another's") {
  const int n = 24;
  const std::vector<ReplicationResult> base = replications(two_lanes("[{name: van, capacity_per_day: 100}]"), n);
  const std::vector<ReplicationResult> down =
      replications(two_lanes("[{name: van, capacity_per_day: 100, outage_days: [5, 6, 7]}]"), n);
  const stats::Summary north = region_difference(down, base, "on_time_rate", 0);
  const stats::Summary south = region_difference(down, base, "on_time_rate", 1);
  MESSAGE(fmt::format("north on_time_rate change {:.4f} +- {:.4f}; south {:.4f} +- {:.4f}", north.mean,
                      north.half_width, south.mean, south.half_width));
  CHECK(north.mean + north.half_width < 0);
  CHECK(south.mean - south.half_width <= 0);
  CHECK(south.mean + south.half_width >= 0);
  // The outage's refusals are north's (the shipping site's), and south's lane is unchanged.
  for (std::size_t i = 0; i < base.size(); ++i) {
    CHECK(breakdown_value(breakdown(down[i], "site"), "carrier_refusals", 0) > 0);
    CHECK(breakdown_value(breakdown(down[i], "site"), "carrier_refusals", 1) ==
          breakdown_value(breakdown(base[i], "site"), "carrier_refusals", 1));
  }
}

TEST_CASE("the lane breakdown shows a saturated outbound lane that the site's figure pools with an idle inbound one") {
  // fc's inbound carrier offers 1000 units a day and carries nothing (fc never reorders); its outbound truck
  // carries 14 of the 20 units it offers (the first test). Lanes are in scenario order: vendor->fc, fc->town.
  std::string text = one_lane("[{name: truck, capacity_per_day: 5}]");
  text.replace(text.find("{from: vendor, to: fc}"), 22,
               "{from: vendor, to: fc, carriers: [{name: big, capacity_per_day: 1000}]}");
  const ReplicationResult r = run_one_replication(text);
  const KpiBreakdown& lanes = breakdown(r, "lane");
  CHECK(lanes.entities == 2);
  CHECK(breakdown_value(lanes, "carrier_utilisation", 0) == 0);
  CHECK(breakdown_value(lanes, "carrier_utilisation", 1) == doctest::Approx(14.0 / 20));
  CHECK(breakdown_value(lanes, "carrier_refusals", 0) == 0);
  CHECK(breakdown_value(lanes, "carrier_refusals", 1) == 3);
  CHECK(breakdown_value(breakdown(r, "site"), "carrier_utilisation", 0) == doctest::Approx(14.0 / (4 * 1000 + 20)));
  CHECK(kpi(r, "carrier_refusals") == 3);
}

TEST_CASE("orders a carrier leaves behind past their promised day's close are cancelled and go back on the shelf") {
  // Capacity 5, down on day 1, every late order cancelled. Day 0: 5 of 8 leave; the other 3 are still waiting
  // at day 1's close (their promised day's) and are cancelled. Day 1's 2 leave on day 2 with day 2's 2 (one
  // day late); day 3's 2 on time.
  std::string text = one_lane("[{name: truck, capacity_per_day: 5, outage_days: [1]}]");
  text.replace(text.find("orders: {"), 9, "orders: {cancel_late: 1, ");
  const ReplicationResult r = run_one_replication(text);
  CHECK(kpi(r, "cancellations") == 3);
  CHECK(kpi(r, "sales") == 11);
  CHECK(kpi(r, "carrier_refusals") == 3 + 5);  // day 0's 3; on day 1 those 3 and day 1's 2
  CHECK(kpi(r, "on_time_rate") == doctest::Approx(9.0 / 11));
}

TEST_CASE("a cancelled order keeps the units a carrier took before its promised close; only the rest go back") {
  // Orders of one line of 2 units: 4 on day 0, then 1 a day. Capacity 5, down on day 1. Day 0: the first two
  // orders leave whole, the third 1 of its 2, the fourth nothing. At day 1's close the third and fourth are
  // cancelled: the third's 1 unit that left is delivered, its other unit and the fourth's 2 go back.
  std::string text = one_lane("[{name: truck, capacity_per_day: 5, outage_days: [1]}]");
  text.replace(text.find("orders: {"), 9, "orders: {cancel_late: 1, units_per_line: [0, 1], ");
  const ReplicationResult r = run_one_replication(text);
  CHECK(kpi(r, "orders") == 7);
  CHECK(kpi(r, "cancellations") == 2);
  CHECK(kpi(r, "sales") == 14 - 3);
  CHECK(kpi(r, "carrier_refusals") == 3 + 5);  // day 0: 1 + 2; day 1: those 3 and day 1's 2
  // Not cancelled and shipped within the run: orders 1, 2 (on time), 5 (a day late: day 1's), 6 and 7.
  CHECK(kpi(r, "on_time_rate") == doctest::Approx(4.0 / 5));
}

TEST_CASE("released in a morning wave, orders reach the outbound carrier a day later, and its refusals wait a day") {
  // One wave at 06:00: orders placed at 8:xx are released the next morning and ship at that day's 23:00. With a
  // 2-day promise, in waves without carriers all 12 released within the run arrive on time (day 3's orders are
  // released after it). With 5 units a day: day 0's 8 are tendered on day 1, 5 leave and 3 wait for day 2 (ahead
  // of day 1's 2), so those 3 arrive a day late.
  std::string text = one_lane("[{name: truck, capacity_per_day: 5, cost_per_shipment: 10, cost_per_unit: 1}]");
  std::string plain_text = one_lane("");
  for (std::string* t : {&text, &plain_text}) {
    t->replace(t->find("promise: 1d"), 11, "promise: 2d");
    t->replace(t->find("orders: {"), 9, "orders: {release: waves, waves: [6], ");
  }
  const ReplicationResult plain = run_one_replication(plain_text);
  const ReplicationResult r = run_one_replication(text);
  CHECK(kpi(r, "pick_tasks") == 12);
  CHECK(kpi(plain, "on_time_rate") == 1);
  CHECK(kpi(r, "on_time_rate") == doctest::Approx(9.0 / 12));
  CHECK(kpi(r, "carrier_refusals") == 3);                              // day 1 only
  CHECK(kpi(r, "carrier_utilisation") == doctest::Approx(12.0 / 20));  // 0 + 5 + 5 + 2 of 4 x 5
  // Days 1 and 2: 10 + 5; day 3: 10 + 2 (the peak day 0 has nothing to tender).
  CHECK(kpi(r, "transport_cost") == doctest::Approx(15 + 15 + 12));
  CHECK(kpi(plain, "profit") - kpi(r, "profit") == doctest::Approx(15 + 15 + 12));
}
