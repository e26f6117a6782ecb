// forecast() batches: one parameter set per series, the batched grid stage of fitting, and worker threads.
#include <doctest/doctest.h>

#include <random>
#include <stdexcept>
#include <vector>

#include "forecasting/forecast.hpp"
#include "forecasting/models.hpp"

using namespace peaksim::forecasting;

namespace {

constexpr unsigned kSeed = 515;

const std::vector<Method> kFilteredMethods = {Method::kSes, Method::kHoltDamped, Method::kHoltWintersAdditive,
                                              Method::kHoltWintersMultiplicative};

// Weekly-seasonal positive series with noise, plus awkward columns: one with a zero (multiplicative falls back),
// one constant, and the last one short of two seasons only when `length` is (every column has the same length).
Batch seasonal_batch(int length, int series, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0, 4);
  std::uniform_real_distribution<double> base(20, 200);
  Batch y(length, series);
  for (int s = 0; s < series; ++s) {
    const double b = base(rng);
    for (int t = 0; t < length; ++t) y(t, s) = b + 0.1 * t + 15 * ((t % 7) == 5) + noise(rng) + 30;
  }
  if (series > 2) {
    y(length / 2, 1) = 0;
    y.col(2).setConstant(42);
  }
  return y;
}

void check_same(const Forecast& a, int column_a, const Forecast& b, int column_b) {
  CHECK(a.mean.col(column_a) == b.mean.col(column_b));
  for (std::size_t l = 0; l < a.quantiles.size(); ++l)
    CHECK(a.quantiles[l].col(column_a) == b.quantiles[l].col(column_b));
  const Params& p = a.params[static_cast<std::size_t>(column_a)];
  const Params& q = b.params[static_cast<std::size_t>(column_b)];
  CHECK(p.alpha == q.alpha);
  CHECK(p.beta == q.beta);
  CHECK(p.gamma == q.gamma);
  CHECK(p.phi == q.phi);
  CHECK(a.used[static_cast<std::size_t>(column_a)] == b.used[static_cast<std::size_t>(column_b)]);
  CHECK(a.flags[static_cast<std::size_t>(column_a)] == b.flags[static_cast<std::size_t>(column_b)]);
  CHECK(a.sse[column_a] == b.sse[column_b]);
}

}  // namespace

TEST_CASE("Per-series parameters give each series the forecast it gets alone with those parameters") {
  std::mt19937_64 rng(kSeed);
  const Batch y = seasonal_batch(60, 6, rng);
  std::vector<Params> per_series;
  for (int s = 0; s < 6; ++s) per_series.push_back({0.05 + 0.15 * s, 0.02 * s, 0.1 + 0.05 * s, 1.0 - 0.02 * s});
  for (const Method method : kFilteredMethods) {
    INFO(method_name(method));
    ModelSpec spec{.method = method, .per_series = per_series};
    spec.fixed = Params{0.9, 0.9, 0.9, 0.8};  // per_series takes precedence
    const Forecast batch = forecast(y, spec, {.horizon = 10});
    for (int s = 0; s < 6; ++s) {
      const Batch one = y.col(s);
      const Forecast alone =
          forecast(one, {.method = method, .fixed = per_series[static_cast<std::size_t>(s)]}, {.horizon = 10});
      check_same(batch, s, alone, 0);
    }
    // Different parameters do change the forecast: the per-series sets are really used.
    const Forecast shared = forecast(y, {.method = method, .fixed = per_series[0]}, {.horizon = 10});
    CHECK(shared.mean.col(5) != batch.mean.col(5));
  }
}

TEST_CASE("Per-series parameters must come one per series") {
  const Batch y = Batch::Constant(20, 3, 5.0);
  const ModelSpec two{.method = Method::kSes, .per_series = {Params{0.1}, Params{0.2}}};
  CHECK_THROWS_AS(forecast(y, two), std::invalid_argument);
  const ModelSpec four{.method = Method::kSes, .per_series = std::vector<Params>(4, Params{0.3})};
  CHECK_THROWS_AS(forecast(y, four), std::invalid_argument);
}

TEST_CASE("The batched grid stage fits exactly the parameters of the one-series fit") {
  std::mt19937_64 rng(kSeed + 1);
  for (const int length : {90, 11}) {  // 11 < two seasons: the seasonal methods fall back to SES
    const Batch y = seasonal_batch(length, 9, rng);
    for (const Method method : kFilteredMethods) {
      INFO(method_name(method), " length ", length);
      const ModelSpec spec{.method = method};
      const Forecast f = forecast(y, spec, {.horizon = 7});
      for (int s = 0; s < 9; ++s) {
        const auto column = static_cast<std::size_t>(s);
        const std::vector<double> values(y.col(s).data(), y.col(s).data() + length);
        if ((f.flags[column] & kFlagConstant) != 0) continue;  // not fitted: see the constant-series test
        const Params p = fit_params(f.used[column], spec, values);
        CHECK(f.params[column].alpha == p.alpha);
        CHECK(f.params[column].beta == p.beta);
        CHECK(f.params[column].gamma == p.gamma);
        CHECK(f.params[column].phi == p.phi);
      }
      if (method == Method::kHoltWintersMultiplicative && length == 90) {
        CHECK(f.used[1] == Method::kHoltWintersAdditive);  // the column with a zero
        CHECK(f.used[0] == Method::kHoltWintersMultiplicative);
      }
    }
  }
}

TEST_CASE("Results do not depend on the number of threads") {
  std::mt19937_64 rng(kSeed + 2);
  const Batch y = seasonal_batch(80, 700, rng);  // more than two 256-series kernel blocks
  for (const Method method : {Method::kSes, Method::kHoltWintersAdditive, Method::kCroston}) {
    INFO(method_name(method));
    const Forecast one = forecast(y, {.method = method}, {.horizon = 12, .threads = 1});
    for (const int threads : {2, 3, 8}) {
      INFO("threads ", threads);
      const Forecast many = forecast(y, {.method = method}, {.horizon = 12, .threads = threads});
      bool same = one.mean == many.mean && one.sse == many.sse && one.flags == many.flags;
      for (std::size_t l = 0; l < one.quantiles.size(); ++l) same = same && one.quantiles[l] == many.quantiles[l];
      for (std::size_t s = 0; s < one.params.size(); ++s) {
        same = same && one.params[s].alpha == many.params[s].alpha && one.params[s].beta == many.params[s].beta &&
               one.params[s].gamma == many.params[s].gamma && one.used[s] == many.used[s];
      }
      CHECK(same);
    }
  }
  CHECK_THROWS_AS(forecast(y, {.method = Method::kSes}, {.threads = 0}), std::invalid_argument);
}
