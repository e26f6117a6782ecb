// Substitution on stock-out (docs/model.md, Demand) in small worlds with deterministic demand: SKU t1 is never
// stocked, so every unit asked of it is missing, and its category's other SKUs have plenty.
// The repository scenario demand_surprises.yaml is run here too, with its checked KPIs.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>

#include "tests/support/results.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

constexpr int kDays = 200;

// One region, one warehouse; toys t1 (rate 10, never stocked), t2 (rate 30) and t3 (rate 10), and an apparel SKU.
std::string world(const std::string& substitution) {
  return fmt::format(R"~(start_date: 2026-01-05
horizon: {}d
catalog:
  skus:
    - {{id: t1, category: toys, rate: 10, price: 5, cost: 2, policy: {{type: base_stock, S: "0"}}}}
    - {{id: t2, category: toys, rate: 30, price: 6, cost: 3}}
    - {{id: t3, category: toys, rate: 10, price: 7, cost: 3}}
    - {{id: coat, category: apparel, rate: 4, price: 50, cost: 20}}
policy: {{type: base_stock, S: "m*60"}}
sites:
  suppliers: [{{name: vendor}}]
  warehouses: [{{name: fc}}]
  regions: [{{name: town, demand: deterministic}}]
lanes:
  - {{from: vendor, to: fc, lead_time: 1d}}
  - {{from: fc, to: town}}
{})~",
                     kDays, substitution);
}

// The run's total of a recorded flow for SKU k (one site: layout day x sku).
std::int64_t total(const ReplicationResult& r, const std::string& name, std::size_t k) {
  const std::vector<std::int32_t> all = series(r, name);
  std::int64_t sum = 0;
  for (std::size_t i = k; i < all.size(); i += 4) sum += all[i];
  return sum;
}

}  // namespace

TEST_CASE("with probability 1 every unit missing of a SKU is bought as another of its category, by popularity") {
  const ReplicationResult r = run_one_replication(world("substitution: [{category: toys, probability: 1}]"));
  const std::int64_t asked = 10 * kDays;
  CHECK(total(r, "lost_sales", 0) == asked);  // t1's customers still count as its lost sales
  CHECK(kpi(r, "substituted_units") == double(asked));
  // t2 and t3 were asked their own rates, and the substitutes on top.
  const std::int64_t to_t2 = total(r, "demand", 1) - 30 * kDays, to_t3 = total(r, "demand", 2) - 10 * kDays;
  CHECK(to_t2 + to_t3 == asked);
  CHECK(total(r, "sales", 1) + total(r, "sales", 2) == total(r, "demand", 1) + total(r, "demand", 2));
  // By popularity: t2 with probability 30/40; a 99% binomial interval around 0.75.
  const double share = double(to_t2) / double(asked), half = 2.576 * std::sqrt(0.75 * 0.25 / double(asked));
  CHECK(std::abs(share - 0.75) <= half);
  CHECK(total(r, "demand", 3) == 4 * kDays);  // apparel is untouched
}

TEST_CASE("a substitution probability p takes a binomial share p of the missing units") {
  const double p = 0.3;
  const ReplicationResult r =
      run_one_replication(world(fmt::format("substitution: [{{category: toys, probability: {}}}]", p)));
  const double missing = 10.0 * kDays, taken = kpi(r, "substituted_units");
  CHECK(std::abs(taken / missing - p) <= 2.576 * std::sqrt(p * (1 - p) / missing));
  CHECK(taken == double(total(r, "demand", 1) + total(r, "demand", 2) - 40 * kDays));
}

TEST_CASE("without substitution the KPI is absent, and the SKU asked for keeps its demand either way") {
  const ReplicationResult plain = run_one_replication(world("")),
                          subst = run_one_replication(world("substitution: [{category: toys, probability: 0.5}]"));
  CHECK_FALSE(has_kpi(plain, "substituted_units"));
  CHECK(total(plain, "demand", 0) == total(subst, "demand", 0));
  CHECK(total(plain, "demand", 3) == total(subst, "demand", 3));
  CHECK(kpi(subst, "revenue") > kpi(plain, "revenue"));  // the substitutes are sold
}

TEST_CASE("when no other SKU of the category is in stock the customer's unit is lost") {
  // t2 and t3 never stocked either: nothing to substitute with.
  const std::string text = world("substitution: [{category: toys, probability: 1}]");
  const ReplicationResult r = run_one_replication(text, {R"~(catalog.skus[1].policy={type: base_stock, S: "0"})~",
                                                         R"~(catalog.skus[2].policy={type: base_stock, S: "0"})~"});
  CHECK(kpi(r, "substituted_units") == 0);
  CHECK(total(r, "lost_sales", 0) + total(r, "lost_sales", 1) + total(r, "lost_sales", 2) == 50 * kDays);
}

TEST_CASE("the demand surprises scenario substitutes, and its what-if raises only its region's demand") {
  const std::string file = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/demand_surprises.yaml";
  const Scenario sc = load_scenario(file);
  const NetworkPlan plan = make_network_plan(sc);
  ReplicationResult with;
  run_in_workers(batch_runner(plan), {0}, {1, 1}, [&](ReplicationResult&& r) { with = std::move(r); });
  const Scenario without_sc = load_scenario(file, {"sites.regions[0].shocks.what_if=[]"});
  const NetworkPlan without_plan = make_network_plan(without_sc);
  ReplicationResult without;
  run_in_workers(batch_runner(without_plan), {0}, {1, 1}, [&](ReplicationResult&& r) { without = std::move(r); });
  CHECK(kpi(with, "substituted_units") > 0);
  CHECK(kpi(with, "fill_rate") > 0.5);
  const KpiBreakdown &a = breakdown(with, "region"), &b = breakdown(without, "region");
  // East (0) asks more during the campaign; with common random numbers its draws are otherwise the same.
  CHECK(breakdown_value(a, "demand", 0) > breakdown_value(b, "demand", 0));
}

TEST_CASE("a continuous customer who finds none takes a substitute at once, with the daily batch's probability") {
  // Poisson customers one unit at a time: t1 is never there, so each of its customers substitutes with p = 1.
  const ReplicationResult r =
      run_one_replication(world("substitution: [{category: toys, probability: 1}]"),
                          {"sites.regions[0].demand=poisson", "sites.regions[0].arrivals=continuous", "horizon=20d"});
  const std::int64_t missing = total(r, "lost_sales", 0);
  CHECK(missing > 100);  // about 10 a day
  CHECK(kpi(r, "substituted_units") == double(missing));
  CHECK(total(r, "lost_sales", 1) + total(r, "lost_sales", 2) == 0);  // t2 and t3 always in stock
}
