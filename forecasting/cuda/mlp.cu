// The Mlp forward pass on the device: one cuBLAS SGEMM per layer (column-major, as Eigen stores the weights),
// then a kernel that adds the bias and applies ReLU on hidden layers. Plain FP32 math (cuBLAS's default mode, no
// TF32), so results differ from Eigen's only by the order of the sums.
#include <cublas_v2.h>

#include <algorithm>
#include <vector>

#include "forecasting/cuda/cuda_backend.hpp"
#include "forecasting/cuda/device_memory.cuh"

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

__global__ void add_bias(float* __restrict__ z, const float* __restrict__ bias, int rows, std::size_t count,
                         bool relu) {
  const std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= count) return;
  const float v = z[i] + bias[i % rows];
  z[i] = relu ? fmaxf(v, 0.0f) : v;
}

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

}  // namespace peaksim::forecasting::cuda
