// The robotic picking station of a warehouse: every unit the warehouse ships is one pick job,
// served first come, first served by identical robots with i.i.d. pick times. One object per
// warehouse computes a whole day's jobs at once, at the warehouse's close slot, with the exact
// c-server FIFO recursion over the robots' next-free instants (no actor per job or robot).
// It measures only: shipments are not delayed by picking yet (see docs/model.md).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <vector>

#include "agents/line_picker.hpp"
#include "agents/plan.hpp"
#include "sim/kernel/site_state.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

class PickingStation final : public LinePicker {
public:
  // `arrivals` spreads each day's jobs over the day; `pick_times` draws one pick time per job.
  PickingStation(const PickingSpec& spec, double horizon_seconds, rng::Stream arrivals, rng::Stream pick_times);

  // The day's jobs are the units shipped to customers today (sales and backorders filled).
  void run_day(int day, const DailyFlows& flows);
  // `jobs` jobs at i.i.d. uniform instants of [day, day + 1): given their count, the arrival
  // instants of a Poisson process are exactly that, so Poisson daily counts give Poisson arrivals.
  void run_day(int day, std::int64_t jobs);
  // One job, in seconds; arrivals must come in non-decreasing order. Returns the job's wait.
  double serve(double arrival, double pick_time);
  // One pick task of a customer order line released at `release_seconds` (non-decreasing from call to call,
  // across days): FIFO over the robots, one pick time drawn per task whatever its units. Returns the instant
  // the task is done. Orders call only this, so a richer fleet can take the station's place.
  double complete(double release_seconds, std::size_t sku, std::int64_t units) override;

  const PickTotals& totals() const { return totals_; }
  double horizon_seconds() const { return horizon_; }

private:
  PickingSpec spec_;
  double horizon_;  // seconds
  rng::Stream arrivals_, pick_times_;
  // Next-free instant of each robot; the earliest takes the next job (FIFO, c servers).
  std::priority_queue<double, std::vector<double>, std::greater<>> free_at_;
  std::vector<double> day_arrivals_;  // reused buffer
  PickTotals totals_;
};

// One station per warehouse of the plan; null where the warehouse has no picking section.
std::vector<std::unique_ptr<PickingStation>> make_picking_stations(const NetworkPlan& plan, std::uint64_t replication);

}  // namespace peaksim::agents
