// Carriers on worked examples: capacity, spill to the next carrier and the next day, pickup weekdays,
// outages and the cost of a pickup with its peak surcharge.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "agents/carrier.hpp"
#include "sim/random/distributions.hpp"

using namespace peaksim;
using agents::Carrier;
using agents::LaneCarriers;

namespace {

rng::Stream outage_stream(std::uint64_t replication = 0) {
  return rng::Stream({7, replication, "carrier:t", "outage", 0});
}

CarrierSpec truck(double capacity) {
  CarrierSpec c;
  c.name = "truck";
  c.capacity_per_day = capacity;
  return c;
}

const std::vector<std::uint8_t> kNoPeak(14, 0);

// A lane with a truck of 10 units a day, then a van of 5.
LaneSpec truck_then_van() {
  LaneSpec lane;
  lane.from = "vendor";
  lane.to = "fc";
  lane.carriers.push_back(truck(10));
  lane.carriers.push_back(truck(5));
  lane.carriers.back().name = "van";
  return lane;
}

}  // namespace

TEST_CASE("a carrier takes at most its capacity a day, over several tenders, and again in full the next day") {
  const CarrierSpec spec = truck(10);
  Carrier c(spec, kNoPeak, 0, outage_stream());
  CHECK(c.tender(0, 4).accepted == 4);
  CHECK(c.tender(0, 9).accepted == 6);  // 4 + 6 = 10
  CHECK(c.tender(0, 1).accepted == 0);
  CHECK(c.tender(1, 12).accepted == 10);
  CHECK(c.totals().carried == 20);
  CHECK(c.totals().offered == 14 * 10);  // every day of the 14 is a pickup day
}

TEST_CASE("a lane's second carrier takes what the first refuses, and what both refuse is counted as refused") {
  static const LaneSpec lane = truck_then_van();
  LaneCarriers carriers(lane, kNoPeak, 0, 7, 0);
  CHECK(carriers.tender(0, 8).accepted == 8);  // the truck: 8 of 10
  CHECK(carriers.tender(0, 6).accepted == 6);  // truck 2, van 4
  CHECK(carriers.tender(0, 3).accepted == 1);  // the van's last unit; 2 refused
  CHECK(carriers.tender(1, 3).accepted == 3);  // the next day: the truck again
  const agents::CarriageTotals t = carriers.totals();
  CHECK(t.carried == 18);
  CHECK(t.refused == 2);
  CHECK(t.offered == 14 * 15);
}

TEST_CASE("a carrier picks up on its weekdays only, counted from the weekday of day 0") {
  CarrierSpec spec = truck(10);
  spec.pickup_days = {true, false, false, true, false, false, false};  // Monday and Thursday
  // Day 0 is a Wednesday (weekday 2): Thursday is day 1, Monday day 5, the next Thursday day 8.
  Carrier c(spec, kNoPeak, 2, outage_stream());
  std::vector<int> pickups;
  for (int d = 0; d < 14; ++d)
    if (c.tender(d, 3).accepted > 0) pickups.push_back(d);
  CHECK(pickups == std::vector<int>{1, 5, 8, 12});
  CHECK(c.totals().offered == 4 * 10);
}

TEST_CASE("a carrier takes nothing on its listed outage days, and its capacity is not offered then") {
  CarrierSpec spec = truck(10);
  spec.outage_days = {2, 3};
  Carrier c(spec, kNoPeak, 0, outage_stream());
  CHECK(c.tender(1, 5).accepted == 5);
  CHECK(c.tender(2, 5).accepted == 0);
  CHECK(c.tender(3, 5).accepted == 0);
  CHECK(c.tender(4, 5).accepted == 5);
  CHECK(c.totals().offered == 12 * 10);
}

TEST_CASE("random carrier outages happen on a share of days within the binomial interval of their probability") {
  CarrierSpec spec = truck(1);
  spec.outage_probability_per_day = 0.2;
  const std::vector<std::uint8_t> long_horizon(20000, 0);
  Carrier c(spec, long_horizon, 0, outage_stream(3));
  int down = 0;
  for (int d = 0; d < 20000; ++d) down += c.picks_up(d) ? 0 : 1;
  const double share = down / 20000.0, half = 4 * std::sqrt(0.2 * 0.8 / 20000);
  CHECK(std::abs(share - 0.2) <= half);
}

