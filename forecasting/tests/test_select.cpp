// The automatic choice and the ensemble against plain loops over forecast() written here.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <set>
#include <stdexcept>
#include <vector>

#include "forecasting/select.hpp"

using namespace peaksim::forecasting;

namespace {

constexpr unsigned kSeed = 20261129;

// Four kinds of series side by side: weekly seasonal, trending, intermittent, and a noisy flat level.
Batch mixed_batch(int length, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0, 1);
  std::bernoulli_distribution demand(0.15);
  Batch y(length, 4);
  for (int t = 0; t < length; ++t) {
    y(t, 0) = 40 + 12 * ((t % 7) == 5) + 8 * ((t % 7) == 6) + noise(rng);
    y(t, 1) = 10 + 0.8 * t + noise(rng);
    y(t, 2) = demand(rng) ? 3 + std::abs(noise(rng)) : 0;
    y(t, 3) = 25 + 4 * noise(rng);
  }
  return y;
}

Batch column(const Batch& b, Eigen::Index s, Eigen::Index rows) {
  return b.col(s).head(rows);
}

}  // namespace

TEST_CASE("auto picks per series the candidate with the lowest holdout MAE and returns its refit exactly") {
  std::mt19937_64 rng(kSeed);
  const Batch y = mixed_batch(70, rng);
  const std::vector<ModelSpec> candidates = classical_candidates(7);
  const ForecastOptions options{.horizon = 10, .levels = {0.1, 0.5, 0.9}};
  const int holdout = default_holdout(70, 10);
  REQUIRE(holdout == 10);
  std::vector<std::size_t> chosen;
  const Forecast f = forecast_auto(y, options, candidates, holdout, &chosen);
  REQUIRE(chosen.size() == 4);

  std::set<std::size_t> distinct;
  for (Eigen::Index s = 0; s < 4; ++s) {
    INFO("series " << s);
    // The reference: every candidate on this series alone, scored by MAE on the last `holdout` points.
    double best = INFINITY;
    std::size_t expected = 0;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const Forecast g = forecast(column(y, s, 70 - holdout), candidates[c], {.horizon = holdout, .levels = {0.5}});
      double mae = 0;
      for (int h = 0; h < holdout; ++h) mae += std::abs(y(70 - holdout + h, s) - g.mean(h, 0));
      if (mae < best) {
        best = mae;
        expected = c;
      }
    }
    CHECK(chosen[s] == expected);
    distinct.insert(chosen[s]);
    const Forecast refit = forecast(column(y, s, 70), candidates[expected], options);
    for (int h = 0; h < 10; ++h) {
      CHECK(f.mean(h, s) == refit.mean(h, 0));
      for (std::size_t l = 0; l < 3; ++l) CHECK(f.quantiles[l](h, s) == refit.quantile(h, 0, l));
    }
    CHECK(f.used[s] == refit.used[0]);
    CHECK(f.flags[s] == refit.flags[0]);
    CHECK(f.sse(s) == refit.sse(0));
  }
  CHECK(distinct.size() >= 2);  // the batch really mixes choices, so the regrouping is exercised
}

TEST_CASE("auto breaks ties in favour of the earlier candidate") {
  std::mt19937_64 rng(kSeed + 1);
  const Batch y = mixed_batch(40, rng);
  const std::vector<ModelSpec> twice = {{.method = Method::kHoltDamped}, {.method = Method::kSes},
                                        {.method = Method::kSes}};
  std::vector<std::size_t> chosen;
  forecast_auto(y, {.horizon = 5}, twice, 5, &chosen);
  for (const std::size_t c : chosen) CHECK(c != 2);
}

TEST_CASE("auto uses the season length it is given") {
  Batch y(40, 1);
  const double pattern[5] = {3, 9, 4, 12, 6};
  for (int t = 0; t < 40; ++t) y(t, 0) = pattern[t % 5];
  std::vector<std::size_t> chosen;
  const Forecast f = forecast_auto(y, {.horizon = 5}, classical_candidates(5), 8, &chosen);
  CHECK(chosen[0] == 1);  // seasonal naive with period 5 has zero holdout error; moving average does not
  for (int h = 0; h < 5; ++h) CHECK(f.mean(h, 0) == pattern[h]);
}

TEST_CASE("auto on a series too short for a holdout forecasts with SES and says no choice was made") {
  Batch y(3, 2);
  y << 3, 1, 4, 1, 5, 9;
  CHECK(default_holdout(3, 7) == 0);
  std::vector<std::size_t> chosen;
  const Forecast f = forecast_auto(y, {.horizon = 4}, classical_candidates(7), 0, &chosen);
  const Forecast ses = forecast(y, {.method = Method::kSes}, {.horizon = 4});
  CHECK(chosen == std::vector<std::size_t>{kNoChoice, kNoChoice});
  CHECK(f.mean == ses.mean);
}

TEST_CASE("auto refuses no candidates, a holdout that leaves nothing to fit, and an empty batch") {
  const Batch y = Batch::Constant(10, 2, 1.0);
  CHECK_THROWS_AS(forecast_auto(y, {}, {}, 2), std::invalid_argument);
  CHECK_THROWS_AS(forecast_auto(y, {}, classical_candidates(7), 10), std::invalid_argument);
  CHECK_THROWS_AS(forecast_auto(Batch(0, 0), {}, classical_candidates(7), 1), std::invalid_argument);
}

TEST_CASE("the ensemble averages the members' means and quantiles and unites their flags") {
  std::mt19937_64 rng(kSeed + 2);
  Batch y = mixed_batch(30, rng);
  const std::vector<ModelSpec> members = default_ensemble(7);
  REQUIRE(members.size() == 4);
  const ForecastOptions options{.horizon = 6, .levels = {0.5, 0.95}};
  std::vector<Forecast> parts;
  const Forecast e = forecast_ensemble(y, members, options, &parts);
  REQUIRE(parts.size() == 4);
  for (std::size_t m = 0; m < members.size(); ++m) {
    const Forecast alone = forecast(y, members[m], options);
    CHECK(parts[m].mean == alone.mean);
  }
  for (Eigen::Index s = 0; s < 4; ++s) {
    std::uint32_t flags = 0;
    for (const Forecast& p : parts) flags |= p.flags[s];
    CHECK(e.flags[s] == flags);
    CHECK(std::isnan(e.sse(s)));
    for (int h = 0; h < 6; ++h) {
      double mean = 0, q95 = 0;
      for (const Forecast& p : parts) {
        mean += p.mean(h, s) / 4;
        q95 += p.quantiles[1](h, s) / 4;
      }
      CHECK(e.mean(h, s) == doctest::Approx(mean).epsilon(1e-14));
      CHECK(e.quantiles[1](h, s) == doctest::Approx(q95).epsilon(1e-14));
    }
  }
  CHECK_THROWS_AS(forecast_ensemble(y, {}, options), std::invalid_argument);
}

TEST_CASE("the candidate list holds the nine methods in the documented order, with the season given") {
  const std::vector<ModelSpec> c = classical_candidates(52, 4);
  REQUIRE(c.size() == 9);
  CHECK(c[0].method == Method::kMovingAverage);
  CHECK(c[1].method == Method::kSeasonalNaive);
  CHECK(c[4].method == Method::kHoltWintersAdditive);
  CHECK(c[8].method == Method::kTsb);
  for (const ModelSpec& m : c) {
    CHECK(m.period == 52);
    CHECK(m.window == 4);
  }
  CHECK(default_holdout(100, 14) == 14);
  CHECK(default_holdout(20, 14) == 5);
}
