// A warehouse's `robots:` section, with the checks that span its keys: it replaces `picking:` (one
// measures the picking of what the warehouse ships, so both together would be two answers to one
// question), and its shifts must be in order and apart.
#include <cmath>
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

std::optional<RobotFleetSpec> build_robots(const Tree& warehouse, const std::string& path) {
  const Tree* node = warehouse.find("robots");
  if (!node) return std::nullopt;
  if (warehouse.find("picking"))
    fail(warehouse.entry("robots")->where, path + ".robots",
         "a warehouse has either a picking station (picking) or a robot fleet (robots), not both; remove one");
  auto integer = [&](const char* key) { return static_cast<int>(*parse_integer(node->str(key))); };
  RobotFleetSpec f;
  f.count = integer("count");
  f.mode = to_enum<RobotMode>(node->at("mode"));
  const Tree& layout = node->at("layout");
  f.layout.aisles = static_cast<int>(*parse_integer(layout.str("aisles")));
  f.layout.bays = static_cast<int>(*parse_integer(layout.str("bays")));
  f.layout.levels = static_cast<int>(*parse_integer(layout.str("levels")));
  // The fleet keeps a place per slot and measures each slot's way to every station: a bound on slots bounds both.
  if (const double slots = double(f.layout.aisles) * f.layout.bays * f.layout.levels; slots > kMaxRobotSlots)
    fail(layout.where, path + ".robots.layout",
         "aisles x bays x levels = " + number_text(slots) + " slots; a layout has at most " +
             number_text(kMaxRobotSlots));
  f.layout.bay_width_m = to_real(layout.at("bay_width_m"));
  f.layout.aisle_width_m = to_real(layout.at("aisle_width_m"));
  f.layout.level_height_m = to_real(layout.at("level_height_m"));
  f.stations = integer("stations");
  f.station_time_days = to_distribution(node->at("station_time"), true);
  f.speed_mps = to_real(node->at("speed_mps"));
  f.lift_time_days = to_distribution(node->at("lift_time"), true);
  f.pick_time_per_unit_days = to_distribution(node->at("pick_time_per_unit"), true);
  f.slotting = to_enum<Slotting>(node->at("slotting"));
  if (node->find("congestion")) f.congestion = integer("congestion");
  if (const Tree* battery = node->find("battery")) {
    f.battery_work_days = to_days(battery->at("work"));
    f.battery_charge_days = to_days(battery->at("charge"));
  }
  if (const Tree* failures = node->find("failures")) {
    f.mtbf_days = to_days(failures->at("mtbf"));
    f.mttr_days = to_days(failures->at("mttr"));
  }
  const auto& shifts = node->at("shifts").items;
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const RobotShift s{to_days(shifts[i].at("start")), to_days(shifts[i].at("end"))};
    const std::string at = index_path(path + ".robots.shifts", i);
    if (s.end_days <= s.start_days)
      fail(shifts[i].entry("end")->where, at + ".end",
           "expected an end after the start (a shift lies within one day: split a night shift at midnight); got "
           "end " +
               shifts[i].str("end") + ", start " + shifts[i].str("start"));
    if (i > 0 && s.start_days < f.shifts.back().end_days)
      fail(shifts[i].entry("start")->where, at + ".start",
           "shifts are listed in the order of the day and do not overlap; this one starts at " +
               shifts[i].str("start") + ", before the previous one ends (" + shifts[i - 1].str("end") + ")");
    f.shifts.push_back(s);
  }
  f.peak_extra = integer("peak_extra");
  if (const Tree* r = node->find("reslot_before_peak")) f.reslot_before_peak_days = to_days(*r);
  if (const Tree* t = node->find("reslot_time_per_sku")) {
    if (!f.reslot_before_peak_days)
      fail(node->entry("reslot_time_per_sku")->where, path + ".robots.reslot_time_per_sku",
           "the time to move a SKU is spent re-slotting before the peak, and reslot_before_peak is absent; set it "
           "or remove reslot_time_per_sku");
    f.reslot_time_per_sku_days = to_days(*t);
  }
  return f;
}

}  // namespace peaksim::scn
