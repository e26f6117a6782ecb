// Price response and pricing agents (docs/pricing.md): the rows of the parameter table for
// `catalog.price_response` (every SKU), `catalog.price_response_by_category`, `catalog.skus[].price_response`
// and the `pricing:` groups, and the checks that span keys: a form's own parameters, the ladder, the
// groups' SKUs.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/choices.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

Param row(std::string path, Type type, std::string meaning) {
  return table_row(std::move(path), type, std::move(meaning));
}

Param aliased_row(Param p, std::string alias) {
  p.alias = std::move(alias);
  return p;
}

// Which form reads which key (the others are refused).
struct FormKey {
  const char* key;
  std::vector<PriceForm> forms;
};
const std::vector<FormKey>& form_keys() {
  static const std::vector<FormKey> t = {{"elasticity", {PriceForm::constant_elasticity}},
                                         {"slope", {PriceForm::exponential, PriceForm::logit}},
                                         {"share", {PriceForm::logit}}};
  return t;
}

PriceResponse to_response(const Tree& node, const std::string& path) {
  PriceResponse r;
  r.form = to_enum<PriceForm>(node.at("form"));
  const std::string form = node.str("form");
  for (const FormKey& fk : form_keys()) {
    const bool used = std::find(fk.forms.begin(), fk.forms.end(), r.form) != fk.forms.end();
    const Entry* e = node.entry(fk.key);
    if (used && !e)
      fail(node.where, join_path(path, fk.key),
           std::string("missing required key '") + fk.key + "' (form " + form + " needs it)");
    if (!used && e)
      fail(e->where, join_path(path, fk.key),
           std::string("key '") + fk.key + "' is not used by form " + form + "; it is read by form " +
               word_of(fk.forms.front()));
    if (!e) continue;
    const double v = to_real(e->value);
    if (std::string(fk.key) == "elasticity") r.elasticity = v;
    if (std::string(fk.key) == "slope") r.slope = v;
    if (std::string(fk.key) == "share") r.share = v;
  }
  if (const Entry* e = node.entry("cross_elasticity")) r.cross_elasticity = to_real(e->value);
  if (const Tree* ref = node.find("reference")) {
    r.reference = ReferenceEffect{to_real(ref->at("memory")), to_real(ref->at("gain")), to_real(ref->at("loss"))};
    if (r.reference->gain == 0 && r.reference->loss == 0)
      fail(ref->where, path + ".reference",
           "gain and loss are both 0, so the reference price would change nothing; give gain or loss above 0");
  }
  return r;
}

// Policy dynamic's keys (low_cover, high_cover, cover_window) and its rules: prices move both ways, so
// markdown_only must be false; the two covers are needed, low below high; other policies refuse the keys.
void dynamic_keys(const Tree& item, const std::string& path, PricingGroup& g) {
  const bool dynamic = g.policy == PricingPolicy::dynamic;
  const std::string policy = word_of(PricingPolicy::dynamic);
  for (const char* key : {"low_cover", "high_cover"}) {
    const Entry* e = item.entry(key);
    if (!dynamic && e)
      fail(e->where, join_path(path, key),
           std::string("key '") + key + "' is only used with policy " + policy + "; this group's policy is " +
               item.str("policy"));
    if (dynamic && !e)
      fail(item.where, join_path(path, key),
           std::string("missing required key '") + key + "' (policy " + policy +
               " needs low_cover and high_cover, the days of cover between which the price holds)");
  }
  g.cover_window_days = int(std::lround(to_days(item.at("cover_window"))));
  if (!dynamic && g.cover_window_days != 7)
    fail(item.entry("cover_window")->where, path + ".cover_window",
         "key 'cover_window' is only used with policy " + policy + "; this group's policy is " + item.str("policy"));
  if (!dynamic) return;
  if (g.markdown_only) {
    const Entry& e = *item.entry("markdown_only");
    fail(e.where, path + ".markdown_only",
         "policy " + policy + " moves prices up as well as down, so it needs markdown_only: false; got true" +
             (e.where == item.where ? " (the default)" : ""));
  }
  g.low_cover = to_days(item.at("low_cover"));
  g.high_cover = to_days(item.at("high_cover"));
  if (g.low_cover >= g.high_cover)
    fail(item.entry("high_cover")->where, path + ".high_cover",
         "expected high_cover above low_cover (" + item.str("low_cover") +
             "), so that a cover between them holds the price; got " + item.str("high_cover"));
}

