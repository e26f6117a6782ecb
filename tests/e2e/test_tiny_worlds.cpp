// Hand-checked tiny worlds: one SKU, deterministic demand, a few days, run in the real engine.
// Each expected trace is worked out by hand in the comment above its checks.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <map>

#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

struct World {
  std::string policy = "{type: sS, s: 2, S: 3}";
  std::string initial_stock = "3";
  std::string unmet = "backorder";
  std::string lead_time = "2d";
  std::string supplier = "{name: vendor}";
  std::string region_extra;
  std::string sku_extra;
  std::string costs = "{}";
  double rate = 2;
  int days = 6;
};

std::string yaml(const World& w) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: {}d\n"
      "catalog: {{skus: [{{id: widget, rate: {}{}}}]}}\n"
      "policy: {}\n"
      "sites:\n  suppliers: [{}]\n"
      "  warehouses: [{{name: fc, initial_stock: \"{}\"}}]\n"
      "  regions: [{{name: town, demand: deterministic, unmet: {}{}}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: {}}}, {{from: fc, to: town}}]\n"
      "costs: {}\n"
      "record: {{level: sku_daily}}\n",
      w.days, w.rate, w.sku_extra, w.policy, w.supplier, w.initial_stock, w.unmet, w.region_extra, w.lead_time,
      w.costs);
}

using V = std::vector<std::int32_t>;

}  // namespace

TEST_CASE("a backorder is filled before new demand when stock arrives") {
  // Demand 2/day, start with 3, (s,S) = (2,3), lead time 2 days, backorders.
  // Day 0: sell 2 (1 left); IP 1 < 2: order 2, due day 2.
  // Day 1: sell 1, backorder 1; IP 0 + 2 - 1 = 1 < 2: order 2, due day 3.
  // Day 2: 2 arrive, the backorder takes 1 first; of today's 2 one is sold, one backordered;
  //        IP 0 + 2 - 1 = 1: order 2. Days 3..5 repeat day 2.
  const ReplicationResult r = run_one_replication(yaml(World{}));
  CHECK(series(r, "receipts") == V{0, 0, 2, 2, 2, 2});
  CHECK(series(r, "backorders_filled") == V{0, 0, 1, 1, 1, 1});
  CHECK(series(r, "sales") == V{2, 1, 1, 1, 1, 1});
  CHECK(series(r, "backorders") == V{0, 1, 1, 1, 1, 1});
  CHECK(series(r, "on_hand") == V{1, 0, 0, 0, 0, 0});
  CHECK(series(r, "orders") == V{2, 2, 2, 2, 2, 2});
  CHECK(kpi(r, "fill_rate") == doctest::Approx(7.0 / 12));
  CHECK(kpi(r, "backorders_end") == 1);
}

TEST_CASE("costs, revenue and profit add up as worked out by hand") {
  // Demand 2/day, start with 3, (s,S) = (2,3), lead time 2 days, lost sales, price 10, cost 4.
  // Day 0: sell 2, end 1, order 2.  Day 1: sell 1, lose 1, end 0 (IP 2: no order).
  // Day 2: receive 2, sell 2, end 0, order 3.  Day 3: lose 2.  Day 4: receive 3, sell 2, end 1,
  // order 2.  Day 5: sell 1, lose 1.  Sales 8, lost 4, 3 orders of 7 units, 2 unit-days on hand.
  // Money at cost 4: opening 3 units = 12, bought 7 = 28, sold 8 = 32 (cogs), none left on hand, the
  // last order of 2 still on its way = 8; so 12 + 28 = 32 + 0 + 8.
  World w;
  w.unmet = "lost";
  w.sku_extra = ", price: 10, cost: 4";
  w.costs = "{holding_per_unit_day: 0.5, lost_sale_per_unit: 3, order_fixed: 7, purchase_cost_in_total: true}";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "sales") == V{2, 1, 2, 0, 2, 1});
  CHECK(series(r, "lost_sales") == V{0, 1, 0, 2, 0, 1});
  CHECK(series(r, "orders") == V{2, 0, 3, 0, 2, 0});
  CHECK(kpi(r, "holding_cost") == doctest::Approx(0.5 * 2));
  CHECK(kpi(r, "shortage_cost") == doctest::Approx(3 * 4));
  CHECK(kpi(r, "fixed_ordering_cost") == doctest::Approx(7 * 3));
  CHECK(kpi(r, "purchase_cost") == doctest::Approx(4 * 7));
  CHECK(kpi(r, "total_cost") == doctest::Approx(62));  // purchase_cost_in_total: 1 + 12 + 21 + 28
  CHECK(kpi(r, "cost_per_sku_day") == doctest::Approx(62.0 / 6));
  CHECK(kpi(r, "revenue") == doctest::Approx(80));
  CHECK(kpi(r, "opening_stock_value") == doctest::Approx(12));
  CHECK(kpi(r, "cogs") == doctest::Approx(32));
  CHECK(kpi(r, "closing_stock_value") == doctest::Approx(0));
  CHECK(kpi(r, "pipeline_value") == doctest::Approx(8));
  CHECK(kpi(r, "gross_margin") == doctest::Approx(48));
  // Gross margin less holding, shortage and fixed ordering costs: 48 - 1 - 12 - 21.
  CHECK(kpi(r, "profit") == doctest::Approx(14));
  CHECK(kpi(r, "fill_rate") == doctest::Approx(8.0 / 12));
  CHECK(kpi(r, "avg_on_hand") == doctest::Approx(2.0 / 6));
  CHECK(kpi(r, "stockout_rate") == doctest::Approx(4.0 / 6));
}

