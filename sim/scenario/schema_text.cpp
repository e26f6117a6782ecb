// Words for the parameter table: what a key expects (messages) and how it reads in the docs.
#include <fmt/format.h>

#include <cmath>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

std::string bound_text(const Param& p, std::string_view suffix) {
  const bool has_min = std::isfinite(p.min), has_max = std::isfinite(p.max);
  std::string out;
  if (has_min) out += fmt::format(" {} {}{}", p.min_open ? ">" : ">=", number_text(p.min), suffix);
  if (has_min && has_max) out += " and";
  if (has_max) out += fmt::format(" {} {}{}", p.max_open ? "<" : "<=", number_text(p.max), suffix);
  return out;
}

std::string keys_under(const Param& p) {
  if (!p.alias.empty()) return join(child_keys(p.alias));
  return join(child_keys(p.type == Type::list ? p.path + "[]" : p.path));
}

}  // namespace

std::string expected(const Param& p) {
  switch (p.type) {
    case Type::section:
      return "a map with keys " + keys_under(p);
    case Type::list:
      return "a list of maps with keys " + keys_under(p);
    case Type::named_map:
      return "a map from category names to maps with keys " + keys_under(p);
    case Type::string:
      return "a string";
    case Type::name:
      return "a name made of letters, digits, _ . : or -";
    case Type::integer:
      return "an integer" + bound_text(p, "");
    case Type::real:
      return "a number" + bound_text(p, "") + (p.unlimited ? " or 'unlimited'" : "");
    case Type::boolean:
      return "true or false";
    case Type::date:
      return "a date, YYYY-MM-DD";
    case Type::duration:
      return "a duration with a unit, such as 3d or 12h";
    case Type::choice:
      return "one of " + join(p.choices);
    case Type::formula:
      return "a number or a formula in " + join(p.variables);
    case Type::date_rule:
      return "a date rule: a built-in name such as black_friday, MM-DD, lunar:MM-DD or YYYY-MM-DD";
    case Type::numbers:
      return (p.length ? fmt::format("a list of {} numbers", p.length) : std::string("a list of numbers")) +
             bound_text(p, "");
    case Type::choice_list:
      return "a list of values from " + join(p.choices);
    case Type::names:
      return "a list of distinct names";
    case Type::distribution:
      return p.in_days ? "a duration such as 3d or a distribution map such as {dist: gamma, mean: 3d, cv: 0.5}"
                       : "a number or a distribution map such as {dist: uniform, min: 1, max: 3}";
    case Type::value_source:
      return "a number, a formula in " + join(p.variables) +
             " or a distribution map such as {dist: gamma, mean: 5, "
             "cv: 1}";
  }
  return "a value";
}

// The bound a duration must respect, as written in messages: "a duration >= 1d".
std::string expected_duration_bound(const Param& p) { return "a duration" + bound_text(p, "d"); }

std::string allowed(const Param& p) {
  switch (p.type) {
    case Type::section:
    case Type::named_map:
      return "";
    case Type::list:
      return p.max_items ? fmt::format("at most {} items", p.max_items) : "";
    case Type::string:
      return "any text";
    case Type::name:
      return "`[A-Za-z0-9_.:-]+`";
    case Type::integer:
    case Type::real: {
      std::string b = bound_text(p, "");
      if (!b.empty()) b.erase(0, 1);
      return b + (p.unlimited ? " or `unlimited`" : "");
    }
    case Type::boolean:
      return "true, false";
    case Type::date:
      return "YYYY-MM-DD";
    case Type::duration: {
      std::string b = bound_text(p, "d");
      if (!b.empty()) b.erase(0, 1);
      if (p.whole_days) b += b.empty() ? "whole days" : ", whole days";
      return b.empty() ? "any" : b;
    }
    case Type::choice:
    case Type::choice_list:
      return join(p.choices);
    case Type::names:
      return "names";
    case Type::formula:
      return "variables: " + join(p.variables);
    case Type::date_rule:
      return "see Date rules";
    case Type::numbers:
      return fmt::format("{}{}{}", p.length ? std::to_string(p.length) + " numbers" : "numbers", bound_text(p, ""),
                         p.max_items ? fmt::format(", at most {} of them", p.max_items) : "");
    case Type::distribution:
      return p.in_days ? "durations >= 0" : "numbers" + bound_text(p, "");
    case Type::value_source:
      return "variables: " + join(p.variables) + "; values" + bound_text(p, "");
  }
  return "";
}

std::string type_name(const Param& p) {
  switch (p.type) {
    case Type::section:
      return "map";
    case Type::list:
      return "list of maps";
    case Type::named_map:
      return "map of name → map";
    case Type::string:
      return "string";
    case Type::name:
      return "name";
    case Type::integer:
      return "int";
    case Type::real:
      return "real";
    case Type::boolean:
      return "bool";
    case Type::date:
      return "date";
    case Type::duration:
      return "duration";
    case Type::choice:
      return "enum";
    case Type::formula:
      return "formula";
    case Type::date_rule:
      return "date rule";
    case Type::numbers:
      return "list of reals";
    case Type::choice_list:
      return "list of enum";
    case Type::names:
      return "list of names";
    case Type::distribution:
      return "distribution";
    case Type::value_source:
      return "value source";
  }
  return "";
}

std::string default_text(const Param& p) {
  if (p.required) return "required";
  if (!p.condition.empty()) return p.condition;
  if (p.stem_default) return "file name without extension";
  if (!p.fallback || *p.fallback == "{}" || *p.fallback == "[]") return "—";
  if (*p.fallback == "\"\"") return "empty";
  return "`" + *p.fallback + "`";
}

}  // namespace peaksim::scn
