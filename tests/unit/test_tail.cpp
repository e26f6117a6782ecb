// Tail statistics across replications (sim/stats/tail.hpp) against hand computations.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "sim/stats/tail.hpp"

using peaksim::stats::largest_means;
using peaksim::stats::tail95;
using peaksim::stats::TailSide;

namespace {
std::vector<double> one_to(int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 1.0);
  return v;
}
}  // namespace

TEST_CASE("P95 is the nearest-rank value and CVaR95 the mean of the worst ceil(5% n) replications") {
  // n = 100: rank 95, the 5 largest 96..100 (mean 98); lower side: rank 6 from the bottom, the 5 smallest (mean 3).
  auto up = tail95(one_to(100), TailSide::upper);
  CHECK(up.n == 100);
  CHECK(up.p95 == 95);
  CHECK(up.cvar95 == 98);
  auto low = tail95(one_to(100), TailSide::lower);
  CHECK(low.p95 == 6);
  CHECK(low.cvar95 == 3);
  // n = 41: rank ceil(38.95) = 39, worst ceil(2.05) = 3: 39, 40, 41.
  up = tail95(one_to(41), TailSide::upper);
  CHECK(up.p95 == 39);
  CHECK(up.cvar95 == 40);
  // n = 10 with repeats: sorted 1 1 2 3 3 4 5 5 6 9; rank 10 and one worst value on either side.
  const std::vector<double> ten{3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
  up = tail95(ten, TailSide::upper);
  CHECK(up.p95 == 9);
  CHECK(up.cvar95 == 9);
  low = tail95(ten, TailSide::lower);
  CHECK(low.p95 == 1);
  CHECK(low.cvar95 == 1);
  // n = 20: rank 19 (0.95 * 20 in floating point must not round the rank away), one worst.
  up = tail95(one_to(20), TailSide::upper);
  CHECK(up.p95 == 19);
  CHECK(up.cvar95 == 20);
  // n = 60: rank 57, worst 3: 58, 59, 60.
  up = tail95(one_to(60), TailSide::upper);
  CHECK(up.p95 == 57);
  CHECK(up.cvar95 == 59);
}

TEST_CASE("Tail statistics leave out NaN replications and are NaN without values") {
  std::vector<double> v = one_to(20);
  v.insert(v.begin() + 3, std::numeric_limits<double>::quiet_NaN());
  const auto t = tail95(v, TailSide::upper);
  CHECK(t.n == 20);
  CHECK(t.p95 == 19);
  const auto none = tail95({std::numeric_limits<double>::quiet_NaN()}, TailSide::lower);
  CHECK(none.n == 0);
  CHECK(std::isnan(none.p95));
  CHECK(std::isnan(none.cvar95));
}

TEST_CASE("CVaR95 lies beyond P95 on the bad side and neither depends on the order of replications") {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> loss(0, 1.5);
  for (int n : {2, 3, 19, 20, 21, 99, 101, 1000}) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (double& x : v) x = loss(rng);
    const auto up = tail95(v, TailSide::upper), low = tail95(v, TailSide::lower);
    CHECK(up.cvar95 >= up.p95);
    CHECK(low.cvar95 <= low.p95);
    std::shuffle(v.begin(), v.end(), rng);
    const auto again = tail95(v, TailSide::upper);
    CHECK(again.p95 == up.p95);
    CHECK(again.cvar95 == up.cvar95);  // bit for bit: the worst values are summed in sorted order
  }
}

TEST_CASE("The worst entities are those with the largest mean over replications, ties in entity order") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Means: e0 2, e1 5, e2 NaN everywhere (left out), e3 5 (ties e1, comes after it), e4 1 (its NaN left out).
  const std::vector<std::vector<double>> values{{1, 4, nan, 6, nan}, {3, 6, nan, 4, 1}};
  const auto top = largest_means(values, 3);
  REQUIRE(top.size() == 3);
  CHECK(top[0].entity == 1);
  CHECK(top[0].mean == 5);
  CHECK(top[1].entity == 3);
  CHECK(top[2].entity == 0);
  CHECK(top[2].mean == 2);
  CHECK(largest_means(values, 10).size() == 4);
}
