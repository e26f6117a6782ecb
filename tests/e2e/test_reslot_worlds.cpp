// Re-slotting a randomly slotted robot fleet before the peak (robots.reslot_before_peak), inside replications:
// with free moves the fleet travels less and is busy less over the run; with costly moves the moves show as
// robot time. Paired replications (the same demand; the slotting is the replication's own draw).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "sim/stats/summary.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// 60 SKUs with Zipf-like rates on a 6 x 10 layout slotted at random, a Black Friday peak on days 4-9.
std::string fleet_world(const std::string& reslot) {
  return fmt::format(
      "start_date: 2026-11-23\nhorizon: 10d\nseed: 3\n"
      "calendar: {{events: [{{name: bf, date: black_friday, multiplier: 1.5, before: 1d, after: 4d}}]}}\n"
      "catalog: {{generate: {{count: 60, rate: \"40 / (1 + i)\"}}}}\n"
      "policy: {{type: base_stock, S: \"50*m\"}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, robots: {{count: 3, station_time: 20s, layout: {{aisles: 6, bays: 10}}{}}}}}]\n"
      "  regions: [{{name: town}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 0d}}, {{from: fc, to: town}}]\n"
      "record: {{level: kpi_only}}\n",
      reslot);
}

}  // namespace

TEST_CASE("re-slotting a random fleet by the peak's demand lowers its robot utilisation; costly moves raise it") {
  const auto none = replications(fleet_world(""), 8);
  const auto free = replications(fleet_world(", reslot_before_peak: 3d"), 8);
  const auto costly = replications(fleet_world(", reslot_before_peak: 3d, reslot_time_per_sku: 30m"), 8);
  const stats::Summary saved = difference(none, free, "robot_utilisation");
  const stats::Summary spent = difference(costly, free, "robot_utilisation");
  INFO("utilisation saved by free moves " << saved.mean << " +/- " << saved.half_width);
  INFO("utilisation spent on 30-minute moves " << spent.mean << " +/- " << spent.half_width);
  CHECK(saved.mean - saved.half_width > 0);
  CHECK(spent.mean - spent.half_width > 0);
  // Demand and sales do not depend on the slots.
  for (std::size_t i = 0; i < none.size(); ++i) CHECK(kpi(none[i], "sales") == kpi(free[i], "sales"));
}
