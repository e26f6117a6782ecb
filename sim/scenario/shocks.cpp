// Demand shocks beyond a region's flat shocks (docs/model.md, Demand): viral spikes, level shifts, scheduled
// what-ifs and category-wide shocks. Their rows of the parameter table, and their building with the checks that
// span the scenario: categories exist, a what-if window meets the horizon, a level shift has one timing, and the
// orders model (which draws SKUs by fixed popularity) gets no shock that changes the mix of SKUs.
#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

Param row(std::string path, Type type, std::string meaning) {
  return table_row(std::move(path), type, std::move(meaning));
}

// Rows shared by a region's shocks and a category's: spikes and level shifts.
std::vector<Param> spike_and_shift_rows(const std::string& p) {
  using T = Type;
  return {
      row(p + ".spikes", T::section,
          "Viral spikes: each day one starts with a probability, and multiplies demand by 1 + size × "
          "exp(−(t − onset)/decay); spikes add up")
          .optional(),
      row(p + ".spikes.probability_per_day", T::real, "Chance that a spike starts on a day")
          .needed()
          .above(0)
          .at_most(1),
      row(p + ".spikes.size", T::distribution, "Extra demand on the onset day, as a share of the rate; drawn per spike")
          .unit_of("factor")
          .needed()
          .at_least(0),
      row(p + ".spikes.decay", T::duration, "Time constant of a spike's exponential decay")
          .unit_of("days")
          .needed()
          .above(0),
      row(p + ".level_shift", T::section,
          "Permanent level shifts: from a given day, or from any day with a probability, demand is multiplied by a "
          "size for the rest of the horizon; shifts compound")
          .optional(),
      row(p + ".level_shift.on", T::date, "The day of a single shift (exclusive with probability_per_day)")
          .when("one of on and probability_per_day"),
      row(p + ".level_shift.probability_per_day", T::real, "Chance that a shift happens on a day (exclusive with on)")
          .when("one of on and probability_per_day")
          .above(0)
          .at_most(1),
      row(p + ".level_shift.size", T::distribution, "Demand factor of a shift, drawn per shift")
          .unit_of("factor")
          .needed()
          .at_least(0),
  };
}

SpikeSpec to_spikes(const Tree& node) {
  SpikeSpec s;
  s.probability_per_day = to_real(node.at("probability_per_day"));
  s.size = to_distribution(node.at("size"), false);
  s.decay_days = to_days(node.at("decay"));
  return s;
}

LevelShiftSpec to_level_shift(const Tree& node, const std::string& path, const Scenario& sc) {
  LevelShiftSpec s;
  const Tree* on = node.find("on");
  const Tree* p = node.find("probability_per_day");
  if ((on != nullptr) == (p != nullptr))
    fail(node.where, path,
         on ? "give either 'on' (a single shift) or 'probability_per_day' (random shifts), not both"
            : "expected 'on' (the date of a single shift) or 'probability_per_day' (random shifts)");
  if (on) {
    const int day = *cal::Date::parse(on->text) - sc.start;
    if (day < 0 || day >= sc.horizon_days)
      fail(on->where, path + ".on",
           "the shift on " + on->text + " is outside the horizon (day " + std::to_string(day) + "; the horizon has " +
               std::to_string(sc.horizon_days) + " days from " + sc.start.to_string() + ")");
    s.day = day;
  } else {
    s.probability_per_day = to_real(*p);
  }
  s.size = to_distribution(node.at("size"), false);
  return s;
}

void to_spikes_and_shift(const Tree& node, const std::string& path, const Scenario& sc, ShockSpec& out) {
  if (const Tree* s = node.find("spikes")) out.spikes = to_spikes(*s);
  if (const Tree* l = node.find("level_shift")) out.level_shift = to_level_shift(*l, path + ".level_shift", sc);
}

void check_category(const Tree& node, const std::string& path, const std::vector<std::string>& categories) {
  if (std::find(categories.begin(), categories.end(), node.text) == categories.end())
    fail(node.where, path,
         "no SKU has category '" + node.text + "'" + suggestion(node.text, categories, "SKU categories"));
}

}  // namespace

