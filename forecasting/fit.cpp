// Parameter fitting: minimise the in-sample one-step sum of squared errors over a box, per series.
//
// 1. A grid of kGridPoints values per free parameter (all combinations; at most 4 free parameters, the
//    double-seasonal Holt-Winters': 6^4 = 1296 points).
// 2. From the best grid point, kSweeps sweeps of golden-section search one coordinate at a time, each on the
//    interval of one grid step either side of the current value (clipped to the box). A candidate replaces
//    the current point only when its SSE is strictly lower, so the result is never worse than the grid.
// fit_params_batched runs the same steps for many series in lockstep, each step one pass of kernels.hpp's batched
// filter over all of them, with per-series parameters; its results equal fit_params' bit for bit.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

#include "forecasting/kernels.hpp"
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
// usual range; Holt-Winters (one season or two) is fitted undamped (phi = 1).
std::vector<Coordinate> free_coordinates(Method method) {
  switch (method) {
    case Method::kSes:
    case Method::kCroston:
    case Method::kSba:
      return {{&Params::alpha, 0.01, 1.0}};
    case Method::kHoltDamped:
      return {{&Params::alpha, 0.01, 1.0}, {&Params::beta, 0.0, 1.0}, {&Params::phi, 0.8, 1.0}};
    case Method::kHoltWintersAdditive:
    case Method::kHoltWintersMultiplicative:
      return {{&Params::alpha, 0.01, 1.0}, {&Params::beta, 0.0, 1.0}, {&Params::gamma, 0.0, 1.0}};
    case Method::kTsb:
      return {{&Params::alpha, 0.01, 1.0}, {&Params::beta, 0.01, 1.0}};
    case Method::kHoltWintersDouble:
      return {{&Params::alpha, 0.01, 1.0},
              {&Params::beta, 0.0, 1.0},
              {&Params::gamma, 0.0, 1.0},
              {&Params::delta, 0.0, 1.0}};
    default:
      return {};
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

// The grid points in the order both fits try them.
std::vector<Params> grid_candidates(const std::vector<Coordinate>& coords) {
  int combinations = 1;
  for (std::size_t d = 0; d < coords.size(); ++d) combinations *= kGridPoints;
  std::vector<Params> candidates;
  candidates.reserve(static_cast<std::size_t>(combinations));
  for (int index = 0; index < combinations; ++index) {
    Params candidate;  // the free coordinates are all set below; the others keep their defaults
    int rest = index;
    for (const Coordinate& c : coords) {
      candidate.*c.member = grid_value(c, rest % kGridPoints);
      rest /= kGridPoints;
    }
    candidates.push_back(candidate);
  }
  return candidates;
}

// The objective of many series at once: one pass of the batched filter gives every series' SSE for its own
// parameters. The filter's SSE equals one_step_sse of run_model bit for bit (tests/test_kernels.cpp).
class BatchObjective {
public:
  BatchObjective(Filter filter, const ModelSpec& spec, const double* y, int steps, int count, int threads,
                 const FilterRunner& runner)
      : runner_(runner),
        alpha_(static_cast<std::size_t>(count)),
        beta_(alpha_.size()),
        gamma_(alpha_.size()),
        phi_(alpha_.size()),
        delta_(alpha_.size()),
        sse_(alpha_.size()),
        threads_(threads) {
    in_.filter = filter;
    in_.period = spec.period;
    in_.period2 = spec.period2;
    in_.series = count;
    in_.steps = steps;
    in_.y = y;
    in_.alpha = alpha_.data();
    in_.beta = beta_.data();
    in_.gamma = gamma_.data();
    in_.phi = phi_.data();
    in_.delta = delta_.data();
  }

  const std::vector<double>& operator()(const std::vector<Params>& params) {
    for (std::size_t j = 0; j < params.size(); ++j) {
      alpha_[j] = params[j].alpha;
      beta_[j] = params[j].beta;
      gamma_[j] = params[j].gamma;
      phi_[j] = params[j].phi;
      delta_[j] = params[j].delta;
    }
    if (runner_) {
      runner_(in_, out_);
    } else {
      run_filters(in_, out_, threads_);
    }
    for (std::size_t j = 0; j < sse_.size(); ++j) {
      sse_[j] = std::isfinite(out_.sse[j]) ? out_.sse[j] : std::numeric_limits<double>::infinity();
    }
    return sse_;
  }

private:
  const FilterRunner& runner_;
  std::vector<double> alpha_, beta_, gamma_, phi_, delta_, sse_;
  FilterInput<double> in_;
  FilterOutput<double> out_;
  int threads_;
};

// golden_section for every series in lockstep: the same steps in the same order, one batched pass per step.
void golden_section_batched(const Coordinate& c, BatchObjective& objective, std::vector<Params>& best,
                            std::vector<double>& best_sse) {
  const std::size_t n = best.size();
  const double step = (c.high - c.low) / (kGridPoints - 1);
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  std::vector<double> a(n), b(n), x1(n), x2(n), f1(n), f2(n);
  std::vector<bool> left(n);
  std::vector<Params> trial = best;
  for (std::size_t j = 0; j < n; ++j) {
    a[j] = std::max(c.low, best[j].*c.member - step);
    b[j] = std::min(c.high, best[j].*c.member + step);
    x1[j] = b[j] - ratio * (b[j] - a[j]);
    x2[j] = a[j] + ratio * (b[j] - a[j]);
    trial[j].*c.member = x1[j];
  }
  f1 = objective(trial);
  for (std::size_t j = 0; j < n; ++j) trial[j].*c.member = x2[j];
  f2 = objective(trial);
  for (int i = 0; i < kGoldenIterations; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      left[j] = f1[j] <= f2[j];
      if (left[j]) {
        b[j] = x2[j];
        x2[j] = x1[j];
        f2[j] = f1[j];
        x1[j] = b[j] - ratio * (b[j] - a[j]);
        trial[j].*c.member = x1[j];
      } else {
        a[j] = x1[j];
        x1[j] = x2[j];
        f1[j] = f2[j];
        x2[j] = a[j] + ratio * (b[j] - a[j]);
        trial[j].*c.member = x2[j];
      }
    }
    const std::vector<double>& f = objective(trial);
    for (std::size_t j = 0; j < n; ++j) (left[j] ? f1[j] : f2[j]) = f[j];
  }
  for (std::size_t j = 0; j < n; ++j) {
    const double x = f1[j] <= f2[j] ? x1[j] : x2[j];
    const double f = std::min(f1[j], f2[j]);
    if (f < best_sse[j]) {
      best_sse[j] = f;
      best[j].*c.member = x;
    }
  }
}

}  // namespace

