// `--events FILE` of `peaksim forecast` and `peaksim train-forecaster`: named event days, from a CSV
// (`date,name[,series_id]`) or from a scenario's `calendar.events` (a .yaml or .yml file, whose date rules are
// resolved over the series' dates). They become the learned model's event covariates
// (sim/calendar/event_covariates.hpp) and the classical models' event effects (forecasting/event_effects.hpp).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/history_csv.hpp"
#include "forecasting/event_effects.hpp"
#include "forecasting/global_model.hpp"
#include "sim/calendar/event_covariates.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim::cli {

struct Events {
  std::vector<DatedEvent> common;                             // rows without a series_id: every series
  std::map<std::string, std::vector<DatedEvent>> per_series;  // rows with one
  std::optional<CalendarSpec> scenario;                       // a scenario's calendar: rules resolved per series
  std::vector<std::string> names;                             // every event name, sorted
  // The events of series `x` over its dates and `future` steps after them: the common ones and its own, or the
  // scenario's occurrences from a year and a bit before its first date (the lift looks a year back).
  std::vector<DatedEvent> of(const Series& x, int future) const;
};

// Reads `path`. On bad input prints one message (FILE:LINE:COLUMN (field): what was expected) and returns false
// (status 2). A CSV may name series that are not in the history (ignored) and dates outside it.
bool load_events(const std::string& path, Events& out);

// Appends the kEventCovariates event covariates of series `x` (its last `length` steps plus `future` after them,
// aligned as global_inputs aligns values) to covariates[first .. first + kEventCovariates) column `column`.
void add_event_covariates(const Events& events, const Series& x, int length, int future,
                          forecasting::Covariates& covariates, std::size_t first, Eigen::Index column);

// The event dummies of series `group` (all `length` steps long) for the classical models' event effects, over
// length + horizon steps.
forecasting::EventSteps event_steps(const Events& events, const std::vector<const Series*>& group, int length,
                                    int horizon);

}  // namespace peaksim::cli
