// Event effects for the classical models: a regression on event dummies around any classical forecast. Per
// series and event, a multiplicative effect is fitted on the history (the event steps' values over their local
// baseline); the history's event steps are replaced by that baseline before the classical model is fitted, so
// the model forecasts the base; the effect multiplies the forecast (mean and quantiles) on future event steps.
// See docs/forecasting.md, "Events".
#pragma once

#include <Eigen/Dense>

#include "forecasting/forecast.hpp"

namespace peaksim::forecasting {

// Per step and series, the index of the event on that step (0..events-1), or -1: (T + H) x S for a history of T
// steps forecast H ahead.
using EventSteps = Eigen::MatrixXi;

struct EventEffects {
  Eigen::MatrixXd ratio;  // events x S: the fitted effect, 1 where an event was never observed in a series' history
  Batch base;             // the history with its event steps replaced by their baseline (what the model fits)
};

// `neighbour` is the distance in steps of the baseline's neighbours: the baseline of step t is the mean of the
// observed, event-free values at t -+ neighbour and t -+ 2 neighbour (7 for daily data: the same weekday; 1 for
// weekly data: the weeks around). The effect of event k in a series is (sum of its values on k's steps + 1) /
// (sum of their baselines + 1), over the steps that have both, clipped to [0, 10]. NaN (missing) values are left
// out. Throws std::invalid_argument on mismatched shapes, events < 0 or neighbour < 1.
EventEffects fit_event_effects(const Batch& history, const EventSteps& steps, int events, int neighbour);

// Multiplies the forecast's mean and quantiles by the effect of the event on each future step (rows T..T+H-1 of
// `steps`, T = steps.rows() - f.mean.rows()).
void apply_event_effects(Forecast& f, const EventEffects& effects, const EventSteps& steps);

}  // namespace peaksim::forecasting
