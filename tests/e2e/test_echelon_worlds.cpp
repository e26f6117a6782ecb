// Hand-checked multi-echelon worlds: a distribution centre (dc) replenishing two fulfilment centres,
// one SKU, deterministic demand, run in the real engine. Each trace is worked out by hand in the
// comment above its checks (docs/model.md, Multi-echelon).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// Sites in scenario order: dc 0, east 1, west 2. The dc's lanes list west before east, so lane order
// (priority) differs from the order in which the centres review (east at 18:00:01, west at 18:00:02).
// east's customers ask 4 a day, west's 2; each centre starts at its base-stock level S = m and orders
// what it sold. The dc starts with 3; its supplier's lead time is one day.
std::string world(const std::string& allocation, const std::string& dc_policy = "{type: base_stock, S: \"0\"}",
                  const std::string& fc_S = "m") {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 3d\n"
      "catalog: {{skus: [{{id: widget, rate: 4}}]}}\n"
      "policy: {{type: base_stock, S: \"{}\"}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses:\n"
      "    - {{name: dc, initial_stock: \"3\", allocation: {}, policy: {}}}\n"
      "    - {{name: east}}\n    - {{name: west}}\n"
      "  regions:\n"
      "    - {{name: east_town, demand: deterministic, unmet: backorder}}\n"
      "    - {{name: west_town, scale: 0.5, demand: deterministic, unmet: backorder}}\n"
      "lanes:\n"
      "  - {{from: vendor, to: dc, lead_time: 1d}}\n"
      "  - {{from: dc, to: west, lead_time: 1d}}\n  - {{from: dc, to: east, lead_time: 1d}}\n"
      "  - {{from: east, to: east_town}}\n  - {{from: west, to: west_town}}\n"
      "record: {{level: sku_daily}}\n",
      fc_S, allocation, dc_policy);
}

// One site's value of a recorded array on one day (one SKU, three sites).
std::int32_t at(const ReplicationResult& r, const std::string& name, int day, int site) {
  return series(r, name).at(std::size_t(day) * 3 + std::size_t(site));
}

struct Shipped {
  std::int32_t east, west;
};

// Day 0: the centres sell their whole stock, then order 4 (east) and 2 (west) from the dc, which
// has 3 at its supply slot (20:00:01) and ships them with a one-day lane: on the shelf on day 1.
Shipped day_zero(const std::string& allocation) {
  const ReplicationResult r = run_one_replication(world(allocation));
  CHECK(at(r, "orders", 0, 1) == 4);
  CHECK(at(r, "orders", 0, 2) == 2);
  CHECK(at(r, "transfers_out", 0, 0) == 3);
  CHECK(at(r, "on_hand", 0, 0) == 0);
  CHECK(at(r, "sales", 0, 0) == 0);  // a transfer is no sale
  const Shipped s{at(r, "transfers_in", 0, 1), at(r, "transfers_in", 0, 2)};
  CHECK(at(r, "on_order", 0, 1) == s.east);  // on order once shipped: the rest waits at the dc
  CHECK(at(r, "receipts", 1, 1) == s.east);
  CHECK(at(r, "receipts", 1, 2) == s.west);
  return s;
}

}  // namespace

TEST_CASE("fifo allocation fills the order placed first: east gets all 3 units") {
  const Shipped s = day_zero("fifo");
  CHECK(s.east == 3);
  CHECK(s.west == 0);
}

TEST_CASE("priority allocation fills the dc's lanes in order: west's 2 first, then 1 for east") {
  const Shipped s = day_zero("priority");
  CHECK(s.west == 2);
  CHECK(s.east == 1);
}

TEST_CASE("fair_share allocation gives shares of what each waits for: 3 x 2/6 = 1 to west, 3 x 4/6 = 2 to east") {
  const Shipped s = day_zero("fair_share");
  CHECK(s.west == 1);
  CHECK(s.east == 2);
}

TEST_CASE("a warehouse's own policy overrides the scenario's, and a dc's m is the sum of the m it serves") {
  const Scenario sc = load_scenario_text(world("fifo"));
  const NetworkPlan plan = make_network_plan(sc);
  CHECK(plan.warehouses[0].levels[0].S == 0);  // its own S = 0
  CHECK(plan.warehouses[1].levels[0].S == 4);  // the scenario's S = m
  CHECK(plan.warehouses[2].levels[0].S == 2);
  CHECK(plan.warehouses[0].mean_demand[0] == 6);  // 4 + 2: no region of its own
  CHECK(plan.warehouses[0].downstream == std::vector<int>{2, 1});
  CHECK(plan.warehouses[1].source == 0);
  CHECK(plan.warehouses[1].supplier == -1);
}

TEST_CASE("a dc's own position counts what it owes the centres as backorders: base stock S = 0 reorders them") {
  // Day 0: the dc reviews at 18:00:00, before the centres order: position 3, nothing to order. It ships
  // 3 of the 6 units asked (fifo), so on day 1 it owes 3: position 0 - 3 = -3, and it orders 3.
  const ReplicationResult r = run_one_replication(world("fifo"));
  CHECK(at(r, "orders", 0, 0) == 0);
  CHECK(at(r, "orders", 1, 0) == 3);
  CHECK(at(r, "backorders", 1, 0) == 0);  // the dc's backorders are its own customers' only
}

