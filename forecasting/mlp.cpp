#include "forecasting/mlp.hpp"

#include <stdexcept>

namespace peaksim::forecasting {

Eigen::MatrixXf Mlp::forward(const Eigen::MatrixXf& x) const {
  if (weights.empty() || x.rows() != inputs()) throw std::invalid_argument("Mlp::forward: input size mismatch");
  Eigen::MatrixXf a = x;
  for (int k = 0; k < layers(); ++k) {
    Eigen::MatrixXf z = weights[k] * a;
    z.colwise() += biases[k];
    if (k + 1 < layers()) z = z.cwiseMax(0.0f);
    a = std::move(z);
  }
  return a;
}

}  // namespace peaksim::forecasting
