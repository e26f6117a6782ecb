// The calendar's effect on demand: one multiplicative factor per simulated day
// (weekly profile x yearly seasonality x festival events), and which days are in a peak.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim {

struct DemandProfile {
  std::vector<double> factor;      // per day of the horizon
  std::vector<std::uint8_t> peak;  // 1 inside some event's peak window (before..after)
  // Names of the events whose shape reaches the day (pull-forward to hangover), joined by "+"; "" if none.
  std::vector<std::string> events;
};

DemandProfile build_demand_profile(const CalendarSpec& calendar, cal::Date start, int horizon_days);

// The factor an event contributes on a day `offset` days after (negative: before) its date.
double event_factor(const FestivalEvent& event, int offset);

}  // namespace peaksim
