#include "agents/robot_fleet.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

double clipped(double from, double to, double horizon) { return std::max(0.0, std::min(to, horizon) - from); }

}  // namespace

RobotFleet::RobotFleet(const RobotFleetSpec& spec, int horizon_days, const std::vector<double>& mean_demand,
                       std::vector<std::uint8_t> peak_day, std::uint64_t seed, std::uint64_t replication,
                       const std::string& entity, const std::vector<double>& day_factor)
    : spec_(spec),
      horizon_(horizon_days * kSecondsPerDay),
      peak_day_(std::move(peak_day)),
      releases_({seed, replication, entity, "robot_releases", 0}),
      lift_({seed, replication, entity, "robot_lift", 0}),
      picks_({seed, replication, entity, "robot_pick", 0}),
      station_({seed, replication, entity, "robot_station", 0}) {
  peak_day_.resize(std::size_t(horizon_days), 0);
  next_peak_.assign(peak_day_.size() + 1, int(peak_day_.size()));
  for (int d = int(peak_day_.size()) - 1; d >= 0; --d) next_peak_[d] = peak_day_[d] ? d : next_peak_[d + 1];
  for (const RobotShift& s : spec_.shifts)
    shifts_.emplace_back(s.start_days * kSecondsPerDay, s.end_days * kSecondsPerDay);
  if (shifts_.empty()) shifts_.emplace_back(0.0, kSecondsPerDay);

  const int robots = spec_.count + spec_.peak_extra;
  for (int j = 0; j < spec_.stations; ++j) stations_.push_back(station_point(j));
  station_free_.assign(std::size_t(spec_.stations), 0.0);
  per_station_.assign(std::size_t(spec_.stations), StationTotals{});
  for (int r = 0; r < robots; ++r) {
    (r < spec_.count ? regular_ : extra_).push({0.0, r});
    position_.push_back(stations_[std::size_t(r % spec_.stations)]);  // robots start at the front
    failure_.emplace_back(rng::StreamKey{seed, replication, entity, "robot_failure", std::uint64_t(r)});
    repair_.emplace_back(rng::StreamKey{seed, replication, entity, "robot_repair", std::uint64_t(r)});
  }
  since_charge_.assign(std::size_t(robots), 0.0);
  to_failure_.assign(std::size_t(robots), kNever);
  if (spec_.mtbf_days)
    for (int r = 0; r < robots; ++r) to_failure_[r] = rng::exponential(failure_[r], *spec_.mtbf_days * kSecondsPerDay);
  in_aisle_.resize(std::size_t(spec_.layout.aisles));
  place_skus(mean_demand, rng::Stream({seed, replication, entity, "robot_slotting", 0}));
  const int first_peak = next_peak_.empty() ? 0 : next_peak_[0];
  if (spec_.reslot_before_peak_days && first_peak < int(peak_day_.size())) {
    // The peak window: the first peak day and the peak days right after it; its mean calendar factor.
    double sum = 0;
    int days = 0;
    for (int d = first_peak; d < int(peak_day_.size()) && peak_day_[d]; ++d, ++days)
      sum += std::size_t(d) < day_factor.size() ? day_factor[d] : 1.0;
    for (double m : mean_demand) peak_demand_.push_back(m * sum / days);
    reslot_at_ = std::max(0.0, (first_peak - *spec_.reslot_before_peak_days) * kSecondsPerDay);
  }

  int peak_days = 0;
  for (std::uint8_t p : peak_day_) peak_days += p;
  pick_.robot_seconds = spec_.count * horizon_ + double(spec_.peak_extra) * peak_days * kSecondsPerDay;
  fleet_.station_seconds = spec_.stations * horizon_;
  double shift_seconds = 0;
  for (const auto& [start, end] : shifts_) shift_seconds += end - start;
  fleet_.working_hours = horizon_days * shift_seconds / 3600;
}

std::size_t RobotFleet::slots() const {
  return std::size_t(spec_.layout.aisles) * std::size_t(spec_.layout.bays) * std::size_t(spec_.layout.levels);
}

// Slot s is aisle s / (bays x levels), bay (s / levels) % bays, level s % levels; a bay's centre is
// half a bay into the aisle, so even the first bay is some way from the front.
RobotFleet::Point RobotFleet::slot_point(std::size_t slot) const {
  const RobotLayout& l = spec_.layout;
  const std::size_t per_aisle = std::size_t(l.bays) * std::size_t(l.levels);
  const int aisle = int(slot / per_aisle);
  const std::size_t bay = (slot / std::size_t(l.levels)) % std::size_t(l.bays), level = slot % std::size_t(l.levels);
  return {(aisle + 0.5) * l.aisle_width_m, (double(bay) + 0.5) * l.bay_width_m, double(level) * l.level_height_m,
          aisle};
}

