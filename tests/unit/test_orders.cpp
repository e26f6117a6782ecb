// The order generator (agents/order_generator.hpp) drawn on its own, day after day, without the engine: each
// SKU's expected units equal its rate, baskets have the configured means, placements follow orders.intraday,
// and co-purchase affinity keeps an order's lines in its first line's category. The order desk driven day by day
// without the engine: every order and unit is accounted for; and a picking station's order-line tasks by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "agents/order_desk.hpp"
#include "agents/order_generator.hpp"
#include "agents/picking_station.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/stats/summary.hpp"
#include "tests/support/order_recorder.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::agents;
using namespace peaksim::test;

namespace {

std::string world(const std::string& orders, double scale = 1) {
  return fmt::format(
      "start_date: 2026-01-05\nhorizon: 10d\n"
      "catalog: {{skus: [{{id: a, category: x, rate: 1}}, {{id: b, category: x, rate: 2}}, {{id: c, category: y, "
      "rate: 3}}, {{id: d, category: y, rate: 4}}, {{id: e, category: z, rate: 10}}]}}\n"
      "policy: {{s: 1, S: 2}}\n"
      "sites: {{suppliers: [{{name: v}}], warehouses: [{{name: fc}}], regions: [{{name: town, scale: {}}}]}}\n"
      "lanes: [{{from: v, to: fc}}, {{from: fc, to: town}}]\n"
      "orders: {}\n",
      scale, orders);
}

// `days` days of one region's orders; per-day units of each SKU and every order with its lines.
struct Drawn {
  std::vector<std::vector<double>> units_per_day;  // [sku][day]
  std::vector<Order> orders;
  std::vector<OrderLine> lines;
};

Drawn draw(const std::string& orders, int days, double scale = 1) {
  const Scenario sc = load_scenario_text(world(orders, scale));
  const NetworkPlan plan = make_network_plan(sc);
  OrderGenerator gen(0, plan, 0);
  Drawn d;
  d.units_per_day.assign(sc.skus.size(), std::vector<double>(std::size_t(days), 0.0));
  for (int day = 0; day < days; ++day) {
    const std::size_t first = d.orders.size();
    gen.generate(day % sc.horizon_days, d.orders, d.lines);  // a flat calendar: every day alike
    for (std::size_t o = first; o < d.orders.size(); ++o)
      for (std::uint32_t l = 0; l < d.orders[o].line_count; ++l) {
        const OrderLine& line = d.lines[d.orders[o].first_line + l];
        d.units_per_day[line.sku][std::size_t(day)] += line.units;
      }
  }
  return d;
}

const std::string kBaskets =
    "{lines: [0.4, 0.3, 0.3], units_per_line: [0.7, 0.2, 0.1], same_category: 0.5, "
    "intraday: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0]}";

}  // namespace

TEST_CASE("each SKU's mean units per day equal its rate times the region scale, whatever the baskets") {
  const Drawn d = draw(kBaskets, 4000, 1.5);
  const double rates[] = {1, 2, 3, 4, 10};
  for (std::size_t k = 0; k < 5; ++k) {
    const stats::Summary s = stats::summarize(d.units_per_day[k], 0.999);
    INFO("SKU " << k << ": mean " << s.mean << " +/- " << s.half_width);
    CHECK(std::abs(s.mean - 1.5 * rates[k]) <= s.half_width);
  }
}

TEST_CASE("baskets have the configured mean lines per order and units per line") {
  const Drawn d = draw(kBaskets, 2000);
  std::vector<double> lines, units;
  for (const Order& o : d.orders) lines.push_back(o.line_count);
  for (const OrderLine& l : d.lines) units.push_back(l.units);
  const stats::Summary sl = stats::summarize(lines, 0.999), su = stats::summarize(units, 0.999);
  CHECK(std::abs(sl.mean - 1.9) <= sl.half_width);  // 0.4 + 0.6 + 0.9
  CHECK(std::abs(su.mean - 1.4) <= su.half_width);  // 0.7 + 0.4 + 0.3
  // Orders per day: 20 units / (1.9 x 1.4), Poisson.
  CHECK(std::abs(double(d.orders.size()) / 2000 - 20 / (1.9 * 1.4)) <= 3.29 * std::sqrt(20 / (1.9 * 1.4) / 2000));
  CHECK(mean_count({0.4, 0.3, 0.3}) == doctest::Approx(1.9));
}

TEST_CASE("orders are placed in the hours of orders.intraday, in proportion to their weights") {
  const Drawn d = draw(kBaskets, 2000);
  std::map<int, double> per_hour;
  for (const Order& o : d.orders) ++per_hour[int(std::fmod(o.placed, 86400.0) / 3600)];
  const double n = double(d.orders.size());
  for (int h = 0; h < 24; ++h) {
    const double weight = (h < 6 || h >= 22) ? 0 : h >= 18 ? 2 : 1;
    const double p = weight / 20;  // weights sum to 12 + 8
    INFO("hour " << h);
    if (p == 0) {
      CHECK(per_hour[h] == 0);
      continue;
    }
    CHECK(std::abs(per_hour[h] / n - p) <= 3.29 * std::sqrt(p * (1 - p) / n));
  }
}

