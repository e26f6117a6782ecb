// Event effects around a classical forecast (forecasting/event_effects.hpp).
#include <doctest/doctest.h>

#include <limits>

#include "forecasting/event_effects.hpp"

namespace fc = peaksim::forecasting;

TEST_CASE("An event's effect is fitted against its neighbours, removed from the history and put back in the forecast") {
  const int T = 84, H = 14;
  fc::Batch y(T, 2);
  fc::EventSteps steps = fc::EventSteps::Constant(T + H, 2, -1);
  for (int t = 0; t < T; ++t) {
    y(t, 0) = 100 + 10 * (t % 7);
    y(t, 1) = 50;
  }
  for (const int t : {20, 55}) {  // series 0 doubles on its event days
    y(t, 0) *= 2;
    steps(t, 0) = 0;
  }
  steps(T + 6, 0) = 0;  // and has the event again 7 steps ahead
  steps(40, 1) = 0;     // series 1 is flat on its event day: no effect
  const fc::EventEffects e = fc::fit_event_effects(y, steps, 1, 7);
  fc::Batch missing = y;
  missing(40, 1) = std::numeric_limits<double>::quiet_NaN();  // a missing event day is left out
  missing(20, 0) = std::numeric_limits<double>::quiet_NaN();
  const fc::EventEffects m = fc::fit_event_effects(missing, steps, 1, 7);
  CHECK(m.ratio(0, 1) == 1);
  CHECK(m.ratio(0, 0) == doctest::Approx((2 * (100 + 10 * (55 % 7)) + 1) / (100 + 10 * (55 % 7) + 1.0)));
  const double base20 = 100 + 10 * (20 % 7), base55 = 100 + 10 * (55 % 7);
  CHECK(e.ratio(0, 0) == doctest::Approx((2 * base20 + 2 * base55 + 1) / (base20 + base55 + 1)));
  CHECK(e.ratio(0, 1) == doctest::Approx(1));
  CHECK(e.base(20, 0) == doctest::Approx(base20));
  CHECK(e.base(21, 0) == y(21, 0));

  fc::Forecast f =
      fc::forecast(e.base, {.method = fc::Method::kSeasonalNaive, .period = 7}, {.horizon = H, .levels = {0.5, 0.9}});
  const double plain = f.mean(6, 0);
  CHECK(plain == doctest::Approx(100 + 10 * ((T + 6) % 7)));
  fc::apply_event_effects(f, e, steps);
  CHECK(f.mean(6, 0) == doctest::Approx(plain * e.ratio(0, 0)));
  CHECK(f.quantiles[1](6, 0) >= f.mean(6, 0));
  CHECK(f.mean(5, 0) == doctest::Approx(100 + 10 * ((T + 5) % 7)));
  CHECK_THROWS_AS(fc::fit_event_effects(y, steps, 1, 0), std::invalid_argument);
}
