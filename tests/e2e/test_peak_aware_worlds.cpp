// Replenishment that sees the peak coming (docs/model.md, Peak-aware replenishment): the window variables against
// sums worked out by hand, levels and prebuys traced by hand in tiny deterministic worlds, and the Singles' Day
// scenario's peak-aware policy against its static (s,S) over paired replications.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "agents/demand_window.hpp"
#include "tests/support/replications.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// One SKU of rate 2 from a Monday, 8 days; a one-day event on Sunday 2026-11-08 (day 6) at three times the rate.
std::string world(const std::string& policy, const std::string& region = "demand: deterministic",
                  const std::string& lead_time = "2d", const std::string& event = "multiplier: 3") {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 8d\n"
      "calendar: {{events: [{{name: sunday_sale, date: \"2026-11-08\", {}}}]}}\n"
      "catalog: {{skus: [{{id: widget, rate: 2, price: 10, cost: 4}}]}}\n"
      "policy: {}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n  warehouses: [{{name: fc}}]\n"
      "  regions: [{{name: town, unmet: lost, {}}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: {}}}, {{from: fc, to: town}}]\n"
      "record: {{level: sku_daily}}\n",
      event, policy, region, lead_time);
}

using V = std::vector<std::int32_t>;

}  // namespace

TEST_CASE("mu_window and sd_window are the calendar's sums over days t+1 .. t+R+L-1 of each review") {
  // R = 1, L = 2: a review on day t covers days t+1 and t+2. Daily means 2, and 6 on day 6.
  // Negative binomial with k = 2: a day's variance is mu + mu^2/2, 4 on a normal day and 24 on day 6.
  // s = mu_window, S = s + 1000 sd_window^2 (the variance, exact in whole units).
  const Scenario sc = load_scenario_text(
      world("{type: sS, s: mu_window, S: \"s + 1000*sd_window^2\"}", "demand: negative_binomial, dispersion: 2"));
  const NetworkPlan plan = make_network_plan(sc);
  const auto& levels = plan.warehouses[0].review_levels[0];
  REQUIRE(levels.size() == 8);
  const std::vector<std::int64_t> mean = {4, 4, 4, 4, 8, 8, 4, 4};   // days 5+6 and 6+7 hold the event
  const std::vector<std::int64_t> var = {8, 8, 8, 8, 28, 28, 8, 8};  // day 8 is past the horizon: still 4
  for (std::size_t t = 0; t < levels.size(); ++t) {
    CAPTURE(t);
    CHECK(levels[t].s == mean[t]);
    CHECK(levels[t].S == mean[t] + 1000 * var[t]);
  }
  CHECK(plan.warehouses[0].levels[0].s == 4);  // the reported level and the initial stock are day 0's
  CHECK(plan.warehouses[0].initial_stock[0] == 4 + 8000);
}

TEST_CASE("a fractional window weighs its last day by the fraction it holds") {
  // L = 2.5, R = 1: P = 2.5 days, so a review on day 4 covers day 5, day 6 (the event) and half of day 7.
  // Poisson: the variance is the mean.
  const Scenario sc = load_scenario_text(world("{type: sS, s: 0, S: 1}", "demand: poisson", "2.5d"));
  const NetworkPlan plan = make_network_plan(sc);
  const DemandWindows windows(sc, plan, 0, 5);
  const WindowMoments m = windows.over(sc.skus[0], 5, 2.5);
  CHECK(m.mean == doctest::Approx(2 + 6 + 0.5 * 2));
  CHECK(m.sd == doctest::Approx(std::sqrt(9.0)));
  CHECK(review_window_days(sc.skus[0].policy.value_or(sc.policy), 2.5) == doctest::Approx(2.5));
}

TEST_CASE("levels without the window variables are evaluated once") {
  const NetworkPlan plan = make_network_plan(load_scenario_text(world("{type: base_stock, S: \"2*m\"}")));
  CHECK(plan.warehouses[0].review_levels[0].empty());
}

TEST_CASE("a level on the window demand that is negative on some review fails the plan, naming that review") {
  // s = 7 - mu_window is 7 - 4 = 3 on day 0 (the load's check) but 7 - 8 = -1 at day 4's review.
  // The message also names the file, line, column and key of the formula.
  std::string message;
  try {
    make_network_plan(load_scenario_text(world("{type: sS, s: \"7 - mu_window\", S: 20}")));
  } catch (const ScenarioError& e) {
    message = e.what();
  }
  CHECK(message.find(":5:23: policy.s: policy level s (review of day 4) of SKU 'widget' at 'fc' is -1; levels must "
                     "be finite, >= 0 and at most 1000000000000 units") != std::string::npos);
}

TEST_CASE("a newsvendor prebuy needs salvage below cost") {
  std::string text = world("{type: base_stock, S: \"2*m\", prebuy: [{event: sunday_sale, days_before: 4d}]}");
  text.replace(text.find("cost: 4}"), 8, "cost: 4, salvage: 4}");
  CHECK_THROWS_WITH_AS(make_network_plan(load_scenario_text(text)),
                       "prebuy of SKU 'widget': the newsvendor ratio (price - cost) / (price - salvage) needs salvage "
                       "< cost at 'fc'",
                       PlanError);
}

