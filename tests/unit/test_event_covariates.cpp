// Event covariates of the learned forecaster and the event index of the classical event effects
// (sim/calendar/event_covariates.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sim/calendar/event_covariates.hpp"

using peaksim::DatedEvent;
using peaksim::kEventCovariates;
using peaksim::cal::Date;

namespace {

double at(const std::vector<double>& rows, int t, int c) {
  return rows[static_cast<std::size_t>(t * kEventCovariates + c)];
}

}  // namespace

TEST_CASE("Daily event covariates: the event day, the days before and after it within 10 days") {
  const Date first = Date::from_ymd(2024, 1, 1);
  const std::vector<DatedEvent> events = {{first + 20, "promo"}};
  const std::vector<double> values(40, 5.0);
  const auto rows = peaksim::event_covariates(events, first, 40, 1, values.data(), 40);
  CHECK(at(rows, 20, 0) == 1);
  CHECK(at(rows, 19, 0) == 0);
  CHECK(at(rows, 17, 1) == doctest::Approx(std::exp(-1.0)));  // 3 days before
  CHECK(at(rows, 9, 1) == 0);                                 // 11 days before: beyond reach
  CHECK(at(rows, 22, 2) == doctest::Approx(std::exp(-2.0 / 3)));
  CHECK(at(rows, 20, 1) == 0);
  CHECK(at(rows, 20, 3) == 0);  // no earlier occurrence: no lift
}

TEST_CASE("The lift covariate is the previous occurrence's value over the steps before it, at the same offset") {
  const Date first = Date::from_ymd(2023, 1, 1);
  const int days = 420;
  std::vector<double> values(days, 10.0);
  values[30] = 30;  // last year's event day
  values[31] = std::numeric_limits<double>::quiet_NaN();
  const std::vector<DatedEvent> events = {{first + 30, "fest"}, {first + 400, "fest"}};
  const auto rows = peaksim::event_covariates(events, first, days + 10, 1, values.data(), days);
  CHECK(at(rows, 400, 3) == doctest::Approx(std::log(31.0 / 11.0)));
  CHECK(at(rows, 401, 3) == 0);                                    // the same offset last year is missing
  CHECK(at(rows, 398, 3) == doctest::Approx(0.0));                 // 10 over 10
  CHECK(at(rows, 30, 3) == 0);                                     // the first occurrence has none before it
  CHECK(at(rows, 405, 3) == doctest::Approx(0.0).epsilon(1e-12));  // future steps read only observed values
}

TEST_CASE("Weekly steps: a week holding an event day is an event step, and the week's latest event names it") {
  const Date friday = Date::from_ymd(2011, 12, 2);  // weeks end on Fridays, as in Walmart's file
  const std::vector<DatedEvent> events = {{Date::from_ymd(2011, 12, 24), "christmas_before"},
                                          {Date::from_ymd(2011, 12, 25), "christmas"},
                                          {Date::from_ymd(2011, 12, 18), "christmas_before"}};
  const std::vector<double> values(6, 1.0);
  const auto rows = peaksim::event_covariates(events, friday, 6, 7, values.data(), 6);
  // Weeks ending 12-02, 12-09, 12-16, 12-23, 12-30, 01-06.
  CHECK(at(rows, 2, 0) == 0);
  CHECK(at(rows, 3, 0) == 1);
  CHECK(at(rows, 4, 0) == 1);
  CHECK(at(rows, 5, 0) == 0);
  CHECK(at(rows, 2, 1) == doctest::Approx(std::exp(-2.0 / 3)));  // 12-18 is 2 days after 12-16
  const auto index = peaksim::event_index(events, {"christmas", "christmas_before"}, friday, 6, 7);
  CHECK(index == std::vector<int>{-1, -1, -1, 1, 0, -1});
}
