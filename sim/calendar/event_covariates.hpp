// Events as known-future covariates of the learned global forecaster, and as the event index of the classical
// models' event effects (forecasting/event_effects.hpp). An event is a named day; consecutive days of one name
// form one occurrence (a holiday week). See docs/forecasting.md, "Events".
#pragma once
#include <string>
#include <vector>

#include "sim/calendar/date.hpp"
#include "sim/calendar/forecast_covariates.hpp"

namespace peaksim {

struct DatedEvent {
  cal::Date date;
  std::string name;
  auto operator<=>(const DatedEvent&) const = default;
};

// Per step of `steps` steps of `step_days` days (the first ending on `first_end`), kEventCovariates values,
// row-major:
//   0  1 when a day of the step is an event day
//   1  exp(-d/3) for the next event day d = 1..10 days after the step's end (0 beyond)
//   2  exp(-d/3) for the last event day d = 1..10 days before the step's first day
//   3  the lift at the previous occurrence: for a step within 10 days of an occurrence of event E, the value of the
//      step at the same offset from the previous occurrence of E (at least 180 days earlier) over the mean of the
//      steps ending 8 to 21 + step_days days before that occurrence, as log((y + 1) / (mean + 1)), clipped at +-3;
//      0 when there is no earlier occurrence or its values are not observed. How this series reacted last time:
//      a shop that closes over the Spring Festival, a store whose sales double in Thanksgiving week.
// `values` holds the series' first `observed` steps (NaN: missing); the lift reads only those.
// `events` need not be sorted; duplicates count once.
std::vector<double> event_covariates(const std::vector<DatedEvent>& events, cal::Date first_end, int steps,
                                     int step_days, const double* values, int observed);

// Per step, the index in `names` of the event on one of its days (the last by date: a week holding 24 and 25
// December is Christmas's), or -1: the dummies of the
// classical models' event effects.
std::vector<int> event_index(const std::vector<DatedEvent>& events, const std::vector<std::string>& names,
                             cal::Date first_end, int steps, int step_days);

}  // namespace peaksim