// Stations are spread evenly along the front (y = 0), each in the middle of its share of it.
RobotFleet::Point RobotFleet::station_point(int station) const {
  const double front = spec_.layout.aisles * spec_.layout.aisle_width_m;
  return {(station + 0.5) * front / spec_.stations, 0, 0, -1};
}

// Rectilinear: within one aisle along it; otherwise out to the front, along it, into the other
// aisle. Vertically the robot (or its lift) comes down from where it is and goes up to where it goes.
double RobotFleet::distance_m(const Point& a, const Point& b) const {
  const double across = a.aisle >= 0 && a.aisle == b.aisle ? std::abs(a.y - b.y) : a.y + std::abs(a.x - b.x) + b.y;
  return across + a.z + b.z;
}

// Slots by distance to the nearest station; SKUs by falling demand (ties: catalogue order).
std::vector<std::size_t> RobotFleet::velocity_slots(const std::vector<double>& demand) const {
  const std::size_t n = slots();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> near(n, kNever);
  for (std::size_t s = 0; s < n; ++s)
    for (const Point& st : stations_) near[s] = std::min(near[s], distance_m(slot_point(s), st));
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return near[a] < near[b]; });
  std::vector<std::size_t> skus(demand.size());
  std::iota(skus.begin(), skus.end(), 0);
  std::stable_sort(skus.begin(), skus.end(), [&](std::size_t a, std::size_t b) { return demand[a] > demand[b]; });
  std::vector<std::size_t> slot(demand.size(), 0);
  for (std::size_t rank = 0; rank < skus.size(); ++rank) slot[skus[rank]] = order[rank % n];
  return slot;
}

void RobotFleet::place_skus(const std::vector<double>& mean_demand, rng::Stream slotting) {
  const std::size_t n = slots();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  if (spec_.slotting == Slotting::velocity) {
    sku_slot_ = velocity_slots(mean_demand);
    return;
  }
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[std::size_t(slotting.uniform() * double(i))]);
  sku_slot_.resize(mean_demand.size());
  for (std::size_t k = 0; k < sku_slot_.size(); ++k) sku_slot_[k] = order[k % n];  // more SKUs than slots: shared
}

// The first instant from t at which a task may start: inside a shift, and on a peak day for the
// peak_extra robots (never, past the horizon's last peak day).
double RobotFleet::earliest_start(double t, bool peak_only) const {
  for (;;) {
    int day = int(std::floor(t / kSecondsPerDay));
    if (peak_only) {
      const int peak = day < 0 ? 0 : day >= int(peak_day_.size()) ? int(peak_day_.size()) : next_peak_[day];
      if (peak >= int(peak_day_.size())) return kNever;
      if (peak > day) t = peak * kSecondsPerDay, day = peak;
    }
    const double midnight = day * kSecondsPerDay, of_day = t - midnight;
    for (const auto& [start, end] : shifts_)
      if (of_day < end) return midnight + std::max(of_day, start);
    t = midnight + kSecondsPerDay;
  }
}

// `seconds` of work from t on a robot: a failure strikes after an exponential operating time and a
// repair (exponential) holds the work up; the operating time left carries on to the next task.
double RobotFleet::operate(int robot, double t, double seconds) {
  fleet_.operating_seconds += seconds;
  while (to_failure_[robot] <= seconds) {
    t += to_failure_[robot];
    seconds -= to_failure_[robot];
    if (t < horizon_) ++fleet_.failures;
    const double repair = rng::exponential(repair_[robot], *spec_.mttr_days * kSecondsPerDay);
    fleet_.repair_seconds += repair;
    t += repair;
    to_failure_[robot] = rng::exponential(failure_[robot], *spec_.mtbf_days * kSecondsPerDay);
  }
  to_failure_[robot] -= seconds;
  return t + seconds;
}

double RobotFleet::draw(rng::Stream& s, const rng::DistributionSpec& d_days) const {
  return std::max(0.0, rng::sample(s, d_days)) * kSecondsPerDay;
}

// Speed for a task starting at t in `aisle`: n robots there (itself included) share `congestion`.
double RobotFleet::speed_at(int aisle, double t) {
  if (!spec_.congestion) return spec_.speed_mps;
  auto& in = in_aisle_[std::size_t(aisle)];
  while (!in.empty() && in.top() <= t) in.pop();  // starts never go back in time, so left robots are gone
  return spec_.speed_mps * std::min(1.0, double(*spec_.congestion) / double(in.size() + 1));
}

// Each SKU whose slot changes is moved by the regular robot free first (within shifts), for
// reslot_time_per_sku, in catalogue order; picks wait for the robots busy moving.
void RobotFleet::reslot() {
  const double at = reslot_at_;
  reslot_at_ = kNoReslot;
  const std::vector<std::size_t> next = velocity_slots(peak_demand_);
  const double seconds = spec_.reslot_time_per_sku_days * kSecondsPerDay;
  for (std::size_t k = 0; k < next.size(); ++k) {
    if (next[k] == sku_slot_[k]) continue;
    ++moved_;
    const auto [free, r] = regular_.top();
    regular_.pop();
    const double start = earliest_start(std::max(at, free), false);
    const double end = operate(r, start, seconds);
    pick_.busy_seconds += clipped(start, end, horizon_);
    regular_.push({end, r});
  }
  sku_slot_ = next;
}

