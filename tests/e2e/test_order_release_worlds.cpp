// Tiny worlds of order release (orders.release, orders.waves, orders.batch), worked out by hand: an order is
// released to the picker at the first wave at or after its placement, after the day's last wave at the next
// day's first, and batching merges one SKU's lines of a wave's orders into one pick task; and a sensitivity
// measured with confidence intervals over replications: waves lengthen the median cycle time.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "sim/stats/summary.hpp"
#include "tests/support/peak_week.hpp"
#include "tests/support/replications.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

// One SKU, 2 single-unit orders a day (deterministic), placed in hour 9; one centre with plenty of stock, a
// picking station of one robot that takes 10 minutes a task, cut-offs at 12:00 and 20:00, and a one-day lane.
std::string nine_oclock(const std::string& release) {
  return fmt::format(
      "start_date: 2026-11-02\nhorizon: 5d\n"
      "catalog: {{skus: [{{id: widget, rate: 2}}]}}\n"
      "policy: {{type: sS, s: 0, S: 0}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, initial_stock: \"100\", cutoffs: [12, 20], picking: {{robots: 1, pick_time: "
      "10m}}}}]\n"
      "  regions: [{{name: town, demand: deterministic}}]\n"
      "lanes: [{{from: vendor, to: fc}}, {{from: fc, to: town, lead_time: 1d}}]\n"
      "orders: {{intraday: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]{}}}\n",
      release);
}

}  // namespace

TEST_CASE("an order placed at 9:xx is picked at once continuously, and at 14:00 with a wave at 14") {
  // Continuous: picked by 9:xx + 20 min, ships at the 12:00 cut-off, arrives a day later: 26-27 h after placement.
  const ReplicationResult now = run_one_replication(nine_oclock(""));
  CHECK(kpi(now, "cycle_time_p50") > 26);
  CHECK(kpi(now, "cycle_time_p95") <= 27);
  // A wave at 14:00: picked by 14:20, ships at 20:00, arrives a day later: 34-35 h after placement.
  const ReplicationResult wave = run_one_replication(nine_oclock(", release: waves, waves: [14]"));
  CHECK(kpi(wave, "cycle_time_p50") > 34);
  CHECK(kpi(wave, "cycle_time_p95") <= 35);
  CHECK(kpi(wave, "pick_tasks") == 10);  // 2 orders a day, one line each, 5 days
  CHECK(kpi(wave, "pick_jobs") == 10);
  CHECK(kpi(wave, "orders") == kpi(now, "orders"));
}

TEST_CASE("an order placed after the day's last wave is released at the next day's first") {
  // The wave at 9:00 has passed at 9:xx: released the next day at 9:00, ships at its 12:00 cut-off, arrives a
  // day later: 50-51 h. The last day's orders are released after the horizon: 8 tasks within it.
  const ReplicationResult r = run_one_replication(nine_oclock(", release: waves, waves: [9]"));
  CHECK(kpi(r, "cycle_time_p50") > 50);
  CHECK(kpi(r, "cycle_time_p95") <= 51);
  CHECK(kpi(r, "pick_tasks") == 8);
  CHECK(kpi(r, "pick_jobs") == 8);
}

TEST_CASE("batching the two orders of a wave that share a SKU makes them one pick task") {
  const ReplicationResult one = run_one_replication(nine_oclock(", release: waves, waves: [14]"));
  const ReplicationResult two = run_one_replication(nine_oclock(", release: waves, waves: [14], batch: 2"));
  CHECK(kpi(two, "pick_tasks") == 5);  // one a day
  CHECK(kpi(two, "pick_jobs") == 5);
  // The station takes one pick time a task, so the pair is ready by 14:10: the same 20:00 shipment.
  CHECK(kpi(two, "cycle_time_p50") == kpi(one, "cycle_time_p50"));
  CHECK(kpi(two, "unit_fill_rate") == 1);
  // Without a wave, there is no batch: continuous release refuses it (tests/broken_scenarios/152_*).
}

TEST_CASE("release in waves raises the peak week's cycle_time_p50 against continuous release") {
  // Waves at 7:00 and 15:00 against the 12:00 and 20:00 cut-offs: most orders miss the cut-off they would have
  // caught when picked at once. Paired replications (the same orders: the desk's draws do not depend on release).
  const auto now = replications(peak_week(4, "[12, 20]", "1d"), 8);
  const auto waves = replications(peak_week(4, "[12, 20]", "1d", ", release: waves, waves: [7, 15]"), 8);
  std::vector<double> d;
  for (std::size_t i = 0; i < now.size(); ++i) {
    CHECK(kpi(waves[i], "orders") == kpi(now[i], "orders"));
    d.push_back(kpi(waves[i], "cycle_time_p50") - kpi(now[i], "cycle_time_p50"));
  }
  const stats::Summary s = stats::summarize(d, 0.99);
  INFO("p50 difference " << s.mean << " +/- " << s.half_width << " h");
  CHECK(s.mean - s.half_width > 0);
}
