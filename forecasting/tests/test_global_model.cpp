#include <doctest/doctest.h>

#include <algorithm>

#include "forecasting/global_model.hpp"
#include "test_global_data.hpp"

namespace fc = peaksim::forecasting;

namespace {

// A model whose network ignores its inputs: hidden weights zero, so every output is its output bias.
fc::GlobalModel constant_model(const fc::GlobalConfig& c, const Eigen::VectorXf& output_bias) {
  fc::GlobalModel m(c);
  m.mlp().weights = {Eigen::MatrixXf::Zero(c.hidden[0], c.input_size()),
                     Eigen::MatrixXf::Zero(c.output_size(), c.hidden[0])};
  m.mlp().biases = {Eigen::VectorXf::Zero(c.hidden[0]), output_bias};
  m.input_mean() = Eigen::VectorXf::Zero(c.input_size());
  m.input_std() = Eigen::VectorXf::Ones(c.input_size());
  return m;
}

}  // namespace

TEST_CASE("a global config with a bad field is refused with the field's name") {
  fc::GlobalConfig c = fc::testing::small_config();
  c.levels = {0.5, 0.1};
  CHECK_THROWS_WITH_AS(fc::GlobalModel{c}, doctest::Contains("increasing"), std::invalid_argument);
  c = fc::testing::small_config();
  c.lags = 0;
  CHECK_THROWS_WITH_AS(fc::GlobalModel{c}, doctest::Contains("lags"), std::invalid_argument);
  CHECK(fc::testing::small_config().input_size() == 14 + 1 + (14 + 7) * 2);
  CHECK(fc::testing::small_config().output_size() == 7 * 10);
}

TEST_CASE("features are the window over its mean absolute value, the log scale, then every step's covariates") {
  const fc::GlobalConfig c = fc::testing::small_config();
  const auto data = fc::testing::weekly_data(3, 30, 7, 7);
  const fc::GlobalModel m = constant_model(c, Eigen::VectorXf::Zero(c.output_size()));
  Eigen::MatrixXf x(c.input_size(), 1);
  const int s = 1, origin = 20;
  const double scale = m.features(data.values, data.covariates, s, origin, x, 0);
  double abs_sum = 0;
  for (int t = origin - 13; t <= origin; ++t) abs_sum += std::abs(data.values(t, s));
  CHECK(scale == doctest::Approx(abs_sum / 14 + c.scale_floor));
  for (int i = 0; i < 14; ++i) CHECK(x(i, 0) == doctest::Approx(data.values(origin - 13 + i, s) / scale));
  CHECK(x(14, 0) == doctest::Approx(0.2 * std::log(scale)));
  // Step origin + 7 (the last horizon step), covariate 1, is the very last feature.
  CHECK(x(c.input_size() - 1, 0) == doctest::Approx(data.covariates[1](origin + 7, s)));
  CHECK(x(15, 0) == doctest::Approx(data.covariates[0](origin - 13, s)));
}

