// Tiny worlds for carriers on supplier lanes, suppliers' terms and sourcing among several suppliers, worked
// by hand; frequencies of late shipments and partial fills against their probabilities; and a carrier
// outage or a supplier disruption seen in lost sales only once the lane's lead time has passed.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

using V = std::vector<std::int32_t>;

// Deterministic demand 2/day from Monday 2026-11-02, (s,S) = (2,3), start with 3, backorders, one supplier
// lane of 2 days with `carriers` (a flow list, or "" for none).
std::string carrier_world(const std::string& carriers, const std::string& extra = "") {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 6d\n"
      "catalog: {{skus: [{{id: widget, rate: 2, price: 10, cost: 4}}]}}\n"
      "policy: {{type: sS, s: 2, S: 3}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: \"3\"}}]\n"
      "  regions: [{{name: town, demand: deterministic, unmet: backorder}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 2d{}}}, {{from: fc, to: town}}]\n"
      "record: {{level: sku_daily}}\n{}",
      carriers.empty() ? "" : ", carriers: " + carriers, extra);
}

// Two suppliers into fc: vendor (lane of 3 days) first, maker (1 day) second; base-stock orders exactly the
// day's deterministic demand of `rate` every day, and the stock never runs out, so each day's order is `rate`.
std::string two_supplier_world(const std::string& sourcing, const std::string& vendor, const std::string& maker,
                               int rate = 2, const std::string& extra = "") {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 8d\n"
      "catalog: {{skus: [{{id: widget, rate: {}, price: 10, cost: 4}}]}}\n"
      "policy: {{type: base_stock, S: 100}}\n"
      "sites:\n  suppliers: [{{name: vendor{}}}, {{name: maker{}}}]\n"
      "  warehouses: [{{name: fc, sourcing: {}}}]\n"
      "  regions: [{{name: town, demand: deterministic}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 3d}}, {{from: maker, to: fc, lead_time: 1d}}, "
      "{{from: fc, to: town}}]\n"
      "record: {{level: sku_daily}}\n{}",
      rate, vendor, maker, sourcing, extra);
}

std::vector<ReplicationResult> run_many(const std::string& text, int replications) {
  const Scenario sc = load_scenario_text(text);
  const NetworkPlan plan = make_network_plan(sc);
  std::vector<std::uint64_t> ids;
  for (int r = 0; r < replications; ++r) ids.push_back(std::uint64_t(r));
  std::map<std::uint64_t, ReplicationResult> by_id;
  run_in_workers(batch_runner(plan), ids, {2, 4}, [&](ReplicationResult&& r) { by_id[r.replication] = std::move(r); });
  std::vector<ReplicationResult> out;
  for (auto& [id, r] : by_id) out.push_back(std::move(r));
  return out;
}

// The 99.9% normal interval of a share p from n trials holds `expected`.
bool share_within(double hits, double n, double expected) {
  const double p = hits / n;
  return std::abs(p - expected) <= 3.29 * std::sqrt(expected * (1 - expected) / n);
}

}  // namespace

TEST_CASE("a carrier that picks up on Wednesdays only holds Monday's and Tuesday's orders until Wednesday") {
  // Day 0 (Monday): 3 - 2 = 1 on hand, IP 1 < 2, order 2. Day 1: backorder 1, IP = 0 + 2 - 1 = 1, order 2.
  // Day 2 (Wednesday): backorders 3, IP = 4 - 3 = 1, order 2; all 6 units leave and arrive on day 4.
  // Day 3 orders 2 more (IP = 6 - 5), which wait for the next Wednesday.
  const ReplicationResult plain = run_one_replication(carrier_world(""));
  const ReplicationResult r = run_one_replication(carrier_world("[{name: truck, pickup_days: [wednesday]}]"));
  CHECK(series(plain, "receipts") == V{0, 0, 2, 2, 2, 2});
  CHECK(series(r, "orders") == V{2, 2, 2, 2, 2, 2});
  CHECK(series(r, "receipts") == V{0, 0, 0, 0, 6, 0});
  // What waits at the supplier is still on order: ordered 12, received 6, on order 6 at the end.
  CHECK(kpi(r, "pipeline_value") == 6 * 4);
  // Days 0, 1, 3, 4 and 5 tender what is queued (2, 4, 2, 4, 6 units) to a truck that does not come: they wait,
  // and nothing is refused; the Wednesday pickup takes all it is offered.
  CHECK(kpi(r, "carrier_refusals") == 0);
  CHECK(std::isnan(kpi(r, "carrier_utilisation")));  // no capacity to measure against
}

