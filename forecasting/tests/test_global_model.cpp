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

TEST_CASE("with a season, each horizon step gets the values one and two seasons before it and a seasonal mean") {
  fc::GlobalConfig c = fc::testing::small_config();
  c.season = 3;
  CHECK(c.input_size() == 14 + 1 + (14 + 7) * 2 + 7 * 3);
  const auto data = fc::testing::weekly_data(2, 40, 7, 7);
  const fc::GlobalModel m = constant_model(c, Eigen::VectorXf::Zero(c.output_size()));
  Eigen::MatrixXf x(c.input_size(), 1);
  const int s = 1, origin = 25;
  const double scale = m.features(data.values, data.covariates, s, origin, x, 0);
  const int base = 14 + 1 + (14 + 7) * 2;
  for (int h = 1; h <= 7; ++h) {
    const int k = (h + 2) / 3;  // h = 1..3: one season back; 4..6: two; 7: three
    const int row = base + (h - 1) * 3;
    CHECK(origin + h - k * 3 <= origin);
    CHECK(x(row, 0) == doctest::Approx(data.values(origin + h - k * 3, s) / scale));
    CHECK(x(row + 1, 0) == doctest::Approx(data.values(origin + h - (k + 1) * 3, s) / scale));
    double mean = 0;
    for (int j = k; j < k + 4; ++j) mean += data.values(origin + h - j * 3, s) / 4;
    CHECK(x(row + 2, 0) == doctest::Approx(mean / scale));
  }
  // The default (season 0) has none of these features, so the shipped weights keep their layout.
  CHECK(fc::testing::small_config().input_size() == base);
  c.season = -1;
  CHECK_THROWS_WITH_AS(fc::GlobalModel{c}, doctest::Contains("season"), std::invalid_argument);
}