TEST_CASE("forecast multiplies outputs by the window scale, sorts quantiles and interpolates between levels") {
  const fc::GlobalConfig c = fc::testing::small_config();
  const int width = static_cast<int>(c.levels.size()) + 1;
  Eigen::VectorXf bias(c.output_size());
  for (int h = 0; h < c.horizon; ++h) {
    bias(h * width) = 1.0f;  // mean
    // Quantile outputs given in decreasing order: the model must sort them.
    for (int l = 0; l < width - 1; ++l) bias(h * width + 1 + l) = static_cast<float>(2.0 - 0.1 * l);
  }
  const fc::GlobalModel m = constant_model(c, bias);
  fc::Batch history = fc::Batch::Constant(20, 2, 4.0);
  history.col(1).setZero();
  const auto data = fc::testing::weekly_data(2, 20, 1, 7);
  const fc::Forecast f = m.forecast(history, data.covariates, {.horizon = 5, .levels = {0.01, 0.5, 0.65, 0.999}});
  REQUIRE(f.mean.rows() == 5);
  const double scale0 = 4.0 + c.scale_floor, scale1 = c.scale_floor;
  CHECK(f.mean(0, 0) == doctest::Approx(scale0));
  CHECK(f.mean(4, 1) == doctest::Approx(scale1));
  // Sorted outputs: level 0.01 gets the smallest (2 - 0.8 = 1.2), 0.99 the largest (2.0); 0.5 is the 5th (1.6).
  CHECK(f.quantile(0, 0, 0) == doctest::Approx(1.2 * scale0));
  CHECK(f.quantile(0, 0, 1) == doctest::Approx(1.6 * scale0));
  CHECK(f.quantile(0, 0, 2) == doctest::Approx((1.6 + 0.5 * 0.1) * scale0));  // halfway between 0.5 and 0.8
  CHECK(f.quantile(0, 0, 3) == doctest::Approx(2.0 * scale0));                // beyond 0.99: the last level
  CHECK((f.flags[1] & fc::kFlagAllZero) != 0);
  CHECK(f.used.empty());
}

TEST_CASE("forecast refuses a horizon beyond the trained one, missing covariates and an untrained model") {
  const fc::GlobalConfig c = fc::testing::small_config();
  const fc::GlobalModel m = constant_model(c, Eigen::VectorXf::Ones(c.output_size()));
  const auto data = fc::testing::weekly_data(2, 20, 1, 8);
  CHECK_THROWS_WITH_AS(m.forecast(data.values, data.covariates, {.horizon = 8}), doctest::Contains("trained horizon"),
                       std::invalid_argument);
  CHECK_THROWS_AS(m.forecast(data.values, {}, {.horizon = 7}), std::invalid_argument);
  fc::Covariates short_cov = data.covariates;
  for (auto& cov : short_cov) cov.conservativeResize(22, Eigen::NoChange);
  CHECK_THROWS_AS(m.forecast(data.values, short_cov, {.horizon = 7}), std::invalid_argument);
  CHECK_THROWS_WITH_AS(fc::GlobalModel(c).forecast(data.values, data.covariates, {.horizon = 7}),
                       doctest::Contains("no weights"), std::invalid_argument);
}

TEST_CASE("a series shorter than the lags is padded with its mean and flagged short") {
  const fc::GlobalConfig c = fc::testing::small_config();
  const fc::GlobalModel m = constant_model(c, Eigen::VectorXf::Ones(c.output_size()));
  fc::Batch history(3, 1);
  history << 2, 4, 6;
  const auto data = fc::testing::weekly_data(1, 3, 1, 7);
  const fc::Forecast f = m.forecast(history, data.covariates, {.horizon = 7});
  CHECK((f.flags[0] & fc::kFlagShortSeries) != 0);
  CHECK(f.mean(0, 0) == doctest::Approx(4.0 + c.scale_floor));  // scale: mean |y| of the padded window
}