std::optional<Filter> filter_for(Method method) {
  switch (method) {
    case Method::kSes:
      return Filter::kSes;
    case Method::kHoltDamped:
      return Filter::kHoltDamped;
    case Method::kHoltWintersAdditive:
      return Filter::kHoltWintersAdditive;
    case Method::kHoltWintersMultiplicative:
      return Filter::kHoltWintersMultiplicative;
    case Method::kCroston:
      return Filter::kCroston;
    case Method::kSba:
      return Filter::kSba;
    case Method::kTsb:
      return Filter::kTsb;
    case Method::kHoltWintersDouble:
      return Filter::kHoltWintersDouble;
    default:
      return std::nullopt;
  }
}

Params fit_params(Method method, const ModelSpec& spec, std::span<const double> y) {
  const std::vector<Coordinate> coords = free_coordinates(method);
  if (coords.empty()) return Params{};
  // The first strictly lower SSE wins, in grid order; if none is finite, the first point is kept.
  const std::vector<Params> candidates = grid_candidates(coords);
  Objective objective(method, spec, y);
  Params best = candidates.front();
  double best_sse = std::numeric_limits<double>::infinity();
  for (const Params& candidate : candidates) {
    const double sse = objective(candidate);
    if (sse < best_sse) {
      best_sse = sse;
      best = candidate;
    }
  }
  for (int sweep = 0; sweep < kSweeps; ++sweep) {
    for (const Coordinate& c : coords) golden_section(c, objective, best, best_sse);
  }
  return best;
}

std::vector<Params> fit_params_batched(Method method, const ModelSpec& spec, const double* y, int steps, int count,
                                       int threads, const FilterRunner& runner) {
  const std::vector<Coordinate> coords = free_coordinates(method);
  const auto n = static_cast<std::size_t>(count);
  if (coords.empty() || count == 0) return std::vector<Params>(n);
  const std::optional<Filter> filter = filter_for(method);
  if (!filter) throw std::logic_error("fit_params_batched: " + method_name(method) + " has no batched filter");
  BatchObjective objective(*filter, spec, y, steps, count, threads, runner);
  const std::vector<Params> candidates = grid_candidates(coords);
  std::vector<Params> best(n, candidates.front()), trial(n);
  std::vector<double> best_sse(n, std::numeric_limits<double>::infinity());
  for (const Params& candidate : candidates) {
    std::fill(trial.begin(), trial.end(), candidate);
    const std::vector<double>& sse = objective(trial);
    for (std::size_t j = 0; j < n; ++j) {
      if (sse[j] < best_sse[j]) {
        best_sse[j] = sse[j];
        best[j] = candidate;
      }
    }
  }
  for (int sweep = 0; sweep < kSweeps; ++sweep) {
    for (const Coordinate& c : coords) golden_section_batched(c, objective, best, best_sse);
  }
  return best;
}

}  // namespace peaksim::forecasting
