// Demand shocks (sim/kernel/shock_path.*; docs/model.md, Demand): the exact day-by-day shapes of spikes,
// level shifts and what-ifs, the mean of lognormal spike sizes against theory, and common random numbers: a
// kind of shock, or a category's shocks, added to a run leaves every other draw as it was.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/kernel/shock_path.hpp"
#include "sim/random/stream.hpp"
#include "sim/stats/summary.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;

namespace {

constexpr std::uint64_t kSeed = 11;

ShockSpec spikes(double p, rng::DistributionSpec size, double decay) {
  ShockSpec s;
  s.spikes = SpikeSpec{p, size, decay};
  return s;
}

rng::DistributionSpec constant(double v) { return {rng::DistributionSpec::Kind::constant, v}; }

// One warehouse, regions east and west, four SKUs: a1, a2 (apparel) and t1, t2 (toys); 21 days from a Sunday.
const std::string kWorld = R"~(start_date: 2026-10-25
horizon: 21d
catalog:
  skus:
    - {id: a1, category: apparel, rate: 20}
    - {id: a2, category: apparel, rate: 5}
    - {id: t1, category: toys, rate: 10}
    - {id: t2, category: toys, rate: 30}
policy: {type: base_stock, S: "m*(L+R+20)"}
sites:
  suppliers: [{name: vendor}]
  warehouses: [{name: fc}]
  regions: [{name: east}, {name: west, scale: 2}]
lanes:
  - {from: vendor, to: fc, lead_time: 1d}
  - {from: fc, to: east}
  - {from: fc, to: west}
)~";

// The recorded demand of SKU k at the one warehouse, day by day (layout day x sku x site).
std::vector<std::int32_t> demand_of(const ReplicationResult& r, std::size_t k) {
  const std::vector<std::int32_t> all = test::series(r, "demand");
  std::vector<std::int32_t> out;
  for (std::size_t i = k; i < all.size(); i += 4) out.push_back(all[i]);
  return out;
}

}  // namespace

TEST_CASE("a spike multiplies demand by 1 + size x exp(-(t - onset)/decay) from its random onset, day by day") {
  const double p = 0.08, size = 1.5, decay = 3;
  const std::vector<double> path = shock_path(spikes(p, constant(size), decay), 120, kSeed, 4, "region:east");
  // The onsets, from the spike timing stream: one uniform a day.
  rng::Stream timing({kSeed, 4, "region:east", "spike_timing", 0});
  std::vector<int> onsets;
  for (int t = 0; t < 120; ++t)
    if (timing.uniform() < p) onsets.push_back(t);
  REQUIRE(onsets.size() >= 3);  // this seed has spikes to check, at least one of them alone
  for (int t = 0; t < 120; ++t) {
    double expected = 1;
    for (int o : onsets)
      if (o <= t) expected += size * std::exp(-(t - o) / decay);
    CHECK(path[std::size_t(t)] == doctest::Approx(expected).epsilon(1e-12));
  }
  for (int t = 0; t < onsets[0]; ++t) CHECK(path[std::size_t(t)] == 1.0);  // nothing before the first onset
  CHECK(path[std::size_t(onsets[0])] == doctest::Approx(1 + size));
}

TEST_CASE("lognormal spike sizes have the mean and the cv the scenario gives them") {
  // A spike every day with a decay so short that yesterday's is gone: day t's path is 1 + that day's size.
  const double mean = 2, cv = 0.5;
  rng::DistributionSpec size{rng::DistributionSpec::Kind::lognormal};
  size.mean = mean, size.cv = cv;
  const std::vector<double> path = shock_path(spikes(1.0, size, 1e-3), 4000, kSeed, 0, "region:east");
  std::vector<double> sizes;
  for (double x : path) sizes.push_back(x - 1);
  const stats::Summary s = stats::summarize(sizes, 0.99);
  // 99% interval of the mean against theory, and the sample cv against cv (its standard error is ~0.01 here).
  CHECK(std::abs(s.mean - mean) <= s.half_width);
  CHECK(s.sd / s.mean == doctest::Approx(cv).epsilon(0.08));
}

TEST_CASE("a level shift on a given day multiplies every later day, and random shifts compound") {
  ShockSpec given;
  given.level_shift = LevelShiftSpec{10, 0, constant(0.6)};
  const std::vector<double> path = shock_path(given, 30, kSeed, 0, "region:east");
  for (int t = 0; t < 30; ++t) CHECK(path[std::size_t(t)] == (t < 10 ? 1.0 : 0.6));

  ShockSpec random;
  random.level_shift = LevelShiftSpec{std::nullopt, 0.1, constant(1.2)};
  const std::vector<double> walk = shock_path(random, 200, kSeed, 0, "region:east");
  rng::Stream timing({kSeed, 0, "region:east", "level_shift_timing", 0});
  int shifts = 0;
  for (int t = 0; t < 200; ++t) {
    if (timing.uniform() < 0.1) ++shifts;
    CHECK(walk[std::size_t(t)] == doctest::Approx(std::pow(1.2, shifts)));
  }
  CHECK(shifts > 5);
}

