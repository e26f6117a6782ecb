// What several sections select the same way: SKUs by `category` or `skus` (pricing groups, promotions), and
// windows of days from a `from` and a `to` date rule (what-if shocks, promotions).
#include <algorithm>
#include <string>

#include "sim/calendar/festivals.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

cal::DateRule rule_of(const Tree& node) { return std::get<cal::DateRule>(cal::parse_date_rule(node.text)); }

}  // namespace

std::vector<int> selected_skus(const Tree& item, const std::string& path, const Scenario& sc,
                               const std::string& purpose) {
  const Entry* category = item.entry("category");
  const Entry* skus = item.entry("skus");
  if (!category == !skus)
    fail(item.where, path,
         category ? "give either category or skus, not both"
                  : "missing required key 'category' or 'skus' (the SKUs " + purpose + ")");
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

std::vector<std::pair<int, int>> date_windows(const Tree& item, const std::string& path, const Scenario& sc,
                                              const std::string& noun) {
  const cal::DateRule from = rule_of(item.at("from")), to = rule_of(item.at("to"));
  if (from.kind == cal::DateRule::Kind::once && to.kind == cal::DateRule::Kind::once && to.date < from.date)
    fail(item.at("to").where, path + ".to",
         "the " + noun + " ends on " + to.text + ", before it starts (from " + from.text +
             "); 'to' is its last day, on or after 'from'");
  const cal::Date last = sc.start + (sc.horizon_days - 1);
  std::vector<std::pair<int, int>> out;
  for (cal::Date f : cal::occurrences(from, sc.start - 366, last)) {
    const std::vector<cal::Date> ends = cal::occurrences(to, f, f + 366);
    if (ends.empty())
      fail(item.at("to").where, path + ".to",
           "no date of '" + to.text + "' falls on or within a year after " + f.to_string() + " (a date of '" +
               from.text + "'); a " + noun + " runs from 'from' to the first 'to' on or after it");
    const int a = std::max(0, f - sc.start), b = std::min(sc.horizon_days - 1, ends.front() - sc.start);
    if (a <= b) out.emplace_back(a, b);
  }
  if (out.empty())
    fail(item.where, path,
         "the " + noun + " from '" + from.text + "' to '" + to.text + "' never meets the horizon (" +
             sc.start.to_string() + " to " + last.to_string() + "), so it would change nothing");
  return out;
}

}  // namespace peaksim::scn