std::vector<Param> region_shock_rows() {
  using T = Type;
  const std::string p = "sites.regions[].shocks";
  std::vector<Param> rows = spike_and_shift_rows(p);
  const std::vector<Param> what_if = {
      row(p + ".what_if", T::list,
          "Scheduled what-ifs: demand times a factor on every day from 'from' to the next 'to' (inclusive), in "
          "every year of the horizon")
          .optional(),
      row(p + ".what_if[].factor", T::real, "Demand factor in the window").unit_of("factor").needed().at_least(0),
      row(p + ".what_if[].from", T::date_rule, "First day of the window (see Date rules)").needed(),
      row(p + ".what_if[].to", T::date_rule, "Last day of the window: the first such date on or after 'from'").needed(),
      row(p + ".what_if[].category", T::name, "Only the SKUs of this category (absent: every SKU)").optional(),
  };
  rows.insert(rows.end(), what_if.begin(), what_if.end());
  return rows;
}

std::vector<Param> category_shock_rows() {
  using T = Type;
  const std::string p = "category_shocks[]";
  std::vector<Param> rows = {
      row("category_shocks", T::list,
          "Shocks of a category: one path per replication, shared by every SKU of the category in every region "
          "(see model.md, Demand)")
          .optional(),
      row(p + ".category", T::name, "The category").needed(),
      row(p + ".probability_per_day", T::real, "Chance that a flat shock starts on a day")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row(p + ".multiplier", T::distribution, "Demand factor while a flat shock lasts, drawn per shock")
          .unit_of("factor")
          .by_default("1")
          .at_least(0),
      row(p + ".duration", T::duration, "Length of a flat shock")
          .unit_of("days")
          .by_default("1d")
          .at_least(1)
          .whole("the shock duration"),
  };
  const std::vector<Param> more = spike_and_shift_rows(p);
  rows.insert(rows.end(), more.begin(), more.end());
  return rows;
}

void build_shocks(const Tree& root, Scenario& sc) {
  std::vector<std::string> categories;
  for (const Sku& s : sc.skus)
    if (std::find(categories.begin(), categories.end(), s.category) == categories.end())
      categories.push_back(s.category);
  const auto& regions = root.at("sites").at("regions").items;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const Tree& node = regions[r].at("shocks");
    const std::string path = index_path("sites.regions", r) + ".shocks";
    ShockSpec& spec = sc.regions[r].shocks;
    to_spikes_and_shift(node, path, sc, spec);
    const Tree* list = node.find("what_if");
    const std::vector<Tree> none;
    const auto& items = list ? list->items : none;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string item_path = index_path(path + ".what_if", i);
      WhatIfSpec w;
      w.factor = to_real(items[i].at("factor"));
      if (const Tree* c = items[i].find("category")) {
        check_category(*c, item_path + ".category", categories);
        w.category = c->text;
        if (sc.orders)
          fail(c->where, item_path + ".category",
               "a what-if for one category changes the mix of SKUs, which the orders section draws by fixed "
               "popularity; remove 'category' (every SKU) or the orders section");
      }
      w.windows = date_windows(items[i], item_path, sc, "what-if");
      spec.what_if.push_back(std::move(w));
    }
  }
  const Tree* list = root.find("category_shocks");
  if (!list) return;
  const auto& items = list->items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Tree& item = items[i];
    const std::string path = index_path("category_shocks", i);
    CategoryShockSpec c;
    check_category(item.at("category"), path + ".category", categories);
    c.category = item.str("category");
    c.at = {item.where, path};
    for (std::size_t j = 0; j < i; ++j)
      if (items[j].str("category") == c.category)
        fail(item.at("category").where, path + ".category",
             "category '" + c.category + "' has shocks already at " + items[j].where + "; give them in one entry");
    if (sc.orders)
      fail(item.where, path,
           "category shocks change the mix of SKUs, which the orders section draws by fixed popularity; use the "
           "regions' shocks or remove the orders section");
    c.shocks.probability_per_day = to_real(item.at("probability_per_day"));
    c.shocks.multiplier = to_distribution(item.at("multiplier"), false);
    c.shocks.duration_days = static_cast<int>(std::lround(to_days(item.at("duration"))));
    to_spikes_and_shift(item, path, sc, c.shocks);
    if (c.shocks.probability_per_day <= 0 && !c.shocks.spikes && !c.shocks.level_shift)
      fail(item.where, path,
           "the shocks of category '" + c.category +
               "' change nothing: give probability_per_day above 0, spikes or level_shift");
    sc.category_shocks.push_back(std::move(c));
  }
}

}  // namespace peaksim::scn
