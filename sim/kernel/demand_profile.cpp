#include "sim/kernel/demand_profile.hpp"

#include <cmath>
#include <numbers>

namespace peaksim {

double event_factor(const FestivalEvent& event, int offset) {
  const EventShape& sh = event.shape;
  if (offset >= -sh.days_before && offset <= sh.days_after) {
    if (sh.profile == EventShape::Profile::flat || offset == 0) return event.multiplier;
    // Linear: full multiplier on the day, falling to 1 one day past each edge of the window.
    const int half_width = offset < 0 ? sh.days_before : sh.days_after;
    const double weight = 1.0 - std::abs(offset) / double(half_width + 1);
    return 1.0 + (event.multiplier - 1.0) * weight;
  }
  if (offset < -sh.days_before && offset >= -sh.days_before - sh.pull_forward_days) return sh.pull_forward_factor;
  if (offset > sh.days_after && offset <= sh.days_after + sh.hangover_days) return sh.hangover_factor;
  return 1.0;
}

DemandProfile build_demand_profile(const CalendarSpec& calendar, cal::Date start, int horizon_days) {
  DemandProfile p;
  p.factor.assign(horizon_days, 1.0);
  p.peak.assign(horizon_days, 0);
  p.events.assign(horizon_days, "");
  for (int t = 0; t < horizon_days; ++t) {
    const double yearly =
        1.0 + calendar.yearly_amplitude *
                  std::sin(2.0 * std::numbers::pi * (t - calendar.yearly_phase_days) / calendar.yearly_period_days);
    p.factor[t] = calendar.weekly[(start + t).weekday()] * yearly;
  }
  for (const FestivalEvent& ev : calendar.events) {
    const EventShape& sh = ev.shape;
    // An event just outside the horizon can still reach into it through its window.
    const int reach_before = sh.days_before + sh.pull_forward_days;
    const int reach_after = sh.days_after + sh.hangover_days;
    const cal::Date last = start + (horizon_days - 1);
    std::vector<std::uint8_t> reached(std::size_t(horizon_days), 0);  // an event is named once a day
    for (cal::Date d : cal::occurrences(ev.date, start - reach_after, last + reach_before)) {
      const int day = d - start;
      for (int off = -reach_before; off <= reach_after; ++off) {
        const int t = day + off;
        if (t < 0 || t >= horizon_days) continue;
        p.factor[t] *= event_factor(ev, off);
        reached[std::size_t(t)] = 1;
        if (off >= -sh.days_before && off <= sh.days_after) p.peak[t] = 1;
      }
    }
    for (int t = 0; t < horizon_days; ++t)
      if (reached[std::size_t(t)]) p.events[std::size_t(t)] += (p.events[std::size_t(t)].empty() ? "" : "+") + ev.name;
  }
  return p;
}

}  // namespace peaksim
