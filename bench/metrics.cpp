#include "bench/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace peaksim::bench {

namespace {

// Positions in benchmark_levels() of the levels the metrics read.
constexpr std::size_t kQ025 = 0, kQ10 = 1, kQ50 = 5, kQ90 = 9, kQ975 = 10;

}  // namespace

const std::vector<double>& benchmark_levels() {
  static const std::vector<double> levels = {0.025, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.975};
  return levels;
}

double pinball_loss(double y, double q, double tau) { return y >= q ? tau * (y - q) : (1 - tau) * (q - y); }

double mase_scale(std::span<const double> train, int season) {
  const std::size_t n = train.size();
  const std::size_t lag = n > static_cast<std::size_t>(season) ? static_cast<std::size_t>(season) : 1;
  if (n < 2) return 0;
  double sum = 0;
  for (std::size_t t = lag; t < n; ++t) sum += std::abs(train[t] - train[t - lag]);
  return sum / static_cast<double>(n - lag);
}

double AccuracyAccumulator::add(std::span<const double> train, std::span<const double> actual,
                                std::span<const double> mean, const std::vector<std::span<const double>>& quantiles) {
  const std::vector<double>& levels = benchmark_levels();
  if (quantiles.size() != levels.size() || mean.size() != actual.size()) {
    throw std::invalid_argument("AccuracyAccumulator::add: one mean per actual and one quantile span per level");
  }
  double abs_error = 0;
  for (std::size_t h = 0; h < actual.size(); ++h) {
    const double y = actual[h];
    abs_actual_ += std::abs(y);
    error_sum_ += mean[h] - y;
    abs_error += std::abs(y - quantiles[kQ50][h]);
    for (std::size_t l = 0; l < levels.size(); ++l) pinball_[l] += pinball_loss(y, quantiles[l][h], levels[l]);
    inside80_ += quantiles[kQ10][h] <= y && y <= quantiles[kQ90][h];
    inside95_ += quantiles[kQ025][h] <= y && y <= quantiles[kQ975][h];
    ++points_;
  }
  ++windows_;
  const double scale = mase_scale(train, season_);
  if (scale > 0) {
    const double mase = abs_error / static_cast<double>(actual.size()) / scale;
    mase_sum_ += mase;
    window_mase_.push_back(mase);
    return mase;
  }
  ++zero_scale_;
  return std::numeric_limits<double>::quiet_NaN();
}

AccuracySummary AccuracyAccumulator::summary() const {
  AccuracySummary out;
  out.windows = windows_;
  out.zero_scale = zero_scale_;
  out.points = points_;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.mase = windows_ > zero_scale_ ? mase_sum_ / static_cast<double>(windows_ - zero_scale_) : nan;
  out.mase_median = nan;
  if (!window_mase_.empty()) {
    std::vector<double> sorted = window_mase_;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    out.mase_median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
  double wql = 0;
  for (std::size_t l = kQ10; l <= kQ90; ++l) wql += 2 * pinball_[l] / abs_actual_;
  out.wql = abs_actual_ > 0 ? wql / static_cast<double>(kQ90 - kQ10 + 1) : nan;
  out.bias = abs_actual_ > 0 ? error_sum_ / abs_actual_ : nan;
  out.coverage80 = points_ > 0 ? static_cast<double>(inside80_) / static_cast<double>(points_) : nan;
  out.coverage95 = points_ > 0 ? static_cast<double>(inside95_) / static_cast<double>(points_) : nan;
  return out;
}

}  // namespace peaksim::bench
