#include "forecasting/mlp.hpp"

#include <stdexcept>

#include "forecasting/mlp_layers.hpp"

namespace peaksim::forecasting {

namespace {

// z = W x (rows x n) becomes the layer's output: mlp_layers.hpp's dense_output on every entry, column by column.
void finish_layer(Eigen::MatrixXf& z, const Eigen::VectorXf& bias, bool relu) {
  const auto rows = z.rows();
  for (Eigen::Index c = 0; c < z.cols(); ++c) {
    float* column = z.data() + c * rows;
    for (Eigen::Index r = 0; r < rows; ++r) column[r] = dense_output(column[r], bias[r], relu);
  }
}

// The gradient below a hidden layer, masked where that layer's activation was not positive.
void mask_by_relu(Eigen::MatrixXf& grad, const Eigen::MatrixXf& activation) {
  float* g = grad.data();
  const float* a = activation.data();
  for (Eigen::Index i = 0; i < grad.size(); ++i) g[i] = relu_backward(g[i], a[i]);
}

}  // namespace

Eigen::MatrixXf Mlp::forward(const Eigen::MatrixXf& x) const {
  if (weights.empty() || x.rows() != inputs()) throw std::invalid_argument("Mlp::forward: input size mismatch");
  Eigen::MatrixXf a = x;
  for (int k = 0; k < layers(); ++k) {
    Eigen::MatrixXf z = weights[k] * a;
    finish_layer(z, biases[k], k + 1 < layers());
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
    finish_layer(z, biases[k], k + 1 < n_layers);
    if (k + 1 < n_layers) act[k + 1] = z;
  }
  Eigen::MatrixXf grad;
  const double value = loss(z, grad);
  g.weights.resize(static_cast<std::size_t>(n_layers));
  g.biases.resize(static_cast<std::size_t>(n_layers));
  for (int k = n_layers - 1; k >= 0; --k) {
    g.weights[k] = grad * act[k].transpose();
    g.biases[k] = grad.rowwise().sum();
    if (k == 0) break;
    grad = weights[k].transpose() * grad;
    mask_by_relu(grad, act[k]);
  }
  return value;
}

}  // namespace peaksim::forecasting
