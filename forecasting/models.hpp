// One series, one model: the recursions behind forecast(). Internal to the library (and its tests).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "forecasting/forecast.hpp"
#include "forecasting/kernels.hpp"

namespace peaksim::forecasting {

// The result of running a model with given parameters over one series: one-step-ahead in-sample predictions
// fitted[t] for t >= first (entries before first are unused), and the forecast path for h = 1..H after the
// last value.
struct Run {
  std::vector<double> fitted;
  int first = 0;
  std::vector<double> path;
};

// Runs `method` over y. The caller has checked that y is long enough (see min_length), that y[0] is observed and,
// for the multiplicative season, that the observed values are positive. A NaN in y is a missing observation: the
// state moves on by the prediction (the error counts as 0), the intermittent methods skip the step.
void run_model(Method method, const ModelSpec& spec, const Params& params, std::span<const double> y, int horizon,
               Run& run);

// The least length a method needs without a fallback.
int min_length(Method method, const ModelSpec& spec);

// In-sample one-step sum of squared errors of a run, over the observed steps.
double one_step_sse(std::span<const double> y, const Run& run);

// Var(h-step error) / Var(one-step error) for the method's state-space form (1 for the flat-forecast
// moving-average and intermittent methods). Multiplicative Holt-Winters uses the additive formula as an
// approximation; the double-seasonal one adds delta where the lag is a multiple of period2.
double variance_factor(Method method, const ModelSpec& spec, const Params& params, int h);

// Fits the free parameters of `method` by minimising one_step_sse: a grid, then golden-section searches
// one coordinate at a time (see fit.cpp).
Params fit_params(Method method, const ModelSpec& spec, std::span<const double> y);

// fit_params for `count` series at once, the same steps in lockstep through kernels.hpp's batched filters (with
// `threads` threads): the results equal fit_params' for each series bit for bit. y is time-major (value t of
// series j at y[t * count + j]) with `steps` >= min_length(method, spec) rows. Only for methods with a filter.
std::vector<Params> fit_params_batched(Method method, const ModelSpec& spec, const double* y, int steps, int count,
                                       int threads);

// The batched filter that runs `method` exactly as run_model does, if there is one.
std::optional<Filter> filter_for(Method method);

}  // namespace peaksim::forecasting
