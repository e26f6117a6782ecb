// Parsing of festival date rules and their expansion to concrete dates in a window.
#include "sim/calendar/festivals.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "sim/common/edit_distance.hpp"

namespace peaksim::cal {
namespace {

// How a built-in rule finds its date in a given year.
enum class BuiltinKind { fixed, lunar, after_thanksgiving };

struct BuiltinSpec {
  std::string_view name;
  BuiltinKind kind;
  int month;  // Gregorian or lunar month; unused for after_thanksgiving
  int day;    // day of month, or days after US Thanksgiving
};

constexpr std::array<BuiltinSpec, 13> kBuiltins = {{
    {"black_friday", BuiltinKind::after_thanksgiving, 0, 1},
    {"cyber_monday", BuiltinKind::after_thanksgiving, 0, 4},
    {"thanksgiving_us", BuiltinKind::after_thanksgiving, 0, 0},
    {"christmas", BuiltinKind::fixed, 12, 25},
    {"new_year", BuiltinKind::fixed, 1, 1},
    {"singles_day", BuiltinKind::fixed, 11, 11},
    {"double_twelve", BuiltinKind::fixed, 12, 12},
    {"mid_year_618", BuiltinKind::fixed, 6, 18},
    {"valentines", BuiltinKind::fixed, 2, 14},
    {"spring_festival", BuiltinKind::lunar, 1, 1},
    {"lantern_festival", BuiltinKind::lunar, 1, 15},
    {"dragon_boat", BuiltinKind::lunar, 5, 5},
    {"mid_autumn", BuiltinKind::lunar, 8, 15},
}};

constexpr std::string_view kLunarPrefix = "lunar:";
// Years that Date can represent; windows reaching beyond them are clipped.
constexpr int kMinYear = 1, kMaxYear = 9999;

std::string expected_forms() {
  std::string names;
  for (const BuiltinSpec& b : kBuiltins) names += (names.empty() ? "" : ", ") + std::string(b.name);
  return "expected a built-in name (" + names + "), \"MM-DD\", \"lunar:MM-DD\" or \"YYYY-MM-DD\"";
}
const BuiltinSpec* find_builtin(std::string_view name) {
  const auto it =
      std::find_if(kBuiltins.begin(), kBuiltins.end(), [&](const BuiltinSpec& b) { return b.name == name; });
  return it == kBuiltins.end() ? nullptr : &*it;
}

// Reads "MM-DD" with exactly two digits each; range checks are left to the caller.
bool parse_month_day(std::string_view text, int& month, int& day) {
  const auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(text[i])) != 0; };
  if (text.size() != 5 || text[2] != '-' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) return false;
  month = (text[0] - '0') * 10 + (text[1] - '0');
  day = (text[3] - '0') * 10 + (text[4] - '0');
  return true;
}

std::string suggestion_for(std::string_view text) {
  constexpr std::size_t kMaxDistance = 3;
  const BuiltinSpec* best = nullptr;
  std::size_t best_distance = kMaxDistance + 1;
  for (const BuiltinSpec& b : kBuiltins) {
    const std::size_t d = edit_distance(text, b.name, /*ignore_case=*/true);
    if (d < best_distance) {  // ties keep the earlier, better-known name
      best = &b;
      best_distance = d;
    }
  }
  return best ? "; did you mean '" + std::string(best->name) + "'?" : std::string();
}

bool looks_like_date(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c == '-' || std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

std::string quoted(std::string_view text) {
  // Built with append: GCC 12 gives a false -Wrestrict for "'" + std::string(text).
  std::string out;
  out.reserve(text.size() + 2);
  out.append(1, '\'').append(text).append(1, '\'');
  return out;
}

std::optional<Date> resolve_in_year(const BuiltinSpec& spec, int year) {
  switch (spec.kind) {
    case BuiltinKind::fixed:
      return Date::from_ymd(year, spec.month, spec.day);
    case BuiltinKind::lunar:
      return lunar_to_gregorian(year, spec.month, spec.day);
    case BuiltinKind::after_thanksgiving:
      return nth_weekday(year, 11, 3, 4) + spec.day;  // Thanksgiving: 4th Thursday of November
  }
  return std::nullopt;
}

}  // namespace

