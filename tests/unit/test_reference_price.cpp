// Reference prices and scheduled promotions (sim/kernel/price_response.hpp, agents/price_board.hpp,
// agents/price_calendar.hpp): the reference follows past prices day by day as computed by hand, the demand factor
// takes the gain or the loss, and in the real engine a promotion's price and lift reach both demand paths and
// revenue, with the after-promotion dip that a lowered reference brings.
#include <doctest/doctest.h>

#include <cmath>

#include "agents/price_board.hpp"
#include "sim/kernel/price_response.hpp"
#include "tests/support/replications.hpp"

using namespace peaksim;

namespace {

// Tea (list 100) promoted 20% off with lift 1.5 on days 3 to 6 (2026-03-05 to 03-08, inclusive); rice (list 50)
// never. Deterministic demand of 1000 a day at the list price, a stock that never runs out.
std::string world(const std::string& reference, const std::string& extra = "",
                  const std::string& skus = "    - {id: rice, category: staple, rate: 1000, price: 50, cost: 20}\n") {
  return R"(
name: promotion_world
start_date: 2026-03-02
horizon: 14d
seed: 5
catalog:
  price_response: {form: constant_elasticity, elasticity: -2)" +
         reference + R"(}
  skus:
    - {id: tea, category: drinks, rate: 1000, price: 100, cost: 40}
)" + skus +
         R"(policy: {type: base_stock, S: "0"}
sites:
  suppliers: [{name: maker}]
  warehouses: [{name: dc, initial_stock: "100000000"}]
  regions: [{name: town, demand: deterministic, unmet: lost}]
lanes:
  - {from: maker, to: dc, lead_time: 1d}
  - {from: dc, to: town}
record: {level: sku_daily, kpi_by_sku: true}
promotions:
  - {name: spring, skus: [tea], from: 2026-03-05, to: 2026-03-08, discount: 0.2, lift: 1.5}
)" + extra;
}

const std::string kReference = ", reference: {memory: 0.5, gain: 1, loss: 3}";

// Tea's price on each of the 14 days, and its demand factor by the documented formulas, the reference computed
// by hand: 100 until day 3; then 0.5 x reference + 0.5 x yesterday's price.
std::vector<double> tea_prices() {
  std::vector<double> p(14, 100.0);
  for (int d = 3; d <= 6; ++d) p[std::size_t(d)] = 80.0;
  return p;
}
std::vector<double> tea_factors(bool reference) {
  const std::vector<double> p = tea_prices();
  std::vector<double> out;
  double ref = 100;
  for (std::size_t d = 0; d < p.size(); ++d) {
    if (d > 0) ref = 0.5 * ref + 0.5 * p[d - 1];
    const double gap = (p[d] - ref) / ref;
    const double lift = p[d] < 100 ? 1.5 : 1.0;
    out.push_back(std::pow(p[d] / 100, -2) * lift * (reference ? std::exp(-(gap > 0 ? 3.0 : 1.0) * gap) : 1.0));
  }
  return out;
}

// A recorded per-SKU series of one site, for SKU `sku` of `skus`.
std::vector<double> column(const ReplicationResult& r, const std::string& name, std::size_t sku, std::size_t skus) {
  const auto all = test::series(r, name);
  std::vector<double> out;
  for (std::size_t i = sku; i < all.size(); i += skus) out.push_back(all[i]);
  return out;
}

// Deterministic demand draws whole units whose running total stays within one unit of the running total of the
// means: so each day's factor shows to 1/1000 at 1000 units a day.
void check_running_totals(const std::vector<double>& demand, const std::vector<double>& factors) {
  REQUIRE(demand.size() == factors.size());
  double units = 0, mean = 0;
  for (std::size_t d = 0; d < demand.size(); ++d) {
    CAPTURE(d);
    units += demand[d];
    mean += 1000 * factors[d];
    CHECK(std::abs(units - mean) < 1.0);
  }
}

}  // namespace

