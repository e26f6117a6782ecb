// Parameter fitting: minimise the in-sample one-step sum of squared errors over a box, per series.
//
// 1. A grid of kGridPoints values per free parameter (all combinations; at most 3 free parameters).
// 2. From the best grid point, kSweeps sweeps of golden-section search one coordinate at a time, each on the
//    interval of one grid step either side of the current value (clipped to the box). A candidate replaces
//    the current point only when its SSE is strictly lower, so the result is never worse than the grid.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "forecasting/models.hpp"

namespace peaksim::forecasting {

namespace {

constexpr int kGridPoints = 6;
constexpr int kSweeps = 2;
constexpr int kGoldenIterations = 20;

struct Coordinate {
  double Params::*member;
  double low;
  double high;
};

// The free parameters of each method and their boxes. phi for Holt's damped trend stays within [0.8, 1], the
// usual range; Holt-Winters is fitted undamped (phi = 1).
std::vector<Coordinate> free_coordinates(Method method) {
  switch (method) {
    case Method::kSes:
    case Method::kCroston:
    case Method::kSba: return {{&Params::alpha, 0.01, 1.0}};
    case Method::kHoltDamped:
      return {{&Params::alpha, 0.01, 1.0}, {&Params::beta, 0.0, 1.0}, {&Params::phi, 0.8, 1.0}};
    case Method::kHoltWintersAdditive:
    case Method::kHoltWintersMultiplicative:
      return {{&Params::alpha, 0.01, 1.0}, {&Params::beta, 0.0, 1.0}, {&Params::gamma, 0.0, 1.0}};
    case Method::kTsb: return {{&Params::alpha, 0.01, 1.0}, {&Params::beta, 0.01, 1.0}};
    default: return {};
  }
}

class Objective {
public:
  Objective(Method method, const ModelSpec& spec, std::span<const double> y) : method_(method), spec_(spec), y_(y) {}

  double operator()(const Params& params) {
    run_model(method_, spec_, params, y_, 0, run_);
    const double sse = one_step_sse(y_, run_);
    return std::isfinite(sse) ? sse : std::numeric_limits<double>::infinity();
  }

private:
  Method method_;
  const ModelSpec& spec_;
  std::span<const double> y_;
  Run run_;
};

double grid_value(const Coordinate& c, int i) { return c.low + (c.high - c.low) * i / (kGridPoints - 1); }

void grid_search(const std::vector<Coordinate>& coords, Objective& objective, Params& best, double& best_sse) {
  int combinations = 1;
  for (std::size_t d = 0; d < coords.size(); ++d) combinations *= kGridPoints;
  for (int index = 0; index < combinations; ++index) {
    Params candidate = best;
    int rest = index;
    for (const Coordinate& c : coords) {
      candidate.*c.member = grid_value(c, rest % kGridPoints);
      rest /= kGridPoints;
    }
    const double sse = objective(candidate);
    if (sse < best_sse) {
      best_sse = sse;
      best = candidate;
    }
  }
}

void golden_section(const Coordinate& c, Objective& objective, Params& best, double& best_sse) {
  const double step = (c.high - c.low) / (kGridPoints - 1);
  double a = std::max(c.low, best.*c.member - step);
  double b = std::min(c.high, best.*c.member + step);
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  Params trial = best;
  auto at = [&](double x) {
    trial.*c.member = x;
    return objective(trial);
  };
  double x1 = b - ratio * (b - a), x2 = a + ratio * (b - a);
  double f1 = at(x1), f2 = at(x2);
  for (int i = 0; i < kGoldenIterations; ++i) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - ratio * (b - a);
      f1 = at(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + ratio * (b - a);
      f2 = at(x2);
    }
  }
  const double x = f1 <= f2 ? x1 : x2;
  const double f = std::min(f1, f2);
  if (f < best_sse) {
    best_sse = f;
    best.*c.member = x;
  }
}

}  // namespace

Params fit_params(Method method, const ModelSpec& spec, std::span<const double> y) {
  const std::vector<Coordinate> coords = free_coordinates(method);
  Params best;
  if (coords.empty()) return best;
  for (const Coordinate& c : coords) best.*c.member = c.low;
  Objective objective(method, spec, y);
  double best_sse = std::numeric_limits<double>::infinity();
  grid_search(coords, objective, best, best_sse);
  for (int sweep = 0; sweep < kSweeps; ++sweep) {
    for (const Coordinate& c : coords) golden_section(c, objective, best, best_sse);
  }
  return best;
}

}  // namespace peaksim::forecasting
