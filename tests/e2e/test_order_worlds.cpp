// Tiny worlds of customer orders (the `orders` section), worked out by hand: which centre serves an order,
// whole or split, when it ships and arrives, the backlog; and two sensitivities measured with confidence
// intervals over replications: fewer robots lengthen the peak's cycle times, a longer transit or an earlier
// cut-off lowers the on-time rate.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "sim/stats/summary.hpp"
#include "tests/support/peak_week.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// One SKU, 2 single-unit orders a day (deterministic), placed in hour 8 unless `orders` says otherwise; the
// primary centre fc and the second centre depot never reorder (s = S = 0), so their initial stock is all
// they ship.
std::string two_centres(const std::string& fc_stock, const std::string& depot_stock, const std::string& orders,
                        const std::string& fc_lane = "1d", const std::string& depot_lane = "1d",
                        const std::string& catalog = "[{id: widget, rate: 2}]") {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 5d\n"
      "catalog: {{skus: {}}}\n"
      "policy: {{type: sS, s: 0, S: 0}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: \"{}\"}}, {{name: depot, initial_stock: \"{}\"}}]\n"
      "  regions: [{{name: town, demand: deterministic, promise: 1d}}]\n"
      "lanes: [{{from: vendor, to: fc}}, {{from: vendor, to: depot}}, {{from: fc, to: town, lead_time: {}}},"
      " {{from: depot, to: town, lead_time: {}}}]\n"
      "orders: {}\n",
      catalog, fc_stock, depot_stock, fc_lane, depot_lane, orders);
}

const std::string kAtEight = "{intraday: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";

