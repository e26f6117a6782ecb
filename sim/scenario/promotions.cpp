// Scheduled promotions (docs/pricing.md, Promotions): the rows of the `promotions` section, and its checks:
// the SKUs (a list or a category, none priced by a pricing group), the windows (dates as elsewhere, inclusive,
// within the horizon), no two promotions on one SKU on one day, and a promotion that changes something.
#include <algorithm>
#include <string>

#include "sim/calendar/festivals.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

cal::DateRule rule_of(const Tree& node) { return std::get<cal::DateRule>(cal::parse_date_rule(node.text)); }

// Every window [an occurrence of `from`, the first occurrence of `to` on or after it], clipped to the horizon.
std::vector<std::pair<int, int>> windows(const Tree& item, const std::string& path, const Scenario& sc) {
  const cal::DateRule from = rule_of(item.at("from")), to = rule_of(item.at("to"));
  if (from.kind == cal::DateRule::Kind::once && to.kind == cal::DateRule::Kind::once && to.date < from.date)
    fail(item.at("to").where, path + ".to",
         "the promotion ends on " + to.text + ", before it starts (from " + from.text +
             "); 'to' is its last day, on or after 'from'");
  const cal::Date last = sc.start + (sc.horizon_days - 1);
  std::vector<std::pair<int, int>> out;
  for (cal::Date f : cal::occurrences(from, sc.start - 366, last)) {
    const std::vector<cal::Date> ends = cal::occurrences(to, f, f + 366);
    if (ends.empty())
      fail(item.at("to").where, path + ".to",
           "no date of '" + to.text + "' falls on or within a year after " + f.to_string() + " (a date of '" +
               from.text + "'); a promotion runs from 'from' to the first 'to' on or after it");
    const int a = std::max(0, f - sc.start), b = std::min(sc.horizon_days - 1, ends.front() - sc.start);
    if (a <= b) out.emplace_back(a, b);
  }
  if (out.empty())
    fail(item.where, path,
         "the promotion from '" + from.text + "' to '" + to.text + "' never meets the horizon (" +
             sc.start.to_string() + " to " + last.to_string() + "), so it would change nothing");
  return out;
}

std::vector<int> promoted_skus(const Tree& item, const std::string& path, const Scenario& sc) {
  const Entry* category = item.entry("category");
  const Entry* skus = item.entry("skus");
  if (!category == !skus)
    fail(item.where, path,
         category ? "give either category or skus, not both"
                  : "missing required key 'category' or 'skus' (the SKUs this promotion discounts)");
  std::vector<int> out;
  if (category) {
    std::vector<std::string> known;
    for (const Sku& s : sc.skus)
      if (std::find(known.begin(), known.end(), s.category) == known.end()) known.push_back(s.category);
    const std::string& word = category->value.text;
    if (std::find(known.begin(), known.end(), word) == known.end())
      fail(category->where, path + ".category",
           "unknown category '" + word + "'" + suggestion(word, known, "categories"));
    for (std::size_t k = 0; k < sc.skus.size(); ++k)
      if (sc.skus[k].category == word) out.push_back(int(k));
    return out;
  }
  std::vector<std::string> ids;
  for (const Sku& s : sc.skus) ids.push_back(s.id);
  for (std::size_t i = 0; i < skus->value.items.size(); ++i) {
    const Tree& id = skus->value.items[i];
    const auto it = std::find(ids.begin(), ids.end(), id.text);
    if (it == ids.end())
      fail(id.where, index_path(path + ".skus", i), "unknown SKU '" + id.text + "'" + suggestion(id.text, ids, "SKUs"));
    if (std::find(out.begin(), out.end(), int(it - ids.begin())) != out.end())
      fail(id.where, index_path(path + ".skus", i), "SKU '" + id.text + "' is listed twice");
    out.push_back(int(it - ids.begin()));
  }
  if (out.empty()) fail(skus->where, path + ".skus", "expected at least one SKU; got an empty list");
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

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
    p.skus = promoted_skus(item, path, sc);
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
    p.windows = windows(item, path, sc);
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
