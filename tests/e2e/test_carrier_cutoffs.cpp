// Outbound carriers with cut-offs of their own (`lanes[].carriers[].cutoffs`): exact cycle times of a parcel
// carrier at 16:00 and an express one at 20:00, worked out by hand from each order's placement; moving the only
// carrier's cut-off from 20:00 to noon measured over replications; and a carrier's daily capacity shared by its
// two cut-offs of a day.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "agents/order_desk.hpp"
#include "agents/order_generator.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/stats/summary.hpp"
#include "tests/support/order_recorder.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::agents;
using namespace peaksim::test;

namespace {

// One centre with ample stock that never reorders, no picker (a part is ready at placement), the centre's one
// cut-off at 23:00; single-unit orders, `rate` a day (`demand`), placed in the hours of `intraday` (24 weights);
// a day's promise and a day's transit; `carriers` on the region lane.
std::string one_centre(const std::string& carriers, const std::string& intraday, int rate,
                       const std::string& demand = "deterministic", int horizon = 4) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: {}d\nseed: 3\n"
      "catalog: {{skus: [{{id: widget, rate: {}}}]}}\n"
      "policy: {{type: sS, s: 0, S: 0}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: 1000}}]\n"
      "  regions: [{{name: town, demand: {}, promise: 1d}}]\n"
      "lanes: [{{from: vendor, to: fc}}, {{from: fc, to: town, lead_time: 1d, carriers: {}}}]\n"
      "orders: {{intraday: {}}}\n",
      horizon, rate, demand, carriers, intraday);
}

// 24 hourly weights: 1 at each of `at`, or at every hour when `at` is empty.
std::string hours(std::initializer_list<int> at) {
  std::vector<int> w(24, at.size() == 0 ? 1 : 0);
  for (int h : at) w[std::size_t(h)] = 1;
  return fmt::format("[{}]", fmt::join(w, ", "));
}

const std::string kParcelAndExpress =
    "[{name: parcel, cutoffs: [16], cost_per_unit: 1}, {name: express, cutoffs: [20], cost_per_unit: 3}]";

RecorderSetup recorder_for(const NetworkPlan& plan) { return peaksim::test::order_recorder_for(plan); }

}  // namespace

TEST_CASE("a parcel carrier at 16:00 and an express one at 20:00 give each order the cycle time worked out by hand") {
  // Orders placed at 10:xx leave with the parcel carrier at 16:00, those at 17:xx with the express one at 20:00,
  // those at 21:xx with the parcel carrier at 16:00 the next day: the centre's 23:00 is no carrier's cut-off.
  // Delivery a day after leaving; the cycle is placement to delivery. The last day's 21:xx orders leave after
  // the run and are outside the cycle times.
  const Scenario sc = load_scenario_text(one_centre(kParcelAndExpress, hours({10, 17, 21}), 6));
  const NetworkPlan plan = make_network_plan(sc);
  Recorder recorder(recorder_for(plan));
  Warehouse centre(0, plan, recorder);
  OrderDesk desk(plan, 0, {&centre}, {nullptr}, recorder);
  for (int day = 0; day < sc.horizon_days; ++day) desk.serve_day(day);
  desk.report();

  // The same orders, drawn again (the desk's generator: region 0, replication 0), in placement order.
  OrderGenerator generator(0, plan, 0);
  std::vector<float> expected;
  int parcel = 0, express = 0;
  for (int day = 0; day < sc.horizon_days; ++day) {
    std::vector<Order> orders;
    std::vector<OrderLine> lines;
    generator.generate(day, orders, lines);
    for (const Order& o : orders) {
      const int hour = int(std::floor(std::fmod(o.placed, kSecondsPerDay) / 3600));
      const int leave_day = hour == 21 ? day + 1 : day;
      if (leave_day >= sc.horizon_days) continue;
      const double leave = leave_day * kSecondsPerDay + (hour == 17 ? 20 : 16) * 3600.0;
      (hour == 17 ? express : parcel) += 1;
      expected.push_back(float((leave + kSecondsPerDay - o.placed) / 3600.0));
    }
  }
  REQUIRE(parcel > 0);
  REQUIRE(express > 0);
  // The report's percentiles reorder the desk's cycle times: compare them sorted.
  std::vector<float> got = desk.network().cycle_hours;
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == expected[i]);
  }
  // Parts ready before a cut-off of the lane leave at it: none missed one.
  CHECK(desk.network().missed == 0);
}

TEST_CASE("each outbound carrier takes the units that leave at its own cut-offs and charges for them") {
  // 6 single-unit orders a day, all in one hour. Placed at 10:xx they leave with the parcel carrier (1 a unit) at
  // 16:00; at 17:xx with the express one (3 a unit) at 20:00; at 21:xx with the parcel carrier the next day (day
  // 3's after the run, untendered), arriving a day after their promise.
  struct Case {
    int hour;
    double cost, on_time;
  };
  for (const Case c : {Case{10, 1 * 6 * 4, 1}, Case{17, 3 * 6 * 4, 1}, Case{21, 1 * 6 * 3, 0}}) {
    CAPTURE(c.hour);
    const ReplicationResult r = run_one_replication(one_centre(kParcelAndExpress, hours({c.hour}), 6));
    CHECK(kpi(r, "transport_cost") == doctest::Approx(c.cost));
    CHECK(kpi(r, "on_time_rate") == doctest::Approx(c.on_time));
    CHECK(kpi(r, "carrier_refusals") == 0);
    CHECK(kpi(r, "cutoffs_missed") == 0);
  }
}

