// Date rules for holidays and shopping festivals: fixed (11-11), rule-based (Black Friday)
// and lunar (Spring Festival), resolved to concrete dates within a window.
#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/calendar/date.hpp"

namespace peaksim::cal {

// A parsed rule. Accepted spellings (documented in docs/festivals.md):
//   a built-in name: black_friday, cyber_monday, thanksgiving_us, christmas, new_year,
//                    singles_day (11-11), double_twelve (12-12), mid_year_618 (06-18),
//                    valentines, spring_festival, lantern_festival, dragon_boat, mid_autumn
//   "MM-DD"          every year on that month and day
//   "lunar:MM-DD"    every year on that lunar month and day
//   "YYYY-MM-DD"     once, on that date
struct DateRule {
  std::string text;  // as written, for messages
  // implementation detail: a resolver for a given year
  enum class Kind { builtin, fixed_yearly, lunar_yearly, once } kind = Kind::once;
  std::string builtin;
  int month = 0, day = 0;
  Date date;
};

// Parses a rule; on failure returns an error message naming what was expected.
std::variant<DateRule, std::string> parse_date_rule(std::string_view text);
// All dates of the rule that fall in [from, to] (inclusive), in increasing order.
std::vector<Date> occurrences(const DateRule& rule, Date from, Date to);
// Names of the built-in rules, for docs and "did you mean" suggestions.
const std::vector<std::string>& builtin_rule_names();

}  // namespace peaksim::cal
