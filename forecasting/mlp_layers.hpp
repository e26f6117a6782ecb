// The element-wise parts of the Mlp's layers (mlp.hpp), written once for the CPU (mlp.cpp, after Eigen's matrix
// products) and the device (cuda/mlp.cu, after cuBLAS's): the bias and ReLU that finish a dense layer, and the
// ReLU's mask in the backward pass. The *_entry functions are the device kernels' per-thread bodies, which
// tests/test_device_code_on_cpu.cpp runs on the CPU. No Eigen here: see host_device.hpp.
#pragma once

#include "forecasting/host_device.hpp"

namespace peaksim::forecasting {

// A dense layer's output from W x: plus the bias, then ReLU on hidden layers (relu true).
PEAKSIM_HD inline float dense_output(float wx, float bias, bool relu) {
  const float v = wx + bias;
  return relu && !(v > 0.0f) ? 0.0f : v;
}

// The gradient through a ReLU: it passes where the layer's output (its activation) was positive.
PEAKSIM_HD inline float relu_backward(float grad, float activation) { return activation > 0.0f ? grad : 0.0f; }

// Entry i of a column-major rows x n matrix z = W x becomes the layer's output (one device thread per entry).
PEAKSIM_HD inline void dense_output_entry(float* z, const float* bias, int rows, std::size_t i, bool relu) {
  z[i] = dense_output(z[i], bias[i % static_cast<std::size_t>(rows)], relu);
}

// Entry i of the gradient below a hidden layer, masked by that layer's activation.
PEAKSIM_HD inline void relu_backward_entry(float* grad, const float* activation, std::size_t i) {
  grad[i] = relu_backward(grad[i], activation[i]);
}

}  // namespace peaksim::forecasting