PricingGroup to_group(const Tree& item, const std::string& path, const Scenario& sc) {
  PricingGroup g;
  g.name = item.str("name");
  g.skus = selected_skus(item, path, sc, "this group prices");
  g.policy = to_enum<PricingPolicy>(item.at("policy"));
  g.review_period_days = int(std::lround(to_days(item.at("review_period"))));
  const auto& ladder = item.at("ladder").items;
  if (ladder.empty())
    fail(item.at("ladder").where, path + ".ladder", "expected at least one discount; got an empty list");
  for (std::size_t i = 0; i < ladder.size(); ++i) {
    const double d = to_real(ladder[i]);
    if (!g.ladder.empty() && d <= g.ladder.back())
      fail(ladder[i].where, index_path(path + ".ladder", i),
           "expected discounts by increasing size (each step a lower price than the one before); got " +
               ladder[i].text + " after " + ladder[i - 1].text);
    g.ladder.push_back(d);
  }
  if (const Entry* initial = item.entry("initial_discount")) {
    const double d = to_real(initial->value);
    const auto at = std::find(g.ladder.begin(), g.ladder.end(), d);
    if (at == g.ladder.end())
      fail(initial->where, path + ".initial_discount",
           "expected one of the ladder's discounts; got " + initial->value.text);
    g.initial_step = int(at - g.ladder.begin());
  }
  g.markdown_only = item.str("markdown_only") == "true";
  if (g.markdown_only && g.initial_step > 0)
    fail(item.entry("initial_discount")->where, path + ".initial_discount",
         "with markdown_only prices never go back up, so the season starts at the ladder's first step (" +
             ladder.front().text + "); got " + item.str("initial_discount") + ", which leaves " +
             std::to_string(g.initial_step) +
             " higher step(s) never used: drop them from the ladder or set "
             "markdown_only: false");
  g.min_margin = to_real(item.at("min_margin"));
  g.max_changes_per_week = int(*parse_integer(item.str("max_changes_per_week")));
  g.cover_factor = to_real(item.at("cover_factor"));
  if (g.policy != PricingPolicy::markdown_rule && g.cover_factor != 1.0)
    fail(item.entry("cover_factor")->where, path + ".cover_factor",
         std::string("key 'cover_factor' is only used with policy ") + word_of(PricingPolicy::markdown_rule) +
             "; this group's policy is " + item.str("policy"));
  dynamic_keys(item, path, g);
  g.expected_demand = to_enum<ExpectedDemandSource>(item.at("expected_demand"));
  return g;
}

}  // namespace

std::vector<Param> pricing_catalog_rows() {
  using T = Type;
  const std::string f = "catalog.price_response";
  return {
      row(f, T::section,
          "How every SKU's demand rate moves with its price: rate x f(price / list price) (docs/model.md, Price "
          "response); a SKU's own or its category's replaces it; none: demand ignores price")
          .optional(),
      row(f + ".form", T::choice, "The shape of f").needed().of_words<PriceForm>(),
      row(f + ".elasticity", T::real, "constant_elasticity: the exponent of r = price / list price")
          .unit_of("factor")
          .when("required by form constant_elasticity")
          .below(0),
      row(f + ".slope", T::real, "exponential, logit: the fall of log demand per unit of r")
          .unit_of("factor")
          .when("required by forms exponential, logit")
          .above(0),
      row(f + ".share", T::real, "logit: the SKU's share of its market at the list price")
          .unit_of("share")
          .when("required by form logit")
          .above(0)
          .below(1),
      row(f + ".cross_elasticity", T::real,
          "Substitutes: demand also x (geometric mean of the price ratios of the category's other SKUs)^this, any "
          "form")
          .unit_of("factor")
          .optional()
          .above(0),
      row(f + ".reference", T::section,
          "Reference price: it follows the SKU's past prices, and demand also x exp(-gain or loss x (price - "
          "reference) / reference), any form (docs/model.md, Price response)")
          .optional(),
      row(f + ".reference.memory", T::real,
          "Weight of yesterday's reference in today's: reference = memory x reference + (1 - memory) x yesterday's "
          "price")
          .unit_of("share")
          .needed()
          .at_least(0)
          .below(1),
      row(f + ".reference.gain", T::real, "Sensitivity to a price below the reference (a gain)")
          .unit_of("factor")
          .by_default("0")
          .at_least(0),
      row(f + ".reference.loss", T::real,
          "Sensitivity to a price above the reference (a loss; loss aversion: above gain)")
          .unit_of("factor")
          .by_default("0")
          .at_least(0),
      aliased_row(row("catalog.price_response_by_category", T::named_map,
                      "Price response per category name, replacing catalog.price_response there; same keys")
                      .optional(),
                  f),
      aliased_row(row("catalog.skus[].price_response", T::section,
                      "This SKU's own price response, replacing its category's and catalog.price_response; same keys")
                      .optional(),
                  f),
  };
}