TEST_CASE("a carrier of one unit a day carries one unit a day, and is fully used") {
  // Day 0's order of 2 leaves one unit a day on days 0 and 1; each later order queues behind the last.
  const ReplicationResult r = run_one_replication(carrier_world("[{name: truck, capacity_per_day: 1}]"));
  CHECK(series(r, "receipts") == V{0, 0, 1, 1, 1, 1});
  CHECK(kpi(r, "carrier_utilisation") == 1);  // 6 units over 6 days of 1
  CHECK(kpi(r, "carrier_refusals") > 0);
}

TEST_CASE("what the first carrier refuses the second carries, so an unlimited second carrier restores the flow") {
  const ReplicationResult plain = run_one_replication(carrier_world(""));
  const ReplicationResult r =
      run_one_replication(carrier_world("[{name: truck, capacity_per_day: 1}, {name: spot, cost_per_unit: 1}]"));
  CHECK(series(r, "receipts") == series(plain, "receipts"));
  CHECK(kpi(r, "carrier_refusals") == 0);
  // The truck took 1 unit a day (free), the spot carrier the other unit of each day's 2.
  CHECK(kpi(r, "transport_cost") == 6);
  CHECK(kpi(r, "carrier_utilisation") == 1);  // the spot carrier has no capacity: not counted
}

TEST_CASE("a carrier outage on day 0 delays that day's order by a day, like a supplier outage") {
  const ReplicationResult r = run_one_replication(carrier_world("[{name: truck, outage_days: [0]}]"));
  CHECK(series(r, "receipts") == V{0, 0, 0, 4, 2, 2});
}

TEST_CASE(
    "transport cost is a pickup's fixed cost plus its units' cost, times the surcharge on peak days, and "
    "profit pays it") {
  // Six daily pickups of 2 units at 10 + 2 x 1; day 2 is a peak day (an event of multiplier 1 marks it without
  // changing demand), where the pickup costs 1.5 x 12.
  const std::string truck = "[{name: truck, cost_per_shipment: 10, cost_per_unit: 1, peak_surcharge: 1.5}]";
  const std::string peak = "calendar: {events: [{name: mark, date: 2026-11-04, multiplier: 1}]}\n";
  const ReplicationResult plain = run_one_replication(carrier_world("", peak));
  const ReplicationResult r = run_one_replication(carrier_world(truck, peak));
  CHECK(kpi(r, "transport_cost") == doctest::Approx(5 * 12 + 1.5 * 12));
  CHECK(series(r, "receipts") == series(plain, "receipts"));
  CHECK(kpi(plain, "profit") - kpi(r, "profit") == doctest::Approx(78));
  CHECK(kpi(r, "total_cost") - kpi(plain, "total_cost") == doctest::Approx(78));
  CHECK_FALSE(has_kpi(plain, "transport_cost"));
}

TEST_CASE("primary_backup orders from the first supplier, and from the backup on the day the first is down") {
  // vendor's orders arrive 3 days later, maker's 1 day later; the first order (day 0) arrives on day 3.
  const ReplicationResult primary = run_one_replication(two_supplier_world("primary_backup", "", ""));
  CHECK(series(primary, "receipts") == V{0, 0, 0, 2, 2, 2, 2, 2});
  // vendor down on day 1: day 1's order goes to maker and arrives on day 2; nothing arrives on day 4.
  const ReplicationResult backup = run_one_replication(
      two_supplier_world("primary_backup", "", "", 2, "disruptions: [{supplier: vendor, days: [1]}]\n"));
  CHECK(series(backup, "receipts") == V{0, 0, 2, 2, 0, 2, 2, 2});
}

