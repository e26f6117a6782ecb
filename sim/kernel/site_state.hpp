// The inventory of one site, as arrays over SKUs (cache-friendly: agents sweep all SKUs per event).
#pragma once
#include <cstdint>
#include <vector>

namespace peaksim {

struct StockArrays {
  std::vector<std::int64_t> on_hand, on_order, backorders;
  explicit StockArrays(std::size_t skus = 0) : on_hand(skus), on_order(skus), backorders(skus) {}
};

// What happened today at the site, per SKU; reset after the end-of-day count.
struct DailyFlows {
  std::vector<std::int64_t> demand, sales, lost_sales, backorders_filled, ordered, received;
  std::vector<std::int64_t> order_lines;  // order lines placed
  // Units shipped to and from other warehouses; empty unless lanes join this site to another warehouse.
  std::vector<std::int64_t> transfers_out, transfers_in;
  std::vector<std::int64_t> returns_restocked;  // returned units back on the shelf; empty without returns

  explicit DailyFlows(std::size_t skus = 0)
      : demand(skus),
        sales(skus),
        lost_sales(skus),
        backorders_filled(skus),
        ordered(skus),
        received(skus),
        order_lines(skus) {}
  void reset();
};

// What a site's picking station measured over the run: sums over the jobs that arrived in
// [0, horizon), so stations add up.
struct PickTotals {
  std::int64_t jobs = 0;
  std::int64_t waited = 0;     // jobs that found every robot busy (wait > 0)
  double wait_seconds = 0;     // sum of waits, including any part after the horizon
  double sojourn_seconds = 0;  // time jobs spent in the station within [0, horizon): integral of N(t)
  double busy_seconds = 0;     // robot busy time within [0, horizon)
  double robot_seconds = 0;    // robots x horizon
};

// What a site's robot fleet measured beyond PickTotals (which it fills too, a task being a job).
struct FleetTotals {
  double station_busy_seconds = 0;  // station busy time within [0, horizon)
  double station_seconds = 0;       // stations x horizon
  std::int64_t units_picked = 0;    // units of the tasks completed within the horizon
  double working_hours = 0;         // hours of the horizon inside a shift
  double backlog_sum = 0;           // tasks waiting for a robot at each day's end, summed over days
  int backlog_days = 0;             // days closed
  std::int64_t failures = 0;        // failures within the horizon
  double operating_seconds = 0;     // robots moving, lifting or picking (what failures strike)
  double repair_seconds = 0;        // robots under repair
  double travel_metres = 0;         // distance the robots travelled
};

// One station of a robot fleet: what its tasks (the tasks bound to it) measured, counted as FleetTotals and
// PickTotals count them, so that a fleet's stations add up to the fleet.
struct StationTotals {
  std::int64_t tasks = 0;         // tasks bound to it that were released within the horizon
  std::int64_t units_picked = 0;  // units of its tasks completed within the horizon
  double busy_seconds = 0;        // its own busy time within [0, horizon)
  double robot_busy_seconds = 0;  // robot busy time on its tasks within [0, horizon)
};

}  // namespace peaksim
