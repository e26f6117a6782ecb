// docs/scenarios.md, generated from the parameter table so the reference cannot drift.
#include <fmt/format.h>

#include "sim/calendar/festivals.hpp"
#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim {
namespace {

std::string cell(std::string text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string table(const std::vector<const scn::Param*>& rows) {
  std::string out = "| Key | Type | Unit | Default | Allowed | Meaning |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const auto* p : rows)
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", p->path, scn::type_name(*p), cell(p->unit),
                       cell(scn::default_text(*p)), cell(scn::allowed(*p)), cell(p->meaning));
  return out;
}

bool is_container(const scn::Param& p) {
  return p.type == scn::Type::section || p.type == scn::Type::list || p.type == scn::Type::named_map;
}

std::string top(const std::string& path) { return path.substr(0, path.find_first_of(".[")); }

const char* kIntro = R"md(# Scenario reference

<!-- Generated from the parameter table in sim/scenario/schema.cpp: `peaksim schema > docs/scenarios.md`.
     Do not edit by hand; a unit test fails when this file and the table differ. -->

A scenario is one YAML file: a map of the keys below. Unknown keys are errors (with a suggestion
for near misses), and every problem is reported as `FILE:LINE:COLUMN: key.path: message`.
Defaults are filled in and the complete, resolved scenario is stored with the results.

Every key listed here is read. A test (`tests/e2e/test_every_key_is_read.cpp`) walks this table
and, for each key, runs one replication of a small world with and one without a non-default value
of that key, on a base where the key matters (`dispersion` with negative_binomial demand, `Q` with
an (s,Q) policy, ...), and requires different results; a key added to the table without such a
case fails it. The few keys that by design only label or count runs (`name`, `description`,
`replications`, `calendar.events[].name`) are listed there with their reason. A key that would be
ignored without another key's value is an error (see Rules across keys).

Key paths write list items as `[]`. `policy_by_category.<category>` and `catalog.skus[].policy`
take the same keys as `policy`.

Besides each key's own bounds (column Allowed), every duration is 0 or between 1s and 36500d in size, every
plain number at most 1e12 in size, and a file holds at most 16 MiB and 2,000,000 values once YAML aliases are
expanded; what a run could not hold (a day's demand, a recorded cell, a formula's level, its memory) is refused
before it starts. The limits and their reasons: docs/reliability.md, Scenario input.

`peaksim run` and `peaksim validate` edit the file before it is checked, with repeatable options applied in
the order given (each sees the ones before it):

- `--set KEY=VALUE`: VALUE is read as YAML and replaces what KEY holds; list items are addressed by index and
  missing maps are created: `--set catalog.generate.count=50`, `--set sites.warehouses.0.initial_stock="2*S"`
  (or `sites.warehouses[0].initial_stock`). A flow map `{...}` or list `[...]` replaces the whole map or list, so
  no key of the old one is left over: `--set 'policy={type: base_stock, S: 40}'` (where `--set
  policy.type=base_stock` alone keeps the sS keys, which base_stock refuses),
  `--set 'catalog.skus[0].policy={type: RS, review_period: 7d, S: 60}'`, `--set calendar.weekly=[1,1,1,1,1,1.2,1.2]`.
- `--set 'LIST[+]=VALUE'` appends VALUE as a new last item (a missing list is created):
  `--set 'calendar.events[+]={name: summer, date: 2025-06-18, multiplier: 2}'`. `[+]` ends the key;
  `[]` names no item and is refused.
- `--unset KEY` deletes a key (its default applies again, if it has one) or a list item (later items move up):
  `--unset costs.order_fixed`, `--unset 'calendar.events[0]'`. A null value, `--set KEY=~`, is refused with
  this advice; empty text is `--set "description=''"`.

Each problem is one message at the edit that made it (`--set KEY=VALUE: key.path: ...`, `--unset KEY: ...`):
an unknown key (with the nearest name), an index past the end, `[+]` on a map or a number, a key to delete
that is not there, a required key deleted. The file records the edits in order (`/provenance/overrides`,
docs/output.md).

## Value types

| Type | Written as |
| --- | --- |
| string | any text |
| name | letters, digits and `_ . : -` |
| int, real | a number; bounds are in the Allowed column |
| bool | `true` or `false` |
| date | `YYYY-MM-DD` |
| duration | a number and a unit `s`, `m` (minutes), `h`, `d` or `w`: `3d`, `12h`, `1.5d`; in days (`12h` = 0.5) |
| enum | one of the listed words |
| formula | a number, or a formula such as `"ceil(4*m + 4*sqrt(m))"` in the listed variables (see Formulas) |
| date rule | see Date rules |
| distribution | a plain value (a constant), or a distribution map (see Distributions) |
| value source | a number, a formula, or a distribution map |
)md";