TEST_CASE("a day's orders come in placement order, within the day") {
  const Drawn d = draw(kBaskets, 3);
  for (std::size_t o = 1; o < d.orders.size(); ++o)
    if (int(d.orders[o].placed / 86400) == int(d.orders[o - 1].placed / 86400))
      CHECK(d.orders[o].placed >= d.orders[o - 1].placed);
}

TEST_CASE("with same_category 1 every line of an order is in its first line's category; with 0 lines mix") {
  const auto mixed = [](const Drawn& d) {
    std::int64_t n = 0;
    const int category[] = {0, 0, 1, 1, 2};
    for (const Order& o : d.orders)
      for (std::uint32_t l = 1; l < o.line_count; ++l)
        n += category[d.lines[o.first_line + l].sku] != category[d.lines[o.first_line].sku];
    return n;
  };
  CHECK(mixed(draw("{lines: [0, 0, 1], same_category: 1}", 200)) == 0);
  CHECK(mixed(draw("{lines: [0, 0, 1], same_category: 0}", 200)) > 0);
}

TEST_CASE("an alias table draws each index in proportion to its weight") {
  const AliasTable t({1, 0, 3, 6});
  rng::Stream s({1, 0, "test", "alias", 0});
  std::vector<double> count(4, 0);
  const int n = 200000;
  for (int i = 0; i < n; ++i) ++count[t.draw(s)];
  CHECK(count[1] == 0);
  for (auto [k, p] : {std::pair{0, 0.1}, {2, 0.3}, {3, 0.6}})
    CHECK(std::abs(count[std::size_t(k)] / n - p) <= 3.29 * std::sqrt(p * (1 - p) / n));
}

namespace {

RecorderSetup recorder_for(const NetworkPlan& plan) { return peaksim::test::order_recorder_for(plan); }

}  // namespace

