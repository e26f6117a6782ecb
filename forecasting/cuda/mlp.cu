// The Mlp on the device: the forward pass is one cuBLAS SGEMM per layer (column-major, as Eigen stores the
// weights), then a kernel that adds the bias and applies ReLU on hidden layers; the gradients (for training) add
// two SGEMMs and one SGEMV per layer and a ReLU mask. The element-wise kernels run mlp_layers.hpp's bodies, which
// mlp.cpp runs on the CPU. Plain FP32 math (cuBLAS's default mode, no TF32), so results differ from Eigen's only
// by the order of the sums.
#include <cublas_v2.h>

#include <algorithm>
#include <vector>

#include "forecasting/cuda/cuda_backend.hpp"
#include "forecasting/cuda/device_memory.cuh"
#include "forecasting/mlp_layers.hpp"

namespace peaksim::forecasting::cuda {

namespace {

void check_cublas(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("CUDA backend: ") + what + ": cuBLAS status " + std::to_string(status));
  }
}

// One handle per process, created on first use. It is deliberately never destroyed: destroying it from a static
// destructor can run after the CUDA runtime has shut down.
cublasHandle_t handle() {
  static cublasHandle_t h = [] {
    cublasHandle_t created = nullptr;
    check_cublas(cublasCreate(&created), "cublasCreate");
    return created;
  }();
  return h;
}

// The element-wise parts of a layer, one thread per entry: mlp_layers.hpp's bodies, as on the CPU.
__global__ void add_bias(float* __restrict__ z, const float* __restrict__ bias, int rows, std::size_t count,
                         bool relu) {
  const std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < count) dense_output_entry(z, bias, rows, i, relu);
}

__global__ void relu_mask(float* __restrict__ grad, const float* __restrict__ act, std::size_t count) {
  const std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < count) relu_backward_entry(grad, act, i);
}

__global__ void fill(float* __restrict__ v, float value, std::size_t count) {
  const std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i < count) v[i] = value;
}

unsigned blocks_for(std::size_t count) { return static_cast<unsigned>((count + 255) / 256); }

}  // namespace

void mlp_forward(const MlpView& mlp, const float* x, int n, float* out, DeviceTiming& timing) {
  if (mlp.layers < 1 || n < 1) throw std::invalid_argument("CUDA backend: empty Mlp or batch");
  int widest = 0;
  std::size_t parameters = 0;
  for (int k = 0; k < mlp.layers; ++k) {
    widest = std::max(widest, mlp.rows[k]);
    parameters += static_cast<std::size_t>(mlp.rows[k]) * (mlp.cols[k] + 1);
  }
  const auto columns = static_cast<std::size_t>(n);
  const std::size_t input_count = static_cast<std::size_t>(mlp.cols[0]) * columns;
  // Two activation buffers of the widest layer take turns as input and output.
  require_device_memory((parameters + input_count + 2 * widest * columns) * sizeof(float), "the Mlp batch");

  std::vector<DeviceBuffer<float>> weights, biases;
  weights.reserve(mlp.layers);
  biases.reserve(mlp.layers);
  DeviceBuffer<float> input(input_count), ping(widest * columns), pong(widest * columns);
  Stopwatch clock;
  clock.start();
  for (int k = 0; k < mlp.layers; ++k) {
    const std::size_t size = static_cast<std::size_t>(mlp.rows[k]) * mlp.cols[k];
    weights.emplace_back(size).upload(mlp.weights[k], size);
    biases.emplace_back(mlp.rows[k]).upload(mlp.biases[k], mlp.rows[k]);
  }
  input.upload(x, input_count);
  timing.upload_s = clock.stop();

  clock.start();
  const float one = 1.0f, zero = 0.0f;
  const float* a = input.get();
  float* z = ping.get();
  for (int k = 0; k < mlp.layers; ++k) {
    check_cublas(cublasSgemm(handle(), CUBLAS_OP_N, CUBLAS_OP_N, mlp.rows[k], n, mlp.cols[k], &one, weights[k].get(),
                             mlp.rows[k], a, mlp.cols[k], &zero, z, mlp.rows[k]),
                 "cublasSgemm");
    const std::size_t count = static_cast<std::size_t>(mlp.rows[k]) * columns;
    const auto blocks = static_cast<unsigned>((count + 255) / 256);
    add_bias<<<blocks, 256>>>(z, biases[k].get(), mlp.rows[k], count, k + 1 < mlp.layers);
    check(cudaGetLastError(), "bias kernel launch");
    a = z;
    z = z == ping.get() ? pong.get() : ping.get();
  }
  timing.compute_s = clock.stop();

  clock.start();
  const std::size_t output_count = static_cast<std::size_t>(mlp.rows[mlp.layers - 1]) * columns;
  check(cudaMemcpy(out, a, output_count * sizeof(float), cudaMemcpyDeviceToHost), "download");
  timing.download_s = clock.stop();
}

