// Supply terms, after the sites: suppliers' reliability, fills and price breaks, lanes' carriers and
// warehouses' sourcing, with the checks that tie them to each other and to the rest of the network.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

std::vector<int> day_indices(const Tree& list, const std::string& path, int horizon) {
  std::vector<int> days;
  for (std::size_t k = 0; k < list.items.size(); ++k) {
    const double day = to_real(list.items[k]);
    if (day != std::floor(day) || day >= horizon)
      fail(list.items[k].where, index_path(path, k),
           "expected a whole day index in [0, " + std::to_string(horizon) + ") (the horizon); got " +
               list.items[k].text);
    days.push_back(int(day));
  }
  return days;
}

CarrierSpec to_carrier(const Tree& c, const std::string& path, int horizon) {
  CarrierSpec out;
  out.name = c.str("name");
  out.capacity_per_day = to_real(c.at("capacity_per_day"));
  if (const Tree* trucks = c.find("trucks")) {
    if (std::isfinite(out.capacity_per_day))
      fail(trucks->where, path + ".trucks",
           "carrier '" + out.name + "' has both capacity_per_day and trucks; give its capacity in units or in trucks");
    out.truck_size = int(*parse_integer(trucks->str("size")));
    out.capacity_per_day = double(out.truck_size) * double(*parse_integer(trucks->str("per_day")));
    out.cost_per_truck = to_real(trucks->at("cost_each"));
  }
  const Tree& pickups = c.at("pickup_days");
  if (pickups.items.empty()) fail(pickups.where, path + ".pickup_days", "expected at least one weekday; got []");
  out.pickup_days.fill(false);
  for (const Tree& d : pickups.items) out.pickup_days[std::size_t(to_enum<Weekday>(d))] = true;
  out.cost_per_shipment = to_real(c.at("cost_per_shipment"));
  out.cost_per_unit = to_real(c.at("cost_per_unit"));
  out.peak_surcharge = to_real(c.at("peak_surcharge"));
  out.outage_days = day_indices(c.at("outage_days"), path + ".outage_days", horizon);
  out.outage_probability_per_day = to_real(c.at("outage_probability_per_day"));
  if (const Tree* cutoffs = c.find("cutoffs")) {  // where it may have them: build_supply
    if (cutoffs->items.empty())
      fail(cutoffs->where, path + ".cutoffs",
           "expected at least one hour of the day; got [] (remove the key for the "
           "shipping centre's cut-offs)");
    out.cutoffs = to_cutoffs(*cutoffs);
  }
  return out;
}

}  // namespace