TEST_CASE("the seasonal design: scale, seasonal differences and each step's changes from its base") {
  fc::GlobalConfig c = fc::testing::small_config();  // lags 14, horizon 7, 2 covariates
  c.season = 3;
  c.scale_window = 5;
  c.season_neighbours = 1;
  c.season_cycles = 2;
  c.recent = 2;
  c.annual = 12;  // a "year" of four seasons
  const int per_step = 2 * 1 + (2 - 1) + 2 + 1;
  CHECK(c.per_step_seasonal() == per_step);
  CHECK(c.input_size() == 14 + 3 + (14 + 7) * 2 + 7 * per_step);
  auto data = fc::testing::weekly_data(2, 40, 7, 7);
  const int s = 1, origin = 25;
  data.values(origin - 1, s) += 1000;  // a jump: its changes are clipped at 25 scales
  const fc::GlobalModel m = constant_model(c, Eigen::VectorXf::Zero(c.output_size()));
  Eigen::MatrixXf x(c.input_size(), 1);
  const double scale = m.features(data.values, data.covariates, s, origin, x, 0);
  const auto y = [&](int t) { return data.values(t, s); };
  const auto clipped = [](double v) { return std::clamp(v, -25.0, 25.0); };
  double error = 0;
  for (int t = origin - 4; t <= origin; ++t) error += std::abs(y(t) - y(t - 3)) / 5;
  CHECK(scale == doctest::Approx(error + c.scale_floor));
  for (int i = 0; i < 14; ++i) {
    const int t = origin - 13 + i;
    CHECK(x(i, 0) == doctest::Approx(clipped((y(t) - y(t - 3)) / scale)));
  }
  CHECK(x(14, 0) == doctest::Approx(0.2 * std::log(scale)));
  CHECK(x(16, 0) == 1.0f);  // a year before the origin is observed
  double base_out[7];
  m.baselines(data.values, s, origin, base_out);
  int row = 14 + 3 + (14 + 7) * 2;
  for (int h = 1; h <= 7; ++h) {
    const int k = (h + 2) / 3;  // h = 1..3: one season back; 4..6: two; 7: three
    const int phase = origin + h - 3 * k;
    const double b = y(phase);
    CHECK(base_out[h - 1] == b);
    CHECK(x(row++, 0) == doctest::Approx(clipped((y(phase - 1) - b) / scale)));
    // The neighbour after the base is past the origin when the base is the origin itself: not observed.
    CHECK(x(row++, 0) == doctest::Approx(phase + 1 <= origin ? clipped((y(phase + 1) - b) / scale) : 0.0));
    CHECK(x(row++, 0) == doctest::Approx(clipped((y(origin + h - 3 * (k + 1)) - b) / scale)));
    CHECK(x(row++, 0) == doctest::Approx(clipped((y(origin) - b) / scale)));
    CHECK(x(row++, 0) == doctest::Approx(clipped((y(origin - 1) - b) / scale)));
    CHECK(x(row++, 0) == doctest::Approx(clipped((y(origin + h - 12) - y(phase - 12)) / scale)));  // last year's lift
  }
  CHECK(row == c.input_size());
  // Without a year of history the lift is 0 and the flag says so.
  const double young = m.features(data.values.bottomRows(30), data.covariates, s, 10, x, 0);
  CHECK(young > 0);
  CHECK(x(16, 0) == 0.0f);
  CHECK(x(14 + 3 + (14 + 7) * 2 + per_step - 1, 0) == 0.0f);
  // The default (season 0) has none of these features, so the shipped weights keep their layout.
  CHECK(fc::testing::small_config().input_size() == 14 + 1 + (14 + 7) * 2);
  c.season = -1;
  CHECK_THROWS_WITH_AS(fc::GlobalModel{c}, doctest::Contains("season"), std::invalid_argument);
  c.season = 3;
  c.season_cycles = 0;
  CHECK_THROWS_WITH_AS(fc::GlobalModel{c}, doctest::Contains("season_cycles"), std::invalid_argument);
  c.season_cycles = 1;
  c.annual = 13;
  CHECK_THROWS_WITH_AS(fc::GlobalModel{c}, doctest::Contains("annual"), std::invalid_argument);
}

TEST_CASE("in the seasonal design a network that outputs zero changes forecasts seasonal naive") {
  fc::GlobalConfig c = fc::testing::small_config();
  c.season = 7;
  c.recent = 3;
  const fc::GlobalModel m = constant_model(c, Eigen::VectorXf::Zero(c.output_size()));
  const auto data = fc::testing::weekly_data(3, 40, 7, 7);
  const fc::Forecast f = m.forecast(data.values.topRows(33), data.covariates, {.horizon = 7, .levels = {0.1, 0.5}});
  for (int s = 0; s < 3; ++s) {
    for (int h = 0; h < 7; ++h) {
      CHECK(f.mean(h, s) == data.values(33 - 7 + h, s));
      CHECK(f.quantiles[0](h, s) == data.values(33 - 7 + h, s));
    }
  }
}
