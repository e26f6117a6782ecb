// The accuracy metrics of bench/forecast_accuracy against values worked out by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "bench/metrics.hpp"

using namespace peaksim::bench;

namespace {

// Quantile spans of a forecast whose quantile at benchmark level l is `values[l]` at every step.
struct FlatQuantiles {
  std::vector<std::vector<double>> storage;
  std::vector<std::span<const double>> spans;
  FlatQuantiles(const std::vector<double>& values, std::size_t steps) {
    for (const double v : values) storage.emplace_back(steps, v);
    for (const auto& s : storage) spans.emplace_back(s);
  }
};

}  // namespace

TEST_CASE("the pinball loss weighs under-forecasts by the level and over-forecasts by one minus it") {
  CHECK(pinball_loss(10, 8, 0.9) == doctest::Approx(1.8));
  CHECK(pinball_loss(10, 12, 0.9) == doctest::Approx(0.2));
  CHECK(pinball_loss(10, 10, 0.3) == 0);
  CHECK(pinball_loss(0, 4, 0.5) == doctest::Approx(2.0));
}

TEST_CASE("the MASE scale is the seasonal naive's in-sample MAE, the naive's on short series, 0 when undefined") {
  const std::vector<double> seasonal = {2, 4, 6, 3, 5, 7};  // with season 3: |3-2|, |5-4|, |7-6|
  CHECK(mase_scale(seasonal, 3) == doctest::Approx(1.0));
  const std::vector<double> short_series = {1, 4, 2};  // not more than 7 values: lag 1, (3 + 2) / 2
  CHECK(mase_scale(short_series, 7) == doctest::Approx(2.5));
  const std::vector<double> exactly_season = {1, 4, 2, 2};  // 4 values, season 4: still lag 1, (3 + 2 + 0) / 3
  CHECK(mase_scale(exactly_season, 4) == doctest::Approx(5.0 / 3));
  CHECK(mase_scale(std::vector<double>{5}, 7) == 0);
  CHECK(mase_scale(std::vector<double>{0, 0, 0, 0}, 2) == 0);
}

TEST_CASE("two windows give the hand-computed MASE, wQL, bias and coverage; a zero-scale window skips MASE only") {
  const std::vector<double>& levels = benchmark_levels();
  REQUIRE(levels.size() == 11);
  CHECK(levels[0] == 0.025);
  CHECK(levels[5] == 0.5);
  CHECK(levels[10] == 0.975);
  // Both windows: the quantile at level l is l + 1 (1 at 0.025, 2 at 0.1, ..., 6 at the median, 11 at 0.975).
  const FlatQuantiles q({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2);
  AccuracyAccumulator acc(3);
  // Window A: scale 1 (see above); median errors |5 - 6| and |9 - 6| give MAE 2, so MASE 2. Both actuals lie
  // in [2, 10] (80%) and [1, 11] (95%).
  const std::vector<double> train_a = {2, 4, 6, 3, 5, 7}, actual_a = {5, 9}, mean_a = {6, 6};
  CHECK(acc.add(train_a, actual_a, mean_a, q.spans) == doctest::Approx(2.0));
  // Window B: a constant training series (scale 0, left out of the MASE); 0 and 20 lie outside both intervals.
  const std::vector<double> train_b = {0, 0, 0}, actual_b = {0, 20}, mean_b = {1, 1};
  CHECK(std::isnan(acc.add(train_b, actual_b, mean_b, q.spans)));

  const AccuracySummary s = acc.summary();
  CHECK(s.windows == 2);
  CHECK(s.zero_scale == 1);
  CHECK(s.points == 4);
  CHECK(s.mase == doctest::Approx(2.0));
  CHECK(s.coverage80 == doctest::Approx(0.5));
  CHECK(s.coverage95 == doctest::Approx(0.5));
  // sum(mean - y) = 1 - 3 + 1 - 19 = -20 over sum |y| = 34.
  CHECK(s.bias == doctest::Approx(-20.0 / 34));
  // Over the levels 0.1 ... 0.9 (quantiles 2 ... 10) and the four actuals 5, 9, 0, 20 the pinball losses sum
  // to 91 (e.g. level 0.5, quantile 6: 0.5 + 1.5 + 3 + 7 = 12), so wQL = 2 * 91 / 34 / 9 = 91 / 153.
  CHECK(s.wql == doctest::Approx(91.0 / 153));
}

TEST_CASE("the median MASE is the typical window's, where one bad window moves the mean") {
  const FlatQuantiles q({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 1);  // the median forecast is 6
  AccuracyAccumulator acc(7);
  const std::vector<double> train = {0, 1}, mean = {6};  // scale 1 (lag 1: fewer values than the season)
  for (const double y : {7.0, 8.0, 15.0}) acc.add(train, std::vector<double>{y}, mean, q.spans);  // MASE 1, 2, 9
  const AccuracySummary s = acc.summary();
  CHECK(s.mase == doctest::Approx(4.0));
  CHECK(s.mase_median == doctest::Approx(2.0));
  acc.add(train, std::vector<double>{10.0}, mean, q.spans);  // MASE 4: an even count takes the middle pair's mean
  CHECK(acc.summary().mase_median == doctest::Approx(3.0));
}

TEST_CASE("an actual on an interval's edge counts as covered") {
  const FlatQuantiles q({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 1);
  AccuracyAccumulator acc(7);
  const std::vector<double> train = {1, 2}, at_edge = {10}, mean = {6};
  acc.add(train, at_edge, mean, q.spans);
  CHECK(acc.summary().coverage80 == 1.0);
}

TEST_CASE("no windows give NaN metrics, never a division by zero that looks like a number") {
  const AccuracySummary s = AccuracyAccumulator(7).summary();
  CHECK(std::isnan(s.mase));
  CHECK(std::isnan(s.mase_median));
  CHECK(std::isnan(s.wql));
  CHECK(std::isnan(s.coverage80));
  CHECK(s.windows == 0);
}
