// Batched fixed-parameter filters on the CPU: exponential smoothing and the intermittent-demand methods (Croston,
// SBA, TSB) over many series at once, for speed.
//
// Layout. The batch is time-major: value t of series s is y[t * S + s], so the S values of one time step are
// contiguous and the inner loop runs over series (it vectorises; every series is independent). This is the
// transpose of forecast.hpp's Batch. The CUDA backend (backend.hpp) uses the same layout, one series per thread,
// so that a warp reads consecutive addresses.
//
// The recursions, initial states and operation order are those of models.cpp's run_model, so in double the
// results equal run_model's to rounding (tests/test_kernels.cpp; the intermittent filters' bit for bit). The header
// needs no Eigen, so CUDA sources can include it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace peaksim::forecasting {

enum class Filter {
  kSes,                        // alpha
  kHoltDamped,                 // alpha, beta, phi
  kHoltWintersAdditive,        // alpha, beta, gamma, phi, period
  kHoltWintersMultiplicative,  // alpha, beta, gamma, phi, period; the caller ensures y > 0
  kCroston,                    // alpha (demand size and interval)
  kSba,                        // alpha; Croston's forecast times 1 - alpha / 2
  kTsb,                        // alpha (demand size), beta (probability of demand)
  kHoltWintersDouble,          // alpha, beta, gamma, delta, phi, period, period2: two additive seasons
};

const char* filter_name(Filter filter);

// The least number of steps a filter accepts (models.cpp's min_length): 1, 3, or two (long) seasons.
int filter_min_steps(Filter filter, int period, int period2 = 0);

// The batch and its per-series parameters. Every pointer refers to caller-owned memory: y holds steps x series
// values (time-major), each parameter array `series` values. Parameters a filter does not use may be null.
template <typename Real>
struct FilterInput {
  Filter filter = Filter::kHoltWintersAdditive;
  int period = 7;  // Holt-Winters only
  int series = 0;
  int steps = 0;
  int horizon = 0;  // forecast path length; 0 for none
  const Real* y = nullptr;
  const Real* alpha = nullptr;
  const Real* beta = nullptr;
  const Real* gamma = nullptr;
  const Real* phi = nullptr;
  int period2 = 0;              // double-seasonal Holt-Winters only: the second season, > period
  const Real* delta = nullptr;  // double-seasonal Holt-Winters only: the second season's smoothing
};

// Per-series results, time-major like the input.
template <typename Real>
struct FilterOutput {
  std::vector<Real> sse;     // S: in-sample one-step sum of squared errors (models.cpp's one_step_sse)
  std::vector<Real> level;   // S: final level; the intermittent filters: the smoothed demand size
  std::vector<Real> trend;   // S: final trend (0 for SES and the intermittent filters)
  std::vector<Real> season;  // period x S for Holt-Winters (row i: the index used at times t = i mod period);
                             // (period + period2) x S for the double season: the first season's rows, then
                             // the second's (row period + i: the index used at times t = i mod period2)
  std::vector<Real> path;    // horizon x S: row h-1 is the h-step forecast after the last value
  // S for the intermittent filters, else empty: Croston and SBA's smoothed interval between demands, TSB's
  // smoothed probability of demand. A series without any demand ends with size and occurrence 0 and forecasts 0.
  std::vector<Real> occurrence;
};

// Throws std::invalid_argument naming the problem: no series, too few steps, a negative horizon, a period < 1,
// or a missing pointer the filter needs.
template <typename Real>
void check_filter_input(const FilterInput<Real>& in);

// Runs the filter over every series with `threads` threads (at least 1) working on blocks of series. The results
// do not depend on the thread count.
template <typename Real>
void run_filters(const FilterInput<Real>& in, FilterOutput<Real>& out, int threads = 1);

// Seconds a backend spent moving data to the device, computing, and moving results back (the CPU backend
// reports its whole time as compute).
struct DeviceTiming {
  double upload_s = 0;
  double compute_s = 0;
  double download_s = 0;
};

// Runs a batched double filter pass somewhere (ForecastOptions::filters): kernels.hpp's run_filters or a device.
using FilterRunner = std::function<void(const FilterInput<double>&, FilterOutput<double>&)>;

// A CUDA device as benchmarks report it: peak memory bandwidth = 2 (double data rate) x memory clock x bus width.
struct DeviceInfo {
  std::string name;
  double memory_gib = 0;
  double peak_bandwidth_gbs = 0;  // 1e9 bytes per second
  int multiprocessors = 0;
};

}  // namespace peaksim::forecasting
