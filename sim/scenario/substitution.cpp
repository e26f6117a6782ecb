// Substitution on stock-out (docs/model.md, Demand): its rows of the parameter table, and the checks that span
// the scenario. A customer who finds a SKU out of stock may buy another SKU of its category instead; that needs
// a category with another SKU, a region that loses unmet demand, and the units-per-day demand path (the orders
// model picks and serves order lines its own way).
#include <algorithm>
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

std::vector<Param> substitution_rows() {
  using T = Type;
  return {
      table_row("substitution", T::list,
                "Substitution on stock-out: a customer of a region that loses unmet demand, finding a SKU of the "
                "category out of stock, buys another SKU of the category in stock, chosen by popularity, with a "
                "probability per unit (see model.md, Demand)")
          .optional(),
      table_row("substitution[].category", T::name, "The category").needed(),
      table_row("substitution[].probability", T::real, "Chance that a unit not found is bought as a substitute")
          .unit_of("probability")
          .needed()
          .above(0)
          .at_most(1),
  };
}

void build_substitution(const Tree& root, Scenario& sc) {
  const Tree* list = root.find("substitution");
  if (!list) return;
  std::vector<std::string> categories;
  for (const Sku& s : sc.skus)
    if (std::find(categories.begin(), categories.end(), s.category) == categories.end())
      categories.push_back(s.category);
  const auto& items = list->items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = index_path("substitution", i);
    const Tree& category = items[i].at("category");
    if (std::find(categories.begin(), categories.end(), category.text) == categories.end())
      fail(category.where, path + ".category",
           "no SKU has category '" + category.text + "'" + suggestion(category.text, categories, "SKU categories"));
    for (std::size_t j = 0; j < i; ++j)
      if (items[j].str("category") == category.text)
        fail(category.where, path + ".category",
             "category '" + category.text + "' is listed already at " + items[j].where);
    const auto skus = std::count_if(sc.skus.begin(), sc.skus.end(),
                                    [&category](const Sku& s) { return s.category == category.text; });
    if (skus < 2)
      fail(category.where, path + ".category",
           "category '" + category.text + "' has one SKU, so a customer has nothing to substitute it with");
    if (sc.orders)
      fail(items[i].where, path,
           "substitution works on the daily units of each SKU; the orders section draws and serves order lines its "
           "own way: remove substitution or the orders section");
    sc.substitution.push_back({category.text, to_real(items[i].at("probability"))});
  }
  const bool loses = std::any_of(sc.regions.begin(), sc.regions.end(),
                                 [](const RegionSpec& r) { return r.unmet == UnmetDemand::lost; });
  if (!loses && !items.empty())
    fail(list->where, "substitution",
         "every region backorders unmet demand (unmet: backorder), so no customer leaves to buy a substitute; "
         "substitution applies to regions with unmet: lost");
}

}  // namespace peaksim::scn
