// A stage of identical servers that an order part passes through after picking (a centre's packing stations or
// its outbound docks, agents/order_desk.hpp): each part takes the server that frees first, not before it reaches
// the stage, in the order the desk hands parts over (docs/model.md, Packing and outbound docks). The state is the
// servers' next-free instants, carried over from day to day, like the picking station's.
#pragma once
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/random/distributions.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

struct StageTotals {
  std::int64_t parts = 0;     // that reached the stage within the horizon
  double wait_seconds = 0;    // their waits, from reaching the stage to the start of service
  double busy_seconds = 0;    // server busy time within the horizon
  double server_seconds = 0;  // servers x horizon
};

class ServiceStage {
public:
  // `per_part` (days) is drawn from `times` per part; `seconds_per_unit` is added for each unit of the part.
  ServiceStage(int servers, rng::DistributionSpec per_part, double seconds_per_unit, double horizon_seconds,
               rng::Stream times);
  // The instant the part's service ends (seconds), for a part that reaches the stage at `arrival` with `units`.
  double serve(double arrival, std::int64_t units);
  const StageTotals& totals() const { return totals_; }

private:
  rng::DistributionSpec per_part_;
  double seconds_per_unit_, horizon_;
  rng::Stream times_;
  std::priority_queue<double, std::vector<double>, std::greater<>> free_at_;
  StageTotals totals_;
};

}  // namespace peaksim::agents