TEST_CASE("the reference factor is exp(-loss x gap) above the reference, exp(-gain x gap) below it, 1 at it") {
  const std::optional<ReferenceEffect> e = ReferenceEffect{0.8, 1.5, 4};
  CHECK(reference_factor(e, 80, 100) == doctest::Approx(std::exp(1.5 * 0.2)).epsilon(1e-12));
  CHECK(reference_factor(e, 125, 100) == doctest::Approx(std::exp(-4 * 0.25)).epsilon(1e-12));
  CHECK(reference_factor(e, 100, 100) == 1.0);
  CHECK(reference_factor(std::nullopt, 80, 100) == 1.0);
  // Loss aversion: the same gap of 10% hurts above the reference more than it helps below it.
  CHECK(1 - reference_factor(e, 110, 100) > reference_factor(e, 90, 100) - 1);
  CHECK(next_reference(*e, 100, 80) == doctest::Approx(96).epsilon(1e-12));
  CHECK(next_reference(ReferenceEffect{0, 1, 1}, 100, 80) == 80);
}

TEST_CASE("on the price board the reference follows yesterday's price day by day, as computed by hand") {
  const Scenario sc = test::load_scenario_text(world(kReference));
  agents::PriceBoard board(sc);
  // Day 0 at 80: the reference is still the list price, the price a gain of 20%.
  board.set(0, 80);
  board.settle();
  CHECK(board.reference(0) == 100);
  CHECK(board.factor(0) == doctest::Approx(std::pow(0.8, -2) * std::exp(0.2)).epsilon(1e-12));
  const double by_hand[] = {90, 85, 82.5};  // 0.5 x 100 + 0.5 x 80, then 0.5 x 90 + 0.5 x 80, ...
  for (const double ref : by_hand) {
    board.advance_references();
    board.settle();
    CHECK(board.reference(0) == ref);
    CHECK(board.factor(0) == doctest::Approx(std::pow(0.8, -2) * std::exp((ref - 80) / ref)).epsilon(1e-12));
  }
  // Back at the list price above a reference of 82.5: a loss, sensitivity 3.
  board.advance_references();
  CHECK(board.reference(0) == 81.25);
  board.set(0, 100);
  board.settle();
  CHECK(board.factor(0) == doctest::Approx(std::exp(-3 * (100 - 81.25) / 81.25)).epsilon(1e-12));
  board.advance_references();
  CHECK(board.reference(0) == 90.625);
  // Rice's price never moved: its reference stays the list price and its factor 1.
  CHECK(board.reference(1) == 50);
  CHECK(board.factor(1) == 1.0);
}

TEST_CASE("a promotion sets its window's price, lifts demand on the per-SKU path and is revenue at that price") {
  for (const bool reference : {false, true}) {
    CAPTURE(reference);
    const auto r = test::run_one_replication(world(reference ? kReference : ""));
    CHECK(column(r, "price", 0, 2) == std::vector<double>{10000, 10000, 10000, 8000, 8000, 8000, 8000, 10000, 10000,
                                                          10000, 10000, 10000, 10000, 10000});
    CHECK(column(r, "price", 1, 2) == std::vector<double>(14, 5000));
    check_running_totals(column(r, "demand", 0, 2), tea_factors(reference));
    check_running_totals(column(r, "demand", 1, 2), std::vector<double>(14, 1.0));  // rice: never promoted
    // Revenue: each day's units at that day's price.
    const auto sales = column(r, "sales", 0, 2);
    const auto prices = tea_prices();
    double revenue = 0;
    for (std::size_t d = 0; d < sales.size(); ++d) revenue += sales[d] * prices[d];
    CHECK(test::breakdown_value(test::breakdown(r, "sku"), "revenue", 0) == doctest::Approx(revenue));
    CHECK(test::breakdown_value(test::breakdown(r, "sku"), "markdowns", 0) == 0);  // a promotion is no markdown
  }
}

