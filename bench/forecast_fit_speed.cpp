// Benchmark (prints figures, asserts nothing): forecasting::forecast() with fitting on a synthetic batch of daily
// series, per method and thread count. Usage: forecast_fit_speed [series] [days] [threads...]
// Built with -DFORECAST_FIT_SPEED_NO_THREADS it compiles against a library without ForecastOptions::threads
// (to time an older build of the library with the same source).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "forecasting/forecast.hpp"

namespace fc = peaksim::forecasting;

int main(int argc, char** argv) {
  const int series = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int days = argc > 2 ? std::atoi(argv[2]) : 730;
  std::vector<int> thread_counts;
  for (int i = 3; i < argc; ++i) thread_counts.push_back(std::atoi(argv[i]));
  if (thread_counts.empty()) thread_counts.push_back(1);

  // Weekly season, slow trend, Poisson-like noise around a level drawn per series (seeded: same batch every run).
  std::mt19937_64 batch_rng(20261129);
  std::uniform_real_distribution<double> level(5, 500);
  std::normal_distribution<double> noise(0, 1);
  fc::Batch y(days, series);
  for (int s = 0; s < series; ++s) {
    const double base = level(batch_rng);
    for (int t = 0; t < days; ++t) {
      const double mean = base * (1 + 0.3 * ((t % 7) >= 5) + 0.0005 * t);
      y(t, s) = std::max(0.0, mean + std::sqrt(mean) * noise(batch_rng));
    }
  }
  // The intermittent methods get the same batch with 70% of the days zeroed (seeded apart).
  std::mt19937_64 zero_day_rng(20261130);
  std::uniform_real_distribution<double> unit(0, 1);
  fc::Batch counts = y;
  for (double& value : counts.reshaped()) value = unit(zero_day_rng) < 0.7 ? 0.0 : std::round(value);
  std::printf("forecast() with fitting, %d series x %d days, horizon 28 (Croston, SBA, TSB: 70%% of days zero)\n",
              series, days);
  std::printf("| method | threads | seconds | series per second | checksum |\n|---|---:|---:|---:|---|\n");
  for (const fc::Method method :
       {fc::Method::kSes, fc::Method::kHoltWintersAdditive, fc::Method::kCroston, fc::Method::kSba, fc::Method::kTsb}) {
    const bool intermittent =
        method == fc::Method::kCroston || method == fc::Method::kSba || method == fc::Method::kTsb;
    for (const int threads : thread_counts) {
      fc::ForecastOptions options;
      options.horizon = 28;
#ifndef FORECAST_FIT_SPEED_NO_THREADS
      options.threads = threads;
#endif
      const auto start = std::chrono::steady_clock::now();
      const fc::Forecast f = fc::forecast(intermittent ? counts : y, {.method = method}, options);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("| %s | %d | %.3f | %.0f | %.17g |\n", fc::method_name(method).c_str(), threads, seconds,
                  series / seconds, f.mean.sum() + f.quantiles.back().sum());
    }
  }
  return 0;
}
