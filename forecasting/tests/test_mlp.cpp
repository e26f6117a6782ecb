#include <doctest/doctest.h>

#include "forecasting/mlp.hpp"

namespace fc = peaksim::forecasting;

TEST_CASE("Mlp forward: ReLU between layers, linear output, one column per example") {
  fc::Mlp mlp;
  mlp.weights = {Eigen::MatrixXf(2, 1), Eigen::MatrixXf(1, 2)};
  mlp.weights[0] << 1.0f, -1.0f;
  mlp.weights[1] << 2.0f, 3.0f;
  mlp.biases = {Eigen::VectorXf::Zero(2), Eigen::VectorXf::Constant(1, -1.0f)};
  Eigen::MatrixXf x(1, 2);
  x << 2.0f, -4.0f;
  const Eigen::MatrixXf y = mlp.forward(x);
  // x = 2: hidden (2, 0) -> 2*2 - 1 = 3; x = -4: hidden (0, 4) -> 3*4 - 1 = 11.
  CHECK(y(0, 0) == doctest::Approx(3.0f));
  CHECK(y(0, 1) == doctest::Approx(11.0f));
  CHECK_THROWS_AS(mlp.forward(Eigen::MatrixXf(3, 1)), std::invalid_argument);
}
