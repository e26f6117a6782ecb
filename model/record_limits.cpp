#include "model/record_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/policy_types.hpp"

namespace peaksim {
namespace {

// What a SKU's stock at a site can reach, by where it comes from: the largest part names the key to change.
enum Part { initial, level, rounding, parts };

struct Reach {
  std::array<std::int64_t, parts> part{};
  std::int64_t total() const { return part[initial] + part[level] + part[rounding]; }
  void add(const Reach& o) {
    for (int i = 0; i < parts; ++i) part[i] += o.part[i];
  }
};

// Stock on hand, on order and an order's size are each at most the inventory position an order raises, unless
// the initial stock is larger. An order raises the position to the order-up-to level (any review's, or a prebuy's
// target), and the supplier's rounding at most by MOQ + case pack - 1 (an order below the MOQ is raised to it, then
// to a whole case). Backorders and what a
// forecast sets at run time have no bound known here: the run refuses them when they happen.
Reach reach_of(const WarehousePlan& wp, std::size_t k, std::int64_t rounding_units) {
  const PolicyParams& p = *wp.params[k];
  std::int64_t up_to = order_up_to_level(p.type, wp.levels[k]);
  for (const PolicyLevels& lv : wp.review_levels[k]) up_to = std::max(up_to, order_up_to_level(p.type, lv));
  for (const PrebuyOrder& order : wp.prebuys)
    if (order.sku == k) up_to = std::max(up_to, order.target);
  Reach r;
  if (wp.initial_stock[k] > up_to + rounding_units)  // an initial stock of "S" is the level's
    r.part[initial] = wp.initial_stock[k];
  else
    r.part[level] = up_to, r.part[rounding] = rounding_units;
  return r;
}

// The key behind a SKU's level: the formula that sets its order-up-to level, or its type (a level no formula sets:
// forecasts, the newsvendor buy) or its prebuys.
SourceAt level_key(const WarehousePlan& wp, std::size_t k) {
  const PolicyParams& p = *wp.params[k];
  const PolicyTypeInfo& info = policy_type(p.type);
  std::vector<std::string> keys;
  if (info.fixed_quantity)
    keys = {wp.levels[k].Q >= wp.levels[k].s ? "Q" : info.reorder_key};
  else if (info.level_S == LevelS::formula)
    keys = {"S"};
  keys.insert(keys.end(), {"prebuy", "type"});
  for (const std::string& key : keys)
    if (auto it = p.at.find(key); it != p.at.end() && !it->second.where.empty()) return it->second;
  return {};
}

bool records_stock(const RecordSpec& r) {
  if (r.level == RecordLevel::kpi_only) return false;
  if (r.variables.empty()) return true;
  for (const char* v : {"on_hand", "on_order", "orders", "receipts", "transfers_out", "transfers_in"})
    if (std::find(r.variables.begin(), r.variables.end(), v) != r.variables.end()) return true;
  return false;
}

}  // namespace

void check_recorded_stock(const Scenario& sc, const NetworkPlan& plan) {
  if (!records_stock(sc.record)) return;
  for (std::size_t w = 0; w < plan.warehouses.size(); ++w) {
    const WarehousePlan& wp = plan.warehouses[w];
    std::int64_t rounding_units = 0;  // a DC's transfers are not rounded
    for (const SupplyLane& source : wp.sources) {
      const SupplierSpec& s = sc.suppliers[std::size_t(source.supplier)];
      rounding_units = std::max<std::int64_t>(rounding_units, std::int64_t(s.moq) + s.case_pack - 1);
    }
    // The cells of record.level: one per SKU (a week's last day or a week's orders at sku_weekly, bounded by the
    // same reach), per category or per site.
    std::map<int, Reach> cells;
    std::map<int, std::size_t> busiest;  // per cell, the SKU with the largest reach: named in the message
    for (std::size_t k = 0; k < wp.levels.size(); ++k) {
      const int cell = sc.record.level == RecordLevel::site_daily       ? 0
                       : sc.record.level == RecordLevel::category_daily ? plan.sku_category[k]
                                                                        : int(k);
      const Reach r = reach_of(wp, k, rounding_units);
      const auto [it, fresh] = busiest.try_emplace(cell, k);
      if (!fresh && r.total() > reach_of(wp, it->second, rounding_units).total()) it->second = k;
      cells[cell].add(r);
    }
    for (const auto& [cell, reach] : cells) {
      if (reach.total() <= kMaxRecordedValue) continue;
      const std::size_t k = busiest.at(cell);
      const auto& part = reach.part;
      const Part blame = part[initial] >= std::max(part[level], part[rounding]) ? initial
                         : part[level] >= part[rounding]                        ? level
                                                                                : rounding;
      const bool per_sku = sc.record.level == RecordLevel::sku_daily || sc.record.level == RecordLevel::sku_weekly;
      const std::string what = sc.record.level == RecordLevel::site_daily ? "all SKUs"
                               : per_sku                                  ? "SKU '" + sc.skus[k].id + "'"
                                         : "category '" + plan.categories[std::size_t(cell)] + "'";
      const std::string message = fmt::format(
          "the stock or orders of {} at '{}' could reach {} units in one cell of record.level {} (initial stock {}, "
          "order-up-to levels {}, supplier rounding {}{}); recorded values are 32-bit, at most {}: lower it, record "
          "a level whose cells hold fewer SKUs, kpi_only, or record.variables without on_hand, on_order, orders, "
          "receipts and transfers",
          what, sc.warehouses[w].name, reach.total(), scn::word_of(sc.record.level), part[initial], part[level],
          part[rounding], per_sku ? "" : "; largest: SKU '" + sc.skus[k].id + "'", kMaxRecordedValue);
      // Rounding alone over the limit is refused at load, at the supplier's key (sim/scenario/record_cells.cpp).
      SourceAt at = blame == initial ? sc.warehouses[w].initial_stock_at
                    : blame == level ? level_key(wp, k)
                                     : SourceAt{};
      if (at.where.empty()) at = sc.record.level_at;
      throw ScenarioError(at.where, at.path, message);
    }
  }
}

}  // namespace peaksim
