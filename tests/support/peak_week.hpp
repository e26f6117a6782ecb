// The peak-week world of orders shared by the order and order-release tests, written once so that both
// measure the same world.
#pragma once
#include <fmt/format.h>

#include <string>

namespace peaksim::test {
// A peak week of orders at one centre with a robotic picking station and cut-offs; `robots`, `cutoffs`, the
// outbound `lane` and further keys of the `orders` section (`release`, starting with ", ") vary.
inline std::string peak_week(int robots, const std::string& cutoffs, const std::string& lane,
                             const std::string& orders = "") {
  return fmt::format(
      "start_date: 2026-11-23\nhorizon: 7d\nseed: 5\n"
      "calendar: {{events: [{{name: bf, date: black_friday, multiplier: 1.5, before: 4d, after: 2d}}]}}\n"
      "catalog: {{generate: {{count: 30, rate: \"60 / (1 + i)\"}}}}\n"
      "policy: {{s: \"m*3\", S: \"m*8\"}}\n"
      "sites:\n  suppliers: [{{name: vendor}}]\n"
      "  warehouses: [{{name: fc, picking: {{robots: {}, pick_time: {{dist: exponential, mean: 0.003d}}}}, "
      "cutoffs: {}}}]\n"
      "  regions: [{{name: town, promise: 2d}}]\n"
      "lanes: [{{from: vendor, to: fc, lead_time: 1d}}, {{from: fc, to: town, lead_time: {}}}]\n"
      "orders: {{lines: [0.5, 0.3, 0.2], intraday: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, "
      "3, 3, 2, 1]{}}}\n",
      robots, cutoffs, lane, orders);
}

}  // namespace peaksim::test