std::vector<Param> pricing_rows() {
  using T = Type;
  const std::string g = "pricing[]";
  return {
      row("pricing", T::list,
          "Pricing agents, one per group of SKUs: each sets its SKUs' prices at its reviews, before the day's "
          "demand (docs/pricing.md); none: list prices all season")
          .optional(),
      row(g + ".name", T::name, "Name of the group, in results and messages").needed(),
      row(g + ".category", T::name, "The group's SKUs: those of this category (or give skus)").optional(),
      row(g + ".skus", T::names, "The group's SKUs by id (or give category)").optional(),
      row(g + ".policy", T::choice, "How it sets prices")
          .by_default(word_of(PricingPolicy::fixed))
          .of_words<PricingPolicy>(),
      row(g + ".review_period", T::duration, "Days between price reviews, the first on day 0")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("the review period"),
      row(g + ".ladder", T::numbers,
          "The prices allowed, as discounts off the list price by increasing size (0 is the list price; a "
          "negative discount is a surcharge, down to -1: twice the list price)")
          .unit_of("share")
          .needed()
          .at_least(-1)
          .below(1),
      row(g + ".initial_discount", T::real, "The ladder step of day 0 (default: the first)")
          .unit_of("share")
          .optional()
          .at_least(-1)
          .below(1),
      row(g + ".markdown_only", T::boolean, "Prices never go back up (seasonal items); false with policy dynamic")
          .by_default("true"),
      row(g + ".min_margin", T::real,
          "Lowest markup over unit cost: a step priced below cost x (1 + min_margin) is never used")
          .unit_of("share")
          .by_default("0")
          .at_least(0),
      row(g + ".max_changes_per_week", T::integer, "Most price changes of a SKU within any 7 days")
          .unit_of("changes")
          .by_default("1")
          .at_least(1),
      row(g + ".cover_factor", T::real,
          "markdown_rule: mark down one step when weeks of supply exceed cover_factor x the weeks left")
          .unit_of("factor")
          .by_default("1")
          .above(0),
      row(g + ".low_cover", T::duration,
          "dynamic: one step up (toward the list price or above) when the network's days of cover fall below this")
          .unit_of("days")
          .when("required by policy dynamic")
          .at_least(0),
      row(g + ".high_cover", T::duration,
          "dynamic: one step down when the network's days of cover exceed this (above low_cover)")
          .unit_of("days")
          .when("required by policy dynamic")
          .above(0),
      row(g + ".cover_window", T::duration,
          "dynamic: the days ahead whose expected demand at the price in force gives the daily rate of the cover")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("the cover window"),
      row(g + ".expected_demand", T::choice,
          "What markdown_rule and markdown_dp plan with: the demand model, or the forecast service's forecast of "
          "the rest of the season (needs a forecast section; docs/pricing.md)")
          .by_default(word_of(ExpectedDemandSource::model))
          .of_words<ExpectedDemandSource>(),
  };
}

