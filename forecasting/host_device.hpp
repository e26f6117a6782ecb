// Spellings that let one function compile for the host and, under nvcc, for the device too: the recursions of
// recursions.hpp and the per-series filters of series_filters.hpp are written once with these and run on the CPU
// (models.cpp, kernels.cpp, the tests) and inside the CUDA kernels (cuda/filters.cu, cuda/mlp.cu).
// Nothing here may use std:: containers, exceptions or Eigen: device code has none of them.
#pragma once

#include <cmath>    // NAN
#include <cstddef>  // std::size_t

// PEAKSIM_HD: for the host and the device, and always inlined: kernels.cpp's loops over series vectorise only
// when the step they call is inlined, and GCC's own judgement leaves the larger steps out.
#if defined(__CUDACC__)
#define PEAKSIM_HD __host__ __device__ __attribute__((always_inline))
#else
#define PEAKSIM_HD __attribute__((always_inline))
#endif
// PEAKSIM_UNROLL: unroll the next loop in device code (the host compiler does not know the pragma).
#if defined(__CUDA_ARCH__)
#define PEAKSIM_UNROLL _Pragma("unroll")
#else
#define PEAKSIM_UNROLL
#endif

namespace peaksim::forecasting {

// A missing observation is a NaN; x != x is true only for a NaN, on the host and on the device.
template <typename Real>
PEAKSIM_HD inline bool missing(Real x) {
  return x != x;
}

template <typename Real>
PEAKSIM_HD inline Real quiet_nan() {
  return static_cast<Real>(NAN);
}

// |x|: the device's fabs, the host's std::abs (which GCC vectorises as a sign mask).
template <typename Real>
PEAKSIM_HD inline Real magnitude(Real x) {
#if defined(__CUDA_ARCH__)
  return fabs(x);
#else
  return std::abs(x);
#endif
}

// A value read once and never written while a kernel runs: through the read-only data cache on the device.
template <typename Real>
PEAKSIM_HD inline Real read_only(const Real* p) {
#if defined(__CUDA_ARCH__)
  return __ldg(p);
#else
  return *p;
#endif
}

// Value t of a series stored every `stride` entries: stride 1 for one series (models.cpp), the number of series
// for a time-major batch (kernels.cpp's blocks, a CUDA thread's series).
template <typename T>
struct Strided {
  T* data;
  std::size_t stride;
  PEAKSIM_HD T& operator[](int t) const { return data[static_cast<std::size_t>(t) * stride]; }
};

template <typename T>
PEAKSIM_HD inline Strided<T> strided(T* data, std::size_t stride) {
  return Strided<T>{data, stride};
}

}  // namespace peaksim::forecasting
