// The parameter table's rows of a warehouse robot fleet (sites.warehouses[].robots), kept apart from
// schema.cpp, which places them after the picking station's rows.
#include "sim/scenario/choices.hpp"
#include "sim/scenario/schema_rows.hpp"

namespace peaksim::scn {
namespace {

Param row(std::string path, Type type, std::string meaning) {
  return table_row(std::move(path), type, std::move(meaning));
}

}  // namespace

// The rows of a warehouse's robot fleet (agents/robot_fleet.*; docs/model.md, Robot fleet).
std::vector<Param> robot_rows() {
  using T = Type;
  const std::string f = "sites.warehouses[].robots";
  return {
      row(f, T::section,
          "Robot fleet: every unit shipped is a pick task that a robot carries out through the layout and a "
          "station finishes; measured only, like picking, and refused together with it")
          .optional(),
      row(f + ".count", T::integer, "Robots on every day").unit_of("robots").needed().at_least(1).at_most(100'000),
      row(f + ".mode", T::choice, "What a robot does for one task")
          .by_default(word_of(RobotMode::goods_to_person))
          .of_words<RobotMode>(),
      row(f + ".layout", T::section, "The storage grid: aisles side by side along the front, where the stations are"),
      row(f + ".layout.aisles", T::integer, "Aisles").by_default("10").at_least(1).at_most(10'000),
      row(f + ".layout.bays", T::integer, "Bays (slots) along each aisle").by_default("20").at_least(1).at_most(10'000),
      row(f + ".layout.levels", T::integer, "Levels of each bay").by_default("1").at_least(1).at_most(1000),
      row(f + ".layout.bay_width_m", T::real, "Length of a bay along its aisle (all three sizes 0: no travel)")
          .unit_of("m")
          .by_default("1.2")
          .at_least(0),
      row(f + ".layout.aisle_width_m", T::real, "Distance between the centre lines of neighbouring aisles")
          .unit_of("m")
          .by_default("3")
          .at_least(0),
      row(f + ".layout.level_height_m", T::real, "Height of one level above the one below")
          .unit_of("m")
          .by_default("0.5")
          .at_least(0),
      row(f + ".stations", T::integer, "Stations at the front, evenly spaced along it")
          .by_default("1")
          .at_least(1)
          .at_most(200),
      row(f + ".station_time", T::distribution, "Time a station spends on one task, drawn per task")
          .unit_of("days")
          .by_default("0s")
          .at_least(0)
          .durations(),
      row(f + ".speed_mps", T::real, "Travel speed of a robot, loaded or not (and of its lift)")
          .unit_of("m/s")
          .by_default("1.5")
          .above(0),
      row(f + ".lift_time", T::distribution,
          "Time at the slot before picking: lifting the pod, or positioning at it; drawn per task")
          .unit_of("days")
          .by_default("0s")
          .at_least(0)
          .durations(),
      row(f + ".pick_time_per_unit", T::distribution,
          "Time to pick one unit, drawn per unit: at the station (goods_to_person) or at the slot (person_to_goods)")
          .unit_of("days")
          .by_default("5s")
          .at_least(0)
          .durations(),
      row(f + ".slotting", T::choice, "Which slot holds which SKU")
          .by_default(word_of(Slotting::random))
          .of_words<Slotting>(),
      row(f + ".congestion", T::integer,
          "Robots an aisle takes at full speed: with n robots in the task's aisle at its start (itself "
          "included), its legs run at speed x min(1, congestion / n)")
          .unit_of("robots")
          .optional()
          .at_least(1),
      row(f + ".battery", T::section, "Charging: after this much work a robot charges before its next task").optional(),
      row(f + ".battery.work", T::duration, "Busy time between charges").unit_of("days").needed().above(0),
      row(f + ".battery.charge", T::duration, "Time one charge takes").unit_of("days").needed().above(0),
      row(f + ".failures", T::section, "Breakdowns while a robot moves or picks, each repaired before it goes on")
          .optional(),
      row(f + ".failures.mtbf", T::duration, "Mean operating time between failures (exponential)")
          .unit_of("days")
          .needed()
          .above(0),
      row(f + ".failures.mttr", T::duration, "Mean time to repair (exponential)").unit_of("days").needed().above(0),
      row(f + ".shifts", T::list, "Windows of each day in which tasks start (none: round the clock); in order, apart"),
      row(f + ".shifts[].start", T::duration, "Start of the window, from midnight")
          .unit_of("days")
          .needed()
          .at_least(0)
          .below(1),
      row(f + ".shifts[].end", T::duration, "End of the window, after its start, from midnight")
          .unit_of("days")
          .needed()
          .above(0)
          .at_most(1),
      row(f + ".peak_extra", T::integer, "Robots added on the calendar's peak days")
          .unit_of("robots")
          .by_default("0")
          .at_least(0)
          .at_most(100'000),
      row(f + ".reslot_before_peak", T::duration,
          "Re-slot this long before the first peak day: velocity slotting by each SKU's demand over the peak "
          "window (see model.md, Robot fleet); absent: the slotting stays")
          .unit_of("days")
          .optional()
          .at_least(0),
      row(f + ".reslot_time_per_sku", T::duration,
          "Robot time to move one SKU to its new slot when re-slotting (needs reslot_before_peak)")
          .unit_of("days")
          .optional()
          .at_least(0),
  };
}

}  // namespace peaksim::scn
