// Multi-echelon keys of a warehouse, read after the catalog (categories must be known): its own policy
// and policy per category, and the allocation of a warehouse that replenishes other warehouses, with
// the checks that span them and the lanes.
#include <algorithm>
#include <unordered_set>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

bool is_warehouse(const Scenario& sc, const std::string& name) {
  return std::any_of(sc.warehouses.begin(), sc.warehouses.end(),
                     [&](const WarehouseSpec& w) { return w.name == name; });
}

}  // namespace

bool replenishes_warehouses(const Scenario& sc, std::size_t w) {
  return std::any_of(sc.lanes.begin(), sc.lanes.end(),
                     [&](const LaneSpec& l) { return l.from == sc.warehouses[w].name && is_warehouse(sc, l.to); });
}

bool fed_by_warehouse(const Scenario& sc, std::size_t w) {
  return std::any_of(sc.lanes.begin(), sc.lanes.end(),
                     [&](const LaneSpec& l) { return l.to == sc.warehouses[w].name && is_warehouse(sc, l.from); });
}

void build_echelons(const Tree& root, Scenario& sc) {
  const auto& items = root.at("sites").at("warehouses").items;
  std::vector<std::string> categories;   // in order of first use, for suggestions
  std::unordered_set<std::string> seen;  // a hash: as many categories as SKUs check in linear time
  for (const Sku& s : sc.skus)
    if (seen.insert(s.category).second) categories.push_back(s.category);
  for (std::size_t w = 0; w < items.size(); ++w) {
    const Tree& item = items[w];
    const std::string path = index_path("sites.warehouses", w);
    WarehouseSpec& spec = sc.warehouses[w];
    if (const Tree* p = item.find("policy")) spec.policy = to_policy(*p, path + ".policy");
    if (const Tree* by = item.find("policy_by_category"))
      for (const Entry& e : by->entries) {
        if (!seen.count(e.key))
          fail(e.where, path + ".policy_by_category." + e.key,
               "no SKU has category '" + e.key + "'" + suggestion(e.key, categories, "SKU categories"));
        spec.policy_by_category[e.key] = to_policy(e.value, path + ".policy_by_category." + e.key);
      }
    const bool dc = replenishes_warehouses(sc, w), fed = fed_by_warehouse(sc, w);
    if (const Tree* a = item.find("allocation")) {
      if (!dc)
        fail(a->where, path + ".allocation",
             "warehouse '" + spec.name +
                 "' replenishes no warehouse, so it allocates nothing; allocation needs a lane from it to a warehouse");
      spec.allocation = to_enum<Allocation>(*a);
    }
    // A distribution centre serves orders at its supply slot, and sees no customer demand of its
    // warehouses: its policies review periodically and read no demand history or forecast.
    for (const Sku& sku : sc.skus) {
      if (!dc && !fed) break;
      const PolicyParams& p = sc.policy_for(sku, w);
      const PolicyTypeInfo& info = policy_type(p.type);
      const bool refused_at_dc = info.review == Review::continuous || info.demand_history || info.forecasts;
      const bool refused_downstream = info.review == Review::continuous;
      if (!(dc && refused_at_dc) && !(fed && refused_downstream)) continue;
      fail(item.where, path,
           "warehouse '" + spec.name + "' " +
               (dc && refused_at_dc ? "replenishes other warehouses" : "is replenished by a warehouse") +
               ", so it cannot use policy " + word_of(p.type) + " (SKU '" + sku.id +
               "'); use a periodic-review policy such as base_stock, RS, sS or echelon_base_stock there");
    }
    for (const Sku& sku : sc.skus) {  // the scenario-wide check of catalog.cpp, for this warehouse's own policies
      const PolicyParams& p = sc.policy_for(sku, w);
      if (&p == &sc.policy_for(sku) || policy_type(p.type).level_S != LevelS::newsvendor_buy) continue;
      if (sku.salvage <= sku.cost && sku.cost < sku.price) continue;
      fail(item.where, path,
           "SKU '" + sku.id + "' has policy " + word_of(p.type) + " at warehouse '" + spec.name +
               "', which needs salvage <= cost < price; got price " + number_text(sku.price) + ", cost " +
               number_text(sku.cost) + ", salvage " + number_text(sku.salvage));
    }
  }
}

}  // namespace peaksim::scn