TEST_CASE("an order-up-to level on mu_window orders for the event before it comes, a static one does not") {
  // Deterministic demand [2 2 2 2 2 2 6 2], lead time 2 days, base stock. Static S = 2m = 4: every day's order
  // replaces the day's 2 units, so on day 6 only 2 of 6 are on the shelf and 4 are lost.
  // S = mu_window: S_t = D(t+1) + D(t+2) = 4, except S_4 = D5 + D6 = 8 and S_5 = D6 + D7 = 8. Day 4: IP 2 (day 3's
  // order), order 6 (due day 6). Day 5: IP 6, order 2. Day 6: 6 arrive and all 6 sell; IP 2, S_6 = 4: order 2.
  const ReplicationResult fixed = run_one_replication(world("{type: base_stock, S: \"2*m\"}"));
  const ReplicationResult ahead = run_one_replication(world("{type: base_stock, S: mu_window}"));
  CHECK(series(fixed, "orders") == V{2, 2, 2, 2, 2, 2, 2, 2});
  CHECK(series(fixed, "lost_sales") == V{0, 0, 0, 0, 0, 0, 4, 0});
  CHECK(series(ahead, "orders") == V{2, 2, 2, 2, 6, 2, 2, 2});
  CHECK(series(ahead, "sales") == V{2, 2, 2, 2, 2, 2, 6, 2});
  CHECK(series(ahead, "lost_sales") == V{0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("a newsvendor prebuy orders the event's cover less the position, before the SKU's own review") {
  // Static base stock S = 4 as above; a prebuy 4 days before day 6, at day 2's review. Its cover is days 3 .. 6
  // (the event has no days after): 2 + 2 + 2 + 6 = 12 units, no spread (deterministic), so the newsvendor target
  // is 12. Position at day 2: nothing on hand, day 1's 2 units on order: the prebuy is 12 - 2 = 10 (due day 4),
  // and the day's own review then sees IP 12 >= 4 and orders nothing. Days 3-5 IP 10, 8, 6: no order. Day 6 sells
  // the 6 and orders 4 (due day 8, after the run); day 7 has nothing: 2 lost.
  const std::string prebuy = "prebuy: [{event: sunday_sale, days_before: 4d";
  const ReplicationResult r = run_one_replication(world("{type: base_stock, S: \"2*m\", " + prebuy + "}]}"));
  CHECK(series(r, "orders") == V{2, 2, 10, 0, 0, 0, 4, 0});
  CHECK(series(r, "sales") == V{2, 2, 2, 2, 2, 2, 6, 0});
  CHECK(series(r, "lost_sales") == V{0, 0, 0, 0, 0, 0, 0, 2});
  // A formula sees the same cover and position: mu_event + sd_event - position = 12 + 0 - 2.
  const ReplicationResult f = run_one_replication(
      world("{type: base_stock, S: \"2*m\", " + prebuy + ", quantity: \"mu_event + sd_event - position\"}]}"));
  CHECK(series(f, "orders") == series(r, "orders"));
  // Below 0 orders nothing: the day's own review orders as without a prebuy.
  const ReplicationResult none =
      run_one_replication(world("{type: base_stock, S: \"2*m\", " + prebuy + ", quantity: \"-5\"}]}"));
  CHECK(series(none, "orders") == V{2, 2, 2, 2, 2, 2, 2, 2});
}

TEST_CASE("a prebuy goes through the supplier's case pack like any order") {
  // As above with cases of 4: the prebuy of 10 becomes 12; every daily order of 2 becomes 4.
  std::string text = world("{type: base_stock, S: \"2*m\", prebuy: [{event: sunday_sale, days_before: 4d}]}");
  text.replace(text.find("{name: vendor}"), 14, "{name: vendor, case_pack: 4}");
  const ReplicationResult r = run_one_replication(text);
  CHECK(series(r, "orders")[2] == 12);
}

TEST_CASE("on Singles' Day the peak-aware policy beats the static (s,S) on peak fill rate and profit") {
  // scenarios/singles_day_peak_aware.yaml with its own policy and with the static one its header names, on the
  // same replications (common random numbers); scripts/peak-aware-compare runs 200 of each (docs/model.md).
  const std::string file = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/singles_day_peak_aware.yaml";
  const std::string level = "ceil(m*(L+R) + 1.65*sqrt(m*(L+R)))";
  const std::string fixed = fmt::format(R"~(policy={{type: sS, s: "{0}", S: "{0} + ceil(5*m)"}})~", level);
  const auto aware = replications(load_scenario(file), 30);
  const auto static_ = replications(load_scenario(file, {fixed}), 30);
  const stats::Summary peak = difference(aware, static_, "fill_rate_peak");
  const stats::Summary profit = difference(aware, static_, "profit");
  MESSAGE(fmt::format("fill_rate_peak {:+.4f} +/- {:.4f}, profit {:+.0f} +/- {:.0f} (99%, 30 pairs)", peak.mean,
                      peak.half_width, profit.mean, profit.half_width));
  CHECK(peak.mean - peak.half_width > 0);
  CHECK(profit.mean - profit.half_width > 0);
}
