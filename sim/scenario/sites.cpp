// Sites and lanes, with the checks that span them: unique site names and a network in which
// every warehouse has one inbound lane from a warehouse (without cycles) or one from each of its suppliers, and every
// region one warehouse.
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

enum class SiteKind { supplier, warehouse, region };

struct Site {
  SiteKind kind;
  std::string where;  // of its name, for "first defined at"
  std::string path;   // sites.warehouses[0]
  std::string map_where;
};

const char* a_kind(SiteKind k) {
  switch (k) {
    case SiteKind::supplier:
      return "a supplier";
    case SiteKind::warehouse:
      return "a warehouse";
    case SiteKind::region:
      return "a region";
  }
  return "";
}

struct Inbound {
  std::string from;
  std::string where;
  std::size_t lane = 0;  // index in lanes
};

}  // namespace

std::vector<double> to_cutoffs(const Tree& list) {
  std::vector<double> seconds;
  for (const Tree& hour : list.items) seconds.push_back(to_real(hour) * 3600.0);
  std::sort(seconds.begin(), seconds.end());
  return seconds;
}

void build_sites(const Tree& root, Scenario& sc) {
  const Tree& sites = root.at("sites");
  std::map<std::string, Site> by_name;
  std::vector<std::string> names;  // in file order, for suggestions
  auto add = [&](const char* list, SiteKind kind) {
    const auto& items = sites.at(list).items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Tree& name = items[i].at("name");
      const std::string path = index_path(std::string("sites.") + list, i);
      if (auto it = by_name.find(name.text); it != by_name.end())
        fail(name.where, path + ".name",
             "duplicate site name '" + name.text + "' (first defined at " + it->second.where + ")");
      by_name.emplace(name.text, Site{kind, name.where, path, items[i].where});
      names.push_back(name.text);
    }
  };
  add("suppliers", SiteKind::supplier);
  add("warehouses", SiteKind::warehouse);
  add("regions", SiteKind::region);

  for (const Tree& s : sites.at("suppliers").items)
    sc.suppliers.push_back(SupplierSpec{s.str("name"), to_real(s.at("capacity_per_day")),
                                        static_cast<int>(*parse_integer(s.str("moq"))),
                                        static_cast<int>(*parse_integer(s.str("case_pack")))});
  const auto& warehouses = sites.at("warehouses").items;
  for (std::size_t i = 0; i < warehouses.size(); ++i) {
    const Tree& w = warehouses[i];
    WarehouseSpec spec;
    spec.name = w.str("name");
    spec.initial_stock = w.str("initial_stock");
    spec.initial_stock_at = {w.at("initial_stock").where, index_path("sites.warehouses", i) + ".initial_stock"};
    sc.warehouses.push_back(std::move(spec));
    if (const Tree* p = w.find("picking"))
      sc.warehouses.back().picking =
          PickingSpec{static_cast<int>(*parse_integer(p->str("robots"))), to_distribution(p->at("pick_time"), true)};
    sc.warehouses.back().robots = build_robots(w, index_path("sites.warehouses", i));
    // Checked against the orders section in orders.cpp.
    if (const Tree* c = w.find("cutoffs")) sc.warehouses.back().cutoffs = to_cutoffs(*c);
  }
  for (const Tree& r : sites.at("regions").items) {
    RegionSpec region;
    region.name = r.str("name");
    region.scale = to_real(r.at("scale"));
    const std::string region_path = index_path("sites.regions", sc.regions.size());
    region.scale_at = {r.at("scale").where, region_path + ".scale"};
    region.shocks_at = {r.at("shocks").at("multiplier").where, region_path + ".shocks.multiplier"};
    region.demand = to_enum<DemandModel>(r.at("demand"));
    if (const Tree* k = r.find("dispersion")) region.dispersion = to_real(*k);
    if (const Tree* cv = r.find("cv")) region.cv = to_real(*cv);
    region.arrivals = to_enum<Arrivals>(r.at("arrivals"));
    region.unmet = to_enum<UnmetDemand>(r.at("unmet"));
    if (const Tree* promise = r.find("promise")) region.promise_days = to_days(*promise);
    const Tree& shocks = r.at("shocks");
    region.shocks.probability_per_day = to_real(shocks.at("probability_per_day"));
    region.shocks.multiplier = to_distribution(shocks.at("multiplier"), false);
    region.shocks.duration_days = static_cast<int>(std::lround(to_days(shocks.at("duration"))));
    sc.regions.push_back(std::move(region));
  }

  std::map<std::string, Inbound> inbound;  // warehouse or region -> the lane that feeds it
  const auto& lanes = root.at("lanes").items;
  std::map<std::pair<std::string, std::string>, std::size_t> pairs;  // (from, to) -> its first lane
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const Tree& lane = lanes[i];
    const std::string path = index_path("lanes", i);
    const Site* ends[2] = {nullptr, nullptr};
    for (int end = 0; end < 2; ++end) {
      const char* key = end == 0 ? "from" : "to";
      const Tree& name = lane.at(key);
      auto it = by_name.find(name.text);
      if (it == by_name.end()) {
        fail(name.where, path + "." + key,
             std::string("lane ") + key + " '" + name.text + "': unknown site" + suggestion(name.text, names, "sites"));
      }
      ends[end] = &it->second;
    }
    const std::string from = lane.str("from"), to = lane.str("to");
    const bool ok = (ends[0]->kind == SiteKind::supplier && ends[1]->kind == SiteKind::warehouse) ||
                    (ends[0]->kind == SiteKind::warehouse && ends[1]->kind != SiteKind::supplier);
    if (!ok)
      fail(lane.where, path,
           "lane from '" + from + "' to '" + to + "' goes from " + a_kind(ends[0]->kind) + " to " +
               a_kind(ends[1]->kind) +
               "; lanes go from a supplier to a warehouse, from a warehouse to a warehouse or from a warehouse to a "
               "region");
    // Each pair of sites at most once. With orders, a region may have several centres (lane order = priority);
    // a warehouse may have several supplier lanes (sourcing picks one per order), or one from a warehouse.
    if (const auto [first, fresh] = pairs.try_emplace({from, to}, i); !fresh)
      fail(lane.where, path,
           "a second lane from '" + from + "' to '" + to + "'; the first is at " + lanes[first->second].where);
    if (auto it = inbound.find(to); it != inbound.end()) {
      if (ends[1]->kind == SiteKind::region && !root.find("orders"))
        fail(lane.where, path,
             "region '" + to +
                 "' has a second lane from a warehouse (several need an orders section); the first "
                 "comes from '" +
                 it->second.from + "' (" + it->second.where + ")");
      const bool from_warehouse = ends[0]->kind == SiteKind::warehouse;
      if (ends[1]->kind == SiteKind::warehouse &&
          (from_warehouse || by_name.at(it->second.from).kind != SiteKind::supplier))
        fail(lane.where, path,
             "warehouse '" + to + "' has a second inbound lane, from '" + from + "'; the first comes from '" +
                 it->second.from + "' (" + it->second.where +
                 "): a warehouse is replenished by one other warehouse, or by one or more suppliers");
    }
    inbound.try_emplace(to, Inbound{from, lane.where, i});
    sc.lanes.push_back(LaneSpec{from, to, to_distribution(lane.at("lead_time"), true)});
  }
  for (const std::string& name : names) {
    const Site& site = by_name.at(name);
    if (site.kind == SiteKind::supplier) continue;
    if (inbound.count(name)) continue;
    fail(site.map_where, site.path,
         site.kind == SiteKind::warehouse ? "warehouse '" + name + "' has no lane from a supplier or a warehouse"
                                          : "region '" + name + "' has no lane from a warehouse");
  }
  // Warehouse -> warehouse lanes: following each warehouse's inbound lane upstream must reach a supplier.
  for (const std::string& name : names) {
    if (by_name.at(name).kind != SiteKind::warehouse) continue;
    std::vector<std::string> chain = {name};
    for (std::string at = inbound.at(name).from;
         by_name.at(at).kind == SiteKind::warehouse && chain.size() <= names.size(); at = inbound.at(at).from) {
      chain.push_back(at);
      if (at != name) continue;
      std::string cycle;  // downstream to upstream, as the lanes are followed backwards: print it forwards
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) cycle += (cycle.empty() ? "" : " -> ") + *it;
      fail(inbound.at(name).where, index_path("lanes", inbound.at(name).lane),
           "lanes between warehouses form a cycle: " + cycle +
               "; every warehouse must be fed, through its inbound "
               "lanes, from a supplier");
    }
  }
  // A supplier without a lane would change nothing: refused, once the network itself is known to be whole.
  for (const std::string& name : names) {
    const Site& site = by_name.at(name);
    const auto used = [&](const LaneSpec& l) { return l.from == name; };
    if (site.kind == SiteKind::supplier && std::none_of(sc.lanes.begin(), sc.lanes.end(), used))
      fail(site.map_where, site.path, "supplier '" + name + "' has no lane to a warehouse; add one or remove it");
  }
}

