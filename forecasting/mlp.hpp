// A multilayer perceptron in float: dense layers with ReLU between them and a linear output layer. The learned
// global model (global_model.hpp) is one of these over a feature vector; the CPU and CUDA backends both run it
// through this layout, so they agree on what the weights mean.
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <vector>

namespace peaksim::forecasting {

// Gradients of a loss with respect to an Mlp's weights and biases, in the Mlp's shapes.
struct MlpGradients {
  std::vector<Eigen::MatrixXf> weights;
  std::vector<Eigen::VectorXf> biases;
  // Sum of squares over every entry, layer by layer from the last (the order of the trainer's clipping norm).
  double squared_norm() const;
};

// A loss on an Mlp's outputs: given the outputs (outputs() x N) it returns the loss and writes d loss / d outputs
// (same shape) into `grad`. Runs on the host, whichever backend computes the network.
using OutputLoss = std::function<double(const Eigen::MatrixXf& out, Eigen::MatrixXf& grad)>;

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

  // One gradient evaluation on the CPU: forward pass on x, `loss` on the outputs, backward pass into g.
  // Returns the loss. (backend.hpp's mlp_gradients runs the same on a CUDA device.)
  double gradients(const Eigen::MatrixXf& x, const OutputLoss& loss, MlpGradients& g) const;
};

}  // namespace peaksim::forecasting