TEST_CASE("primary_backup turns to the backup while the first supplier holds a day's capacity") {
  // vendor ships 1 unit a day. Day 0: vendor (nothing queued), ships 1 (day 3), keeps 1. Day 1: vendor holds 1
  // = its capacity, so maker (day 2); vendor ships its last unit (day 4). Day 2: vendor again, ships 1 (day 5);
  // day 3: maker (day 4), vendor ships day 2's last unit (day 6); day 4: vendor (day 7); day 5: maker (day 6).
  const ReplicationResult r = run_one_replication(two_supplier_world("primary_backup", ", capacity_per_day: 1", ""));
  CHECK(series(r, "receipts") == V{0, 0, 2, 1, 3, 1, 3, 1});
}

TEST_CASE("cheapest orders where the line's price-break factor is lowest, and from the first lane on a tie") {
  const std::string breaks2 = ", price_breaks: [{min_units: 2, unit_cost_factor: 0.9}]";
  const ReplicationResult maker = run_one_replication(two_supplier_world("cheapest", "", breaks2));
  CHECK(series(maker, "receipts") == V{0, 2, 2, 2, 2, 2, 2, 2});
  // 8 lines of 2 units at 10% off a cost of 4.
  CHECK(kpi(maker, "purchase_discount") == doctest::Approx(8 * 2 * 4 * 0.1));
  CHECK(kpi(maker, "profit") - kpi(maker, "gross_margin") == doctest::Approx(kpi(maker, "purchase_discount")));
  const std::string breaks3 = ", price_breaks: [{min_units: 3, unit_cost_factor: 0.9}]";
  const ReplicationResult tie = run_one_replication(two_supplier_world("cheapest", "", breaks3));
  CHECK(series(tie, "receipts") == V{0, 0, 0, 2, 2, 2, 2, 2});
  CHECK(kpi(tie, "purchase_discount") == 0);
}

TEST_CASE("fastest orders from the smallest expected lead time, lateness included") {
  const ReplicationResult maker = run_one_replication(two_supplier_world("fastest", "", ""));
  CHECK(series(maker, "receipts") == V{0, 2, 2, 2, 2, 2, 2, 2});
  // maker: 1 + 0.5 x 5 = 3.5 days expected, more than vendor's 3.
  const ReplicationResult vendor =
      run_one_replication(two_supplier_world("fastest", "", ", on_time_probability: 0.5, late_by: 5d"));
  CHECK(series(vendor, "receipts") == V{0, 0, 0, 2, 2, 2, 2, 2});
}

TEST_CASE("reliability_weighted splits each order in proportion to the suppliers' on-time probabilities") {
  // 3 units a day, weights 1 : 0.5: vendor 2 (3 days), maker 1 (1 day; late by 0 days when late).
  const ReplicationResult r =
      run_one_replication(two_supplier_world("reliability_weighted", "", ", on_time_probability: 0.5, late_by: 0d", 3));
  CHECK(series(r, "orders") == V{3, 3, 3, 3, 3, 3, 3, 3});
  CHECK(series(r, "receipts") == V{0, 1, 1, 3, 3, 3, 3, 3});
  CHECK(kpi(r, "orders_placed") == 16);  // two lines a day
}

