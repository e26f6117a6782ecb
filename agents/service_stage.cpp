#include "agents/service_stage.hpp"

#include <algorithm>

#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {

ServiceStage::ServiceStage(int servers, rng::DistributionSpec per_part, double seconds_per_unit, double horizon_seconds,
                           rng::Stream times)
    : per_part_(per_part), seconds_per_unit_(seconds_per_unit), horizon_(horizon_seconds), times_(times) {
  for (int s = 0; s < servers; ++s) free_at_.push(0.0);
  totals_.server_seconds = double(servers) * horizon_;
}

double ServiceStage::serve(double arrival, std::int64_t units) {
  const double service =
      std::max(0.0, rng::sample(times_, per_part_)) * kSecondsPerDay + seconds_per_unit_ * double(units);
  // A part that takes no time occupies no server: it passes as if the stage were not there.
  if (service <= 0) {
    if (arrival < horizon_) ++totals_.parts;
    return arrival;
  }
  const double begin = std::max(arrival, free_at_.top());
  const double end = begin + service;
  free_at_.pop();
  free_at_.push(end);
  if (arrival < horizon_) {  // a part reaching the stage after the horizon is not part of the run
    ++totals_.parts;
    totals_.wait_seconds += begin - arrival;
  }
  totals_.busy_seconds += std::max(0.0, std::min(end, horizon_) - std::min(begin, horizon_));
  return end;
}

}  // namespace peaksim::agents
