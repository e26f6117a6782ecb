// The CUDA side of the backend when the library is built without CUDA: it is never available, and says why.
#include <stdexcept>

#include "forecasting/cuda/cuda_backend.hpp"

namespace peaksim::forecasting::cuda {

bool built() { return false; }

const std::string& unavailable_reason() {
  static const std::string reason = "not built with CUDA";
  return reason;
}

template <typename Real>
void run_filters(const FilterInput<Real>&, FilterOutput<Real>&, DeviceTiming&) {
  throw std::runtime_error("CUDA backend: " + unavailable_reason());
}

void mlp_forward(const MlpView&, const float*, int, float*, DeviceTiming&) {
  throw std::runtime_error("CUDA backend: " + unavailable_reason());
}

double mlp_gradients(const MlpView&, const float*, int, const HostLoss&, float* const*, float* const*, DeviceTiming&) {
  throw std::runtime_error("CUDA backend: " + unavailable_reason());
}

template void run_filters(const FilterInput<float>&, FilterOutput<float>&, DeviceTiming&);
template void run_filters(const FilterInput<double>&, FilterOutput<double>&, DeviceTiming&);

}  // namespace peaksim::forecasting::cuda
