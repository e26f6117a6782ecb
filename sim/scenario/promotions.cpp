// Scheduled promotions (docs/pricing.md, Promotions): the rows of the `promotions` section, and its checks:
// the SKUs (a list or a category, none priced by a pricing group), the windows (dates as elsewhere, inclusive,
// within the horizon), no two promotions on one SKU on one day, and a promotion that changes something.
#include <algorithm>
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

std::vector<Param> promotion_rows() {
  using T = Type;
  const std::string p = "promotions[]";
  return {
      table_row("promotions", T::list,
                "Scheduled promotions: on the days from 'from' to 'to' (inclusive, in every year of the horizon) "
                "the SKUs sell at list price x (1 - discount) and their demand takes an extra factor lift "
                "(docs/pricing.md)")
          .optional(),
      table_row(p + ".name", T::name, "Name of the promotion, in messages").needed(),
      table_row(p + ".category", T::name, "The promoted SKUs: those of this category (or give skus)").optional(),
      table_row(p + ".skus", T::names, "The promoted SKUs by id (or give category)").optional(),
      table_row(p + ".from", T::date_rule, "First day of the promotion (see Date rules)").needed(),
      table_row(p + ".to", T::date_rule, "Last day of the promotion: the first such date on or after 'from'").needed(),
      table_row(p + ".discount", T::real, "Discount off the list price during the promotion")
          .unit_of("share")
          .by_default("0")
          .at_least(0)
          .below(1),
      table_row(p + ".lift", T::real,
                "Extra demand factor during the promotion (feature and display), on top of the price response")
          .unit_of("factor")
          .by_default("1")
          .above(0),
  };
}

void build_promotions(const Tree& root, Scenario& sc) {
  const Tree* section = root.find("promotions");
  if (!section) return;
  std::vector<int> group_of(sc.skus.size(), -1);
  for (std::size_t g = 0; g < sc.pricing.size(); ++g)
    for (const int k : sc.pricing[g].skus) group_of[std::size_t(k)] = int(g);
  const auto& items = section->items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Tree& item = items[i];
    const std::string path = index_path("promotions", i);
    PromotionSpec p;
    p.name = item.str("name");
    for (const PromotionSpec& q : sc.promotions)
      if (q.name == p.name) fail(item.at("name").where, path + ".name", "promotion '" + p.name + "' is named twice");
    p.skus = selected_skus(item, path, sc, "this promotion discounts");
    p.discount = to_real(item.at("discount"));
    p.lift = to_real(item.at("lift"));
    if (p.discount == 0 && p.lift == 1)
      fail(item.where, path,
           "promotion '" + p.name +
               "' has no discount and a lift of 1, so it would change nothing; give a discount "
               "above 0 or a lift other than 1");
    // A promotion sets its SKUs' prices itself: a pricing agent setting them too would fight it.
    for (const int k : p.skus)
      if (const int g = group_of[std::size_t(k)]; g >= 0)
        fail(item.where, path,
             "SKU '" + sc.skus[std::size_t(k)].id + "' is priced by pricing group '" + sc.pricing[std::size_t(g)].name +
                 "'; a promotion sets its SKUs' prices itself, so promote only SKUs no pricing group prices");
    p.windows = date_windows(item, path, sc, "promotion");
    // One promotion per SKU and day: the price and the lift of a day are one promotion's.
    for (std::size_t j = 0; j < sc.promotions.size(); ++j) {
      const PromotionSpec& q = sc.promotions[j];
      for (const int k : p.skus) {
        if (std::find(q.skus.begin(), q.skus.end(), k) == q.skus.end()) continue;
        for (const auto& [a, b] : p.windows)
          for (const auto& [c, d] : q.windows)
            if (a <= d && c <= b)
              fail(item.where, path,
                   "promotion '" + p.name + "' and promotion '" + q.name + "' (" + items[j].where +
                       ") both promote SKU '" + sc.skus[std::size_t(k)].id + "' on " +
                       (sc.start + std::max(a, c)).to_string() +
                       "; a SKU has one promotion on a day: move one window or drop the SKU from one");
      }
    }
    sc.promotions.push_back(std::move(p));
  }
}

}  // namespace peaksim::scn
