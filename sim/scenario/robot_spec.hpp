// A warehouse's robot fleet (agents/robot_fleet.*), as the scenario's `robots:` section gives it.
// Durations are in days like every scenario duration; the fleet converts them to seconds.
#pragma once
#include <optional>
#include <vector>

#include "sim/random/distributions.hpp"

namespace peaksim {

enum class RobotMode { goods_to_person, person_to_goods };
enum class Slotting { random, velocity };

struct RobotLayout {  // aisles side by side along the front, bays along each aisle, levels up
  int aisles = 10, bays = 20, levels = 1;
  double bay_width_m = 1.2, aisle_width_m = 3, level_height_m = 0.5;
};

struct RobotShift {  // a window of the day in which tasks may start
  double start_days = 0, end_days = 1;
};

struct RobotFleetSpec {
  int count = 1;
  RobotMode mode = RobotMode::goods_to_person;
  RobotLayout layout;
  int stations = 1;
  rng::DistributionSpec station_time_days;  // per task at the station
  double speed_mps = 1.5;
  rng::DistributionSpec lift_time_days;           // per task at the slot
  rng::DistributionSpec pick_time_per_unit_days;  // per unit picked
  Slotting slotting = Slotting::random;
  std::optional<int> congestion;  // robots in an aisle at full speed; absent: no slow-down
  std::optional<double> battery_work_days, battery_charge_days;
  std::optional<double> mtbf_days, mttr_days;     // failures
  std::vector<RobotShift> shifts;                 // empty: round the clock
  int peak_extra = 0;                             // robots added on peak days
  std::optional<double> reslot_before_peak_days;  // velocity re-slotting by peak demand, this long before the peak
  double reslot_time_per_sku_days = 0;            // robot time to move one SKU to its new slot
};

}  // namespace peaksim
