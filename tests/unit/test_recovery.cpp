// Days to recover service after a shock (sim/kernel/recovery.hpp), on daily series worked out by hand.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "sim/kernel/recovery.hpp"

using peaksim::recovery_days;
using S = std::vector<std::int64_t>;

TEST_CASE("Recovery ends on the first day of the first run of served days after the shock hits") {
  // Day:           0   1   2   3   4   5   6   7   8   9
  const S demand{10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
  const S sales{10, 10, 5, 9, 10, 6, 10, 10, 10, 10};
  // Shock on day 1, threshold 0.95: hit on day 2; served from day 4, but a run of 2 needs days 6-7: 5 days.
  CHECK(recovery_days(demand, sales, 1, 10, 0.95, 2) == 5);
  // A run of 1: day 4 already, 3 days after the start.
  CHECK(recovery_days(demand, sales, 1, 10, 0.95, 1) == 3);
  // Threshold 0.9: day 3 (fill 0.9) is served, so the run of 2 is days 3-4: 2 days.
  CHECK(recovery_days(demand, sales, 1, 10, 0.9, 2) == 2);
  // A threshold of 0 serves every day: the shock never hits.
  CHECK(recovery_days(demand, sales, 1, 10, 0.0, 3) == 0);
}

TEST_CASE("A shock that does not hit before the next one starts took no days; one never recovered counts the rest") {
  const S demand{10, 10, 10, 10, 10, 10};
  const S sales{10, 10, 10, 0, 0, 0};
  CHECK(recovery_days(demand, sales, 0, 3, 1.0, 1) == 0);  // the next shock starts on day 3, before the hit
  CHECK(recovery_days(demand, sales, 0, 6, 1.0, 1) == 6);  // hit on day 3, never back: 6 - 0 days left
  CHECK(recovery_days(demand, sales, 4, 6, 1.0, 1) == 2);
}

TEST_CASE("A day without demand counts as served") {
  const S demand{10, 10, 0, 0, 10};
  const S sales{10, 0, 0, 0, 10};
  CHECK(recovery_days(demand, sales, 0, 5, 1.0, 2) == 2);  // hit on day 1; days 2-3 have no demand
}
