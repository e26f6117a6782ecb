#include "forecasting/event_effects.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peaksim::forecasting {

EventEffects fit_event_effects(const Batch& history, const EventSteps& steps, int events, int neighbour) {
  const auto rows = static_cast<int>(history.rows());
  const auto series = static_cast<int>(history.cols());
  if (events < 0 || neighbour < 1) throw std::invalid_argument("event effects: events >= 0 and neighbour >= 1");
  if (steps.cols() != series || steps.rows() < rows)
    throw std::invalid_argument("event effects: the event steps must have the history's series and at least its steps");
  EventEffects out;
  out.ratio = Eigen::MatrixXd::Ones(events, series);
  out.base = history;
  Eigen::MatrixXd sum_y = Eigen::MatrixXd::Zero(events, series);
  Eigen::MatrixXd sum_b = Eigen::MatrixXd::Zero(events, series);
  Eigen::MatrixXi seen = Eigen::MatrixXi::Zero(events, series);
  for (int s = 0; s < series; ++s) {
    for (int t = 0; t < rows; ++t) {
      const int k = steps(t, s);
      if (k < 0 || k >= events || std::isnan(history(t, s))) continue;
      double b = 0;
      int n = 0;
      for (const int d : {-2 * neighbour, -neighbour, neighbour, 2 * neighbour}) {
        const int u = t + d;
        if (u < 0 || u >= rows || steps(u, s) >= 0 || std::isnan(history(u, s))) continue;
        b += history(u, s);
        ++n;
      }
      if (n == 0) continue;
      b /= n;
      sum_y(k, s) += history(t, s);
      sum_b(k, s) += b;
      seen(k, s) += 1;
      out.base(t, s) = b;
    }
  }
  for (int s = 0; s < series; ++s) {
    for (int k = 0; k < events; ++k) {
      if (seen(k, s) > 0) out.ratio(k, s) = std::clamp((sum_y(k, s) + 1) / (sum_b(k, s) + 1), 0.0, 10.0);
    }
  }
  return out;
}

void apply_event_effects(Forecast& f, const EventEffects& effects, const EventSteps& steps) {
  const auto horizon = static_cast<int>(f.mean.rows());
  const auto series = static_cast<int>(f.mean.cols());
  const auto first = static_cast<int>(steps.rows()) - horizon;
  if (first < 0 || steps.cols() != series || effects.ratio.cols() != series)
    throw std::invalid_argument("event effects: the forecast does not match the event steps");
  for (int s = 0; s < series; ++s) {
    for (int h = 0; h < horizon; ++h) {
      const int k = steps(first + h, s);
      if (k < 0 || k >= effects.ratio.rows()) continue;
      const double r = effects.ratio(k, s);
      f.mean(h, s) *= r;
      for (Eigen::MatrixXd& q : f.quantiles) q(h, s) *= r;
    }
  }
}

}  // namespace peaksim::forecasting