std::string read_scenario_file(const std::string& relative) {
  std::ifstream in(std::string(PEAKSIM_SOURCE_DIR) + "/" + relative);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("an empty primary centre sends every order to the region's second centre") {
  // 10 orders over 5 days; fc has nothing, depot 100: depot ships all 10, nothing is lost.
  for (const std::string split : {"true", "false"}) {
    const ReplicationResult r = run_one_replication(two_centres("0", "100", kAtEight + ", split: " + split + "}"));
    CHECK(kpi(r, "orders") == 10);
    CHECK(kpi(r, "order_fill_rate") == 1);
    CHECK(site(r, "sales", 0) == 0);
    CHECK(site(r, "sales", 1) == 10);
    CHECK(site(r, "orders", 1) == 10);
    CHECK(kpi(r, "lost_sales") == 0);
  }
}

TEST_CASE("once the primary runs out, the rest of the orders overflow to the second centre") {
  // fc has 3 units: the first 3 orders (days 0 and 1) are fc's, the other 7 depot's.
  const ReplicationResult r = run_one_replication(two_centres("3", "100", kAtEight + "}"));
  CHECK(site(r, "sales", 0) == 3);
  CHECK(site(r, "sales", 1) == 7);
  CHECK(kpi(r, "fill_rate") == 1);
}

TEST_CASE("nearest_with_stock serves from the centre with the shortest transit; primary_first from the primary") {
  const std::string first = two_centres("100", "100", kAtEight + "}", "3d", "1d");
  const std::string nearest = two_centres("100", "100", kAtEight + ", fulfilment: nearest_with_stock}", "3d", "1d");
  const ReplicationResult a = run_one_replication(first), b = run_one_replication(nearest);
  CHECK(site(a, "sales", 0) == 10);
  CHECK(kpi(a, "delivery_days_mean") == 3);
  CHECK(site(b, "sales", 1) == 10);
  CHECK(kpi(b, "delivery_days_mean") == 1);
}

TEST_CASE("split orders take each line where it is in stock; whole orders lose what their one centre lacks") {
  // Two SKUs, every order two lines; fc holds only a, depot only b. Split: every line ships. Whole: an order
  // of a and b goes to the primary (neither centre has both) and loses its b; depot never loses anything.
  const std::string catalog = "[{id: a, rate: 1}, {id: b, rate: 1}]";
  const auto basket = [](const char* split) { return kAtEight + ", lines: [0, 1], split: " + split + "}"; };
  const ReplicationResult split =
      run_one_replication(two_centres("100*(1-i)", "100*i", basket("true"), "1d", "1d", catalog));
  const ReplicationResult whole =
      run_one_replication(two_centres("100*(1-i)", "100*i", basket("false"), "1d", "1d", catalog));
  CHECK(kpi(split, "orders") == 5);
  CHECK(kpi(split, "order_lines") == 10);
  CHECK(kpi(split, "order_fill_rate") == 1);
  CHECK(kpi(split, "lost_sales") == 0);
  CHECK(kpi(whole, "order_fill_rate") < 1);
  CHECK(kpi(whole, "lost_sales") > 0);
  CHECK(site(whole, "lost_sales", 1) == 0);
  CHECK(kpi(whole, "line_fill_rate") == doctest::Approx(1 - kpi(whole, "lost_sales") / 10));
}

TEST_CASE("an order ships at the first cut-off after it is ready and arrives a transit later") {
  // Placed at 8:xx with a 12:00 cut-off: ships at noon, arrives the next day at noon (27-28 h), on time for a
  // one-day promise, never in the 23:00 backlog. Placed at 13:xx: ships the next noon, 46-47 h, late, and
  // every order is in the backlog at its day's close (2 a day).
  const std::string morning = two_centres("100", "0", kAtEight + "}");
  const std::string afternoon =
      two_centres("100", "0", "{intraday: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}");
  const auto with_noon = [](std::string text) {
    return text.replace(text.find("{name: fc,"), 10, "{name: fc, cutoffs: [12],");
  };
  const ReplicationResult a = run_one_replication(with_noon(morning)), b = run_one_replication(with_noon(afternoon));
  CHECK(kpi(a, "cycle_time_p50") > 27);
  CHECK(kpi(a, "cycle_time_p95") <= 28);
  CHECK(kpi(a, "on_time_rate") == 1);
  CHECK(kpi(a, "backlog_orders_mean") == 0);
  CHECK(kpi(b, "cycle_time_p50") > 46);
  CHECK(kpi(b, "cycle_time_p95") <= 47);
  CHECK(kpi(b, "on_time_rate") == 0);
  CHECK(kpi(b, "backlog_orders_mean") == 2);
  // Without a picker a line is ready when placed, so every order makes the first cut-off after it.
  CHECK(kpi(a, "cutoffs_missed") == 0);
  CHECK(kpi(b, "cutoffs_missed") == 0);
  // The daily series behind it, [day][site]: fc (site 0) holds its 2 orders at every close, the other centre none.
  const std::vector<std::int32_t> backlog = series(b, "backlog_orders");
  REQUIRE(backlog.size() % 2 == 0);
  for (std::size_t i = 0; i < backlog.size(); ++i) CHECK(backlog[i] == (i % 2 == 0 ? 2 : 0));
  CHECK(series(a, "backlog_orders") == std::vector<std::int32_t>(backlog.size(), 0));
  // Without cut-offs, the one at 23:00: the morning orders wait in no 23:00 backlog either, and arrive 38-39 h on.
  const ReplicationResult c = run_one_replication(morning);
  CHECK(kpi(c, "cycle_time_p50") > 38);
  CHECK(kpi(c, "cycle_time_p95") <= 39);
}

TEST_CASE("an order not shipped by the end of its promised day is cancelled then, and its units go back") {
  // Same-day promise, placed at 13:xx, the one cut-off at noon: every order would ship the next noon, so with
  // cancel_late 1 each is cancelled at its day's close. Its unit goes back on fc's shelf and leaves the day's
  // demand and sales: nothing is sold, stock ends where it started, and no order is in a 23:00 backlog.
  std::string text = two_centres("100", "0",
                                 "{cancel_late: 1, intraday: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, "
                                 "0, 0, 0, 0, 0]}");
  text.replace(text.find("promise: 1d"), 11, "promise: 0d");
  text.replace(text.find("{name: fc,"), 10, "{name: fc, cutoffs: [12],");
  const ReplicationResult r = run_one_replication(text);
  CHECK(kpi(r, "orders") == 10);
  CHECK(kpi(r, "cancellations") == 10);
  CHECK(site(r, "cancellations", 0) == 10);
  CHECK(kpi(r, "sales") == 0);
  CHECK(kpi(r, "demand") == 0);
  CHECK(kpi(r, "revenue") == 0);
  CHECK(series(r, "on_hand") == std::vector<std::int32_t>{100, 0, 100, 0, 100, 0, 100, 0, 100, 0});
  CHECK(kpi(r, "backlog_orders_mean") == 0);
  CHECK(std::isnan(kpi(r, "on_time_rate")));
  // Without cancellations the same orders ship late: 10 sold, 2 in each close's backlog.
  text.replace(text.find("cancel_late: 1"), 14, "cancel_late: 0");
  const ReplicationResult kept = run_one_replication(text);
  CHECK(kpi(kept, "cancellations") == 0);
  CHECK(kpi(kept, "sales") == 10);
  CHECK(kpi(kept, "on_time_rate") == 0);
  CHECK(kpi(kept, "backlog_orders_mean") == 2);
}

TEST_CASE("orders and cancellations of the regions add up to the network's, on every replication") {
  const auto runs = replications(read_scenario_file("scenarios/orders_two_centres.yaml"), 3);
  for (const ReplicationResult& r : runs) {
    const KpiBreakdown& regions = breakdown(r, "region");
    double orders = 0, cancelled = 0, site_cancelled = 0, missed = 0, site_missed = 0;
    for (std::size_t g = 0; g < regions.entities; ++g) {
      orders += breakdown_value(regions, "orders", g);
      cancelled += breakdown_value(regions, "cancellations", g);
      missed += breakdown_value(regions, "cutoffs_missed", g);
    }
    for (std::size_t w = 0; w < 2; ++w) {
      site_cancelled += site(r, "cancellations", w);
      site_missed += site(r, "cutoffs_missed", w);
    }
    CHECK(orders == kpi(r, "orders"));
    CHECK(cancelled == kpi(r, "cancellations"));
    CHECK(missed == kpi(r, "cutoffs_missed"));
    CHECK(site_missed >= missed);  // an order with late parts at both centres counts once, each part once
    CHECK(kpi(r, "cancellations") > 0);
    CHECK(site_cancelled >= cancelled);  // an order split over both centres is taken back at each
  }
}

namespace {

const std::string kTransit = "{dist: discrete, values: [1d, 2d], probabilities: [0.5, 0.5]}";

}  // namespace

TEST_CASE("fewer robots at a centre raise its peak-week cycle_time_p95") {
  // Black Friday week, about 360 lines a day at 259 s each: 1 robot would be busy all day (it falls behind,
  // lines finish after the 20:00 cut-off and ship the next noon or later); 4 robots are busy 27%.
  const auto one = replications(peak_week(1, "[12, 20]", kTransit), 12);
  const auto four = replications(peak_week(4, "[12, 20]", kTransit), 12);
  const stats::Summary d = difference(one, four, "cycle_time_p95");
  INFO("p95 difference " << d.mean << " +/- " << d.half_width << " h");
  CHECK(d.mean - d.half_width > 0);
}

TEST_CASE("halving a centre's robot fleet raises its peak-week cycle_time_p95") {
  // The same week picked by a goods-to-person fleet: about 360 lines a day (540 at the peak), each a trip
  // through the default layout plus about 200 s at a station; 2 robots keep up, 1 falls behind the cut-offs.
  const auto fleet = [](int robots) {
    std::string text = peak_week(1, "[12, 20]", kTransit);
    const std::string station = "picking: {robots: 1, pick_time: {dist: exponential, mean: 0.003d}}";
    return text.replace(text.find(station), station.size(),
                        fmt::format("robots: {{count: {}, stations: 2, station_time: {{dist: exponential, mean: "
                                    "200s}}}}",
                                    robots));
  };
  const auto half = replications(fleet(1), 12);
  const auto full = replications(fleet(2), 12);
  const stats::Summary d = difference(half, full, "cycle_time_p95");
  INFO("p95 difference " << d.mean << " +/- " << d.half_width << " h");
  CHECK(kpi(full.front(), "robot_utilisation") > 0);
  CHECK(d.mean - d.half_width > 0);
  // The lone robot's lines miss the cut-off they were released for more often.
  const stats::Summary missed = difference(half, full, "cutoffs_missed");
  INFO("cut-offs missed difference " << missed.mean << " +/- " << missed.half_width);
  CHECK(missed.mean - missed.half_width > 0);
}

TEST_CASE("a longer transit or an earlier cut-off lowers on_time_rate") {
  const auto base = replications(peak_week(4, "[20]", kTransit), 8);
  const auto longer =
      replications(peak_week(4, "[20]", "{dist: discrete, values: [2d, 3d], probabilities: [0.5, 0.5]}"), 8);
  const auto earlier = replications(peak_week(4, "[8]", kTransit), 8);
  const stats::Summary by_transit = difference(base, longer, "on_time_rate");
  const stats::Summary by_cutoff = difference(base, earlier, "on_time_rate");
  INFO("transit: " << by_transit.mean << " +/- " << by_transit.half_width);
  INFO("cut-off: " << by_cutoff.mean << " +/- " << by_cutoff.half_width);
  CHECK(by_transit.mean - by_transit.half_width > 0);
  CHECK(by_cutoff.mean - by_cutoff.half_width > 0);
}