TEST_CASE("an echelon base-stock dc orders up to S on the stock of the whole echelon, the centres' included") {
  // The centres start at S = 2m (8 and 4) and sell 4 and 2 on day 0. At 18:00:00 the dc's echelon
  // position is its 3 + east's 4 + west's 2 = 9: echelon S = 10 orders 1, where base stock at the dc,
  // blind to the centres, orders 10 - 3 = 7.
  const ReplicationResult echelon = run_one_replication(world("fifo", "{type: echelon_base_stock, S: \"10\"}", "2*m"));
  CHECK(at(echelon, "orders", 0, 0) == 1);
  const ReplicationResult local = run_one_replication(world("fifo", "{type: base_stock, S: \"10\"}", "2*m"));
  CHECK(at(local, "orders", 0, 0) == 7);
}

TEST_CASE("what a centre still waits for at the dc is shipped before later orders when stock arrives there") {
  // fifo. Day 0: the dc ships 3 to east; east still waits for 1, west for 2. Day 1: east receives 3, sells
  // them and backorders 1; west backorders 2; both order what they sold (4 and 2); the dc (position
  // 0 - 3 owed) orders 3, on its shelf at dawn on day 2. Day 2: at 20:00 the dc holds those 3 and ships
  // them to day 0's remainders, 1 to east and 2 to west, ahead of the orders of days 1 and 2.
  const ReplicationResult r = run_one_replication(world("fifo"));
  CHECK(at(r, "receipts", 2, 0) == 3);
  CHECK(at(r, "transfers_out", 1, 0) == 0);
  CHECK(at(r, "transfers_out", 2, 0) == 3);
  CHECK(at(r, "transfers_in", 2, 1) == 1);
  CHECK(at(r, "transfers_in", 2, 2) == 2);
}

TEST_CASE("a carrier on the dc -> fc lane ships what its capacity allows each day, and the rest the next day") {
  // Sites: dc 0 (100 units, plenty; S = 0 orders nothing), fc 1 (S = m = 4, starts with 4, customers ask 4 a day,
  // backordered). The truck takes 3 units a day at 1 each. Day 0: fc sells 4 and orders 4; the dc tenders 4, 3 leave
  // (on fc's shelf on day 1) and 1 is refused and stays owed. Day 1: fc has 3, sells 3 and backorders 1; its position
  // 0 + 1 owed - 1 backordered = 0 orders 4; the dc tenders the 1 left first, then 4: 3 leave, 2 are refused.
  // Every day likewise: 3 leave, and the refusals grow by one a day: 1 + 2 + 3 + 4 = 10 units.
  const std::string plain =
      "start_date: 2026-11-02\nhorizon: 4d\n"
      "catalog: {skus: [{id: widget, rate: 4}]}\n"
      "policy: {type: base_stock, S: \"m\"}\n"
      "sites:\n  suppliers: [{name: vendor}]\n"
      "  warehouses:\n"
      "    - {name: dc, initial_stock: \"100\", policy: {type: base_stock, S: \"0\"}}\n"
      "    - {name: fc}\n"
      "  regions: [{name: town, demand: deterministic, unmet: backorder}]\n"
      "lanes:\n"
      "  - {from: vendor, to: dc, lead_time: 1d}\n"
      "  - {from: dc, to: fc, lead_time: 1d}\n"
      "  - {from: fc, to: town}\n"
      "record: {level: sku_daily}\n";
  std::string text = plain;
  text.replace(text.find("lead_time: 1d}\n  - {from: fc"), 14,
               "lead_time: 1d, carriers: [{name: truck, capacity_per_day: 3, cost_per_unit: 1}]}");
  const ReplicationResult base = run_one_replication(plain);
  const ReplicationResult r = run_one_replication(text);
  using V = std::vector<std::int32_t>;
  auto site = [](const ReplicationResult& x, const std::string& name, int s) {
    V out;
    for (int d = 0; d < 4; ++d) out.push_back(series(x, name).at(std::size_t(d) * 2 + std::size_t(s)));
    return out;
  };
  CHECK(site(base, "transfers_out", 0) == V{4, 4, 4, 4});
  CHECK(site(r, "transfers_out", 0) == V{3, 3, 3, 3});
  CHECK(site(r, "transfers_in", 1) == V{3, 3, 3, 3});
  CHECK(site(r, "orders", 1) == V{4, 4, 4, 4});
  CHECK(site(r, "receipts", 1) == V{0, 3, 3, 3});
  CHECK(site(r, "backorders", 1) == V{0, 1, 2, 3});
  CHECK(site(r, "on_hand", 0) == V{97, 94, 91, 88});  // refused units stay on the dc's shelf
  CHECK(kpi(r, "carrier_refusals") == 10);
  CHECK(kpi(r, "carrier_utilisation") == 1);
  // The cost is the receiving fc's, as an inbound lane's; the lane breakdown has the dc -> fc lane.
  CHECK(kpi(r, "transport_cost") == 12);
  CHECK(breakdown_value(breakdown(r, "site"), "transport_cost", 1) == 12);
  CHECK(breakdown_value(breakdown(r, "site"), "transport_cost", 0) == 0);
  const KpiBreakdown& lanes = breakdown(r, "lane");
  CHECK(lanes.entities == 1);
  CHECK(breakdown_value(lanes, "carrier_refusals", 0) == 10);
  CHECK(breakdown_value(lanes, "carrier_utilisation", 0) == 1);
}
