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

double MlpGradients::squared_norm() const {
  double sum = 0;
  for (std::size_t k = weights.size(); k-- > 0;) sum += weights[k].squaredNorm() + biases[k].squaredNorm();
  return sum;
}

double Mlp::gradients(const Eigen::MatrixXf& x, const OutputLoss& loss, MlpGradients& g) const {
  if (weights.empty() || x.rows() != inputs()) throw std::invalid_argument("Mlp::gradients: input size mismatch");
  const int n_layers = layers();
  // Forward, keeping each layer's input for the backward pass.
  std::vector<Eigen::MatrixXf> act(static_cast<std::size_t>(n_layers));
  act[0] = x;
  Eigen::MatrixXf z;
  for (int k = 0; k < n_layers; ++k) {
    z = weights[k] * act[k];
    z.colwise() += biases[k];
    if (k + 1 < n_layers) act[k + 1] = z.cwiseMax(0.0f);
  }
  Eigen::MatrixXf grad;
  const double value = loss(z, grad);
  g.weights.resize(static_cast<std::size_t>(n_layers));
  g.biases.resize(static_cast<std::size_t>(n_layers));
  for (int k = n_layers - 1; k >= 0; --k) {
    g.weights[k] = grad * act[k].transpose();
    g.biases[k] = grad.rowwise().sum();
    if (k > 0) grad = (weights[k].transpose() * grad).cwiseProduct((act[k].array() > 0).cast<float>().matrix());
  }
  return value;
}

}  // namespace peaksim::forecasting