TEST_CASE("a category's sourcing rule replaces the warehouse's for that category's SKUs") {
  // Two SKUs of 2 a day: x (category quick) goes to the fastest lane, maker (1 day); y keeps the warehouse's
  // primary_backup, vendor (3 days). Receipts are [day, sku]: x, y for each day.
  const std::string text =
      "start_date: 2026-11-02\nhorizon: 5d\n"
      "catalog: {skus: [{id: x, category: quick, rate: 2}, {id: y, category: bulk, rate: 2}]}\n"
      "policy: {type: base_stock, S: 100}\n"
      "sites:\n  suppliers: [{name: vendor}, {name: maker}]\n"
      "  warehouses: [{name: fc, sourcing: primary_backup, sourcing_by_category: [{category: quick, sourcing: "
      "fastest}]}]\n"
      "  regions: [{name: town, demand: deterministic}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 3d}, {from: maker, to: fc, lead_time: 1d}, {from: fc, to: town}]\n"
      "record: {level: sku_daily}\n";
  const ReplicationResult r = run_one_replication(text);
  CHECK(series(r, "receipts") == V{0, 0, 2, 0, 2, 0, 2, 2, 2, 2});
  auto error_of = [&](const std::string& from, const std::string& to) {
    std::string changed = text;
    changed.replace(changed.find(from), from.size(), to);
    try {
      load_scenario_text(changed);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("category: quick, sourcing", "category: quik, sourcing")
            .ends_with("sites.warehouses[0].sourcing_by_category[0].category: no SKU has category 'quik'; did you mean "
                       "'quick'?"));
  CHECK(error_of("sourcing: fastest", "sourcing: single").find("got single") != std::string::npos);
}

TEST_CASE("a supplier's shipments are on time with its on_time_probability, within the interval of the share") {
  // Base stock orders 2 units every day; a late shipment is 5000 days late, past the horizon, so the units
  // received are exactly those of the on-time lines among the days 0 .. horizon - 3 (lead time 2 days).
  const int horizon = 3000;
  const std::string text = fmt::format(
      "start_date: 2026-01-05\nhorizon: {}d\n"
      "catalog: {{skus: [{{id: widget, rate: 2}}]}}\n"
      "policy: {{type: base_stock, S: 20000}}\n"
      "sites:\n  suppliers: [{{name: vendor, on_time_probability: 0.7, late_by: 5000d}}]\n"
      "  warehouses: [{{name: fc}}]\n"
      "  regions: [{{name: town, demand: deterministic}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 2d}}, {{from: fc, to: town}}]\n"
      "record: {{level: kpi_only}}\n",
      horizon);
  const ReplicationResult r = run_one_replication(text);
  const double lines = horizon - 2;
  CHECK(kpi(r, "units_ordered") == 2 * horizon);
  const double on_time = kpi(r, "units_received") / 2;
  CHECK(share_within(on_time, lines, 0.7));
  CHECK(on_time < lines);
}

TEST_CASE(
    "a partial fill confirms each unit with the fill rate, within the interval of the share, and the rest "
    "is cancelled and ordered again") {
  const std::string text =
      "start_date: 2026-01-05\nhorizon: 2000d\n"
      "catalog: {skus: [{id: widget, rate: 5, cost: 2}]}\n"
      "policy: {type: base_stock, S: 50}\n"
      "sites:\n  suppliers: [{name: vendor, fill_rate: 0.6}]\n"
      "  warehouses: [{name: fc}]\n"
      "  regions: [{name: town, demand: deterministic}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 1d}, {from: fc, to: town}]\n"
      "record: {level: kpi_only}\n";
  const ReplicationResult r = run_one_replication(text);
  const double confirmed = kpi(r, "units_ordered"), cancelled = kpi(r, "units_cancelled");
  CHECK(share_within(confirmed, confirmed + cancelled, 0.6));
  // Cancelled units leave on-order, so the planner orders them again: the stock keeps up with demand.
  CHECK(kpi(r, "fill_rate") > 0.9);
  CHECK(kpi(r, "purchase_cost") == doctest::Approx(2 * confirmed));
}

TEST_CASE("an inbound carrier outage shows as lost sales once its lead time has passed, and not before") {
  // Poisson demand 10/day, lost sales, (s,S) on a 3-day lane; the only carrier is down on days 10-19.
  // Orders before day 10 leave as without the outage; the first held back would have arrived on day 13.
  const std::string base =
      "start_date: 2026-01-05\nhorizon: 40d\nseed: 5\n"
      "catalog: {skus: [{id: widget, rate: 10}]}\n"
      "policy: {type: sS, s: \"ceil(m*(L+1) + 2*sqrt(m*(L+1)))\", S: \"s + 10\"}\n"
      "sites:\n  suppliers: [{name: vendor}]\n  warehouses: [{name: fc}]\n  regions: [{name: town}]\n"
      "record: {level: sku_daily}\n";
  auto lanes = [](const std::string& truck) {
    return "lanes: [{from: vendor, to: fc, lead_time: 3d, carriers: [{name: truck" + truck +
           "}]}, {from: fc, to: town}]\n";
  };
  const auto plain = run_many(base + lanes(""), 40);
  const auto out = run_many(base + lanes(", outage_days: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]"), 40);
  REQUIRE(plain.size() == out.size());
  std::vector<double> extra;  // lost sales with the outage minus without, days 13 .. 39, per replication
  int differ_before = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const V a = series(plain[i], "lost_sales");
    const V b = series(out[i], "lost_sales");
    for (int d = 0; d < 13; ++d) differ_before += a[std::size_t(d)] != b[std::size_t(d)];
    double sum = 0;
    for (int d = 13; d < 40; ++d) sum += b[std::size_t(d)] - a[std::size_t(d)];
    extra.push_back(sum);
  }
  CHECK(differ_before == 0);  // same demand streams: identical until the first delayed arrival
  double mean = 0, var = 0;
  for (double x : extra) mean += x / double(extra.size());
  for (double x : extra) var += (x - mean) * (x - mean) / double(extra.size() - 1);
  const double half = 1.96 * std::sqrt(var / double(extra.size()));
  MESSAGE(fmt::format("extra lost sales after the lead time: {:.1f} +/- {:.1f} units", mean, half));
  CHECK(mean - half > 0);  // the whole interval above 0
}

