// A warehouse's `receiving:` section (docs/model.md, Receiving): its rows of the parameter table and
// the checks that span the scenario. Receiving shelves a day's units at the receive slot, the close or
// the next day's receive slot, which is exact only for demand served in batches: it is refused at a
// warehouse with continuous-review (rQ) SKUs or serving regions whose customers arrive continuously.
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/choices.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

std::vector<Param> receiving_rows() {
  using T = Type;
  const std::string f = "sites.warehouses[].receiving";
  return {
      table_row(f, T::section,
                "Inbound docks: a day's shipments are unloaded first come first served, then put away; units "
                "available by 06:00 are sold that day (see model.md, Receiving)")
          .optional(),
      table_row(f + ".docks", T::integer, "Docks, each unloading one shipment line at a time")
          .unit_of("docks")
          .needed()
          .at_least(1)
          .at_most(10'000),
      table_row(f + ".unload_time", T::duration, "Time a dock spends on one shipment line (one SKU of a shipment)")
          .unit_of("days")
          .needed()
          .at_least(0),
      table_row(f + ".put_away", T::duration, "Time from the end of a line's unloading until its units can be sold")
          .unit_of("days")
          .by_default("0h")
          .at_least(0),
  };
}

void build_receiving(const Tree& root, Scenario& sc) {
  const auto& warehouses = root.at("sites").at("warehouses").items;
  const auto& regions = root.at("sites").at("regions").items;
  for (std::size_t w = 0; w < warehouses.size(); ++w) {
    const Tree* node = warehouses[w].find("receiving");
    if (!node) continue;
    const std::string path = index_path("sites.warehouses", w) + ".receiving";
    const std::string& name = sc.warehouses[w].name;
    const std::string where = warehouses[w].entry("receiving")->where;
    for (const Sku& sku : sc.skus)
      if (policy_type(sc.policy_for(sku, w).type).review == Review::continuous)
        fail(where, path,
             "warehouse '" + name + "' reviews SKU '" + sku.id + "' continuously (policy " +
                 word_of(sc.policy_for(sku, w).type) +
                 "), whose shipments arrive at exact instants; receiving shelves units at daily slots: "
                 "use a periodic policy here or remove receiving");
    for (const LaneSpec& lane : sc.lanes) {
      if (lane.from != name) continue;
      for (std::size_t r = 0; r < sc.regions.size(); ++r)
        if (sc.regions[r].name == lane.to && sc.regions[r].arrivals == Arrivals::continuous)
          fail(regions[r].at("arrivals").where, index_path("sites.regions", r) + ".arrivals",
               "region '" + lane.to + "' buys from warehouse '" + name +
                   "', which has receiving; its customers must arrive in the 06:00 batch (arrivals daily), "
                   "since receiving shelves units at daily slots");
    }
    ReceivingSpec spec;
    spec.docks = static_cast<int>(*parse_integer(node->str("docks")));
    spec.unload_seconds = to_days(node->at("unload_time")) * 86400.0;
    spec.put_away_seconds = to_days(node->at("put_away")) * 86400.0;
    sc.warehouses[w].receiving = spec;
  }
}

}  // namespace peaksim::scn
