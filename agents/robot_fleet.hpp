// A warehouse's robot fleet: pick tasks carried out by robots through a storage layout and
// finished at stations (docs/model.md, Robot fleet). One object per warehouse computes each task
// at once, in release order, over arrays of robots, stations and aisles (no actor per robot or
// task), the way the picking station does: exact for its conventions, and cheap.
//
// A task: wait for the earliest free robot (FIFO, inside a shift) -> travel from where the robot is
// to the SKU's slot -> lift (or position) and, person_to_goods, pick the units -> travel to the
// station where it can start first -> wait for it -> station time (goods_to_person: plus picking the
// units) -> done; a goods_to_person robot then returns the pod to its slot before its next task.
// With reslot_before_peak, the slots are recomputed once, before the peak, and the moves take robot time.
#pragma once
#include <cstdint>
#include <deque>
#include <limits>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "agents/line_picker.hpp"
#include "sim/kernel/site_state.hpp"
#include "sim/random/stream.hpp"
#include "sim/scenario/robot_spec.hpp"

namespace peaksim::agents {

class RobotFleet final : public LinePicker {
public:
  struct Point {  // metres: x along the front, y into an aisle, z up
    double x = 0, y = 0, z = 0;
    int aisle = -1;  // -1: at the front (a station)
  };

  // `mean_demand` per SKU (velocity slotting ranks by it; its size is the catalogue's); `peak_day`
  // per day of the horizon (peak_extra robots work on those days only). Every draw comes from
  // substreams (seed, replication, entity, robot_*).
  // `day_factor` (the calendar's, per day) weighs the peak's demand when the spec re-slots before the peak.
  RobotFleet(const RobotFleetSpec& spec, int horizon_days, const std::vector<double>& mean_demand,
             std::vector<std::uint8_t> peak_day, std::uint64_t seed, std::uint64_t replication,
             const std::string& entity, const std::vector<double>& day_factor = {});

  // One pick task of `units` units of a SKU, released at `release_seconds`; calls come in
  // non-decreasing release order and state carries over from call to call. Returns the instant the
  // station finishes it.
  double complete(double release_seconds, std::size_t sku, std::int64_t units) override;
  // The end of a day: counts the tasks released by then that no robot has started (the backlog).
  // Call it once a day, after the day's tasks: it also forgets the tasks that can no longer count.
  void close_day(int day);
  // Today's tasks: one per unit shipped (sales and backorders filled), released at uniform instants
  // of the day (as the picking station's jobs), then the day's close.
  void run_day(int day, const DailyFlows& flows);

  const PickTotals& totals() const { return pick_; }
  const FleetTotals& fleet_totals() const { return fleet_; }
  // Per station, in station order: what the tasks bound to it measured (re-slotting moves are bound to none).
  const std::vector<StationTotals>& station_totals() const { return per_station_; }

  // Geometry, for tests and the docs' worked example.
  Point slot_point(std::size_t slot) const;
  Point station_point(int station) const;
  double distance_m(const Point& a, const Point& b) const;
  std::size_t slot_of(std::size_t sku) const { return sku_slot_[sku]; }
  std::size_t slots() const;

private:
  using Free = std::pair<double, int>;  // (free from, robot); ties go to the lower robot
  using FreeQueue = std::priority_queue<Free, std::vector<Free>, std::greater<>>;

  double earliest_start(double t, bool peak_only) const;
  double operate(int robot, double t, double seconds);  // runs work through failures and repairs
  double draw(rng::Stream& s, const rng::DistributionSpec& d_days) const;
  double speed_at(int aisle, double t);
  void place_skus(const std::vector<double>& mean_demand, rng::Stream slotting);
  std::vector<std::size_t> velocity_slots(const std::vector<double>& demand) const;
  void reslot();  // at reslot_at_: the peak's slotting, each moved SKU a stint of the earliest free robot

  RobotFleetSpec spec_;
  double horizon_;  // seconds
  std::vector<std::uint8_t> peak_day_;
  std::vector<int> next_peak_;                     // per day: the first peak day at or after it (horizon: none)
  std::vector<std::pair<double, double>> shifts_;  // seconds of the day, in order
  rng::Stream releases_, lift_, picks_, station_;
  std::vector<rng::Stream> failure_, repair_;  // per robot
  std::vector<std::size_t> sku_slot_;
  std::vector<Point> stations_;
  FreeQueue regular_, extra_;
  std::vector<Point> position_;
  std::vector<double> since_charge_, to_failure_;  // per robot: busy seconds, operating seconds left
  std::vector<double> station_free_;
  std::vector<std::priority_queue<double, std::vector<double>, std::greater<>>> in_aisle_;  // leave instants
  std::deque<std::pair<double, double>> unstarted_;        // (release, start) of tasks that may be backlog
  std::vector<std::pair<double, std::size_t>> day_tasks_;  // reused buffer
  PickTotals pick_;
  FleetTotals fleet_;
  std::vector<StationTotals> per_station_;
  double reslot_at_ = kNoReslot;     // seconds; kNoReslot: none (or done)
  std::vector<double> peak_demand_;  // per SKU: the re-slotting's ranking
  std::int64_t moved_ = 0;           // SKUs the re-slotting moved

public:
  static constexpr double kNoReslot = std::numeric_limits<double>::infinity();
  double reslot_at() const { return reslot_at_; }
  std::int64_t skus_moved() const { return moved_; }
};

}  // namespace peaksim::agents
