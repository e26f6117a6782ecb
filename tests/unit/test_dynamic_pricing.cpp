// Policy dynamic (agents/dynamic_pricing.hpp, docs/pricing.md) in a world whose step sequence is known by hand:
// a base-stock level of 100 keeps the network's position (on hand + on order) at 100 at every review, so the
// cover only moves with the expected demand of the 2-day window: 10 a day at the list price 100, a one-day
// festival at 4 x on day 5, demand x 1 / r (constant elasticity -1), a ladder of 200, 100 and 50.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "agents/dynamic_pricing.hpp"
#include "tests/support/replications.hpp"

using namespace peaksim;

namespace {

std::string world(const std::string& rules) {
  return R"(
name: dynamic_world
start_date: 2026-03-02
horizon: 14d
seed: 3
calendar:
  weekly: [1, 1, 1, 1, 1, 1, 1]
  events:
    - {name: fest, date: 2026-03-07, multiplier: 4, before: 0d, after: 0d, profile: flat}
catalog:
  price_response: {form: constant_elasticity, elasticity: -1}
  skus:
    - {id: tee, category: peak, rate: 10, price: 100, cost: 40}
policy: {type: base_stock, S: "100"}
sites:
  suppliers: [{name: maker}]
  warehouses: [{name: fc, initial_stock: "100"}]
  regions: [{name: town, demand: deterministic, unmet: lost}]
lanes:
  - {from: maker, to: fc, lead_time: 2d}
  - {from: fc, to: town}
record: {level: sku_daily, kpi_by_sku: true}
pricing:
  - {name: peak, skus: [tee], policy: dynamic, review_period: 1d, ladder: [-1, 0, 0.5], initial_discount: 0,
     markdown_only: false, low_cover: 5d, high_cover: 15d, cover_window: 2d, )" +
         rules + "}\n";
}

std::vector<double> prices(const ReplicationResult& r) {
  std::vector<double> out;
  for (const double cents : test::series(r, "price")) out.push_back(cents / 100.0);
  return out;
}

std::vector<double> days(std::initializer_list<std::pair<int, double>> runs) {
  std::vector<double> out;
  for (const auto& [n, price] : runs) out.insert(out.end(), std::size_t(n), price);
  return out;
}

}  // namespace

TEST_CASE("the festival entering the cover window raises the price one step, and its end lowers it again") {
  // Days 0-3: cover 100 / 10 = 10 days, inside [5, 15]. Day 4: the window (1, 4) gives 25 a day, cover 4 < 5: up
  // to 200 (a 100% surcharge). Day 5 at 200: (4, 1) x 0.5 gives 12.5 a day, cover 8: holds. Day 6 at 200: 5 a
  // day, cover 20 > 15: down to 100, where the cover is 10 again to the end.
  const auto r = test::run_one_replication(world("max_changes_per_week: 2"));
  CHECK(prices(r) == days({{4, 100.0}, {2, 200.0}, {8, 100.0}}));
  CHECK(test::kpi(r, "markdowns") == 2);
  // Revenue counts each unit at its day's price: 10 a day at 100 on 12 days, 5 on day 4 and 20 on day 5 at 200.
  CHECK(test::kpi(r, "revenue") == doctest::Approx(12 * 10 * 100.0 + (5 + 20) * 200.0));
}

TEST_CASE("one change a week holds the surcharge until seven days after it was set") {
  // Day 4 steps up; from day 6 the cover (20) asks for a step down, refused while day 4 is within the last
  // 7 days, and made on day 11.
  const auto r = test::run_one_replication(world("max_changes_per_week: 1"));
  CHECK(prices(r) == days({{4, 100.0}, {7, 200.0}, {3, 100.0}}));
  CHECK(test::kpi(r, "markdowns") == 2);
}

TEST_CASE("a long cover steps down to the lowest price the margin floor leaves, opening there without a markdown") {
  // S = 1000: cover 100 days at 100 and 50 days at 50, far above 15. With no floor day 0 already opens at 50 and
  // the price never changes; with the floor at cost x 1.3 = 52 the 50 step is off the ladder and 100 holds.
  const std::vector<std::string> plenty = {"policy.S=\"1000\"", "sites.warehouses[0].initial_stock=1000"};
  const auto low = test::run_one_replication(world("min_margin: 0"), plenty);
  CHECK(prices(low) == days({{14, 50.0}}));
  CHECK(test::kpi(low, "markdowns") == 0);
  const auto floor = test::run_one_replication(world("min_margin: 0.3"), plenty);
  CHECK(prices(floor) == days({{14, 100.0}}));
}

TEST_CASE("the step rule moves one step toward the higher price below low_cover and one down above high_cover") {
  CHECK(agents::dynamic_step(2, 4, 4.9, 5, 15) == 1);
  CHECK(agents::dynamic_step(0, 4, 0.0, 5, 15) == 0);  // already the highest price
  CHECK(agents::dynamic_step(2, 4, 5.0, 5, 15) == 2);  // the band's edges hold
  CHECK(agents::dynamic_step(2, 4, 15.0, 5, 15) == 2);
  CHECK(agents::dynamic_step(2, 4, 15.1, 5, 15) == 3);
  CHECK(agents::dynamic_step(3, 4, std::numeric_limits<double>::infinity(), 5, 15) == 3);  // already the lowest
  CHECK(agents::dynamic_step(1, 4, std::numeric_limits<double>::quiet_NaN(), 5, 15) == 1);
}
