// The moving_average policy: levels on hand-checked demand histories, the planner's ring buffer,
// the scenario keys, and tiny deterministic worlds run in the real engine.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <vector>

#include "agents/planner.hpp"
#include "agents/policies.hpp"
#include "model/network_plan.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;

namespace {

// One SKU's history, oldest day first, viewed as a ring that has not wrapped yet.
DemandHistory view(const std::vector<std::int64_t>& oldest_first) {
  const int n = int(oldest_first.size());
  return {oldest_first.data(), 1, n, n - 1, n};
}

PolicyParams moving_average(int window, double z = 0) {
  PolicyParams p;
  p.type = PolicyType::moving_average;
  p.window_days = window;
  p.z = z;
  return p;
}

// The order for a SKU with lead time `lead`, warm-start level `warm`, nothing on order.
std::int64_t order(const PolicyParams& p, double lead, std::int64_t warm, const std::vector<std::int64_t>& history,
                   std::int64_t on_hand, std::int64_t backorders = 0) {
  const Observation obs{10, on_hand, 0, backorders, view(history)};
  return make_policy(p, {0, warm, 0}, {100, lead})->order_quantity(obs);
}

}  // namespace

TEST_CASE("an order covers R + max(L, 1) - 1 days of demand") {
  PolicyParams p = moving_average(3);
  CHECK(protection_days(p, 2) == 2);
  CHECK(protection_days(p, 0) == 1);  // a same-day arrival (at the close) serves tomorrow, as L = 1 does
  CHECK(protection_days(p, 0.5) == 1);
  p.review_period_days = 7;
  CHECK(protection_days(p, 3) == 9);  // days t+1 .. t+9 come before the next review's order arrives
}

TEST_CASE("without a safety factor the policy orders up to P times the moving mean") {
  const PolicyParams p = moving_average(3);
  // Last 3 days 30, 20, 10 (an older 99 is outside the window): mean 20, L = 2 so S = 40.
  CHECK(order(p, 2, 0, {99, 30, 20, 10}, 25) == 15);
  CHECK(order(p, 2, 0, {99, 30, 20, 10}, 0, 5) == 45);  // backorders lower the position
  CHECK(order(p, 2, 0, {99, 30, 20, 10}, 40) == 0);
  CHECK(order(p, 2, 0, {99, 30, 20, 10}, 55) == 0);   // never negative
  CHECK(order(p, 4, 0, {99, 30, 20, 10}, 25) == 55);  // L = 4: S = 80
  // Mean 7.5 with P = 1 is exactly half way: rounded away from zero to 8.
  CHECK(order(moving_average(2), 1, 0, {7, 8}, 0) == 8);
}

TEST_CASE("with z the level adds z sqrt(P) times the moving sample standard deviation") {
  // Window 8, 12, 10, 10: mean 10, squared deviations 4 + 4 + 0 + 0 = 8, sd = sqrt(8 / 3).
  // L = 2: S = 2 x 10 + 1.5 x sqrt(2) x sqrt(8 / 3) = 20 + 1.5 x 4 / sqrt(3) = 23.46, so 23.
  CHECK(order(moving_average(4, 1.5), 2, 0, {8, 12, 10, 10}, 0) == 23);
  // z = 3: 20 + 6.93 = 26.93, so 27.
  CHECK(order(moving_average(4, 3), 2, 0, {8, 12, 10, 10}, 0) == 27);
  // A steady history has no spread: S = P x mean whatever z is.
  CHECK(order(moving_average(4, 3), 2, 0, {10, 10, 10, 10}, 0) == 20);
}

TEST_CASE("until the window is full the policy orders up to its warm-start level") {
  CHECK(order(moving_average(3), 2, 37, {50, 50}, 30) == 7);
  CHECK(order(moving_average(3), 2, 37, {}, 30) == 7);
  // m = 100, L = 2, z = 1: 2 x 100 + sqrt(2) x sqrt(100) = 214.1, so 214.
  CHECK(warm_start_level(moving_average(3, 1), {100, 2}) == 214);
  CHECK(warm_start_level(moving_average(3), {100, 2}) == 200);
}

TEST_CASE("the planner's ring keeps the last days of every SKU, newest first") {
  agents::DemandRing ring(3, 2);
  CHECK(ring.view(0).days() == 0);
  for (std::int64_t day = 1; day <= 5; ++day) ring.push({day, 10 * day});
  const DemandHistory h = ring.view(1);
  REQUIRE(h.days() == 3);
  CHECK(h.ago(0) == 50);
  CHECK(h.ago(1) == 40);  // wraps around the end of the ring
  CHECK(h.ago(2) == 30);
  CHECK(ring.view(0).ago(2) == 3);
}

namespace {

// A one-SKU world: deterministic demand 10 a day x the weekly factor, Monday 2026-11-02 first,
// so days 0..7 see 10, 20, 10, 30, 10, 10, 10, 10.
std::string world(const std::string& policy, const std::string& lead_time, const std::string& initial_stock = "S") {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 8d\ncalendar: {{weekly: [1, 2, 1, 3, 1, 1, 1]}}\n"
      "catalog: {{skus: [{{id: widget, rate: 10}}]}}\npolicy: {}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n  warehouses: [{{name: fc, initial_stock: \"{}\"}}]\n"
      "  regions: [{{name: town, demand: deterministic, unmet: backorder}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: {}}}, {{from: fc, to: town}}]\n",
      policy, initial_stock, lead_time);
}

