// Cross-price effects of substitutes (sim/kernel/price_response.hpp, agents/price_board.hpp): a rival's price
// moves a SKU's demand factor by the documented formula, exactly on the price board and, in the real engine,
// on both demand paths; without a cross elasticity nothing changes.
#include <doctest/doctest.h>

#include <cmath>

#include "agents/price_board.hpp"
#include "sim/kernel/price_response.hpp"
#include "tests/support/replications.hpp"

using namespace peaksim;

namespace {

// Category snacks: chips 20% off and nuts half price (two static groups), pretzels at the list price; fruit
// alone in its category. Every SKU 10 a day, a stock that never runs out.
std::string world(const std::string& cross, const std::string& extra = "") {
  return R"(
name: cross_price_world
start_date: 2026-03-02
horizon: 28d
seed: 11
catalog:
  price_response: {form: constant_elasticity, elasticity: -2)" +
         cross + R"(}
  skus:
    - {id: chips, category: snacks, rate: 10, price: 100, cost: 40}
    - {id: nuts, category: snacks, rate: 10, price: 100, cost: 40}
    - {id: pretzels, category: snacks, rate: 10, price: 100, cost: 40}
    - {id: fruit, category: fresh, rate: 10, price: 100, cost: 40}
policy: {type: base_stock, S: "0"}
sites:
  suppliers: [{name: maker}]
  warehouses: [{name: dc, initial_stock: "100000"}]
  regions: [{name: town, demand: poisson, unmet: lost}]
lanes:
  - {from: maker, to: dc, lead_time: 1d}
  - {from: dc, to: town}
record: {level: sku_daily, kpi_by_sku: true}
pricing:
  - {name: chips_sale, skus: [chips], ladder: [0, 0.2], initial_discount: 0.2, markdown_only: false}
  - {name: nuts_sale, skus: [nuts], ladder: [0, 0.5], initial_discount: 0.5, markdown_only: false}
)" + extra;
}

// Factors with cross elasticity 0.5: each snack reads the geometric mean of its two rivals' ratios.
const double kChips = std::pow(0.8, -2) * std::pow(0.5 * 1.0, 0.25);
const double kNuts = std::pow(0.5, -2) * std::pow(0.8 * 1.0, 0.25);
const double kPretzels = std::pow(0.8 * 0.5, 0.25);

}  // namespace

TEST_CASE("the cross-price factor is the rivals' geometric-mean price ratio to the power of the cross elasticity") {
  const std::optional<PriceResponse> r = PriceResponse{PriceForm::constant_elasticity, -2, 0, 0, 0.5};
  CHECK(cross_price_factor(r, std::log(0.8) + std::log(0.5), 2) == doctest::Approx(std::pow(0.4, 0.25)));
  CHECK(cross_price_factor(r, std::log(1.2), 1) == doctest::Approx(std::pow(1.2, 0.5)));
  CHECK(cross_price_factor(r, 0.0, 3) == 1.0);  // rivals at their list prices
  CHECK(cross_price_factor(r, std::log(0.8), 0) == 1.0);
  CHECK(cross_price_factor(PriceResponse{PriceForm::constant_elasticity, -2, 0, 0, 0}, std::log(0.8), 1) == 1.0);
  CHECK(cross_price_factor(std::nullopt, std::log(0.8), 1) == 1.0);
}

TEST_CASE("on the price board a rival's price change moves every SKU of its category by the formula, others not") {
  const Scenario sc = test::load_scenario_text(world(", cross_elasticity: 0.5"));
  agents::PriceBoard board(sc);
  board.set(0, 80);
  CHECK(board.factor(0) == doctest::Approx(std::pow(0.8, -2)));
  CHECK(board.factor(1) == doctest::Approx(std::pow(0.8, 0.25)));
  CHECK(board.factor(2) == doctest::Approx(std::pow(0.8, 0.25)));
  board.set(1, 50);
  CHECK(board.factor(0) == doctest::Approx(kChips).epsilon(1e-12));
  CHECK(board.factor(1) == doctest::Approx(kNuts).epsilon(1e-12));
  CHECK(board.factor(2) == doctest::Approx(kPretzels).epsilon(1e-12));
  CHECK(board.factor(3) == 1.0);  // another category
  // Back to the list price: the rivals' factors return to their own-price factors.
  board.set(0, 100);
  CHECK(board.factor(0) == doctest::Approx(std::pow(0.5, 0.25)).epsilon(1e-12));
  CHECK(board.factor(2) == doctest::Approx(std::pow(0.5, 0.25)).epsilon(1e-12));
}

TEST_CASE("without a cross elasticity a rival's price leaves a SKU's demand factor alone") {
  const Scenario sc = test::load_scenario_text(world(""));
  agents::PriceBoard board(sc);
  board.set(0, 80);
  board.set(1, 50);
  CHECK(board.factor(0) == std::pow(0.8, -2));
  CHECK(board.factor(1) == std::pow(0.5, -2));
  CHECK(board.factor(2) == 1.0);
}

TEST_CASE("rivals' discounts move mean demand by the cross-price factor on the per-SKU path and the orders path") {
  const std::string orders = "orders: {lines: [1], units_per_line: [1]}\n";
  for (const std::string& extra : {std::string(), orders}) {
    CAPTURE(extra);
    const auto runs = test::replications(world(", cross_elasticity: 0.5", extra), 30);
    const double expected[] = {kChips, kNuts, kPretzels, 1.0};
    for (std::size_t k = 0; k < 4; ++k) {
      CAPTURE(k);
      std::vector<double> ratio;
      for (const auto& r : runs)
        ratio.push_back(test::breakdown_value(test::breakdown(r, "sku"), "demand", k) / (10.0 * 28));
      const stats::Summary s = stats::summarize(ratio, 0.99);
      CHECK(std::abs(s.mean - expected[k]) <= s.half_width);
      // The CI is tight enough to tell the cross effect from none (pretzels: 0.795 against 1).
      CHECK(s.half_width < 0.05 * expected[k]);
    }
  }
}