void check_continuous_review(const Tree& root, const Scenario& sc) {
  // The SKU's policy at the first warehouse where it is continuous-review (null: none).
  const auto rq_policy = [&](const Sku& sku) -> const PolicyParams* {
    for (std::size_t w = 0; w < sc.warehouses.size(); ++w)
      if (policy_type(sc.policy_for(sku, w).type).exact_lead_time) return &sc.policy_for(sku, w);
    return nullptr;
  };
  const auto sku = std::find_if(sc.skus.begin(), sc.skus.end(), rq_policy);
  if (sku == sc.skus.end()) return;
  const std::string why = " (SKU '" + sku->id + "' has policy " + word_of(rq_policy(*sku)->type) +
                          ", whose orders ship at once and arrive after an "
                          "exact lead time)";
  const auto& lanes = root.at("lanes").items;
  const auto& suppliers = root.at("sites").at("suppliers").items;
  for (std::size_t i = 0; i < sc.lanes.size(); ++i) {
    const LaneSpec& lane = sc.lanes[i];
    const auto from = std::find_if(sc.suppliers.begin(), sc.suppliers.end(),
                                   [&](const SupplierSpec& s) { return s.name == lane.from; });
    if (from == sc.suppliers.end()) continue;  // a warehouse -> region lane
    if (lane.lead_time_days.kind != rng::DistributionSpec::Kind::constant)
      fail(lanes[i].at("lead_time").where, index_path("lanes", i) + ".lead_time",
           "lane from '" + lane.from + "' to '" + lane.to + "' needs a constant lead time" + why);
    if (!std::isinf(from->capacity_per_day)) {
      const std::size_t k = std::size_t(from - sc.suppliers.begin());
      fail(suppliers[k].at("capacity_per_day").where, index_path("sites.suppliers", k) + ".capacity_per_day",
           "supplier '" + from->name + "' needs unlimited capacity" + why);
    }
  }
}

}  // namespace peaksim::scn
