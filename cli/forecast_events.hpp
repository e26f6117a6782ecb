// `--events FILE` of `peaksim forecast` and `peaksim train-forecaster`: named event days, from a CSV
// (`date,name[,series_id]`) or from a scenario's `calendar.events` (a .yaml or .yml file, whose date rules are
// resolved over the series' dates). They become the learned model's event covariates
// (sim/calendar/event_covariates.hpp) and the classical models' event effects (forecasting/event_effects.hpp).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "cli/history_csv.hpp"
#include "forecasting/event_effects.hpp"
#include "forecasting/global_model.hpp"
#include "sim/calendar/event_covariates.hpp"

namespace peaksim::cli {

struct Events {
  std::vector<DatedEvent> common;                             // rows without a series_id: every series
  std::map<std::string, std::vector<DatedEvent>> per_series;  // rows with one
  std::vector<std::string> names;                             // every event name, sorted
  // The events of one series: the common ones and its own.
  std::vector<DatedEvent> of(const std::string& series_id) const;
};

// Reads `path`; a scenario's rules are resolved for the days from..to. On bad input prints one message
// (FILE:LINE:COLUMN (field): what was expected) and returns false (status 2). A CSV may name series that are not in
// the history (ignored) and dates outside it.
bool load_events(const std::string& path, cal::Date from, cal::Date to, Events& out);

// The days from the first series' first date to the last one's end plus `future` steps: the span to resolve rules in.
void events_span(const std::vector<Series>& series, int step_days, int future, cal::Date& from, cal::Date& to);

// Appends the kEventCovariates event covariates of series `x` (its last `length` steps plus `future` after them,
// aligned as global_inputs aligns values) to covariates[first .. first + kEventCovariates) column `column`.
void add_event_covariates(const Events& events, const Series& x, int step_days, int length, int future,
                          forecasting::Covariates& covariates, std::size_t first, Eigen::Index column);

// The event dummies of series `group` (all `length` steps long) for the classical models' event effects, over
// length + horizon steps.
forecasting::EventSteps event_steps(const Events& events, const std::vector<const Series*>& group, int step_days,
                                    int length, int horizon);

}  // namespace peaksim::cli