std::vector<std::int32_t> run_series(const std::string& text, const std::string& name) {
  return test::series(test::run_one_replication(text), name);
}

std::string error_of(const std::string& text) {
  try {
    test::load_scenario_text(text);
  } catch (const ScenarioError& e) {
    return e.key_path() + ": " + e.message();
  }
  return "";
}

using V = std::vector<std::int32_t>;

}  // namespace

TEST_CASE("a two-day moving average orders what was sold plus the change in the forecast") {
  // Window 2, L = 1 so P = 1; warm start S = m = 10 (also the initial stock); backorders.
  // Day 0: sell 10 (0 left); one day seen: S = 10, IP 0, order 10.
  // Day 1: receive 10; demand 20: 10 backordered; S = (20 + 10) / 2 = 15, IP -10: order 25.
  // Day 2: receive 25, fill 10, 15 left; demand 10: 5 left; S = 15, IP 5: order 10.
  // Day 3: receive 10: 15; demand 30: 15 backordered; S = 20, IP -15: order 35.
  // Day 4: receive 35, fill 15: 20; demand 10: 10 left; S = 20, IP 10: order 10.
  // Day 5: receive 10: 20; demand 10: 10 left; S = 10, IP 10: order 0 (exactly, not cut at 0).
  // Days 6, 7: receive 0 then 10, sell 10 each day; S = 10: order 10, 10.
  const std::string text = world("{type: moving_average, window: 2d}", "1d");
  CHECK(run_series(text, "orders") == V{10, 25, 10, 35, 10, 0, 10, 10});
  CHECK(run_series(text, "backorders") == V{0, 10, 0, 15, 0, 0, 0, 0});
  CHECK(run_series(text, "on_hand") == V{0, 0, 5, 0, 10, 10, 0, 0});
}

TEST_CASE("with a zero lead time the same orders arrive at the close") {
  // The inventory position, hence every order, is that of the L = 1 world (P = 1 in both);
  // only the stock at the close differs: today's order is already on the shelf.
  const std::string text = world("{type: moving_average, window: 2d}", "0d");
  CHECK(run_series(text, "orders") == V{10, 25, 10, 35, 10, 0, 10, 10});
  CHECK(run_series(text, "on_hand") == V{10, 15, 15, 20, 20, 10, 10, 10});
}

TEST_CASE("an order that would be negative is cut to zero and the surplus stays in the position") {
  // Window 1, L = 1: S is today's demand. Start with 10.
  // Day 0: sell 10; S = 10, IP 0: order 10.  Day 1: receive 10, demand 20: 10 backordered;
  // S = 20, IP -10: order 30.  Day 2: receive 30, fill 10: 20; demand 10: 10; S = 10, IP 10: 0.
  // Day 3: demand 30: 20 backordered; S = 30, IP -20: order 50.  Day 4: receive 50, fill 20: 30;
  // demand 10: 20; S = 10, IP 20: -10 is cut to 0.  Day 5: demand 10: 10; S = 10, IP 10: 0.
  // Day 6: demand 10: 0; order 10.  Day 7: receive 10, sell 10; order 10.
  const std::string text = world("{type: moving_average, window: 1d}", "1d", "10");
  CHECK(run_series(text, "orders") == V{10, 30, 0, 50, 0, 0, 10, 10});
}

TEST_CASE("the default initial stock is the warm-start level, with the safety term on sqrt(m)") {
  // m = 10, L = 2, z = 1.5: 2 x 10 + 1.5 x sqrt(2) x sqrt(10) = 26.7, so 27; day 0 sells 10.
  const std::string text = world("{type: moving_average, window: 3d, z: 1.5}", "2d");
  CHECK(run_series(text, "on_hand")[0] == 17);
}

TEST_CASE("the scenario keys of moving_average are checked and z is filled in") {
  const Scenario sc = test::load_scenario_text(world("{type: moving_average, window: 5d}", "2d"));
  CHECK(sc.policy.type == PolicyType::moving_average);
  CHECK(sc.policy.window_days == 5);
  CHECK(sc.policy.z == 0);
  CHECK(sc.resolved_yaml.find("z: 0") != std::string::npos);
  CHECK(error_of(world("{type: moving_average}", "2d")) ==
        "policy.window: missing required key 'window' (policy type moving_average needs window)");
  CHECK(error_of(world("{type: moving_average, window: 2d, S: 5}", "2d")) ==
        "policy.S: key 'S' is not used by policy type moving_average");
  CHECK(error_of(world("{type: RS, S: 5, window: 2d}", "2d")) ==
        "policy.window: key 'window' is not used by policy type RS");
  CHECK(error_of(world("{type: RS, S: 5, z: 1}", "2d")) == "policy.z: key 'z' is not used by policy type RS");
  CHECK(error_of(world("{type: moving_average, window: 1d, z: 1}", "2d")) ==
        "policy.z: z > 0 needs a window of at least 2d; got window 1d");
  CHECK(error_of(world("{type: moving_average, window: 36h}", "2d")).find("whole number of days") != std::string::npos);
}