void build_supply(const Tree& root, Scenario& sc) {
  const auto& suppliers = root.at("sites").at("suppliers").items;
  for (std::size_t i = 0; i < suppliers.size(); ++i) {
    const Tree& s = suppliers[i];
    const std::string path = index_path("sites.suppliers", i);
    SupplierSpec& spec = sc.suppliers[i];
    spec.on_time_probability = to_real(s.at("on_time_probability"));
    spec.late_by_days = to_distribution(s.at("late_by"), true);
    // late_by only matters when some shipment is late.
    if (spec.on_time_probability == 1 &&
        !(spec.late_by_days.kind == rng::DistributionSpec::Kind::constant && spec.late_by_days.mean_value() == 1))
      fail(s.at("late_by").where, path + ".late_by",
           "key 'late_by' is only used with on_time_probability below 1; supplier '" + spec.name +
               "' is always on time");
    spec.fill_rate = to_real(s.at("fill_rate"));
    const auto& breaks = s.at("price_breaks").items;
    for (std::size_t k = 0; k < breaks.size(); ++k) {
      const std::int64_t min_units = *parse_integer(breaks[k].str("min_units"));
      if (!spec.price_breaks.empty() && min_units <= spec.price_breaks.back().min_units)
        fail(breaks[k].at("min_units").where, index_path(path + ".price_breaks", k) + ".min_units",
             "expected price breaks by increasing min_units; got " + std::to_string(min_units) + " after " +
                 std::to_string(spec.price_breaks.back().min_units));
      spec.price_breaks.push_back({min_units, to_real(breaks[k].at("unit_cost_factor"))});
    }
  }

  const auto& lanes = root.at("lanes").items;
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const std::string path = index_path("lanes", i);
    const auto& carriers = lanes[i].at("carriers").items;
    // Outbound carriers take customer orders' parts at the cut-offs, which only the orders section has.
    const bool to_region = std::any_of(sc.regions.begin(), sc.regions.end(),
                                       [&](const RegionSpec& r) { return r.name == sc.lanes[i].to; });
    // A carrier's own cut-offs replace the centre's, which only customer orders on a region lane have.
    for (std::size_t k = 0; k < carriers.size(); ++k)
      if (const Tree* cutoffs = carriers[k].find("cutoffs"); cutoffs && !(to_region && root.find("orders")))
        fail(cutoffs->where, index_path(path + ".carriers", k) + ".cutoffs",
             "a carrier's cut-offs are the hours it collects customer orders' parts at a warehouse, " +
                 std::string(to_region ? "and the scenario has no orders section"
                                       : "on a lane from a warehouse to a region; the lane from '" + sc.lanes[i].from +
                                             "' to '" + sc.lanes[i].to + "' carries replenishment, tendered daily") +
                 "; remove cutoffs");
    if (!carriers.empty() && to_region && !root.find("orders"))
      fail(lanes[i].at("carriers").where, path + ".carriers",
           "carriers on a lane to a region take customer orders at the warehouse's cut-offs, and the scenario has "
           "no orders section (without it, sales ship as they happen); the lane from '" +
               sc.lanes[i].from + "' to '" + sc.lanes[i].to + "' cannot have carriers");
    for (std::size_t k = 0; k < carriers.size(); ++k)
      sc.lanes[i].carriers.push_back(to_carrier(carriers[k], index_path(path + ".carriers", k), sc.horizon_days));
  }

  std::vector<std::string> categories;   // in order of first use, for suggestions
  std::unordered_set<std::string> seen;  // a hash: as many categories as SKUs check in linear time
  for (const Sku& s : sc.skus)
    if (seen.insert(s.category).second) categories.push_back(s.category);
  std::vector<std::string> choosing = choices<Sourcing>();  // the rules that choose among several lanes
  std::erase(choosing, std::string(word_of(Sourcing::single)));
  const auto& warehouses = root.at("sites").at("warehouses").items;
  for (std::size_t w = 0; w < warehouses.size(); ++w) {
    WarehouseSpec& spec = sc.warehouses[w];
    spec.sourcing = to_enum<Sourcing>(warehouses[w].at("sourcing"));
    const auto count =
        std::count_if(sc.lanes.begin(), sc.lanes.end(), [&](const LaneSpec& l) { return l.to == spec.name; });
    const Tree& key = warehouses[w].at("sourcing");
    const std::string path = index_path("sites.warehouses", w) + ".sourcing";
    if (count > 1 && spec.sourcing == Sourcing::single)
      fail(warehouses[w].where, path,
           "warehouse '" + spec.name + "' has " + std::to_string(count) +
               " lanes from suppliers; set sourcing to one of " + join(choosing) + " (docs/model.md, Suppliers)");
    if (count == 1 && spec.sourcing != Sourcing::single)
      fail(key.where, path,
           "sourcing " + key.text + " chooses among several supplier lanes; warehouse '" + spec.name +
               "' has one (use single, or add lanes)");
    const auto& rules = warehouses[w].at("sourcing_by_category").items;
    for (std::size_t k = 0; k < rules.size(); ++k) {
      const std::string at = index_path(index_path("sites.warehouses", w) + ".sourcing_by_category", k);
      const Tree& category = rules[k].at("category");
      const Tree& rule = rules[k].at("sourcing");
      if (!seen.count(category.text))
        fail(category.where, at + ".category",
             "no SKU has category '" + category.text + "'" + suggestion(category.text, categories, "SKU categories"));
      if (spec.sourcing_by_category.count(category.text))
        fail(category.where, at + ".category", "category '" + category.text + "' has a rule already");
      if (count == 1)
        fail(rules[k].where, at,
             "a category's sourcing chooses among several supplier lanes; warehouse '" + spec.name + "' has one");
      if (to_enum<Sourcing>(rule) == Sourcing::single)
        fail(rule.where, at + ".sourcing",
             "expected one of " + join(choosing) + " (warehouse '" + spec.name + "' has " + std::to_string(count) +
                 " supplier lanes); got single");
      spec.sourcing_by_category[category.text] = to_enum<Sourcing>(rule);
    }
  }
}

void check_continuous_review_supply(const Tree& root, const Scenario& sc) {
  const auto uses_rq = [&](const Sku& sku) { return policy_type(sc.policy_for(sku).type).exact_lead_time; };
  const auto sku = std::find_if(sc.skus.begin(), sc.skus.end(), uses_rq);
  if (sku == sc.skus.end()) return;
  const std::string why = " (SKU '" + sku->id + "' has policy " + word_of(sc.policy_for(*sku).type) +
                          ", whose orders ship at once and arrive after an exact lead time)";
  const auto& suppliers = root.at("sites").at("suppliers").items;
  for (std::size_t k = 0; k < sc.suppliers.size(); ++k) {
    const SupplierSpec& s = sc.suppliers[k];
    const std::string path = index_path("sites.suppliers", k);
    if (s.on_time_probability < 1)
      fail(suppliers[k].at("on_time_probability").where, path + ".on_time_probability",
           "supplier '" + s.name + "' needs on_time_probability 1" + why);
    if (s.fill_rate < 1)
      fail(suppliers[k].at("fill_rate").where, path + ".fill_rate",
           "supplier '" + s.name + "' needs fill_rate 1" + why);
    if (!s.price_breaks.empty())
      fail(suppliers[k].at("price_breaks").where, path + ".price_breaks",
           "supplier '" + s.name + "' cannot have price breaks" + why);
  }
  const auto& lanes = root.at("lanes").items;
  for (std::size_t i = 0; i < sc.lanes.size(); ++i)
    if (!sc.lanes[i].carriers.empty())
      fail(lanes[i].at("carriers").where, index_path("lanes", i) + ".carriers",
           "the lane from '" + sc.lanes[i].from + "' to '" + sc.lanes[i].to + "' cannot have carriers" + why);
  const auto& warehouses = root.at("sites").at("warehouses").items;
  for (std::size_t w = 0; w < sc.warehouses.size(); ++w)
    if (sc.warehouses[w].sourcing != Sourcing::single || !sc.warehouses[w].sourcing_by_category.empty())
      fail(warehouses[w].at("sourcing").where, index_path("sites.warehouses", w) + ".sourcing",
           "warehouse '" + sc.warehouses[w].name + "' needs one supplier lane" + why);
}

}  // namespace peaksim::scn