TEST_CASE("adding spikes and a level shift leaves the flat shocks' draws as they were") {
  ShockSpec flat;
  flat.probability_per_day = 0.2;
  flat.multiplier = {rng::DistributionSpec::Kind::gamma};
  flat.multiplier.mean = 2, flat.multiplier.cv = 0.5;
  flat.duration_days = 3;
  ShockSpec more = flat;
  more.spikes = SpikeSpec{0.1, constant(1), 2};
  more.level_shift = LevelShiftSpec{5, 0, constant(0.5)};
  ShockSpec only_more = more;
  only_more.probability_per_day = 0;
  const auto a = shock_path(flat, 60, kSeed, 2, "region:x"), b = shock_path(more, 60, kSeed, 2, "region:x"),
             c = shock_path(only_more, 60, kSeed, 2, "region:x");
  int shocked = 0;
  for (std::size_t t = 0; t < 60; ++t) {
    CHECK(b[t] == doctest::Approx(a[t] * c[t]));
    shocked += a[t] != 1.0;
  }
  CHECK(shocked > 0);
}

TEST_CASE("a what-if multiplies demand from 11-01 to 11-11 in its region only, and for a category only its SKUs") {
  const Scenario sc =
      test::load_scenario_text(kWorld, {"sites.regions[0].shocks.what_if=[{factor: 1.3, from: 11-01, to: 11-11}, "
                                        "{factor: 0.5, from: 11-05, to: 11-06, category: toys}]"});
  const std::vector<std::string> categories = {"apparel", "toys"};
  const DemandShocks east = demand_shocks(sc, categories, 0, 0), west = demand_shocks(sc, categories, 1, 0);
  // Day 0 is 2026-10-25: 11-01 is day 7, 11-11 day 17, 11-05 and 11-06 days 11 and 12.
  for (int t = 0; t < 21; ++t) {
    CHECK(east.region[std::size_t(t)] == (t >= 7 && t <= 17 ? 1.3 : 1.0));
    CHECK(east.category[1][std::size_t(t)] == (t == 11 || t == 12 ? 0.5 : 1.0));
    CHECK(west.region[std::size_t(t)] == 1.0);
  }
  CHECK(east.category[0].empty());  // apparel: nothing to multiply
  CHECK(west.category[1].empty());
}

TEST_CASE("a category's shock path is shared by every region and leaves other categories' demand as it was") {
  const std::string shock =
      "category_shocks=[{category: toys, probability_per_day: 0.3, duration: 2d, "
      "multiplier: {dist: gamma, mean: 3, cv: 0.5}, spikes: {probability_per_day: 0.2, "
      "size: 2, decay: 2d}}]";
  const Scenario sc = test::load_scenario_text(kWorld, {shock});
  const std::vector<std::string> categories = {"apparel", "toys"};
  const DemandShocks east = demand_shocks(sc, categories, 0, 3), west = demand_shocks(sc, categories, 1, 3);
  CHECK(east.category[1] == west.category[1]);  // one draw, in every region
  CHECK(east.category[0].empty());

  const ReplicationResult base = test::run_one_replication(kWorld),
                          shocked = test::run_one_replication(kWorld, {shock});
  CHECK(demand_of(base, 0) == demand_of(shocked, 0));  // apparel: the same units, day by day
  CHECK(demand_of(base, 1) == demand_of(shocked, 1));
  long base_toys = 0, shocked_toys = 0;
  for (std::size_t k : {2, 3})
    for (std::size_t t = 0; t < 21; ++t) base_toys += demand_of(base, k)[t], shocked_toys += demand_of(shocked, k)[t];
  CHECK(shocked_toys > base_toys);  // toys: the shocks only ever raise demand here
}

TEST_CASE("customer orders follow their region's spikes, drawn from the same streams as per-SKU demand") {
  // The orders model draws one count a day around mean orders x the region's path: spikes raise it.
  const std::string orders = "orders={lines: [1]}";
  const std::string spikes = "sites.regions[0].shocks.spikes={probability_per_day: 0.3, size: 3, decay: 2d}";
  const ReplicationResult plain = test::run_one_replication(kWorld, {orders}),
                          spiked = test::run_one_replication(kWorld, {orders, spikes});
  const Scenario sc = test::load_scenario_text(kWorld, {orders, spikes});
  const std::vector<double> path = demand_shocks(sc, {"apparel", "toys"}, 0, 0).region;
  double excess = 0;
  for (double x : path) excess += x - 1;
  REQUIRE(excess > 5);  // this seed spikes
  CHECK(test::kpi(spiked, "orders") > test::kpi(plain, "orders"));
}
