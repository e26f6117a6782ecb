// Checks of single values: scalars of each type, formulas, date rules and distribution maps.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/calendar/festivals.hpp"
#include "sim/expr/expression.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

bool in_bounds(const Param& p, double x) {
  if (p.min_open ? !(x > p.min) : !(x >= p.min)) return false;
  return p.max_open ? x < p.max : x <= p.max;
}

[[noreturn]] void wrong(const Tree& node, const std::string& path, const std::string& what) {
  fail(node.where, path, "expected " + what + "; got " + found(node));
}

// The limits every number obeys besides its key's own bounds, checked before any conversion: a duration is 0 or
// between a second and a century (no overflow in whole days or seconds, no period of 1e-310d), a plain number at
// most 1e12 in size (money and units stay exact and their sums finite).
void check_duration_size(const Tree& node, double days, const std::string& path) {
  if (days != 0 && !(std::fabs(days) >= kMinDurationDays && std::fabs(days) <= kMaxDurationDays))
    wrong(node, path, "a duration of 0 or between 1s and " + number_text(kMaxDurationDays) + "d (100 years) in size");
}

void check_magnitude(const Tree& node, double x, const std::string& path) {
  if (std::fabs(x) > kMaxMagnitude) wrong(node, path, "a number between -1e12 and 1e12");
}

// A number, or a duration when `in_days`, within the bounds of `p`.
double quantity(const Tree& node, const Param& p, bool in_days, const std::string& path) {
  if (!node.is_scalar()) wrong(node, path, in_days ? expected_duration_bound(p) : "a number");
  if (in_days) {
    const auto days = parse_duration_days(node.text);
    if (!days) wrong(node, path, "a duration with a unit, such as 3d or 12h");
    if (!in_bounds(p, *days)) wrong(node, path, expected_duration_bound(p));
    check_duration_size(node, *days, path);
    return *days;
  }
  const auto x = parse_real(node.text);
  // A clock time where hours of the day are numbers (cut-offs, waves): say the form.
  if (!x && p.unit == "hour of day" && node.text.find(':') != std::string::npos)
    wrong(node, path, "an hour of the day as a number, such as 16 or 16.5 for 16:30");
  Param plain = p;
  plain.type = Type::real;
  plain.unlimited = false;
  if (!x || !in_bounds(p, *x)) wrong(node, path, expected(plain));
  check_magnitude(node, *x, path);
  return *x;
}

void check_distribution_map(Tree& node, const Param& p, const std::string& path) {
  const std::vector<std::string> kinds = choices<rng::DistributionSpec::Kind>();
  const Entry* dist = node.entry("dist");
  if (!dist) fail(node.where, join_path(path, "dist"), "missing required key 'dist' (one of " + join(kinds) + ")");
  if (!dist->value.is_scalar() || std::find(kinds.begin(), kinds.end(), dist->value.text) == kinds.end())
    fail(dist->value.where, join_path(path, "dist"), not_one_of(dist->value, kinds));
  const std::string& kind = dist->value.text;
  const auto needs = distribution_keys(kind);
  const std::vector<std::string> all = {"dist", "value", "mean", "cv", "min", "max", "values", "probabilities"};
  Param positive = p;  // cv of gamma and lognormal must be > 0 (the shape is 1/cv²)
  positive.min = 0;
  positive.min_open = kind == "gamma" || kind == "lognormal";
  positive.max = std::numeric_limits<double>::infinity();
  Param fraction = p;  // probabilities
  fraction.min = 0;
  fraction.min_open = false;
  fraction.max = 1;
  fraction.max_open = false;
  for (auto& e : node.entries) {
    const std::string key_path = join_path(path, e.key);
    if (std::find(all.begin(), all.end(), e.key) == all.end()) fail(e.where, key_path, unknown_key(e.key, all));
    if (e.key == "dist") continue;
    if (std::find(needs.begin(), needs.end(), e.key) == needs.end())
      fail(e.where, key_path, "key '" + e.key + "' is not used by distribution " + kind);
    if (e.key == "cv") {
      quantity(e.value, positive, false, key_path);
    } else if (e.key == "values" || e.key == "probabilities") {
      if (!e.value.is_list() || e.value.items.empty())
        wrong(e.value, key_path, e.key == "values" ? "a non-empty list of values" : "a non-empty list of numbers");
      for (std::size_t i = 0; i < e.value.items.size(); ++i)
        quantity(e.value.items[i], e.key == "values" ? p : fraction, e.key == "values" && p.in_days,
                 index_path(key_path, i));
    } else {
      quantity(e.value, p, p.in_days, key_path);
    }
  }
  for (const auto& key : needs)
    if (!node.find(key))
      fail(node.where, join_path(path, key),
           "missing required key '" + key + "' (distribution " + kind + " needs " + join_and(needs) + ")");
  if (kind == "uniform") {
    const double lo = quantity(node.at("min"), p, p.in_days, path), hi = quantity(node.at("max"), p, p.in_days, path);
    if (hi < lo)
      fail(node.at("max").where, join_path(path, "max"),
           "expected a value >= min ('" + node.str("min") + "'); got '" + node.str("max") + "'");
  }
  if (kind == "discrete") {
    const auto& probs = node.at("probabilities").items;
    if (probs.size() != node.at("values").items.size())
      fail(node.at("probabilities").where, join_path(path, "probabilities"),
           "expected one probability per value (" + std::to_string(node.at("values").items.size()) + "); got " +
               std::to_string(probs.size()));
    const double sum = std::accumulate(probs.begin(), probs.end(), 0.0,
                                       [](double s, const Tree& t) { return s + *parse_real(t.text); });
    if (std::fabs(sum - 1) > 1e-9)
      fail(node.at("probabilities").where, join_path(path, "probabilities"),
           "expected probabilities that sum to 1; they sum to " + number_text(sum));
  }
  // Canonical order: dist first, then its keys as listed in the docs.
  std::stable_sort(node.entries.begin(), node.entries.end(), [&](const Entry& a, const Entry& b) {
    return std::find(all.begin(), all.end(), a.key) < std::find(all.begin(), all.end(), b.key);
  });
}

