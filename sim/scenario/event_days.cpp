#include "sim/scenario/event_days.hpp"

#include "sim/calendar/festivals.hpp"

namespace peaksim {

std::vector<DatedEvent> scenario_event_days(const CalendarSpec& calendar, cal::Date from, cal::Date to) {
  std::vector<DatedEvent> out;
  for (const FestivalEvent& e : calendar.events) {
    for (const cal::Date at : cal::occurrences(e.date, from - e.shape.days_after, to + e.shape.days_before)) {
      for (int d = -e.shape.days_before; d <= e.shape.days_after; ++d) out.push_back({at + d, e.name});
    }
  }
  return out;
}

}  // namespace peaksim
