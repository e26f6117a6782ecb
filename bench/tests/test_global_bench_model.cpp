// The learned global model's benchmark entries: global_trained trains on the data set the harness backtests (not
// on a fixed folder) and on its steps before the origin only.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "bench/datasets.hpp"
#include "bench/global_bench_model.hpp"
#include "bench/models.hpp"

using namespace peaksim::bench;
namespace fc = peaksim::forecasting;

namespace {

constexpr int kLength = 160, kOrigin = 106, kSeries = 12;  // 54 steps after the origin: beyond a held-out slice

// Daily series with a weekly profile and a level per series; with `changed`, the steps after the origin are
// replaced by a different pattern (a jump and a reversed week).
Dataset weekly_shops(const std::string& name, bool changed) {
  Dataset d{.name = name,
            .first_day = days_from_civil(2021, 3, 1),
            .step_days = 1,
            .length = kLength,
            .season = 7,
            .horizon = 14,
            .series = {},
            .cleaning = {}};
  for (int s = 0; s < kSeries; ++s) {
    std::vector<double> y(kLength);
    for (int t = 0; t < kLength; ++t) {
      y[t] = (20 + 5 * s) * (1 + 0.3 * (t % 7 >= 5)) + 3 * std::sin(1.7 * t + s);
      if (changed && t >= kOrigin) y[t] = 400 - 60 * (t % 7) + 10 * s;
    }
    d.series.push_back({"shop" + std::to_string(s), 0, y});
  }
  return d;
}

fc::Forecast forecast_at_origin(const BenchModel& model, const Dataset& d) {
  fc::Batch history(kOrigin, kSeries);
  BatchInfo info{.dataset = d.name, .step_days = 1, .season = 7, .first_day = {}, .series_id = {}, .data = &d};
  for (int s = 0; s < kSeries; ++s) {
    for (int t = 0; t < kOrigin; ++t) history(t, s) = d.series[s].values[t];
    info.first_day.push_back(d.first_day);
    info.series_id.push_back(d.series[s].id);
  }
  fc::ForecastOptions options;
  options.horizon = d.horizon;
  return model.run(history, info, options);
}

}  // namespace

TEST_CASE("global_trained learns from the backtested data set, before the origin only, and reproducibly") {
  // A short training run: the test is about which data it reads, not about accuracy.
  setenv("PEAKSIM_GLOBAL_SETTINGS", "epochs=2,windows=256,seeds=1", 1);
  BenchModel trained;
  for (const BenchModel& m : global_bench_models())
    if (m.name == "global_trained") trained = m;
  REQUIRE(trained.run);

  // The same steps before the origin, other steps after it. Models are cached per data set name, so each name
  // trains its own.
  const Dataset a = weekly_shops("shops_a", false), b = weekly_shops("shops_b", true),
                again = weekly_shops("shops_c", false);
  const fc::Forecast fa = forecast_at_origin(trained, a), fb = forecast_at_origin(trained, b),
                     fc_again = forecast_at_origin(trained, again);
  REQUIRE(fa.mean.rows() == 14);
  REQUIRE(fa.mean.cols() == kSeries);
  CHECK(fa.mean.allFinite());
  CHECK((fa.mean.array() > 0).all());  // a weekly profile well above zero: the data set was read, not zeros
  CHECK(fa.mean == fb.mean);           // nothing after the origin reached the training
  CHECK(fa.mean == fc_again.mean);     // the same seeds give the same weights
  for (std::size_t l = 0; l < fa.quantiles.size(); ++l) CHECK(fa.quantiles[l] == fb.quantiles[l]);

  // Without the data set the entry says so, rather than reading some other folder.
  fc::Batch history = fc::Batch::Constant(kOrigin, 1, 5.0);
  const BatchInfo blind{.dataset = "shops_a",
                        .step_days = 1,
                        .season = 7,
                        .first_day = {a.first_day},
                        .series_id = {"x"},
                        .data = nullptr};
  fc::ForecastOptions options;
  options.horizon = 14;
  CHECK_THROWS_AS(trained.run(history, blind, options), std::invalid_argument);
  unsetenv("PEAKSIM_GLOBAL_SETTINGS");
}
