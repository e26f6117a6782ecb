// A supplier outage (scenario key `disruptions`): on the listed days, and on each other day with
// probability_per_day, the supplier ships nothing. The days are drawn when the replication is built,
// one uniform per day of the horizon in day order from the stream
// (seed, replication, "disruption:<supplier>", "outage"), so no event is added to the schedule.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/plan.hpp"
#include "agents/supplier.hpp"

namespace peaksim::agents {

// The outage days of one disruption in one replication, sorted.
std::vector<int> outage_days(const DisruptionSpec& spec, const NetworkPlan& plan, std::uint64_t replication);

class SupplierOutage {
public:
  // `recorder` hears of the first day of each run of outage days, a supply shock (stress; null: nobody).
  SupplierOutage(const DisruptionSpec& spec, const NetworkPlan& plan, Supplier& supplier, std::uint64_t replication,
                 Recorder* recorder = nullptr);
  const std::vector<int>& days() const { return days_; }

private:
  std::vector<int> days_;
};

}  // namespace peaksim::agents