bool looks_numeric(const Tree& node) { return node.is_scalar() && !node.quoted && parse_real(node.text); }

}  // namespace

void fail(const std::string& where, const std::string& path, const std::string& message) {
  throw ScenarioError(where, path, message);
}

std::string unknown_key(std::string_view key, const std::vector<std::string>& known) {
  return "unknown key '" + std::string(key) + "'" + suggestion(key, known, "known keys");
}

std::string not_one_of(const Tree& node, const std::vector<std::string>& choices) {
  std::string msg = "expected one of " + join(choices) + "; got " + found(node);
  if (node.is_scalar())
    if (auto guess = nearest(node.text, choices)) msg += " (did you mean '" + *guess + "'?)";
  return msg;
}

void check_formula(const Tree& node, const std::vector<std::string>& variables, const std::string& path) {
  if (!node.is_scalar()) wrong(node, path, "a number or a formula in " + join(variables));
  if (parse_real(node.text)) return;
  try {
    expr::Expression(node.text, variables);
  } catch (const expr::ExpressionError& e) {
    fail(node.where, path, "formula '" + node.text + "': " + e.what());
  }
}

void check_value(Tree& node, const Param& p, const std::string& path) {
  if (node.kind == Tree::Kind::null ||
      (!node.is_scalar() && p.type != Type::numbers && p.type != Type::choice_list && p.type != Type::names &&
       p.type != Type::distribution && p.type != Type::value_source))
    wrong(node, path, expected(p));
  switch (p.type) {
    case Type::string:
      return;
    case Type::name:
      if (!is_name(node.text)) wrong(node, path, expected(p));
      return;
    case Type::integer: {
      const auto x = parse_integer(node.text);
      // Counts must fit an int; only the seed uses the full range.
      const bool too_big = p.path != "seed" && x && *x > std::numeric_limits<int>::max();
      if (!x || !in_bounds(p, static_cast<double>(*x)) || too_big) wrong(node, path, expected(p));
      return;
    }
    case Type::real:
      if (p.unlimited && node.text == "unlimited") return;
      if (const auto x = parse_real(node.text); !x || !in_bounds(p, *x)) wrong(node, path, expected(p));
      check_magnitude(node, *parse_real(node.text), path);
      return;
    case Type::boolean:
      if (node.text != "true" && node.text != "false") wrong(node, path, expected(p));
      return;
    case Type::date:
      if (!cal::Date::parse(node.text)) wrong(node, path, expected(p));
      return;
    case Type::duration: {
      const double days = quantity(node, p, true, path);
      if (p.whole_days && !is_whole(days))
        fail(node.where, path, p.noun + " must be a whole number of days; got '" + node.text + "'");
      return;
    }
    case Type::choice:
      if (std::find(p.choices.begin(), p.choices.end(), node.text) == p.choices.end())
        fail(node.where, path, not_one_of(node, p.choices));
      return;
    case Type::formula:
      check_formula(node, p.variables, path);
      return;
    case Type::date_rule: {
      auto rule = cal::parse_date_rule(node.text);
      // The calendar's message already quotes the rule and lists the accepted forms.
      if (auto* error = std::get_if<std::string>(&rule)) fail(node.where, path, *error);
      return;
    }
    case Type::numbers:
      if (!node.is_list()) wrong(node, path, expected(p));
      if (p.length && node.items.size() != p.length)
        fail(node.where, path, "expected " + expected(p) + "; got a list of " + std::to_string(node.items.size()));
      if (p.max_items && node.items.size() > p.max_items)
        fail(node.where, path,
             "expected at most " + std::to_string(p.max_items) + " numbers; got " + std::to_string(node.items.size()));
      for (std::size_t i = 0; i < node.items.size(); ++i) quantity(node.items[i], p, false, index_path(path, i));
      return;
    case Type::choice_list:
      if (!node.is_list()) wrong(node, path, expected(p));
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        const Tree& item = node.items[i];
        if (!item.is_scalar() || std::find(p.choices.begin(), p.choices.end(), item.text) == p.choices.end())
          fail(item.where, index_path(path, i), not_one_of(item, p.choices));
        for (std::size_t j = 0; j < i; ++j)
          if (node.items[j].text == item.text)
            fail(item.where, index_path(path, i), "'" + item.text + "' is listed twice");
      }
      return;
    case Type::names:
      if (!node.is_list()) wrong(node, path, expected(p));
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        const Tree& item = node.items[i];
        if (!item.is_scalar() || !is_name(item.text)) wrong(item, index_path(path, i), "a name");
        for (std::size_t j = 0; j < i; ++j)
          if (node.items[j].text == item.text)
            fail(item.where, index_path(path, i), "'" + item.text + "' is listed twice");
      }
      return;
    case Type::distribution:
    case Type::value_source:
      if (node.is_map()) return check_distribution_map(node, p, path);
      if (p.type == Type::value_source && node.is_scalar() && !looks_numeric(node))
        return check_formula(node, p.variables, path);
      if (!node.is_scalar()) wrong(node, path, expected(p));
      quantity(node, p, p.in_days, path);
      return;
    default:
      return;
  }
}

}  // namespace peaksim::scn