std::variant<DateRule, std::string> parse_date_rule(std::string_view text) {
  DateRule rule;
  rule.text = std::string(text);
  if (text.empty()) return "empty date rule: " + expected_forms();

  if (const BuiltinSpec* spec = find_builtin(text)) {
    rule.kind = DateRule::Kind::builtin;
    rule.builtin = std::string(spec->name);
    rule.month = spec->month;
    rule.day = spec->day;
    return rule;
  }
  if (text.starts_with(kLunarPrefix)) {
    const std::string_view rest = text.substr(kLunarPrefix.size());
    if (!parse_month_day(rest, rule.month, rule.day) || rule.month < 1 || rule.month > 12 || rule.day < 1 ||
        rule.day > 30) {
      return quoted(text) + " is not a lunar day: expected \"lunar:MM-DD\" with a month 01-12 and a day 01-30";
    }
    rule.kind = DateRule::Kind::lunar_yearly;
    return rule;
  }
  if (looks_like_date(text)) {
    if (text.size() == 5 && parse_month_day(text, rule.month, rule.day)) {
      // 2000 is a leap year, so 02-29 is accepted here and simply skipped in other years.
      if (!is_valid_ymd(2000, rule.month, rule.day)) {
        return quoted(text) +
               " is not a day of the year: expected \"MM-DD\" with a month 01-12 and a day that "
               "exists in it (02-29 occurs in leap years only)";
      }
      rule.kind = DateRule::Kind::fixed_yearly;
      return rule;
    }
    if (text.size() == 10) {
      const std::optional<Date> date = Date::parse(text);
      if (!date) return quoted(text) + " is not a valid date: expected \"YYYY-MM-DD\" naming a day that exists";
      rule.kind = DateRule::Kind::once;
      rule.date = *date;
      rule.month = date->month();
      rule.day = date->day();
      return rule;
    }
    return quoted(text) + " is not a date rule: expected \"MM-DD\" or \"YYYY-MM-DD\" with two-digit months and days";
  }
  return "unknown date rule " + quoted(text) + ": " + expected_forms() + suggestion_for(text);
}

std::vector<Date> occurrences(const DateRule& rule, Date from, Date to) {
  std::vector<Date> found;
  if (to < from) return found;
  const int last_year = std::min(to.year(), kMaxYear);
  const auto keep = [&](std::optional<Date> d) {
    if (d && from <= *d && *d <= to) found.push_back(*d);
  };
  switch (rule.kind) {
    case DateRule::Kind::once:
      keep(rule.date);
      break;
    case DateRule::Kind::fixed_yearly:
      for (int y = std::max(from.year(), kMinYear); y <= last_year; ++y) {
        if (is_valid_ymd(y, rule.month, rule.day)) keep(Date::from_ymd(y, rule.month, rule.day));
      }
      break;
    case DateRule::Kind::lunar_yearly:
      // A lunar year starts in January or February, so its late months fall in the next Gregorian year.
      for (int y = from.year() - 1; y <= last_year; ++y) keep(lunar_to_gregorian(y, rule.month, rule.day));
      break;
    case DateRule::Kind::builtin: {
      const BuiltinSpec* spec = find_builtin(rule.builtin);
      if (spec == nullptr) break;  // a hand-built rule with an unknown name resolves to nothing
      const int first_year = std::max(spec->kind == BuiltinKind::lunar ? from.year() - 1 : from.year(), kMinYear);
      for (int y = first_year; y <= last_year; ++y) keep(resolve_in_year(*spec, y));
      break;
    }
  }
  return found;
}

const std::vector<std::string>& builtin_rule_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const BuiltinSpec& b : kBuiltins) out.emplace_back(b.name);
    return out;
  }();
  return names;
}

}  // namespace peaksim::cal
