// The parameter table: every scenario key declared once, with its type, unit, default, allowed
// values and meaning. The validator, the defaults and docs/scenarios.md all come from it.
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/choices.hpp"

namespace peaksim::scn {

enum class Type {
  section,    // a map of the keys declared under it
  list,       // a list of such maps
  named_map,  // a map from names to maps of the keys declared under `alias`
  string,
  name,  // identifier: [A-Za-z0-9_.:-]+
  integer,
  real,
  boolean,
  date,          // YYYY-MM-DD
  duration,      // number + unit (s, m, h, d, w), in days
  choice,        // one of `choices`
  formula,       // a number or a formula in `variables`
  date_rule,     // see cal::parse_date_rule
  numbers,       // a list of reals; `length` of them when length > 0
  choice_list,   // a list of distinct values from `choices`
  names,         // a list of distinct names (ids of the scenario's own entities, checked where it is built)
  distribution,  // a number (constant) or a distribution map; durations when `in_days`
  value_source,  // a number, a formula in `variables` or a distribution map
};

struct Param {
  std::string path;    // "sites.warehouses[].initial_stock"
  std::string parent;  // "sites.warehouses[]"; "" at the top level
  std::string key;     // "initial_stock"
  Type type = Type::string;
  std::string meaning;
  std::string unit = "—";
  std::optional<std::string> fallback;  // default, as YAML text
  bool required = false;
  bool stem_default = false;  // defaults to the file name without extension
  std::string condition;      // when it is required depends on other keys (docs)
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false, max_open = false;  // strict bounds
  bool whole_days = false;
  bool unlimited = false;     // a real that also accepts the word 'unlimited'
  std::size_t length = 0;     // numbers: exact count (0: any)
  std::size_t max_items = 0;  // list, numbers: the most items (0: only the scenario's limit on values)
  std::vector<std::string> choices;
  std::vector<std::string> choice_meanings;  // one per choice when the choices are an enum's words
  std::vector<std::string> variables;
  bool in_days = false;
  std::string alias;  // section / named_map: keys as declared under this path
  std::string noun;   // "the horizon", for messages about whole days

  // Builder steps, so each table row reads as one sentence.
  Param& unit_of(std::string u) {
    unit = std::move(u);
    return *this;
  }
  Param& by_default(std::string yaml) {
    fallback = std::move(yaml);
    required = false;
    return *this;
  }
  Param& needed() {
    required = true;
    fallback.reset();
    return *this;
  }
  Param& optional() {
    fallback.reset();
    required = false;
    return *this;
  }
  Param& when(std::string c) {
    condition = std::move(c);
    fallback.reset();
    return *this;
  }
  Param& count(std::size_t n) {
    length = n;
    return *this;
  }
  Param& at_most_items(std::size_t n) {
    max_items = n;
    return *this;
  }
  Param& at_least(double v) {
    min = v;
    min_open = false;
    return *this;
  }
  Param& above(double v) {
    min = v;
    min_open = true;
    return *this;
  }
  Param& at_most(double v) {
    max = v;
    max_open = false;
    return *this;
  }
  Param& below(double v) {
    max = v;
    max_open = true;
    return *this;
  }
  Param& whole(std::string n) {
    whole_days = true;
    noun = std::move(n);
    return *this;
  }
  Param& of(std::vector<std::string> c) {
    choices = std::move(c);
    return *this;
  }
  Param& of(std::vector<std::string> c, std::vector<std::string> meanings) {
    choices = std::move(c);
    choice_meanings = std::move(meanings);
    return *this;
  }
  // The words of a scenario enum and their meanings, from its table (sim/scenario/choices.hpp).
  template <class Enum>
  Param& of_words() {
    choices.clear();
    choice_meanings.clear();
    for (const auto& w : words<Enum>()) {
      choices.emplace_back(w.word);
      choice_meanings.emplace_back(w.meaning);
    }
    return *this;
  }
  Param& vars(std::vector<std::string> v) {
    variables = std::move(v);
    return *this;
  }
  Param& from_stem() {
    stem_default = true;
    fallback.reset();
    return *this;
  }
  Param& or_unlimited() {
    unlimited = true;
    return *this;
  }
  Param& durations() {
    in_days = true;
    return *this;
  }
};

// Limits on sizes and numbers that keep a load and a run in bounds of time, memory and the integer types the
// simulation counts in (docs/reliability.md, Scenario input). A key's own bounds in the table may be tighter.
inline constexpr double kMaxHorizonDays = 7300;          // 20 years
inline constexpr double kMaxDurationDays = 36500;        // any duration: 100 years
inline constexpr double kMinDurationDays = 1.0 / 86400;  // any duration but 0: one second
inline constexpr double kMaxMagnitude = 1e12;            // any plain number: units, money, factors
inline constexpr double kMaxRatePerDay = 1e9;            // a SKU's baseline demand a day
inline constexpr int kMaxReplications = 100'000;
inline constexpr int kMaxGeneratedSkus = 1'000'000;
inline constexpr double kMaxRobotSlots = 1'000'000;  // a robot fleet's aisles x bays x levels
inline constexpr double kMaxSkuSites = 10'000'000;   // SKUs x warehouses: the plan's levels and every site's state

const std::vector<Param>& parameters();
// The row of a table path ("sites.regions[].demand"); null when there is none.
const Param* find_param(std::string_view path);
// Keys declared directly under a section path (after following an alias), in table order.
std::vector<const Param*> children(std::string_view parent);
std::vector<std::string> child_keys(std::string_view parent);

// "an integer >= 1", "a date, YYYY-MM-DD", "one of lost, backorder" ...
std::string expected(const Param& p);
// Short text of the allowed values, for the docs ("[0, 1)", "poisson, negative_binomial").
std::string allowed(const Param& p);
std::string expected_duration_bound(const Param& p);  // "a duration >= 1d"
std::string type_name(const Param& p);
std::string default_text(const Param& p);  // "required", "0d", "—", or the condition

// The keys a distribution map of `dist` uses (the words are choices<rng::DistributionSpec::Kind>()).
std::vector<std::string> distribution_keys(std::string_view dist);  // empty for an unknown dist

// Formula variables of the policy levels (all SKU-level), shared by several rows. mu_window and sd_window are
// the calendar's expected demand over the review's window and its standard deviation (docs/model.md).
const std::vector<std::string>& policy_variables();
// Formula variables of a prebuy quantity (docs/model.md, Peak-aware replenishment).
const std::vector<std::string>& prebuy_variables();

}  // namespace peaksim::scn