TEST_CASE("the order desk accounts for every order and unit: shipped, cancelled or short, on every replication") {
  // North promises same-day delivery and every late customer cancels: many orders are cancelled. Released at
  // once, or in two waves a day with lines of a SKU batched over 3 orders (late orders wait for the next day).
  const std::vector<std::string> late = {"orders.cancel_late=1", "sites.regions[0].promise=0d"};
  std::vector<std::string> waves = late;
  waves.insert(waves.end(), {"orders.release=waves", "orders.waves=[10, 16]", "orders.batch=3"});
  for (const auto& overrides : {late, waves}) {
    CAPTURE(overrides.size());
    const Scenario sc =
        load_scenario(std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/orders_two_centres.yaml", overrides);
    const NetworkPlan plan = make_network_plan(sc);
    for (std::uint64_t rep = 0; rep < 3; ++rep) {
      Recorder recorder(recorder_for(plan));
      std::vector<std::unique_ptr<Warehouse>> owned;
      std::vector<Warehouse*> centres;
      for (std::size_t w = 0; w < sc.warehouses.size(); ++w) {
        owned.push_back(std::make_unique<Warehouse>(int(w), plan, recorder));
        centres.push_back(owned.back().get());
      }
      auto stations = make_picking_stations(plan, rep);
      std::vector<LinePicker*> raw;
      for (auto& st : stations) raw.push_back(st.get());
      std::int64_t stock = 0;
      for (Warehouse* w : centres)
        for (std::int64_t units : w->stock().on_hand) stock += units;
      OrderDesk desk(plan, rep, centres, raw, recorder);
      // No receipts: the centres run down their initial stock, so orders end short too.
      for (int day = 0; day < sc.horizon_days; ++day) desk.serve_day(day);
      desk.report();  // releases the last waves (after the horizon)
      const OrderDesk::Tally& net = desk.network();
      CHECK(net.orders > 0);
      CHECK(net.unserved > 0);
      CHECK(net.cancelled > 0);
      CHECK(net.orders == net.shipped + net.cancelled + net.unserved);
      std::int64_t orders = 0, lines = 0, units = 0, site_units = 0, left = 0;
      for (const auto& r : desk.regions()) orders += r.orders, lines += r.lines, units += r.units;
      for (const auto& w : desk.sites()) site_units += w.units_shipped;
      for (Warehouse* w : centres)
        for (std::int64_t u : w->stock().on_hand) left += u;
      CHECK(orders == net.orders);
      CHECK(lines == net.lines);
      CHECK(units == net.units);
      // Units leave the shelves only for orders, and every unit an order took came from one centre's shelf.
      CHECK(site_units == net.units_shipped);
      CHECK(stock - left == net.units_shipped);
    }
  }
}

TEST_CASE("a picking station completes order-line tasks first come, first served on the earliest free robot") {
  // Two robots, 600 s a line: lines released at 0, 0, 100 end at 600, 600 and 1200 (it waits for a robot).
  const PickingSpec spec{2, {.kind = rng::DistributionSpec::Kind::constant, .value = 600 / kSecondsPerDay}};
  PickingStation st(spec, kSecondsPerDay, rng::Stream({1, 0, "w", "a", 0}), rng::Stream({1, 0, "w", "b", 0}));
  CHECK(st.complete(0, 0, 1) == doctest::Approx(600));
  CHECK(st.complete(0, 1, 3) == doctest::Approx(600));
  CHECK(st.complete(100, 2, 1) == doctest::Approx(1200));
  CHECK(st.complete(5000, 2, 1) == doctest::Approx(5600));
  CHECK(st.totals().jobs == 4);
  CHECK(st.totals().waited == 1);
}

namespace {

// Records every task released to it; each is done at once.
struct RecordingPicker final : LinePicker {
  struct Task {
    double release;
    std::size_t sku;
    std::int64_t units;
  };
  std::vector<Task> tasks;
  double complete(double release, std::size_t sku, std::int64_t units) override {
    tasks.push_back({release, sku, units});
    return release;
  }
};

}  // namespace

TEST_CASE("released in waves, every task starts at a wave, in time order, and batching carries every unit") {
  // The one-centre world at 20 times its rates, waves at 8:00 and 14:30 (given out of order), lines of one SKU
  // batched over up to 4 orders.
  const std::string orders =
      "{lines: [0.4, 0.3, 0.3], units_per_line: [0.7, 0.3], release: waves, waves: [14.5, 8], batch: BATCH}";
  std::map<int, std::int64_t> tasks_by_batch;
  for (int batch : {1, 4}) {
    std::string text = world(orders, 20);
    text.replace(text.find("BATCH"), 5, std::to_string(batch));
    text.replace(text.find("{s: 1, S: 2}"), 12, "{s: 1, S: 9000}");  // stock enough for every order
    const Scenario sc = load_scenario_text(text);
    const NetworkPlan plan = make_network_plan(sc);
    Recorder recorder(recorder_for(plan));
    Warehouse centre(0, plan, recorder);
    RecordingPicker picker;
    OrderDesk desk(plan, 0, {&centre}, {&picker}, recorder);
    for (int day = 0; day < sc.horizon_days; ++day) desk.serve_day(day);
    desk.report();
    const OrderDesk::Tally& net = desk.network();
    REQUIRE(net.units_shipped > 0);
    CHECK(net.units_shipped == net.units);
    std::int64_t units = 0;
    double last = 0;
    for (const auto& t : picker.tasks) {
      const double of_day = std::fmod(t.release, kSecondsPerDay);
      CHECK((of_day == 8 * 3600.0 || of_day == 14.5 * 3600.0));
      CHECK(t.release >= last);
      last = t.release;
      units += t.units;
    }
    CHECK(units == net.units_shipped);
    tasks_by_batch[batch] = std::int64_t(picker.tasks.size());
    if (batch == 1) CHECK(tasks_by_batch[1] == net.lines);  // one task a line
  }
  // By hand from the same orders (the generator's draws do not depend on release): a wave's orders that have a
  // SKU make ceil(n / 4) tasks of it.
  std::string text = world(orders, 20);
  text.replace(text.find("BATCH"), 5, "4");
  const Scenario sc = load_scenario_text(text);
  const NetworkPlan plan = make_network_plan(sc);
  OrderGenerator gen(0, plan, 0);
  std::map<std::pair<double, std::uint32_t>, std::int64_t> orders_with;  // (release, SKU) -> orders
  for (int day = 0; day < sc.horizon_days; ++day) {
    std::vector<Order> os;
    std::vector<OrderLine> ls;
    gen.generate(day, os, ls);
    for (const Order& o : os) {
      const double of_day = o.placed - day * kSecondsPerDay;
      const double release = of_day <= 8 * 3600.0      ? day * kSecondsPerDay + 8 * 3600.0
                             : of_day <= 14.5 * 3600.0 ? day * kSecondsPerDay + 14.5 * 3600.0
                                                       : (day + 1) * kSecondsPerDay + 8 * 3600.0;
      std::vector<std::uint32_t> skus;
      for (std::uint32_t l = 0; l < o.line_count; ++l) skus.push_back(ls[o.first_line + l].sku);
      std::sort(skus.begin(), skus.end());
      skus.erase(std::unique(skus.begin(), skus.end()), skus.end());
      for (std::uint32_t k : skus) ++orders_with[{release, k}];
    }
  }
  std::int64_t expected = 0;
  for (const auto& [key, n] : orders_with) expected += (n + 3) / 4;
  INFO("tasks: " << tasks_by_batch[1] << " one a line, " << tasks_by_batch[4] << " batched");
  CHECK(tasks_by_batch[4] == expected);
  CHECK(tasks_by_batch[4] < tasks_by_batch[1]);
}
