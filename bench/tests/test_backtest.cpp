// The rolling-origin plan and the harness on a small hand-made data set.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "bench/backtest.hpp"

using namespace peaksim::bench;
namespace fc = peaksim::forecasting;

namespace {

// 40 daily steps, horizon 5: a full series, one that starts late, one that ends early.
Dataset small_dataset() {
  Dataset d{.name = "small",
            .first_day = days_from_civil(2020, 1, 1),
            .step_days = 1,
            .length = 40,
            .season = 7,
            .horizon = 5,
            .series = {},
            .cleaning = {}};
  std::vector<double> full(40), late(18), early(33);
  for (int t = 0; t < 40; ++t) full[t] = 10 + 3 * std::sin(0.9 * t) + (t % 7 == 5 ? 6 : 0);
  for (int t = 0; t < 18; ++t) late[t] = 5 + t % 3;
  for (int t = 0; t < 33; ++t) early[t] = 20 - 0.1 * t;
  d.series = {{"full", 0, full}, {"late", 22, late}, {"early", 0, early}};
  return d;
}

// A model that forecasts every quantile and the mean as the last training value.
BenchModel last_value_model() {
  return {"last", [](const fc::Batch& history, const BatchInfo&, const fc::ForecastOptions& options) {
            fc::Forecast f;
            f.levels = options.levels;
            f.mean = history.bottomRows(1).replicate(options.horizon, 1);
            f.quantiles.assign(options.levels.size(), f.mean);
            return f;
          }};
}

}  // namespace

TEST_CASE("origins are spaced by the horizon and end with the data; short and early-ending series are left out") {
  const Dataset d = small_dataset();
  const BacktestPlan plan = plan_backtest(d, {.origins = 3});
  CHECK(plan.origins == std::vector<int>{25, 30, 35});
  // late (start 22) has 3, 8, 13 steps of history: only the last origin has the 10 it needs.
  // early (end 33) covers the test window 25..29 only.
  CHECK(plan.windows == 3 + 1 + 1);
  CHECK(plan.too_short == 2);
  CHECK(plan.not_covering == 2);
  long grouped = 0;
  for (const auto& g : plan.groups) {
    grouped += static_cast<long>(g.series.size());
    for (const std::size_t s : g.series) CHECK(g.origin - d.series[s].start == g.length);
  }
  CHECK(grouped == plan.windows);
  CHECK_THROWS_AS(plan_backtest(d, {.origins = 8}), std::invalid_argument);
}

TEST_CASE("the harness scores what the model forecast, window by window") {
  const Dataset d = small_dataset();
  const BacktestPlan plan = plan_backtest(d, {.origins = 3});
  const ModelResult r = run_backtest(d, plan, last_value_model(), 2);
  // The same windows through the accumulator by hand.
  AccuracyAccumulator expected(7);
  std::vector<double> window_mase;
  for (const int origin : plan.origins) {
    for (const SeriesData& s : d.series) {
      const int at = origin - s.start;
      if (at < 10 || s.end() < origin + 5) continue;
      const std::span<const double> values(s.values);
      const std::vector<double> flat(5, s.values[at - 1]);
      const std::vector<std::span<const double>> q(benchmark_levels().size(), std::span<const double>(flat));
      window_mase.push_back(expected.add(values.first(at), values.subspan(at, 5), flat, q));
    }
  }
  const AccuracySummary e = expected.summary(), got = r.accuracy;
  CHECK(got.windows == 5);
  CHECK(got.mase == doctest::Approx(e.mase).epsilon(1e-12));
  CHECK(got.wql == doctest::Approx(e.wql).epsilon(1e-12));
  CHECK(got.bias == doctest::Approx(e.bias).epsilon(1e-12));
  CHECK(got.coverage80 == e.coverage80);
  // The per-window listing names each window and holds the MASE the mean was made of.
  REQUIRE(r.windows.size() == window_mase.size());
  std::vector<double> listed;
  for (const WindowScore& w : r.windows) {
    const SeriesData& s = d.series[w.series];
    CHECK(w.origin - s.start >= 10);
    CHECK(s.end() >= w.origin + 5);
    listed.push_back(w.mase);
  }
  std::sort(listed.begin(), listed.end());
  std::sort(window_mase.begin(), window_mase.end());
  for (std::size_t k = 0; k < listed.size(); ++k) CHECK(listed[k] == doctest::Approx(window_mase[k]).epsilon(1e-12));
}

TEST_CASE("results do not depend on the number of threads or the chunk size") {
  const Dataset d = small_dataset();
  const BacktestPlan plan = plan_backtest(d, {.origins = 3});
  for (const BenchModel& model : bench_models()) {
    if (model.name != "holt_winters_additive" && model.name != "auto") continue;
    INFO(model.name);
    BenchModel one_by_one = model;
    one_by_one.chunk = 1;
    const AccuracySummary a = run_backtest(d, plan, model, 1).accuracy;
    const AccuracySummary b = run_backtest(d, plan, one_by_one, 3).accuracy;
    CHECK(a.mase == b.mase);
    CHECK(a.wql == b.wql);
    CHECK(a.bias == b.bias);
    CHECK(a.coverage95 == b.coverage95);
  }
}

TEST_CASE("every registered model runs, and a model returning the wrong shape is named in the error") {
  const Dataset d = small_dataset();
  const BacktestPlan plan = plan_backtest(d, {.origins = 2});
  for (const BenchModel& model : bench_models()) {
    INFO(model.name);
    const AccuracySummary a = run_backtest(d, plan, model, 2).accuracy;
    CHECK(std::isfinite(a.mase));
    CHECK(std::isfinite(a.wql));
  }
  BenchModel broken = last_value_model();
  broken.name = "broken";
  broken.run = [](const fc::Batch& history, const BatchInfo&, const fc::ForecastOptions&) {
    fc::Forecast f;
    f.mean = history.bottomRows(1);
    return f;
  };
  CHECK_THROWS_WITH(run_backtest(d, plan, broken, 2), "model broken on small: returned a forecast of the wrong shape");
}

TEST_CASE("a model sees each column's first date and the data set's frequency") {
  Dataset d = small_dataset();
  d.step_days = 7;
  const BacktestPlan plan = plan_backtest(d, {.origins = 1});
  std::vector<int> seen;
  BenchModel spy = last_value_model();
  const auto inner = spy.run;
  spy.run = [&seen, inner](const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options) {
    CHECK(info.step_days == 7);
    CHECK(info.dataset == "small");
    REQUIRE(info.first_day.size() == static_cast<std::size_t>(history.cols()));
    for (const int day : info.first_day) seen.push_back(day);
    return inner(history, info, options);
  };
  run_backtest(d, plan, spy, 1);
  std::sort(seen.begin(), seen.end());
  // At origin 35: full and late; late starts at step 22, i.e. 22 weeks after the first day.
  CHECK(seen == std::vector<int>{d.first_day, d.first_day + 22 * 7});
}

TEST_CASE("validation origins move back by whole horizons and never reach the withheld steps") {
  const Dataset d = small_dataset();
  const BacktestPlan plan = plan_backtest(d, {.origins = 3, .validation = 2});
  CHECK(plan.origins == std::vector<int>{15, 20, 25});  // the standard 25, 30, 35 moved back by 2 x 5
  for (const auto& g : plan.groups) CHECK(g.origin + d.horizon <= d.length - 2 * d.horizon);
  CHECK_THROWS_AS(plan_backtest(d, {.origins = 6, .validation = 2}), std::invalid_argument);
  CHECK_THROWS_AS(plan_backtest(d, {.origins = 1, .validation = -1}), std::invalid_argument);
}