void build_pricing(const Tree& root, Scenario& sc) {
  const Tree& catalog = root.at("catalog");
  std::optional<PriceResponse> all;
  if (const Tree* r = catalog.find("price_response")) all = to_response(*r, "catalog.price_response");
  std::map<std::string, PriceResponse> by_category;
  std::vector<std::string> categories;
  for (const Sku& s : sc.skus) categories.push_back(s.category);
  std::sort(categories.begin(), categories.end());  // each category once, for the lookup and the message
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  const Tree* per_category = catalog.find("price_response_by_category");
  for (const Entry& e : per_category ? per_category->entries : std::vector<Entry>{}) {
    const std::string path = "catalog.price_response_by_category." + e.key;
    if (!std::binary_search(categories.begin(), categories.end(), e.key))
      fail(e.where, path, "unknown category '" + e.key + "'" + suggestion(e.key, categories, "categories"));
    by_category[e.key] = to_response(e.value, path);
  }
  const auto& listed = catalog.at("skus").items;
  const std::size_t generated = sc.skus.size() - listed.size();
  // Where each SKU's cross elasticity is written (its response's block), to refuse one that never acts.
  std::vector<std::pair<const Tree*, std::string>> cross_at(sc.skus.size(), {nullptr, ""});
  const auto cross_of = [](const Tree* block, const std::string& path) {
    return std::pair<const Tree*, std::string>{block && block->entry("cross_elasticity") ? block : nullptr, path};
  };
  // Where each SKU's response is written, to refuse a reference that never acts.
  std::vector<std::pair<const Tree*, std::string>> response_at(sc.skus.size(), {nullptr, ""});
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    Sku& sku = sc.skus[k];
    sku.price_response = all;
    cross_at[k] = cross_of(catalog.find("price_response"), "catalog.price_response");
    response_at[k] = {catalog.find("price_response"), "catalog.price_response"};
    if (const auto it = by_category.find(sku.category); it != by_category.end()) {
      sku.price_response = it->second;
      cross_at[k] = cross_of(&per_category->at(sku.category), "catalog.price_response_by_category." + sku.category);
      response_at[k] = {&per_category->at(sku.category), "catalog.price_response_by_category." + sku.category};
    }
    if (k >= generated)
      if (const Tree* own = listed[k - generated].find("price_response")) {
        const std::string path = index_path("catalog.skus", k - generated) + ".price_response";
        sku.price_response = to_response(*own, path);
        cross_at[k] = cross_of(own, path);
        response_at[k] = {own, path};
      }
  }

  const Tree* section = root.find("pricing");
  const std::vector<Tree> none;
  const auto& items = section ? section->items : none;
  std::vector<int> group_of(sc.skus.size(), -1);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = index_path("pricing", i);
    PricingGroup g = to_group(items[i], path, sc);
    if (std::find(names.begin(), names.end(), g.name) != names.end())
      fail(items[i].at("name").where, path + ".name", "pricing group '" + g.name + "' is named twice");
    names.push_back(g.name);
    for (int k : g.skus) {
      if (group_of[std::size_t(k)] >= 0)
        fail(items[i].where, path,
             "SKU '" + sc.skus[std::size_t(k)].id + "' is already priced by group '" +
                 sc.pricing[std::size_t(group_of[std::size_t(k)])].name + "'; a SKU has one pricing agent");
      group_of[std::size_t(k)] = int(i);
    }
    sc.pricing.push_back(std::move(g));
  }
  build_promotions(root, sc);
  // A SKU whose price moves: priced by a group or promoted.
  std::vector<bool> moves(sc.skus.size(), false);
  for (std::size_t k = 0; k < sc.skus.size(); ++k) moves[k] = group_of[k] >= 0;
  for (const PromotionSpec& p : sc.promotions)
    for (const int k : p.skus) moves[std::size_t(k)] = true;
  // Continuous customers are drawn right after the previous day's last one, before the day's prices are set.
  if (!sc.pricing.empty() || !sc.promotions.empty())
    for (std::size_t r = 0; r < sc.regions.size(); ++r)
      if (sc.regions[r].arrivals == Arrivals::continuous) {
        const Tree& region = root.at("sites").at("regions").items[r];
        fail(region.at("arrivals").where, index_path("sites.regions", r) + ".arrivals",
             "region '" + sc.regions[r].name +
                 "' draws its customers of a day before that day's prices are set (arrivals continuous); with "
                 "pricing or promotions, customers must arrive in the 06:00 batch (arrivals daily)");
      }
  // Without a pricing agent or a promotion every price stays the list price, where every form's factor is 1.
  if (sc.pricing.empty() && sc.promotions.empty())
    for (const char* key : {"price_response", "price_response_by_category"})
      if (const Entry* e = catalog.entry(key); e && !(e->value.is_map() && e->value.entries.empty()))
        fail(e->where, std::string("catalog.") + key,
             "no pricing group or promotion sets a price, so every SKU sells at its list price, where demand is "
             "the same for any price response; add a pricing or promotions section or remove this key");
  // A cross elasticity acts only through another SKU of the category whose price a group moves.
  std::map<std::string, int> priced;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) priced[sc.skus[k].category] += moves[k] ? 1 : 0;
  std::map<const Tree*, bool> acts;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    if (!cross_at[k].first) continue;
    const bool rival = priced[sc.skus[k].category] > (moves[k] ? 1 : 0);
    acts[cross_at[k].first] = acts[cross_at[k].first] || rival;
  }
  for (std::size_t k = 0; k < sc.skus.size(); ++k)
    if (cross_at[k].first && !acts[cross_at[k].first]) {
      const Entry* e = cross_at[k].first->entry("cross_elasticity");
      fail(e->where, cross_at[k].second + ".cross_elasticity",
           "no other SKU of category '" + sc.skus[k].category +
               "' has a pricing group or a promotion, so the prices this SKU's demand follows never move; price a "
               "rival of the same category or remove this key");
    }
  // A reference acts only on a SKU whose own price moves (it starts at the list price and stays there otherwise).
  std::map<const Tree*, bool> reference_acts;
  for (std::size_t k = 0; k < sc.skus.size(); ++k)
    if (response_at[k].first && response_at[k].first->find("reference"))
      reference_acts[response_at[k].first] = reference_acts[response_at[k].first] || moves[k];
  for (std::size_t k = 0; k < sc.skus.size(); ++k)
    if (const auto& [block, path] = response_at[k]; block && block->find("reference") && !reference_acts[block])
      fail(block->at("reference").where, path + ".reference",
           "no SKU this reference applies to has a pricing group or a promotion, so its price never leaves the "
           "reference; price or promote one of them or remove this key");
}

}  // namespace peaksim::scn
