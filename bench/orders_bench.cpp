// Speed of customer orders: a 500-SKU, 2-centre, 2-region season of about a million order lines per
// replication, through peaksim (engine, agents, recorder, one worker process). The order desk serves each day's
// orders in one engine event, so engine events per replication do not grow with orders.
// Usage: orders_bench [LINES_PER_DAY] (default 11000, over 90 days). Prints order lines/s and engine events/s.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/scenario/loader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// 500 SKUs of equal popularity, two regions each the primary of one centre and the overflow of
// the other, baskets of 1.9 lines of 1.25 units, robotic picking and two cut-offs at each centre.
std::string scenario(double lines_per_day) {
  const double units_per_day = lines_per_day * 1.25;
  return fmt::format(
      "name: orders_bench\nstart_date: 2026-10-01\nhorizon: 90d\nseed: 7\n"
      "calendar: {{events: [{{name: bf, date: black_friday, multiplier: 2, before: 2d, after: 3d}}]}}\n"
      "catalog: {{generate: {{count: 500, rate: {}, price: 20, cost: 12}}}}\n"
      "policy: {{s: \"m*(L+R+1)\", S: \"m*(L+R+5)\"}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses:\n"
      "    - {{name: east, picking: {{robots: 40, pick_time: 0.0003d}}, cutoffs: [12, 20]}}\n"
      "    - {{name: west, picking: {{robots: 40, pick_time: 0.0003d}}, cutoffs: [12, 20]}}\n"
      "  regions: [{{name: e, promise: 2d}}, {{name: w, promise: 2d, unmet: backorder}}]\n"
      "lanes: [{{from: vendor, to: east, lead_time: 2d}}, {{from: vendor, to: west, lead_time: 2d}},"
      " {{from: east, to: e, lead_time: 1d}}, {{from: west, to: e, lead_time: 2d}},"
      " {{from: west, to: w, lead_time: 1d}}, {{from: east, to: w, lead_time: 2d}}]\n"
      "orders: {{lines: [0.45, 0.3, 0.15, 0.1], units_per_line: [0.8, 0.15, 0.05], same_category: 0.3,"
      " cancel_late: 0.1}}\n"
      "record: {{level: site_daily}}\n",
      units_per_day / 500 / 2);
}

}  // namespace

int main(int argc, char** argv) {
  const double lines_per_day = argc > 1 ? std::atof(argv[1]) : 11000;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("peaksim-orders-bench-" + std::to_string(getpid()) + ".yaml");
  std::ofstream(path) << scenario(lines_per_day);
  const peaksim::Scenario sc = peaksim::load_scenario(path.string());
  std::filesystem::remove(path);
  const peaksim::NetworkPlan plan = peaksim::make_network_plan(sc);
  // Engine events a day: each centre's receive and close, the supplier's supply, each planner's review and the
  // order desk's one event.
  const double events =
      double(sc.horizon_days) * double(2 * sc.warehouses.size() + sc.suppliers.size() + sc.warehouses.size() + 1);

  fmt::print("{:>6} {:>12} {:>10} {:>14} {:>14} {:>14}\n", "rep", "order lines", "s/rep", "lines/s", "events",
             "events/s");
  double best = 1e300, best_lines = 0;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    double lines = 0;
    const auto t0 = Clock::now();
    peaksim::run_in_workers(peaksim::batch_runner(plan), {rep}, {1, 1}, [&](peaksim::ReplicationResult&& r) {
      for (std::size_t k = 0; k < r.kpi_names.size(); ++k)
        if (r.kpi_names[k] == "order_lines") lines = r.kpi_values[k];
    });
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    fmt::print("{:>6} {:>12.0f} {:>10.3f} {:>14.3e} {:>14.0f} {:>14.3e}\n", rep, lines, s, lines / s, events,
               events / s);
    if (s < best) best = s, best_lines = lines;
  }
  fmt::print("best: {:.3f} s per replication, {:.3e} order lines/s\n", best, best_lines / best);
  return 0;
}
