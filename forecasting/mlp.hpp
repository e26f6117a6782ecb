// A multilayer perceptron in float: dense layers with ReLU between them and a linear output layer. The learned
// global model (global_model.hpp) is one of these over a feature vector; the CPU and CUDA backends both run it
// through this layout, so they agree on what the weights mean.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace peaksim::forecasting {

struct Mlp {
  // Layer k maps a column of size weights[k].cols() to one of size weights[k].rows(): y = W x + b, then ReLU
  // on every layer but the last.
  std::vector<Eigen::MatrixXf> weights;
  std::vector<Eigen::VectorXf> biases;

  int inputs() const { return weights.empty() ? 0 : static_cast<int>(weights.front().cols()); }
  int outputs() const { return weights.empty() ? 0 : static_cast<int>(weights.back().rows()); }
  int layers() const { return static_cast<int>(weights.size()); }

  // Forward pass on a batch of examples, one per column: x is inputs() x N, the result outputs() x N.
  Eigen::MatrixXf forward(const Eigen::MatrixXf& x) const;
};

}  // namespace peaksim::forecasting
