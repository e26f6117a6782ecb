// A scenario's calendar.events as named event days (sim/calendar/event_covariates.hpp): the days of each
// occurrence's peak window (days_before .. days_after around it). One definition for `peaksim forecast --events
// scenario.yaml` and the forecast service of a run.
#pragma once
#include <vector>

#include "sim/calendar/event_covariates.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {

// The event days of the occurrences whose window meets [from, to].
std::vector<DatedEvent> scenario_event_days(const CalendarSpec& calendar, cal::Date from, cal::Date to);

}  // namespace peaksim