double RobotFleet::complete(double release, std::size_t sku, std::int64_t units) {
  if (release >= reslot_at_) reslot();
  // The robot that can start first; a regular one on a tie.
  FreeQueue* queue = &regular_;
  double start = earliest_start(std::max(release, regular_.top().first), false);
  if (!extra_.empty()) {
    const double extra_start = earliest_start(std::max(release, extra_.top().first), true);
    if (extra_start < start) start = extra_start, queue = &extra_;
  }
  const int r = queue->top().second;
  queue->pop();

  const bool to_person = spec_.mode == RobotMode::goods_to_person;
  const Point slot = slot_point(sku_slot_[sku]);
  const double speed = speed_at(slot.aisle, start);
  auto picking = [&] {
    double s = 0;
    for (std::int64_t u = 0; u < units; ++u) s += draw(picks_, spec_.pick_time_per_unit_days);
    return s;
  };
  const double to_slot = distance_m(position_[r], slot);
  double t = operate(r, start, to_slot / speed);
  t = operate(r, t, draw(lift_, spec_.lift_time_days) + (to_person ? 0.0 : picking()));
  if (spec_.congestion) in_aisle_[std::size_t(slot.aisle)].push(t);

  // The station where the task can start first as planned at the slot (ties: the lower station).
  int j = 0;
  double best = kNever;
  for (int k = 0; k < spec_.stations; ++k) {
    const double begin = std::max(t + distance_m(slot, stations_[k]) / speed, station_free_[k]);
    if (begin < best) best = begin, j = k;
  }
  const double to_station = distance_m(slot, stations_[j]);
  const double arrive = operate(r, t, to_station / speed);
  const double begin = std::max(arrive, station_free_[j]);
  const double end = begin + draw(station_, spec_.station_time_days) + (to_person ? picking() : 0.0);
  station_free_[j] = end;

  double free = end;
  fleet_.travel_metres += to_slot + to_station;
  if (to_person) {  // returns the pod to its slot and waits there
    free = operate(r, end, to_station / speed);
    fleet_.travel_metres += to_station;
    position_[r] = slot;
  } else {
    position_[r] = stations_[j];
  }

  StationTotals& at = per_station_[std::size_t(j)];  // the same figures, for the station alone
  if (release < horizon_) {
    ++pick_.jobs;
    ++at.tasks;
    pick_.wait_seconds += start - release;
    if (start > release) ++pick_.waited;
    pick_.sojourn_seconds += clipped(release, end, horizon_);
  }
  const double robot_busy = clipped(start, free, horizon_), station_busy = clipped(begin, end, horizon_);
  pick_.busy_seconds += robot_busy;
  at.robot_busy_seconds += robot_busy;
  fleet_.station_busy_seconds += station_busy;
  at.busy_seconds += station_busy;
  if (end < horizon_) fleet_.units_picked += units, at.units_picked += units;
  since_charge_[r] += free - start;
  if (spec_.battery_work_days && since_charge_[r] >= *spec_.battery_work_days * kSecondsPerDay) {
    free += *spec_.battery_charge_days * kSecondsPerDay;
    since_charge_[r] = 0;
  }
  queue->push({free, r});
  unstarted_.emplace_back(release, start);
  return end;
}

void RobotFleet::close_day(int day) {
  const double end_of_day = (day + 1) * kSecondsPerDay;
  if (reslot_at_ < end_of_day) reslot();  // no task came after it today
  while (!unstarted_.empty() && unstarted_.front().second < end_of_day) unstarted_.pop_front();  // starts only grow
  std::int64_t waiting = 0;
  for (const auto& [release, start] : unstarted_) {
    if (release >= end_of_day) break;  // releases only grow
    ++waiting;
  }
  fleet_.backlog_sum += double(waiting);
  ++fleet_.backlog_days;
}

void RobotFleet::run_day(int day, const DailyFlows& flows) {
  const double midnight = day * kSecondsPerDay;
  day_tasks_.clear();
  for (std::size_t k = 0; k < flows.sales.size(); ++k)
    for (std::int64_t u = flows.sales[k] + flows.backorders_filled[k]; u > 0; --u)
      day_tasks_.emplace_back(midnight + kSecondsPerDay * releases_.uniform(), k);
  std::sort(day_tasks_.begin(), day_tasks_.end());
  for (const auto& [release, sku] : day_tasks_) complete(release, sku, 1);
  close_day(day);
}

}  // namespace peaksim::agents
