// A supplier's rounding in the results' 32-bit cells: every SKU a warehouse orders from it is ordered in at least
// max(moq, case_pack) units, so one cell of record.level (a SKU, a category, a site) can hold that times its SKUs
// in stock and orders. The rest of a cell's reach (levels, initial stock) is known once the plan's levels are:
// model/record_limits.cpp.
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

void check_supplier_rounding(const Tree& root, const Scenario& sc) {
  const RecordSpec& r = sc.record;
  if (r.level == RecordLevel::kpi_only) return;
  bool stock = r.variables.empty();
  for (const char* v : {"on_hand", "on_order", "orders", "receipts", "transfers_out", "transfers_in"})
    stock = stock || std::find(r.variables.begin(), r.variables.end(), v) != r.variables.end();
  if (!stock) return;
  long long cell_skus = 1;  // the most SKUs in one cell
  if (r.level == RecordLevel::site_daily) cell_skus = (long long)sc.skus.size();
  if (r.level == RecordLevel::category_daily) {
    std::map<std::string, long long> count;
    for (const Sku& s : sc.skus) cell_skus = std::max(cell_skus, ++count[s.category]);
  }
  const auto& items = root.at("sites").at("suppliers").items;
  for (std::size_t i = 0; i < sc.suppliers.size(); ++i) {
    const SupplierSpec& s = sc.suppliers[i];
    const bool serves = std::any_of(sc.lanes.begin(), sc.lanes.end(), [&](const LaneSpec& l) {
      return l.from == s.name && std::any_of(sc.warehouses.begin(), sc.warehouses.end(),
                                             [&](const WarehouseSpec& w) { return w.name == l.to; });
    });
    const long long units = std::max(s.moq, s.case_pack);
    if (!serves || units * cell_skus <= 2147483647LL) continue;
    const char* key = s.moq >= s.case_pack ? "moq" : "case_pack";
    fail(items[i].at(key).where, "sites.suppliers[" + std::to_string(i) + "]." + key,
         key + std::string(" ") + std::to_string(units) + " x " + std::to_string(cell_skus) +
             " SKUs in one cell of record.level " + std::string(word_of(r.level)) + " is " +
             std::to_string(units * cell_skus) +
             " units of stock or orders; recorded values are 32-bit, at most 2147483647: lower it, record a level "
             "whose cells hold fewer SKUs, kpi_only, or record.variables without on_hand, on_order, orders, "
             "receipts and transfers");
  }
}

// The recorded price is in hundredths of the currency unit, [day, sku, site] at sku_daily: a SKU's catalog price,
// the most a markdown or a discount leaves it, must fit a 32-bit cell.
void check_price_cells(const Tree& root, const Scenario& sc) {
  const RecordSpec& r = sc.record;
  if (sc.pricing.empty() || r.level != RecordLevel::sku_daily) return;
  if (!r.variables.empty() && std::find(r.variables.begin(), r.variables.end(), "price") == r.variables.end()) return;
  const auto top =
      std::max_element(sc.skus.begin(), sc.skus.end(), [](const Sku& a, const Sku& b) { return a.price < b.price; });
  if (top == sc.skus.end() || std::llround(top->price * 100) <= 2147483647LL) return;
  // Where the price was written: the SKU's own entry, else the generator's.
  const Tree& catalog = root.at("catalog");
  const Tree* node = &catalog;
  std::string path = "catalog";
  const std::size_t k = std::size_t(top - sc.skus.begin());
  if (const Tree* skus = catalog.find("skus"); skus && k < skus->items.size() && skus->items[k].find("price")) {
    node = skus->items[k].find("price");
    path = "catalog.skus[" + std::to_string(k) + "].price";
  } else if (const Tree* generate = catalog.find("generate"); generate && generate->find("price")) {
    node = generate->find("price");
    path = "catalog.generate.price";
  }
  fail(node->where, path,
       "SKU '" + top->id + "' costs " + number_text(top->price) +
           "; the recorded price is in hundredths, 32-bit, at most 21474836.47: lower it, record a level other "
           "than sku_daily, or record.variables without price");
}

}  // namespace peaksim::scn
