// A warehouse's `packing:` and `outbound:` sections (docs/model.md, Packing and outbound docks): their rows of
// the parameter table and the checks that span the scenario. Both are stages of customer orders between picking
// and the cut-off, so each needs an `orders` section and a lane from the warehouse to a region.
#include <string>
#include <utility>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

std::vector<Param> packing_rows() {
  using T = Type;
  const std::string p = "sites.warehouses[].packing";
  const std::string o = "sites.warehouses[].outbound";
  return {
      table_row(p, T::section,
                "Packing stations (with orders): each order part, once its last line is picked, is packed at one of "
                "identical stations, first come first served (see model.md, Packing and outbound docks)")
          .optional(),
      table_row(p + ".stations", T::integer, "Identical packing stations, each packing one order part at a time")
          .unit_of("stations")
          .needed()
          .at_least(1),
      table_row(p + ".time", T::distribution, "Time a station spends on one order part, drawn per part")
          .unit_of("days")
          .needed()
          .at_least(0)
          .durations(),
      table_row(p + ".time_per_unit", T::duration, "Time added to a part's packing time for each of its units")
          .unit_of("days")
          .by_default("0h")
          .at_least(0),
      table_row(o, T::section,
                "Outbound docks (with orders): each order part, once packed (or picked, without packing), is loaded "
                "at one of identical docks, first come first served, and leaves at the first cut-off at or after "
                "its loading ends")
          .optional(),
      table_row(o + ".docks", T::integer, "Identical outbound docks, each loading one order part at a time")
          .unit_of("docks")
          .needed()
          .at_least(1),
      table_row(o + ".load_time", T::distribution, "Time a dock spends loading one order part, drawn per part")
          .unit_of("days")
          .needed()
          .at_least(0)
          .durations(),
  };
}

void build_packing(const Tree& root, Scenario& sc) {
  const auto& warehouses = root.at("sites").at("warehouses").items;
  for (std::size_t w = 0; w < warehouses.size(); ++w) {
    for (const auto& [key, what] :
         {std::pair{"packing", "packing stations"}, std::pair{"outbound", "outbound docks"}}) {
      const Tree* node = warehouses[w].find(key);
      if (!node) continue;
      const std::string path = index_path("sites.warehouses", w) + "." + key;
      const std::string& name = sc.warehouses[w].name;
      const std::string where = warehouses[w].entry(key)->where;
      if (!sc.orders)
        fail(where, path,
             std::string("warehouse '") + name + "' has " + what +
                 " but the scenario has no orders section; only customer orders are packed and loaded: "
                 "add orders or remove " +
                 key);
      bool ships = false;
      for (const LaneSpec& lane : sc.lanes)
        for (const RegionSpec& region : sc.regions) ships = ships || (lane.from == name && lane.to == region.name);
      if (!ships)
        fail(where, path,
             std::string("warehouse '") + name + "' has " + what +
                 " but no lane to a region, so it ships no customer order: add such a lane or remove " + key);
    }
    if (const Tree* p = warehouses[w].find("packing"))
      sc.warehouses[w].packing =
          PackingSpec{static_cast<int>(*parse_integer(p->str("stations"))), to_distribution(p->at("time"), true),
                      to_days(p->at("time_per_unit")) * 86400.0};
    if (const Tree* o = warehouses[w].find("outbound"))
      sc.warehouses[w].outbound =
          OutboundSpec{static_cast<int>(*parse_integer(o->str("docks"))), to_distribution(o->at("load_time"), true)};
  }
}

}  // namespace peaksim::scn
