// The filters of kernels.hpp on the device: one series per thread, time-major input, so that at each time step a
// warp reads 32 consecutive values (one 128-byte transaction in float). A thread runs series_filters.hpp's body
// for its series, the code the CPU tests run too (tests/test_device_code_on_cpu.cpp); its steps are those of
// recursions.hpp, which models.cpp and kernels.cpp call. The library compiles this file with --fmad=false so that
// no multiply-add is fused, which keeps float results equal to the CPU's up to the division and nothing else.
#include <algorithm>
#include <string>

#include "forecasting/cuda/cuda_backend.hpp"
#include "forecasting/cuda/device_memory.cuh"
#include "forecasting/series_filters.hpp"

namespace peaksim::forecasting::cuda {

namespace {

constexpr int kThreadsPerBlock = 128;

template <Filter kFilter, int kPeriod, typename Real>
__global__ void filter_kernel(SeriesFilterArgs<Real> a) {
  const int s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s < a.series) filter_series<kFilter, kPeriod>(a, s);
}

// dispatch_filter's launcher: one thread per series.
template <typename Real>
struct Launch {
  const SeriesFilterArgs<Real>& args;
  int grid;
  template <Filter kFilter, int kPeriod>
  void run() {
    filter_kernel<kFilter, kPeriod><<<grid, kThreadsPerBlock>>>(args);
  }
};

}  // namespace

template <typename Real>
void run_filters(const FilterInput<Real>& in, FilterOutput<Real>& out, DeviceTiming& timing) {
  check_filter_input(in);
  const bool two_seasons = in.filter == Filter::kHoltWintersDouble;  // seasons in device memory: any period
  const bool seasonal =
      in.filter == Filter::kHoltWintersAdditive || in.filter == Filter::kHoltWintersMultiplicative || two_seasons;
  if (seasonal && !two_seasons && in.period > kMaxSeriesPeriod) {
    throw std::invalid_argument("CUDA backend: Holt-Winters periods up to " + std::to_string(kMaxSeriesPeriod) +
                                " are supported, got " + std::to_string(in.period));
  }
  const auto series = static_cast<std::size_t>(in.series);
  const std::size_t values = series * in.steps;
  const std::size_t seasons = seasonal ? series * (two_seasons ? in.period + in.period2 : in.period) : 0;
  const std::size_t paths = series * in.horizon;
  const bool intermittent = in.filter == Filter::kCroston || in.filter == Filter::kSba || in.filter == Filter::kTsb;
  const std::size_t occurrences = intermittent ? series : 0;
  require_device_memory((values + 8 * series + seasons + paths + occurrences) * sizeof(Real), "the filter batch");

  DeviceBuffer<Real> y(values), alpha(series), beta(series), gamma(series), phi(series),
      delta(two_seasons ? series : 0);
  DeviceBuffer<Real> sse(series), level(series), trend(series), season(seasons), path(paths), occurrence(occurrences);
  Stopwatch clock;
  clock.start();
  y.upload(in.y, values);
  alpha.upload(in.alpha, series);
  if (in.beta != nullptr) beta.upload(in.beta, series);
  if (in.gamma != nullptr) gamma.upload(in.gamma, series);
  if (in.phi != nullptr) phi.upload(in.phi, series);
  if (two_seasons) delta.upload(in.delta, series);
  timing.upload_s = clock.stop();

  const SeriesFilterArgs<Real> args{in.series,    in.steps,    in.horizon,       in.period,  y.get(),     alpha.get(),
                                    beta.get(),   gamma.get(), phi.get(),        sse.get(),  level.get(), trend.get(),
                                    season.get(), path.get(),  occurrence.get(), in.period2, delta.get()};
  const int grid = static_cast<int>((series + kThreadsPerBlock - 1) / kThreadsPerBlock);
  clock.start();
  Launch<Real> launch{args, grid};
  dispatch_filter(in.filter, in.period, launch);
  check(cudaGetLastError(), "filter kernel launch");
  timing.compute_s = clock.stop();

  out.sse.resize(series);
  out.level.resize(series);
  out.trend.resize(series);
  out.season.resize(seasons);
  out.path.resize(paths);
  out.occurrence.resize(occurrences);
  clock.start();
  sse.download(out.sse.data(), series);
  level.download(out.level.data(), series);
  trend.download(out.trend.data(), series);
  season.download(out.season.data(), seasons);
  path.download(out.path.data(), paths);
  occurrence.download(out.occurrence.data(), occurrences);
  timing.download_s = clock.stop();
}

template void run_filters(const FilterInput<float>&, FilterOutput<float>&, DeviceTiming&);
template void run_filters(const FilterInput<double>&, FilterOutput<double>&, DeviceTiming&);

}  // namespace peaksim::forecasting::cuda
