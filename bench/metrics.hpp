// Accuracy metrics of probabilistic forecasts, accumulated over series, horizons and origins: MASE of the
// median, weighted quantile loss, relative bias of the mean, and coverage of the 80% and 95% intervals.
// Definitions in docs/forecasting.md, "Accuracy on real data".
#pragma once

#include <span>
#include <vector>

namespace peaksim::bench {

// The quantile levels every benchmarked model is asked for: the wQL levels 0.1 ... 0.9 and the outer ends
// of the 95% interval.
const std::vector<double>& benchmark_levels();

// Pinball (quantile) loss of forecast q at level tau for the outcome y.
double pinball_loss(double y, double q, double tau);

// The MASE scale: in-sample mean absolute error of the seasonal naive forecast with lag `season` on the
// training values, or of the naive forecast (lag 1) when there are not more than `season` of them; 0 when
// there are fewer than two.
double mase_scale(std::span<const double> train, int season);

struct AccuracySummary {
  double mase = 0;         // mean over scored (series, origin) pairs of MAE(median) / scale
  double mase_median = 0;  // median over the same pairs: the typical window (the mean can rest on a few)
  double wql = 0;          // mean over the levels 0.1 ... 0.9 of 2 sum(pinball) / sum |y|
  double bias = 0;         // sum(mean - y) / sum |y|
  double coverage80 = 0;   // share of points with q0.1 <= y <= q0.9
  double coverage95 = 0;   // share of points with q0.025 <= y <= q0.975
  long windows = 0;        // (series, origin) pairs scored
  long zero_scale = 0;     // of which left out of the MASE because their scale is 0
  long points = 0;         // (series, origin, step) points
};

// Sums the metrics over forecast windows. `quantiles` holds one span per benchmark_levels() entry.
class AccuracyAccumulator {
public:
  explicit AccuracyAccumulator(int season) : season_(season), pinball_(benchmark_levels().size(), 0.0) {}

  // One (series, origin) window: the training values, the H actual values, and the forecast's mean and
  // quantiles over the same H steps. Returns the window's MASE, NaN when its scale is 0.
  double add(std::span<const double> train, std::span<const double> actual, std::span<const double> mean,
             const std::vector<std::span<const double>>& quantiles);

  AccuracySummary summary() const;

private:
  int season_;
  std::vector<double> pinball_;      // per level
  std::vector<double> window_mase_;  // per scored window, for the median
  double abs_actual_ = 0, error_sum_ = 0, mase_sum_ = 0;
  long windows_ = 0, zero_scale_ = 0, points_ = 0, inside80_ = 0, inside95_ = 0;
};

}  // namespace peaksim::bench
