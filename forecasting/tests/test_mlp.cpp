#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "forecasting/backend.hpp"
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

TEST_CASE("Mlp gradients equal central finite differences of the loss, and the CPU backend returns the same") {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  fc::Mlp mlp;
  const int widths[] = {5, 6, 4, 3};
  for (int k = 0; k < 3; ++k) {
    mlp.weights.push_back(Eigen::MatrixXf::NullaryExpr(widths[k + 1], widths[k], [&] { return float(normal(rng)); }));
    mlp.biases.push_back(Eigen::VectorXf::NullaryExpr(widths[k + 1], [&] { return float(normal(rng)); }));
  }
  const Eigen::MatrixXf x = Eigen::MatrixXf::NullaryExpr(5, 7, [&] { return float(normal(rng)); });
  const Eigen::MatrixXf target = Eigen::MatrixXf::NullaryExpr(3, 7, [&] { return float(normal(rng)); });
  const fc::OutputLoss loss = [&](const Eigen::MatrixXf& out, Eigen::MatrixXf& grad) {
    grad = out - target;
    return 0.5 * (out - target).cast<double>().squaredNorm();
  };
  fc::MlpGradients g;
  const double value = mlp.gradients(x, loss, g);
  // The loss in double, with one weight or bias moved by +-eps (in double, so that float rounding of the network
  // does not swamp the difference quotient).
  const auto loss_at = [&](int layer, bool bias, Eigen::Index index, double shift) {
    Eigen::MatrixXd a = x.cast<double>();
    for (int k = 0; k < 3; ++k) {
      Eigen::MatrixXd w = mlp.weights[k].cast<double>();
      Eigen::VectorXd b = mlp.biases[k].cast<double>();
      if (k == layer) (bias ? b.data() : w.data())[index] += shift;
      Eigen::MatrixXd z = w * a;
      z.colwise() += b;
      a = k < 2 ? Eigen::MatrixXd(z.cwiseMax(0.0)) : z;
    }
    return 0.5 * (a - target.cast<double>()).squaredNorm();
  };
  CHECK(value == doctest::Approx(loss_at(0, false, 0, 0.0)).epsilon(1e-5));
  const double eps = 1e-5;
  double worst = 0;
  for (int k = 0; k < 3; ++k) {
    for (Eigen::Index i = 0; i < mlp.weights[k].size(); ++i) {
      const double numeric = (loss_at(k, false, i, eps) - loss_at(k, false, i, -eps)) / (2 * eps);
      worst = std::max(worst, std::abs(numeric - g.weights[k].data()[i]) / (1 + std::abs(numeric)));
    }
    for (Eigen::Index i = 0; i < mlp.biases[k].size(); ++i) {
      const double numeric = (loss_at(k, true, i, eps) - loss_at(k, true, i, -eps)) / (2 * eps);
      worst = std::max(worst, std::abs(numeric - g.biases[k][i]) / (1 + std::abs(numeric)));
    }
  }
  MESSAGE("largest gradient error against finite differences: " << worst);
  CHECK(worst < 1e-4);  // float gradients against a double difference quotient
  fc::MlpGradients via_backend;
  CHECK(fc::mlp_gradients(fc::Backend::cpu, mlp, x, loss, via_backend) == value);
  for (int k = 0; k < 3; ++k) {
    CHECK(via_backend.weights[k] == g.weights[k]);
    CHECK(via_backend.biases[k] == g.biases[k]);
  }
  CHECK(g.squared_norm() > 0);
}