TEST_CASE("a pickup costs its fixed cost once a day plus its unit cost, both times the surcharge on a peak day") {
  CarrierSpec spec = truck(100);
  spec.cost_per_shipment = 50;
  spec.cost_per_unit = 2;
  spec.peak_surcharge = 1.5;
  std::vector<std::uint8_t> peak(14, 0);
  peak[1] = 1;
  Carrier c(spec, peak, 0, outage_stream());
  CHECK(c.tender(0, 10).cost == doctest::Approx(50 + 20));
  CHECK(c.tender(0, 5).cost == doctest::Approx(10));         // the same pickup: no second fixed cost
  CHECK(c.tender(1, 10).cost == doctest::Approx(1.5 * 70));  // peak day
  CHECK(c.tender(2, 0).cost == 0);                           // nothing tendered, nothing charged
  CHECK(c.totals().cost == doctest::Approx(70 + 10 + 105));
}

TEST_CASE("an unlimited carrier takes everything and offers no capacity to measure utilisation against") {
  const CarrierSpec spec = truck(std::numeric_limits<double>::infinity());
  Carrier c(spec, kNoPeak, 0, outage_stream());
  CHECK(c.tender(0, 1'000'000).accepted == 1'000'000);
  CHECK(c.totals().offered == 0);
  CHECK(c.totals().limited_carried == 0);
}

TEST_CASE(
    "binomial draws have the mean n p and variance n p (1 - p) within their intervals, for p on both sides of 1/2") {
  for (double p : {0.1, 0.5, 0.85}) {
    CAPTURE(p);
    rng::Stream s({11, 0, "test", "binomial", 0});
    const int n = 40, draws = 20000;
    double sum = 0, sum2 = 0;
    int outside = 0;
    for (int i = 0; i < draws; ++i) {
      const auto x = double(rng::binomial(s, n, p));
      outside += x < 0 || x > n;
      sum += x;
      sum2 += x * x;
    }
    CHECK(outside == 0);
    const double mean = sum / draws, var = sum2 / draws - mean * mean;
    const double theory_var = n * p * (1 - p);
    CHECK(std::abs(mean - n * p) <= 4 * std::sqrt(theory_var / draws));
    // The sample variance's standard error is about var sqrt(2 / draws) (kurtosis near normal's for these n p).
    CHECK(std::abs(var - theory_var) <= 4 * theory_var * std::sqrt(2.0 / draws));
  }
  rng::Stream s({11, 0, "test", "binomial", 1});
  CHECK(rng::binomial(s, 30, 0) == 0);
  CHECK(rng::binomial(s, 30, 1) == 30);
  CHECK(rng::binomial(s, 0, 0.5) == 0);
}

TEST_CASE("tenders out of day order each use their own day's capacity (outbound parts may tender days ahead)") {
  const CarrierSpec spec = truck(5);
  Carrier c(spec, kNoPeak, 0, outage_stream());
  CHECK(c.tender(0, 4).accepted == 4);
  CHECK(c.tender(1, 3).accepted == 3);  // a late part's next day, before the next order's today
  CHECK(c.tender(0, 3).accepted == 1);  // day 0 still has 1 of its 5
  CHECK(c.tender(1, 3).accepted == 2);
  CHECK(c.totals().carried == 10);
}

TEST_CASE("a carrier with trucks takes per_day trucks of size units and charges each truck that leaves") {
  // Two trucks of 4 units a day (capacity 8), 10 per truck, 3 per pickup; day 1 a peak day (surcharge 2).
  CarrierSpec spec = truck(8);
  spec.truck_size = 4;
  spec.cost_per_truck = 10;
  spec.cost_per_shipment = 3;
  spec.peak_surcharge = 2;
  std::vector<std::uint8_t> peak(14, 0);
  peak[1] = 1;
  Carrier c(spec, peak, 0, outage_stream());
  const agents::Tender first = c.tender(0, 3);  // one truck opens: 3 + 10
  CHECK(first.accepted == 3);
  CHECK(first.cost == doctest::Approx(13));
  const agents::Tender second = c.tender(0, 1);  // fills that truck: nothing more
  CHECK(second.accepted == 1);
  CHECK(second.cost == doctest::Approx(0));
  const agents::Tender third = c.tender(0, 6);  // the second truck takes 4, 2 are refused
  CHECK(third.accepted == 4);
  CHECK(third.cost == doctest::Approx(10));
  const agents::Tender peak_day = c.tender(1, 5);  // two trucks on a peak day: 2 x (3 + 2 x 10)
  CHECK(peak_day.accepted == 5);
  CHECK(peak_day.cost == doctest::Approx(46));
  CHECK(c.totals().cost == doctest::Approx(13 + 10 + 46));
}