TEST_CASE("after a long promotion the lowered reference makes the list price a loss: demand dips below its level") {
  const auto with = test::run_one_replication(world(kReference));
  const auto without = test::run_one_replication(world(""));
  const auto dip = column(with, "demand", 0, 2), flat = column(without, "demand", 0, 2);
  // Day 7, back at 100 over a reference of 81.25: 1000 x exp(-3 x 0.2308) = 500.5 units; without a reference 1000.
  CHECK(flat[7] == 1000);
  CHECK(std::abs(dip[7] - 1000 * std::exp(-3 * (100 - 81.25) / 81.25)) < 1.0);
  // The dip fades as the reference climbs back: day 13 (reference 99.7) is nearly back to 1000.
  for (std::size_t d = 8; d < 14; ++d) CHECK(dip[d] >= dip[d - 1] - 1);
  CHECK(dip[13] > 950);
  // During the promotion the gain adds to the price response and the lift.
  CHECK(dip[3] > flat[3]);
}

TEST_CASE("a promotion's price and lift reach the orders path as they reach the per-SKU path") {
  const std::string orders = "orders: {lines: [1], units_per_line: [1]}\n";
  for (const bool reference : {false, true}) {
    CAPTURE(reference);
    // Tea alone: every order line is tea, so its demand is the order count.
    const auto r = test::run_one_replication(world(reference ? kReference : "", orders, ""));
    CHECK(column(r, "price", 0, 1) == std::vector<double>{10000, 10000, 10000, 8000, 8000, 8000, 8000, 10000, 10000,
                                                          10000, 10000, 10000, 10000, 10000});
    check_running_totals(column(r, "demand", 0, 1), tea_factors(reference));
  }
}

TEST_CASE("the shipped 618 promotion shows the after-promotion dip its reference prices predict, the teas none") {
  const Scenario sc = load_scenario(std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/promotion_reference.yaml");
  // The snacks' factor on each day by the documented formulas (docs/pricing.md): 20% off with lift 1.3 on days 14
  // to 27, elasticity -1.8, reference memory 0.85, gain 1, loss 2.5; the week after the promotion is days 28-34.
  double reference = 1, expected = 0;
  for (int d = 0; d < 35; ++d) {
    const double price = d >= 14 && d <= 27 ? 0.8 : 1.0, before = d >= 15 && d <= 28 ? 0.8 : 1.0;
    if (d > 0) reference = 0.85 * reference + 0.15 * before;
    const double gap = (price - reference) / reference;
    const double f = std::pow(price, -1.8) * (price < 1 ? 1.3 : 1.0) * std::exp(-(gap > 0 ? 2.5 : 1.0) * gap);
    if (d >= 28) expected += f / 7;
  }
  CHECK(expected == doctest::Approx(0.722).epsilon(1e-3));  // the figure of docs/pricing.md
  const auto runs = test::replications(sc, 8);
  std::vector<double> snacks, teas;
  for (const auto& r : runs) {
    const auto demand = test::series(r, "demand");  // [day, sku, site]: six snacks, then four teas
    double s = 0, t = 0;
    for (std::size_t d = 28; d < 35; ++d)
      for (std::size_t k = 0; k < 10; ++k) (k < 6 ? s : t) += demand[d * 10 + k];
    snacks.push_back(s / (7 * 165 * 1.7));  // the snacks' rates sum to 165 a day, the regions' scales to 1.7
    teas.push_back(t / (7 * 46 * 1.7));
  }
  const stats::Summary dip = stats::summarize(snacks, 0.99), flat = stats::summarize(teas, 0.99);
  CHECK(std::abs(dip.mean - expected) <= dip.half_width);
  CHECK(dip.mean + dip.half_width < 0.8);  // the dip shows: a quarter of the snacks' demand is gone
  CHECK(std::abs(flat.mean - 1.0) <= flat.half_width);
}