TEST_CASE("a supplier disruption shows as lost sales once the lane's lead time has passed, and not before") {
  // As the carrier outage above, but the supplier itself is down on days 10-13 (`disruptions`): on a 3-day
  // lane the first shipment it holds back would have arrived on day 13, so lost sales are the same as without
  // the disruption on days 0-12 of every replication (common random numbers) and higher after.
  const std::string world =
      "start_date: 2026-01-05\nhorizon: 40d\nseed: 7\n"
      "catalog: {skus: [{id: widget, rate: 10}]}\n"
      "policy: {type: sS, s: \"ceil(m*(L+1) + 2*sqrt(m*(L+1)))\", S: \"s + 10\"}\n"
      "sites:\n  suppliers: [{name: vendor}]\n  warehouses: [{name: fc}]\n  regions: [{name: town}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 3d}, {from: fc, to: town}]\n"
      "record: {level: sku_daily}\n";
  const int d = 10, lead = 3, horizon = 40;
  const auto plain = run_many(world, 40);
  const auto down = run_many(world + "disruptions: [{supplier: vendor, days: [10, 11, 12, 13]}]\n", 40);
  REQUIRE(plain.size() == down.size());
  std::vector<double> extra;  // lost sales with the disruption minus without, days d + L .. horizon - 1
  int differ_before = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const V a = series(plain[i], "lost_sales");
    const V b = series(down[i], "lost_sales");
    for (int t = 0; t < d + lead; ++t) differ_before += a[std::size_t(t)] != b[std::size_t(t)];
    double sum = 0;
    for (int t = d + lead; t < horizon; ++t) sum += b[std::size_t(t)] - a[std::size_t(t)];
    extra.push_back(sum);
  }
  CHECK(differ_before == 0);
  double mean = 0, var = 0;
  for (double x : extra) mean += x / double(extra.size());
  for (double x : extra) var += (x - mean) * (x - mean) / double(extra.size() - 1);
  const double half = 1.96 * std::sqrt(var / double(extra.size()));
  MESSAGE(fmt::format("extra lost sales after the disruption's lead time: {:.1f} +/- {:.1f} units", mean, half));
  CHECK(mean - half > 0);
}