double mlp_gradients(const MlpView& mlp, const float* x, int n, const HostLoss& loss, float* const* weight_grads,
                     float* const* bias_grads, DeviceTiming& timing) {
  if (mlp.layers < 1 || n < 1) throw std::invalid_argument("CUDA backend: empty Mlp or batch");
  const auto columns = static_cast<std::size_t>(n);
  const int last = mlp.layers - 1;
  int widest = 0;
  std::size_t floats = columns;  // the ones vector of the bias gradients
  for (int k = 0; k < mlp.layers; ++k) {
    widest = std::max({widest, mlp.rows[k], mlp.cols[k]});
    floats += 2 * static_cast<std::size_t>(mlp.rows[k]) * (mlp.cols[k] + 1);  // parameters and their gradients
    floats += static_cast<std::size_t>(mlp.cols[k]) * columns;                // each layer's input
  }
  floats += static_cast<std::size_t>(mlp.rows[last]) * columns + 2 * static_cast<std::size_t>(widest) * columns;
  require_device_memory(floats * sizeof(float), "the Mlp gradient batch");

  Stopwatch clock;
  clock.start();
  std::vector<DeviceBuffer<float>> weights, biases, inputs, weight_grad, bias_grad;
  for (int k = 0; k < mlp.layers; ++k) {
    const std::size_t size = static_cast<std::size_t>(mlp.rows[k]) * mlp.cols[k];
    weights.emplace_back(size).upload(mlp.weights[k], size);
    biases.emplace_back(mlp.rows[k]).upload(mlp.biases[k], mlp.rows[k]);
    inputs.emplace_back(static_cast<std::size_t>(mlp.cols[k]) * columns);  // layer k's input (after ReLU)
    weight_grad.emplace_back(size);
    bias_grad.emplace_back(mlp.rows[k]);
  }
  inputs[0].upload(x, static_cast<std::size_t>(mlp.cols[0]) * columns);
  timing.upload_s = clock.stop();

  clock.start();
  const float one = 1.0f, zero = 0.0f;
  const std::size_t out_count = static_cast<std::size_t>(mlp.rows[last]) * columns;
  DeviceBuffer<float> out(out_count), ping(widest * columns), pong(widest * columns), ones(columns);
  fill<<<blocks_for(columns), 256>>>(ones.get(), 1.0f, columns);
  check(cudaGetLastError(), "fill kernel launch");
  for (int k = 0; k < mlp.layers; ++k) {
    float* z = k == last ? out.get() : inputs[k + 1].get();
    check_cublas(cublasSgemm(handle(), CUBLAS_OP_N, CUBLAS_OP_N, mlp.rows[k], n, mlp.cols[k], &one, weights[k].get(),
                             mlp.rows[k], inputs[k].get(), mlp.cols[k], &zero, z, mlp.rows[k]),
                 "cublasSgemm");
    const std::size_t count = static_cast<std::size_t>(mlp.rows[k]) * columns;
    add_bias<<<blocks_for(count), 256>>>(z, biases[k].get(), mlp.rows[k], count, k < last);
    check(cudaGetLastError(), "bias kernel launch");
  }
  std::vector<float> host_out(out_count), host_grad(out_count);
  out.download(host_out.data(), out_count);
  timing.compute_s = clock.stop();

  const double value = loss(host_out.data(), host_grad.data());  // on the host, as on the CPU backend

  clock.start();
  float* grad = ping.get();
  float* spare = pong.get();
  check(cudaMemcpy(grad, host_grad.data(), out_count * sizeof(float), cudaMemcpyHostToDevice), "upload");
  for (int k = last; k >= 0; --k) {
    // dW = G A^T, db = G 1, and for the layer below G' = (W^T G) masked where its ReLU was off.
    check_cublas(cublasSgemm(handle(), CUBLAS_OP_N, CUBLAS_OP_T, mlp.rows[k], mlp.cols[k], n, &one, grad, mlp.rows[k],
                             inputs[k].get(), mlp.cols[k], &zero, weight_grad[k].get(), mlp.rows[k]),
                 "cublasSgemm");
    check_cublas(cublasSgemv(handle(), CUBLAS_OP_N, mlp.rows[k], n, &one, grad, mlp.rows[k], ones.get(), 1, &zero,
                             bias_grad[k].get(), 1),
                 "cublasSgemv");
    if (k == 0) break;
    check_cublas(cublasSgemm(handle(), CUBLAS_OP_T, CUBLAS_OP_N, mlp.cols[k], n, mlp.rows[k], &one, weights[k].get(),
                             mlp.rows[k], grad, mlp.rows[k], &zero, spare, mlp.cols[k]),
                 "cublasSgemm");
    const std::size_t count = static_cast<std::size_t>(mlp.cols[k]) * columns;
    relu_mask<<<blocks_for(count), 256>>>(spare, inputs[k].get(), count);
    check(cudaGetLastError(), "mask kernel launch");
    std::swap(grad, spare);
  }
  timing.compute_s += clock.stop();

  clock.start();
  for (int k = 0; k < mlp.layers; ++k) {
    weight_grad[k].download(weight_grads[k], static_cast<std::size_t>(mlp.rows[k]) * mlp.cols[k]);
    bias_grad[k].download(bias_grads[k], mlp.rows[k]);
  }
  timing.download_s = clock.stop();
  return value;
}

}  // namespace peaksim::forecasting::cuda