TEST_CASE("backorders cost their penalty for every day they stay open") {
  // The backorder world of the first test: 5 backorder-days (days 1..5), each costing 2.
  World w;
  w.costs = "{backorder_per_unit_day: 2}";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(kpi(r, "shortage_cost") == doctest::Approx(2 * 5));
  CHECK(kpi(r, "avg_backorders") == doctest::Approx(5.0 / 6));
}

TEST_CASE("coarser record levels aggregate the same days") {
  World w;
  w.days = 10;
  const ReplicationResult daily = run_one_replication(yaml(w));
  const ReplicationResult weekly = run_one_replication(yaml(w), {"record.level=sku_weekly"});
  const ReplicationResult site = run_one_replication(yaml(w), {"record.level=site_daily"});
  const ReplicationResult none = run_one_replication(yaml(w), {"record.level=kpi_only"});
  const V d = series(daily, "sales");
  CHECK(series(weekly, "sales") == V{d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6], d[7] + d[8] + d[9]});
  CHECK(series(weekly, "on_hand") == V{series(daily, "on_hand")[6], series(daily, "on_hand")[9]});
  CHECK(series(site, "sales") == d);  // one SKU: the site total is the SKU
  CHECK(none.arrays.empty());
  CHECK(kpi(none, "sales") == kpi(daily, "sales"));
}

TEST_CASE("an order with a 3-day lead time is on the shelf before the demand of its third day") {
  // Demand 1/day, start with 3, order up to 3 daily. Day t's order arrives at dawn of t+3, just in
  // time: nothing is ever short, and the shelf empties on day 2 and stays at 0 at every close.
  World w;
  w.rate = 1;
  w.policy = "{type: RS, S: 3}";
  w.lead_time = "3d";
  w.unmet = "lost";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "on_hand") == V{2, 1, 0, 0, 0, 0});
  CHECK(series(r, "lost_sales") == V{0, 0, 0, 0, 0, 0});
  CHECK(series(r, "receipts") == V{0, 0, 0, 1, 1, 1});
  CHECK(series(r, "on_order") == V{1, 2, 3, 3, 3, 3});
}

TEST_CASE("an order with a zero lead time arrives before the same day's close") {
  World w;
  w.policy = "{type: RS, S: 5}";
  w.initial_stock = "5";
  w.lead_time = "0d";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "on_hand") == V{5, 5, 5, 5, 5, 5});
  CHECK(series(r, "receipts") == V{2, 2, 2, 2, 2, 2});
  CHECK(series(r, "on_order") == V{0, 0, 0, 0, 0, 0});
}

TEST_CASE("a supplier at capacity ships the rest of an order on the following days") {
  // No demand; order up to 10 from an empty shelf on day 0; 3 units a day leave the supplier.
  World w;
  w.rate = 0;
  w.policy = "{type: RS, S: 10}";
  w.initial_stock = "0";
  w.lead_time = "1d";
  w.supplier = "{name: vendor, capacity_per_day: 3}";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "orders") == V{10, 0, 0, 0, 0, 0});
  CHECK(series(r, "receipts") == V{0, 3, 3, 3, 1, 0});
  CHECK(series(r, "on_order") == V{10, 7, 4, 1, 0, 0});
  CHECK(kpi(r, "orders_placed") == 1);
}

