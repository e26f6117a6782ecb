// Price response (sim/kernel/price_response.hpp) and the pricing agents' rules (agents/pricing_agent.hpp),
// in small worlds run in the real engine: demand follows the price on both demand paths, prices keep to the
// ladder, the markdown-only rule, the margin floor and the changes per week, and revenue uses the day's price.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/kernel/price_response.hpp"
#include "tests/support/replications.hpp"

using namespace peaksim;

namespace {

// One SKU priced by a group, one not; 28 days of flat demand, a stock that never runs out.
std::string world(const std::string& pricing, const std::string& extra = "") {
  return R"(
name: pricing_world
start_date: 2026-03-02
horizon: 28d
seed: 7
catalog:
  price_response: {form: constant_elasticity, elasticity: -2}
  skus:
    - {id: priced, category: seasonal, rate: 10, price: 100, cost: 40, salvage: 10}
    - {id: other, category: staple, rate: 10, price: 50, cost: 20}
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
)" + pricing +
         extra;
}

double sku_kpi(const ReplicationResult& r, const std::string& name, std::size_t sku) {
  return test::breakdown_value(test::breakdown(r, "sku"), name, sku);
}

// The recorded `price` of SKU `sku` per day (one site), in currency units.
std::vector<double> prices(const ReplicationResult& r, std::size_t sku, std::size_t skus = 2) {
  const auto cents = test::series(r, "price");
  std::vector<double> out;
  for (std::size_t i = sku; i < cents.size(); i += skus) out.push_back(cents[i] / 100.0);
  return out;
}

}  // namespace

TEST_CASE("every price response is 1 at the list price and has its documented shape") {
  PriceResponse ce{PriceForm::constant_elasticity, -2, 0, 0};
  PriceResponse ex{PriceForm::exponential, 0, 3, 0};
  PriceResponse lo{PriceForm::logit, 0, 3, 0.25};
  for (const auto& r : {ce, ex, lo}) CHECK(price_factor(r, 1.0) == 1.0);
  CHECK(price_factor(ce, 0.8) == doctest::Approx(1.5625).epsilon(1e-12));
  CHECK(std::log(price_factor(ex, 0.7)) == doctest::Approx(0.9).epsilon(1e-12));
  // logit: a deep discount can win at most the whole market, 1 / share times the list-price demand.
  CHECK(price_factor(lo, -50.0) == doctest::Approx(4.0).epsilon(1e-9));
  CHECK(price_factor(lo, 0.8) > 1.0);
  CHECK(price_factor(lo, 1.2) < 1.0);
  // A tiny share leaves the outside good the market: the logit becomes the exponential form.
  CHECK(price_factor(PriceResponse{PriceForm::logit, 0, 3, 1e-12}, 0.7) ==
        doctest::Approx(price_factor(ex, 0.7)).epsilon(1e-9));
  CHECK(price_factor(std::optional<PriceResponse>{}, 0.5) == 1.0);
}

TEST_CASE("a static price 20% off the list raises mean demand by 0.8^-2 on the per-SKU path and on the orders path") {
  const std::string group =
      "  - {name: sale, skus: [priced], ladder: [0, 0.2], initial_discount: 0.2, markdown_only: false}\n";
  const std::string orders = "orders: {lines: [1], units_per_line: [1]}\n";
  for (const std::string& extra : {std::string(), orders}) {
    CAPTURE(extra);
    const auto runs = test::replications(world(group, extra), 40);
    std::vector<double> ratio;
    for (const auto& r : runs) ratio.push_back(sku_kpi(r, "demand", 0) / (10.0 * 28));
    const stats::Summary s = stats::summarize(ratio, 0.99);
    CHECK(std::abs(s.mean - 1.5625) <= s.half_width);
    for (const auto& r : runs) {
      CHECK(prices(r, 0) == std::vector<double>(28, 80.0));
      CHECK(prices(r, 1) == std::vector<double>(28, 50.0));  // not in a group: the list price
      // Revenue counts each unit at the day's price.
      CHECK(sku_kpi(r, "revenue", 0) == doctest::Approx(80.0 * sku_kpi(r, "sales", 0)));
      CHECK(sku_kpi(r, "markdowns", 0) == 0);
    }
  }
}