TEST_CASE("a carrier without cut-offs of its own collects at the centre's, beside one that has its own") {
  // The parcel carrier collects at the centre's 23:00, the express one at its own 20:00: orders placed at 17:xx
  // leave by express (3 a unit), those at 21:xx by parcel the same evening (1 a unit), on time.
  const std::string carriers = "[{name: parcel, cost_per_unit: 1}, {name: express, cutoffs: [20], cost_per_unit: 3}]";
  for (const auto& [hour, cost] : {std::pair{17, 3.0 * 6 * 4}, std::pair{21, 1.0 * 6 * 4}}) {
    CAPTURE(hour);
    const ReplicationResult r = run_one_replication(one_centre(carriers, hours({hour}), 6));
    CHECK(kpi(r, "transport_cost") == doctest::Approx(cost));
    CHECK(kpi(r, "on_time_rate") == 1);
    CHECK(kpi(r, "cutoffs_missed") == 0);
  }
}

TEST_CASE("a carrier's capacity is a day's, shared by its cut-offs: two cut-offs do not double it") {
  // 20 single-unit orders a day at 8:xx; the truck collects at 12:00 and 20:00, 5 units a day, 1 a unit. It is
  // full at noon every day and takes nothing at 20:00: 5 units a day over 4 days.
  const ReplicationResult r = run_one_replication(
      one_centre("[{name: truck, capacity_per_day: 5, cost_per_unit: 1, cutoffs: [12, 20]}]", hours({8}), 20));
  CHECK(kpi(r, "transport_cost") == doctest::Approx(20));  // units carried
  CHECK(breakdown_value(breakdown(r, "lane"), "carrier_utilisation", 0) == doctest::Approx(1));
  // What waits is refused at both cut-offs of each day: 15, 30, 45 and 60 units at days 0-3's noon.
  CHECK(kpi(r, "carrier_refusals") == 2 * (15 + 30 + 45 + 60));
  // Every order after the first 5 left after the noon cut-off of its day.
  CHECK(kpi(r, "cutoffs_missed") == 20 - 5);
}

TEST_CASE("over replications, a carrier with two cut-offs a day never carries more than its daily capacity") {
  // Poisson orders around the clock, about twice the truck's capacity: its lane is saturated.
  const std::string text = one_centre("[{name: truck, capacity_per_day: 7, cost_per_unit: 1, cutoffs: [9.5, 18]}]",
                                      hours({}), 14, "poisson");
  for (const ReplicationResult& r : replications(text, 6)) {
    const double utilisation = breakdown_value(breakdown(r, "lane"), "carrier_utilisation", 0);
    CHECK(utilisation <= 1);
    CHECK(utilisation > 0.9);
    CHECK(kpi(r, "transport_cost") <= 7 * 4);  // units carried: at most 7 a day
  }
}

TEST_CASE("moving the only carrier's cut-off from 20:00 to noon lengthens cycles and lowers on-time delivery") {
  // Orders in business hours (8:00 to 19:00) with a day's promise and a day's transit: at 20:00 every order leaves
  // the day it is placed (cycle 25-36 h); at noon those placed after it (7 of 11 hours) leave the next day and
  // arrive late (cycle 41-48 h, the median's side). (With orders around the clock the cycle would be uniform
  // over 24-48 h whatever the cut-off.)
  const auto world = [](const std::string& cutoff) {
    return one_centre("[{name: van, cutoffs: [" + cutoff + "]}]", hours({8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}), 30,
                      "poisson", 10);
  };
  const int n = 8;
  const std::vector<ReplicationResult> evening = replications(world("20"), n);
  const std::vector<ReplicationResult> noon = replications(world("12"), n);
  const stats::Summary p50 = difference(noon, evening, "cycle_time_p50");
  const stats::Summary on_time = difference(noon, evening, "on_time_rate");
  MESSAGE(fmt::format("noon - 20:00: cycle_time_p50 {:+.2f} +- {:.2f} h; on_time_rate {:+.4f} +- {:.4f}", p50.mean,
                      p50.half_width, on_time.mean, on_time.half_width));
  CHECK(p50.mean - p50.half_width > 0);
  CHECK(on_time.mean + on_time.half_width < 0);
  // By hand, orders spread evenly over 8:00-19:00. At 20:00 the cycle is 44 h less the placement hour: median
  // 44 - 13.5. At noon, of the 103 hours' worth of orders shipped within the run (9 days of 11 hours, and the
  // last day's 4 before noon), 40 arrive in 24-28 h and on time, the other 63 evenly over 41-48 h, late: the
  // median is 41 + (103 / 2 - 40) / 63 x 7 h.
  const double on_time_noon = 40.0 / 103, p50_change = 41 + (103.0 / 2 - 40) / 63 * 7 - (44 - 13.5);
  CHECK(std::abs(p50.mean - p50_change) <= p50.half_width);
  std::vector<double> noon_on_time;
  for (const ReplicationResult& r : noon) noon_on_time.push_back(kpi(r, "on_time_rate"));
  const stats::Summary s = stats::summarize(noon_on_time, 0.99);
  MESSAGE(fmt::format("noon on_time_rate {:.4f} +- {:.4f}, by hand {:.4f}", s.mean, s.half_width, on_time_noon));
  CHECK(std::abs(s.mean - on_time_noon) <= s.half_width);
  for (const ReplicationResult& r : evening) CHECK(kpi(r, "on_time_rate") == 1);
}