const char* kFormulas = R"md(
## Formulas

Formulas are muParser expressions: `+ - * / ^`, comparisons, `?:`, `sqrt`, `exp`, `ln`, `log`
(also natural), `log10`, `abs`, `min`, `max`, `sum`, `avg`, and `ceil`, `floor`, `round` (halves
away from zero) and `mod(a, b)` (the sign of `b`: `mod(-1, 20)` = 19). They are checked when the
scenario loads; the agents evaluate them per SKU and warehouse.

| Variable | Meaning |
| --- | --- |
| `i` | SKU index, 0-based over all SKUs (generated first, then listed) |
| `m` | baseline mean daily demand at the warehouse: SKU rate × sum of `scale` of the regions it serves |
| `L` | mean lead time, in days, of the warehouse's inbound lane |
| `R` | review period in days |
| `price`, `cost` | the SKU's price and cost |
| `s`, `S` | the policy's computed levels: `S` and `Q` may use `s` (sS, sQ; rQ: `r`); `initial_stock` may use both |
| `mu_window`, `sd_window` | the calendar's expected demand at the warehouse over the days `t+1 .. t+P` of a review on day `t`, `P = R + max(L, 1) - 1` (a fractional last day weighted by its fraction), and its standard deviation under the regions' demand law; levels that use them are evaluated again at every review (model.md, Peak-aware replenishment); `initial_stock` sees day 0's; not in rQ |
| `mu_event`, `sd_event` | in `prebuy[].quantity`: the same over the days from the one after the prebuy to the last of the event's peak window |
| `position`, `newsvendor` | in `prebuy[].quantity`: the SKU's inventory position when the prebuy is placed, and `max(0, q - position)` with `q` the critical-ratio quantile of that demand, ratio `(price - cost) / (price - salvage)` |
| `rate` | in `catalog.generate.price` and `.cost`: the SKU's generated rate |

## Distributions

A distribution map names its `dist` and exactly the keys that dist uses:

| dist | keys |
| --- | --- |
| constant | `value` |
| uniform | `min`, `max` (min <= max) |
| normal | `mean`, `cv` (standard deviation = cv × mean) |
| gamma | `mean`, `cv` > 0 |
| lognormal | `mean`, `cv` > 0 |
| discrete | `values`, `probabilities` (one per value, summing to 1) |
| exponential | `mean` (−mean · ln U) |

Lead times and pick times are durations (`{dist: gamma, mean: 5d, cv: 0.3}`, `{dist: exponential,
mean: 90s}`; `cv` stays a plain ratio) and a plain duration (`3d`, `90s`) is a constant.
Elsewhere the values are plain numbers.
A generated catalog attribute drawn from a distribution uses the random stream
(seed, structure replication, "catalog", attribute, i): the catalog is the same in every
replication and does not depend on the order of the attributes.

## Date rules

`calendar.events[].date` is one of: a built-in name (@BUILTINS@); `MM-DD`, every year;
`lunar:MM-DD`, every year on that day of the Chinese lunar calendar; `YYYY-MM-DD`, once.

## Rules across keys

@POLICY_RULES@- The `forecast` section is required when some SKU's policy is forecast_order_up_to, and an error
  when none is. `forecast.history` must be at least `period` (seasonal_naive), 3 days
  (holt_damped), `2 x period` (Holt-Winters) or `window` (moving_average).
- A key that would be ignored is an error unless it holds its default: `trigger` with a policy type
  without a reorder point (only @REORDER_TYPES@ have one), `review_period` with a policy type that does
  not review periodically (@NOT_PERIODIC@),
  `forecast.weights` with a model other than global, `forecast.window` with a model other than
  moving_average, `forecast.refit_every` with model global (never refitted).
- A SKU with policy newsvendor_preseason needs `salvage <= cost < price`.
- A SKU's policy at a warehouse is the warehouse's `policy_by_category` entry for its category, else the
  warehouse's `policy`, else the SKU's own `policy`, else its category's entry in `policy_by_category`, else
  `policy`. Every name in a `policy_by_category` must be the category of some SKU.
@DEMAND_RULES@- Site names are unique across suppliers, warehouses and regions.
- Every warehouse has one lane into it from another warehouse, or lanes from one or more suppliers (at
  most one from each); every region exactly one lane from a warehouse (several, each pair once, with an
  `orders` section); every supplier has a lane; no other lanes are allowed. Lanes between warehouses form no cycle: each warehouse
  is fed, through them, from a supplier.
