#include "agents/picking_station.hpp"

#include <algorithm>
#include <string>

#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {

PickingStation::PickingStation(const PickingSpec& spec, double horizon_seconds, rng::Stream arrivals,
                               rng::Stream pick_times)
    : spec_(spec), horizon_(horizon_seconds), arrivals_(arrivals), pick_times_(pick_times) {
  for (int r = 0; r < spec_.robots; ++r) free_at_.push(0.0);
  totals_.robot_seconds = double(spec_.robots) * horizon_;
}

void PickingStation::run_day(int day, const DailyFlows& flows) {
  std::int64_t jobs = 0;
  for (std::size_t k = 0; k < flows.sales.size(); ++k) jobs += flows.sales[k] + flows.backorders_filled[k];
  run_day(day, jobs);
}

void PickingStation::run_day(int day, std::int64_t jobs) {
  const double start = day * kSecondsPerDay;
  day_arrivals_.clear();
  for (std::int64_t j = 0; j < jobs; ++j) day_arrivals_.push_back(start + kSecondsPerDay * arrivals_.uniform());
  std::sort(day_arrivals_.begin(), day_arrivals_.end());
  // Jobs draw their pick times in arrival order: the n-th job of the run gets the n-th draw.
  for (double arrival : day_arrivals_)
    serve(arrival, std::max(0.0, rng::sample(pick_times_, spec_.pick_time_days)) * kSecondsPerDay);
}

double PickingStation::serve(double arrival, double pick_time) {
  const double begin = std::max(arrival, free_at_.top());
  const double end = begin + pick_time;
  free_at_.pop();
  free_at_.push(end);
  const double wait = begin - arrival;
  if (arrival < horizon_) {  // a job arriving after the horizon is not part of the run
    ++totals_.jobs;
    totals_.wait_seconds += wait;
    if (wait > 0) ++totals_.waited;
    totals_.sojourn_seconds += std::min(end, horizon_) - arrival;
  }
  // Busy time counts only inside [0, horizon), so utilisation is a time average over the run.
  totals_.busy_seconds += std::max(0.0, std::min(end, horizon_) - begin);
  return wait;
}

double PickingStation::complete(double release_seconds, std::size_t, std::int64_t) {
  const double pick = std::max(0.0, rng::sample(pick_times_, spec_.pick_time_days)) * kSecondsPerDay;
  return release_seconds + serve(release_seconds, pick) + pick;
}

std::vector<std::unique_ptr<PickingStation>> make_picking_stations(const NetworkPlan& plan, std::uint64_t replication) {
  const Scenario& sc = *plan.scenario;
  std::vector<std::unique_ptr<PickingStation>> stations;
  for (const WarehouseSpec& w : sc.warehouses) {
    if (!w.picking) {
      stations.push_back(nullptr);
      continue;
    }
    const std::string entity = "warehouse:" + w.name;
    stations.push_back(std::make_unique<PickingStation>(*w.picking, sc.horizon_days * kSecondsPerDay,
                                                        rng::Stream({sc.seed, replication, entity, "pick_arrivals", 0}),
                                                        rng::Stream({sc.seed, replication, entity, "pick_time", 0})));
  }
  return stations;
}

}  // namespace peaksim::agents