TEST_CASE("markdown_rule with far too much stock steps down once a review and stops at the margin floor") {
  // Floor 40 x 1.3 = 52: the 0.5 step (price 50) is never used.
  const auto r = test::run_one_replication(world(
      "  - {name: sale, category: seasonal, policy: markdown_rule, review_period: 7d, ladder: [0, 0.1, 0.3, 0.5], "
      "min_margin: 0.3}\n"));
  // Day 0's review already finds the stock too large: the season opens one step down (not a markdown).
  CHECK(prices(r, 0)[0] == 90.0);
  CHECK(prices(r, 0)[6] == 90.0);
  CHECK(prices(r, 0)[7] == 70.0);
  CHECK(prices(r, 0)[27] == 70.0);
  CHECK(sku_kpi(r, "markdowns", 0) == 1);
  CHECK(test::kpi(r, "markdowns") == 1);
  CHECK(test::kpi(r, "leftover") == sku_kpi(r, "leftover", 0) + sku_kpi(r, "leftover", 1));
  const double sold = sku_kpi(r, "sales", 0);
  CHECK(sku_kpi(r, "sell_through", 0) == doctest::Approx(sold / (sold + sku_kpi(r, "leftover", 0))));
}

TEST_CASE("a daily review makes at most max_changes_per_week changes in any 7 days, and prices never rise") {
  const auto r = test::run_one_replication(world(
      "  - {name: sale, skus: [priced], policy: markdown_rule, review_period: 1d, ladder: [0, 0.05, 0.1, 0.15, 0.2, "
      "0.25, 0.3], max_changes_per_week: 2}\n"));
  const auto p = prices(r, 0);
  std::vector<int> changes;
  for (std::size_t d = 1; d < p.size(); ++d) {
    CHECK(p[d] <= p[d - 1]);
    if (p[d] != p[d - 1]) changes.push_back(int(d));
  }
  // Day 0 opens at step 1; then steps on days 1, 2 | 8, 9 | 15, the last two a week after the first two.
  CHECK(changes == std::vector<int>{1, 2, 8, 9, 15});
  for (std::size_t i = 2; i < changes.size(); ++i) CHECK(changes[i] - changes[i - 2] >= 7);
}

TEST_CASE("the markdown DP marks down an overstocked SKU and sells more of it than the static price") {
  const std::string dp = "  - {name: sale, skus: [priced], policy: markdown_dp, ladder: [0, 0.2, 0.4]}\n";
  const std::string fixed = "  - {name: sale, skus: [priced], policy: static, ladder: [0, 0.2, 0.4]}\n";
  // 600 units for a season of about 280 at the list price: the rest goes at salvage 10.
  const auto a = test::replications(test::load_scenario_text(world(dp), {"sites.warehouses[0].initial_stock=600"}), 8);
  const auto b =
      test::replications(test::load_scenario_text(world(fixed), {"sites.warehouses[0].initial_stock=600"}), 8);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(prices(a[i], 0).back() < 100.0);
    CHECK(sku_kpi(a[i], "sales", 0) > sku_kpi(b[i], "sales", 0));
    CHECK(sku_kpi(b[i], "markdowns", 0) == 0);
  }
}

TEST_CASE("without a pricing section the pricing KPIs and the price array are absent") {
  const auto r = test::run_one_replication(
      "name: plain\nstart_date: 2026-03-02\nhorizon: 7d\ncatalog: {skus: [{id: a, rate: 1, price: 2}]}\n"
      "policy: {type: base_stock, S: \"5\"}\nsites: {suppliers: [{name: m}], warehouses: [{name: w}], regions: "
      "[{name: r}]}\nlanes: [{from: m, to: w, lead_time: 1d}, {from: w, to: r}]\nrecord: {level: sku_daily}\n");
  CHECK_FALSE(test::has_kpi(r, "markdowns"));
  CHECK_FALSE(test::has_kpi(r, "sell_through"));
  for (const RecordedArray& a : r.arrays) CHECK(a.name != "price");
}