TEST_CASE("the minimum order quantity and the case pack round an order up") {
  // Wanted 7 (S - IP); MOQ 10 lifts it to 10; case pack 4 rounds it to 12.
  World w;
  w.rate = 0;
  w.policy = "{type: sS, s: 5, S: 7}";
  w.initial_stock = "0";
  w.supplier = "{name: vendor, moq: 10, case_pack: 4}";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "orders") == V{12, 0, 0, 0, 0, 0});
}

TEST_CASE("an (R,S) planner with a 3-day review period orders only on review days") {
  World w;
  w.rate = 1;
  w.days = 7;
  w.policy = "{type: RS, S: 6, review_period: 3d}";
  w.initial_stock = "6";
  w.lead_time = "0d";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "orders") == V{1, 0, 0, 3, 0, 0, 3});
}

TEST_CASE("an (s,Q) planner orders whole multiples of Q when the position falls below s") {
  // Demand 2/day, start with 4, s = 3, Q = 4, lead 1 day, lost sales.
  // Day 0: 4 -> 2; IP 2 < 3: order 4 (due day 1).  Day 1: 6 -> 4; IP 4: no order.
  // Day 2: 4 -> 2; order 4.  Day 3: 6 -> 4.  Day 4: 4 -> 2; order 4.  Day 5: 6 -> 4.
  World w;
  w.unmet = "lost";
  w.policy = "{type: sQ, s: 3, Q: 4}";
  w.initial_stock = "4";
  w.lead_time = "1d";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "orders") == V{4, 0, 4, 0, 4, 0});
  CHECK(series(r, "on_hand") == V{2, 4, 2, 4, 2, 4});
}

TEST_CASE("a base-stock planner replaces each day's demand one for one") {
  World w;
  w.rate = 3;
  w.policy = "{type: base_stock, S: 9}";
  w.initial_stock = "9";
  w.lead_time = "1d";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "orders") == V{3, 3, 3, 3, 3, 3});
  CHECK(series(r, "on_hand") == V{6, 6, 6, 6, 6, 6});
}

TEST_CASE("a SKU's own policy overrides its category's, which overrides the default") {
  const std::string text =
      "start_date: 2026-11-02\nhorizon: 3d\n"
      "catalog:\n  skus:\n"
      "    - {id: a, rate: 1}\n"
      "    - {id: b, rate: 1, category: bulky}\n"
      "    - {id: c, rate: 1, category: bulky, policy: {type: RS, S: 20}}\n"
      "policy: {type: RS, S: 5}\n"
      "policy_by_category: {bulky: {type: RS, S: 10}}\n"
      "sites:\n  suppliers: [{name: vendor}]\n  warehouses: [{name: fc, initial_stock: \"0\"}]\n"
      "  regions: [{name: town, demand: deterministic}]\n"
      "lanes: [{from: vendor, to: fc, lead_time: 1d}, {from: fc, to: town}]\n"
      "record: {level: sku_daily}\n";
  const ReplicationResult r = run_one_replication(text);
  // Day 0: nothing on hand, every SKU orders up to its own level.
  const V orders = series(r, "orders");  // [day][sku]
  CHECK(V(orders.begin(), orders.begin() + 3) == V{5, 10, 20});
}

TEST_CASE("a demand shock multiplies every day's demand while it lasts") {
  World w;
  w.rate = 2;
  w.region_extra = ", shocks: {probability_per_day: 1, multiplier: 3, duration: 2d}";
  w.initial_stock = "100";
  w.policy = "{type: RS, S: 100}";
  const ReplicationResult r = run_one_replication(yaml(w));
  CHECK(series(r, "demand") == V{6, 6, 6, 6, 6, 6});
}

TEST_CASE("two policies see the same demand: common random numbers") {
  const std::string path = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/black_friday.yaml";
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const ReplicationResult lean = run_one_replication(text, {"policy.S=s + ceil(2*m)"});
  const ReplicationResult rich = run_one_replication(text, {"policy.S=s + ceil(20*m)"});
  CHECK(series(lean, "demand") == series(rich, "demand"));
  CHECK(kpi(lean, "demand") == kpi(rich, "demand"));
  CHECK(kpi(lean, "orders_placed") > kpi(rich, "orders_placed"));
  CHECK(kpi(lean, "avg_on_hand") < kpi(rich, "avg_on_hand"));
}
