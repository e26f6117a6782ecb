// Customer returns (docs/model.md, Returns) in small one-SKU worlds: deterministic ones where every unit's return
// day is known, and a Poisson one where the returned and restocked shares are compared with their probabilities.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <numeric>

#include "tests/support/results.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

constexpr double kPrice = 9, kCost = 4;

// One SKU (rate 10 a day), one warehouse with plenty of stock, one region; day 5 (2026-01-10) is a peak day with
// twice the demand.
std::string world(int days, const std::string& demand, const std::string& returns) {
  return fmt::format(R"~(start_date: 2026-01-05
horizon: {}d
calendar:
  events: [{{name: sale, date: "01-10", multiplier: 2}}]
catalog:
  skus: [{{id: mug, rate: 10, price: {}, cost: {}}}]
policy: {{type: base_stock, S: "m*60"}}
sites:
  suppliers: [{{name: vendor}}]
  warehouses: [{{name: fc}}]
  regions: [{{name: town, demand: {}}}]
lanes:
  - {{from: vendor, to: fc, lead_time: 1d}}
  - {{from: fc, to: town}}
{})~",
                     days, kPrice, kCost, demand, returns);
}

std::int64_t sum(const std::vector<std::int32_t>& v, std::size_t from, std::size_t to) {
  return std::accumulate(v.begin() + std::ptrdiff_t(from), v.begin() + std::ptrdiff_t(to), std::int64_t{0});
}

}  // namespace

TEST_CASE("with rate 1, restock 1 and a fixed delay every unit sold is back on the shelf on its known day") {
  const int days = 30, back = 3 + 2;  // delay 3 days, inspection 2 days
  const ReplicationResult r = run_one_replication(
      world(days, "deterministic", "returns: {rate: 1, delay: 3d, restock_probability: 1, inspection: 2d}"));
  const std::vector<std::int32_t> sales = series(r, "sales"), restocked = series(r, "returns_restocked");
  REQUIRE(sales.size() == std::size_t(days));
  CHECK(sales[5] == 20);  // the peak day
  for (int d = 0; d < days; ++d) CHECK(restocked[std::size_t(d)] == (d < back ? 0 : sales[std::size_t(d - back)]));
  const std::int64_t sold = sum(sales, 0, days), returned = sum(sales, 0, days - back);
  CHECK(kpi(r, "returns") == double(returned));
  CHECK(kpi(r, "returns_restocked") == double(returned));
  CHECK(kpi(r, "returns_written_off") == 0);
  CHECK(kpi(r, "refunds") == doctest::Approx(kPrice * double(returned)));
  CHECK(kpi(r, "revenue") == doctest::Approx(kPrice * double(sold - returned)));
  CHECK(kpi(r, "cogs") == doctest::Approx(kCost * double(sold - returned)));
  CHECK(kpi(r, "sales") == double(sold));  // sales stay the units shipped
}

TEST_CASE("peak_rate applies to units sold on peak days, and units failing inspection are written off") {
  const int days = 20;
  const ReplicationResult r = run_one_replication(
      world(days, "deterministic", "returns: {rate: 0, peak_rate: 1, delay: 2d, restock_probability: 0}"));
  const std::vector<std::int32_t> sales = series(r, "sales"), restocked = series(r, "returns_restocked");
  CHECK(kpi(r, "returns") == 20);  // day 5's units, back on day 7
  CHECK(kpi(r, "returns_written_off") == 20);
  CHECK(kpi(r, "returns_restocked") == 0);
  CHECK(sum(restocked, 0, days) == 0);
  const double sold = double(sum(sales, 0, days));
  CHECK(kpi(r, "revenue") == doctest::Approx(kPrice * (sold - 20)));
  CHECK(kpi(r, "cogs") == doctest::Approx(kCost * sold));  // written-off units' cost stays sold
  CHECK(breakdown_value(breakdown(r, "region"), "refunds", 0) == doctest::Approx(kPrice * 20));
  CHECK(breakdown_value(breakdown(r, "site"), "returns", 0) == 20);
}

TEST_CASE("the returned share of Poisson sales covers the rate, and the restocked share the restock probability") {
  const int days = 300, delay = 4;
  const double rate = 0.2, restock = 0.6;
  const ReplicationResult r = run_one_replication(
      world(days, "poisson",
            fmt::format("returns: {{rate: {}, delay: {}d, restock_probability: {}}}", rate, delay, restock)));
  // Units sold from day 0 to day days - delay - 1 come back within the run; day 5 is a peak day at the same rate.
  const double eligible = double(sum(series(r, "sales"), 0, std::size_t(days - delay)));
  const double returned = kpi(r, "returns"), restocked = kpi(r, "returns_restocked");
  REQUIRE(eligible > 2000);
  INFO("returned " << returned << " of " << eligible << ", restocked " << restocked);
  CHECK(std::abs(returned / eligible - rate) <= 2.576 * std::sqrt(rate * (1 - rate) / eligible));
  CHECK(std::abs(restocked / returned - restock) <= 2.576 * std::sqrt(restock * (1 - restock) / returned));
  CHECK(kpi(r, "returns_written_off") == returned - restocked);
  CHECK(double(sum(series(r, "returns_restocked"), 0, days)) == restocked);
}

TEST_CASE("a drawn delay spreads the returns over its range, never earlier than its shortest delay") {
  const int days = 60;
  const ReplicationResult r = run_one_replication(world(
      days, "poisson", "returns: {rate: 0.5, delay: {dist: discrete, values: [2d, 6d], probabilities: [0.5, 0.5]}}"));
  const std::vector<std::int32_t> restocked = series(r, "returns_restocked");
  CHECK(sum(restocked, 0, 2) == 0);
  CHECK(restocked[2] > 0);                  // the 2-day returns of day 0 (about 2.5 units: P(0) < 0.1)
  CHECK(sum(restocked, 6, days) > 10 * 6);  // both delays arrive from day 6 on
  CHECK(kpi(r, "returns") == double(sum(restocked, 0, days)));  // restock probability 1 by default
}

TEST_CASE("without returns the KPIs are absent, and a rate of 0 changes nothing else") {
  const ReplicationResult plain = run_one_replication(world(40, "poisson", "")),
                          zero = run_one_replication(world(40, "poisson", "returns: {rate: 0}"));
  CHECK_FALSE(has_kpi(plain, "returns"));
  CHECK_FALSE(has_kpi(plain, "refunds"));
  CHECK(kpi(zero, "returns") == 0);
  // The returns draw from streams of their own: demand, sales and money are those of the world without them.
  for (const char* name : {"demand", "sales", "revenue", "cogs", "profit", "closing_stock_value"})
    CHECK_MESSAGE(kpi(zero, name) == kpi(plain, name), name);
}