- `allocation` is an error on a warehouse with no lane to a warehouse. A warehouse with a lane to a
  warehouse (a distribution centre) takes only periodic-review policies that read no demand history or
  forecast (not rQ, moving_average, forecast_order_up_to); a warehouse fed by a warehouse takes no rQ.
- A warehouse with several supplier lanes needs a `sourcing` other than single, one with a single lane
  needs single; a `sourcing_by_category` rule names a category of some SKU, once, and is not single.
- `carriers` go on supplier -> warehouse lanes, and on warehouse -> region lanes with an `orders` section
  (never between two warehouses); a carrier has at least one pickup day, and its
  `outage_days` are whole days of the horizon; a carrier's own `cutoffs` (at least one) go on warehouse ->
  region lanes only. `price_breaks` are by increasing `min_units`.
  `late_by` other than its default needs `on_time_probability` below 1.
- With an rQ SKU (orders ship at once, bypassing suppliers and carriers), no lane has carriers, no
  warehouse has several supplier lanes, and no supplier has lateness, partial fills or price breaks.
- A `price_response` takes the keys of its `form` only (`elasticity`; `slope`; `slope` and `share`) and needs a
  `pricing` section (without one every price is the list price). A pricing group gives `category` or `skus`,
  names SKUs of the catalog, and no SKU is in two groups; its `ladder` discounts increase; `initial_discount` is
  a ladder step, the first with `markdown_only`; `cover_factor` is for markdown_rule only; `low_cover`,
  `high_cover` and `cover_window` are for dynamic only, which needs both covers, `low_cover` below `high_cover`,
  and `markdown_only: false`. With pricing, every region's customers arrive daily.
- SKU ids are unique, listed ones also against generated ones; the catalog has at least one SKU.
- `horizon`, `review_period`, `window`, `cover_window` and the event windows are whole days.
)md";

// Puts `text` where `marker` stands in `doc` (each marker stands once).
void replace_marker(std::string& doc, std::string_view marker, const std::string& text) {
  doc.replace(doc.find(marker), marker.size(), text);
}

}  // namespace

std::string scenario_reference_markdown() {
  std::string out = kIntro;
  std::vector<const scn::Param*> top_level;
  for (const auto& p : scn::parameters())
    if (p.parent.empty() && !is_container(p)) top_level.push_back(&p);
  out += "\n## Top-level keys\n\n" + table(top_level);

  std::string current;
  std::vector<const scn::Param*> rows;
  auto flush = [&] {
    if (!rows.empty()) out += "\n## `" + current + "`\n\n" + table(rows);
    rows.clear();
  };
  for (const auto& p : scn::parameters()) {
    if (p.parent.empty() && !is_container(p)) continue;
    if (top(p.path) != current) {
      flush();
      current = top(p.path);
    }
    rows.push_back(&p);
  }
  flush();
  out += "\n## Choices\n\nWhat each word of an enumerated key means.\n";
  for (const auto& p : scn::parameters()) {
    if (p.choice_meanings.empty()) continue;
    out += "\n`" + p.path + "`:\n\n| Word | Meaning |\n| --- | --- |\n";
    for (std::size_t i = 0; i < p.choices.size(); ++i)
      out += fmt::format("| `{}` | {} |\n", p.choices[i], cell(p.choice_meanings[i]));
  }
  std::string tail = kFormulas;
  std::vector<std::string> names;
  for (const auto& n : cal::builtin_rule_names()) names.push_back("`" + n + "`");
  replace_marker(tail, "@BUILTINS@", scn::join(names));
  std::string demand_rules;
  for (const scn::ModelKey& mk : scn::demand_model_keys())
    demand_rules +=
        fmt::format("- `{}` is required when `demand` is {} and an error otherwise.\n", mk.key, scn::word_of(mk.model));
  replace_marker(tail, "@POLICY_RULES@", policy_rules_markdown());
  // The policy types each rule names, from their descriptors (as validation reads them).
  std::vector<std::string> not_periodic;
  for (const auto& w : policy_type_words([](const PolicyTypeInfo& t) { return t.review == Review::continuous; }))
    not_periodic.push_back(w + " reviews after every demand event");
  for (const auto& w : policy_type_words([](const PolicyTypeInfo& t) { return t.review == Review::none; }))
    not_periodic.push_back(w + " never reviews");
  replace_marker(tail, "@REORDER_TYPES@",
                 scn::join_and(policy_type_words([](const PolicyTypeInfo& t) { return !t.reorder_key.empty(); })));
  replace_marker(tail, "@NOT_PERIODIC@", scn::join(not_periodic));
  replace_marker(tail, "@DEMAND_RULES@", demand_rules);
  return out + tail;
}

}  // namespace peaksim
