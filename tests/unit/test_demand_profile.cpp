// The calendar's demand factors, checked against a naive computation in the test.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "sim/kernel/demand_profile.hpp"

using namespace peaksim;

namespace {

FestivalEvent event(const char* rule, double mult, int before, int after) {
  FestivalEvent e;
  e.name = rule;
  e.date = std::get<cal::DateRule>(cal::parse_date_rule(rule));
  e.multiplier = mult;
  e.shape.days_before = before;
  e.shape.days_after = after;
  return e;
}

}  // namespace

TEST_CASE("the reference calendar is a sine season times 4 on days 329 to 333") {
  CalendarSpec cal;
  cal.yearly_amplitude = 0.3;
  cal.events.push_back(event("black_friday", 4, 2, 2));
  const DemandProfile p = build_demand_profile(cal, cal::Date::from_ymd(2025, 1, 1), 365);
  for (int t = 0; t < 365; ++t) {
    const double expected = (1 + 0.3 * std::sin(2 * std::numbers::pi * t / 365)) * (t >= 329 && t <= 333 ? 4 : 1);
    INFO("day " << t);
    CHECK(p.factor[t] == doctest::Approx(expected).epsilon(1e-14));
    CHECK(p.peak[t] == (t >= 329 && t <= 333 ? 1 : 0));
  }
}

TEST_CASE("the weekly profile follows the weekday of each date") {
  CalendarSpec cal;
  cal.weekly = {1, 2, 3, 4, 5, 6, 7};
  const DemandProfile p = build_demand_profile(cal, cal::Date::from_ymd(2026, 11, 23), 7);  // a Monday
  for (int t = 0; t < 7; ++t) CHECK(p.factor[t] == t + 1);
}

TEST_CASE("a linear event ramps from 1 to its multiplier and pull-forward and hangover surround it") {
  FestivalEvent e = event("11-11", 3, 2, 1);
  e.shape.profile = EventShape::Profile::linear;
  e.shape.pull_forward_days = 2;
  e.shape.pull_forward_factor = 0.8;
  e.shape.hangover_days = 1;
  e.shape.hangover_factor = 0.5;
  CHECK(event_factor(e, -5) == 1);
  CHECK(event_factor(e, -4) == 0.8);
  CHECK(event_factor(e, -3) == 0.8);
  CHECK(event_factor(e, -2) == doctest::Approx(1 + 2.0 / 3));
  CHECK(event_factor(e, -1) == doctest::Approx(1 + 4.0 / 3));
  CHECK(event_factor(e, 0) == 3);
  CHECK(event_factor(e, 1) == doctest::Approx(2));
  CHECK(event_factor(e, 2) == 0.5);
  CHECK(event_factor(e, 3) == 1);
}

TEST_CASE("an event just before the horizon still reaches into it through its hangover") {
  CalendarSpec cal;
  FestivalEvent e = event("12-25", 2, 0, 0);
  e.shape.hangover_days = 3;
  e.shape.hangover_factor = 0.5;
  cal.events.push_back(e);
  const DemandProfile p = build_demand_profile(cal, cal::Date::from_ymd(2026, 12, 27), 4);
  CHECK(p.factor == std::vector<double>{0.5, 0.5, 1, 1});  // hangover: Dec 26, 27, 28
}
