// Tests for civil dates, the lunar table and festival date rules.
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <variant>

#include "sim/calendar/date.hpp"
#include "sim/calendar/festivals.hpp"

using peaksim::cal::Date;
using peaksim::cal::DateRule;

namespace {

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

DateRule rule_of(const std::string& text) {
  auto parsed = peaksim::cal::parse_date_rule(text);
  REQUIRE_MESSAGE(std::holds_alternative<DateRule>(parsed), text);
  return std::get<DateRule>(parsed);
}

std::string error_of(const std::string& text) {
  auto parsed = peaksim::cal::parse_date_rule(text);
  REQUIRE_MESSAGE(std::holds_alternative<std::string>(parsed), text);
  return std::get<std::string>(parsed);
}

// Oracle independent of Date: std::chrono's calendar, walking November day by day.
Date naive_thanksgiving(int year) {
  namespace chr = std::chrono;
  int thursdays = 0;
  for (unsigned d = 1; d <= 30; ++d) {
    const chr::sys_days day{chr::year{year} / chr::November / chr::day{d}};
    if (chr::weekday{day} == chr::Thursday && ++thursdays == 4) return ymd(year, 11, static_cast<int>(d));
  }
  FAIL("November without four Thursdays");
  return {};
}

// Published dates (checked against python3-lunardate 0.2.0, all agree), 2015..2035.
constexpr std::array<const char*, 21> kSpringFestival = {
    "2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12",
    "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26",
    "2029-02-13", "2030-02-03", "2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08"};
constexpr std::array<const char*, 21> kMidAutumn = {
    "2015-09-27", "2016-09-15", "2017-10-04", "2018-09-24", "2019-09-13", "2020-10-01", "2021-09-21",
    "2022-09-10", "2023-09-29", "2024-09-17", "2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03",
    "2029-09-22", "2030-09-12", "2031-10-01", "2032-09-19", "2033-09-08", "2034-09-27", "2035-09-16"};

}  // namespace

TEST_CASE("Every day from 1900 to 2100 survives a round trip through year, month and day") {
  namespace chr = std::chrono;
  const Date first = ymd(1900, 1, 1);
  CHECK(first.days_since_1970() == -25567);
  CHECK(ymd(1970, 1, 1).days_since_1970() == 0);
  const int count = ymd(2100, 12, 31) - first + 1;
  CHECK(count == 73414);
  for (int i = 0; i < count; ++i) {
    const Date date = first + i;
    const chr::year_month_day expected{chr::sys_days{chr::days{date.days_since_1970()}}};
    const int y = static_cast<int>(expected.year());
    const int m = static_cast<int>(static_cast<unsigned>(expected.month()));
    const int d = static_cast<int>(static_cast<unsigned>(expected.day()));
    REQUIRE(date.year() == y);
    REQUIRE(date.month() == m);
    REQUIRE(date.day() == d);
    REQUIRE(ymd(y, m, d) == date);
    REQUIRE(Date::parse(date.to_string()) == date);
  }
}

TEST_CASE("Weekdays and days of the year match well-known dates") {
  CHECK(ymd(1900, 1, 1).weekday() == 0);    // Monday
  CHECK(ymd(1970, 1, 1).weekday() == 3);    // Thursday
  CHECK(ymd(2000, 1, 1).weekday() == 5);    // Saturday
  CHECK(ymd(2024, 2, 29).weekday() == 3);   // Thursday
  CHECK(ymd(2025, 11, 28).weekday() == 4);  // Friday
  CHECK(ymd(1969, 12, 28).weekday() == 6);  // Sunday, before the epoch
  CHECK(ymd(2024, 3, 1).day_of_year() == 61);
  CHECK(ymd(2023, 12, 31).day_of_year() == 365);
  CHECK(ymd(2024, 12, 31).day_of_year() == 366);
  CHECK(ymd(2024, 1, 1).day_of_year() == 1);
  CHECK(ymd(987, 6, 5).to_string() == "0987-06-05");
}

TEST_CASE("Leap years follow the Gregorian 4, 100 and 400 year rules") {
  using peaksim::cal::is_valid_ymd;
  CHECK_FALSE(is_valid_ymd(1900, 2, 29));
  CHECK(is_valid_ymd(2000, 2, 29));
  CHECK(is_valid_ymd(2024, 2, 29));
  CHECK_FALSE(is_valid_ymd(2023, 2, 29));
  CHECK_FALSE(is_valid_ymd(2100, 2, 29));
  CHECK(ymd(2000, 3, 1) - ymd(2000, 2, 28) == 2);
  CHECK(ymd(1900, 3, 1) - ymd(1900, 2, 28) == 1);
  CHECK_THROWS_AS(ymd(2025, 2, 29), std::invalid_argument);
}

TEST_CASE("Parsing accepts only strict YYYY-MM-DD text naming an existing day") {
  CHECK(Date::parse("2025-02-28") == ymd(2025, 2, 28));
  CHECK(Date::parse("2024-02-29") == ymd(2024, 2, 29));
  for (const char* bad :
       {"2025-02-30", "2025-2-3", "2025-02-28x", " 2025-02-28", "2025/02/28", "", "20250228", "+025-02-28",
        "2025-00-10", "2025-13-01", "2025-04-31", "0000-01-01", "2025-02-2 ", "2023-02-29"}) {
    CHECK_MESSAGE(!Date::parse(bad).has_value(), bad);
  }
}

TEST_CASE("The n-th and last weekday of a month are found, and missing ones are reported") {
  using peaksim::cal::nth_weekday;
  CHECK(nth_weekday(2025, 11, 3, 4) == ymd(2025, 11, 27));  // Thanksgiving 2025
  CHECK(nth_weekday(2025, 5, 0, -1) == ymd(2025, 5, 26));   // last Monday of May
  CHECK(nth_weekday(2024, 2, 3, 5) == ymd(2024, 2, 29));    // a fifth Thursday thanks to the leap day
  CHECK(nth_weekday(2025, 6, 6, 1) == ymd(2025, 6, 1));     // the 1st is itself a Sunday
  CHECK_THROWS_AS(nth_weekday(2025, 2, 4, 5), std::out_of_range);
  CHECK_THROWS_AS(nth_weekday(2025, 2, 7, 1), std::invalid_argument);
  CHECK_THROWS_AS(nth_weekday(2025, 2, 1, 0), std::invalid_argument);
}

TEST_CASE("Black Friday and Cyber Monday from 2015 to 2035 match a naive November walk") {
  for (int year = 2015; year <= 2035; ++year) {
    CAPTURE(year);
    const Date thanksgiving = naive_thanksgiving(year);
    const Date window_from = ymd(year, 1, 1), window_to = ymd(year, 12, 31);
    const auto friday = peaksim::cal::occurrences(rule_of("black_friday"), window_from, window_to);
    const auto monday = peaksim::cal::occurrences(rule_of("cyber_monday"), window_from, window_to);
    const auto thursday = peaksim::cal::occurrences(rule_of("thanksgiving_us"), window_from, window_to);
    REQUIRE(friday.size() == 1);
    REQUIRE(monday.size() == 1);
    REQUIRE(thursday.size() == 1);
    CHECK(thursday[0] == thanksgiving);
    CHECK(friday[0] == thanksgiving + 1);
    CHECK(monday[0] == thanksgiving + 4);
    CHECK(monday[0].weekday() == 0);
  }
  // Cyber Monday can fall in December.
  CHECK(peaksim::cal::occurrences(rule_of("cyber_monday"), ymd(2019, 1, 1), ymd(2019, 12, 31))[0] == ymd(2019, 12, 2));
}

TEST_CASE("Spring Festival and Mid-Autumn from 2015 to 2035 match the published dates") {
  for (int year = 2015; year <= 2035; ++year) {
    CAPTURE(year);
    const auto index = static_cast<std::size_t>(year - 2015);
    const Date from = ymd(year, 1, 1), to = ymd(year, 12, 31);
    const auto spring = peaksim::cal::occurrences(rule_of("spring_festival"), from, to);
    const auto autumn = peaksim::cal::occurrences(rule_of("mid_autumn"), from, to);
    REQUIRE(spring.size() == 1);
    REQUIRE(autumn.size() == 1);
    CHECK(spring[0].to_string() == kSpringFestival[index]);
    CHECK(autumn[0].to_string() == kMidAutumn[index]);
    CHECK(peaksim::cal::lunar_to_gregorian(year, 1, 15) == spring[0] + 14);
  }
}

TEST_CASE("The lunar table is consistent over its whole range and rejects dates outside it") {
  using peaksim::cal::lunar_to_gregorian;
  CHECK(lunar_to_gregorian(1900, 1, 1) == ymd(1900, 1, 31));
  CHECK(lunar_to_gregorian(2099, 12, 30) == ymd(2100, 2, 8));
  CHECK_FALSE(lunar_to_gregorian(1899, 12, 1).has_value());
  CHECK_FALSE(lunar_to_gregorian(2100, 1, 1).has_value());
  CHECK_FALSE(lunar_to_gregorian(2025, 13, 1).has_value());
  CHECK_FALSE(lunar_to_gregorian(2025, 1, 31).has_value());
  // Known leap months, and a leap month that a year does not have.
  CHECK(lunar_to_gregorian(2023, 2, 1, true) == ymd(2023, 3, 22));
  CHECK(lunar_to_gregorian(2025, 6, 1, true) == ymd(2025, 7, 25));
  CHECK(lunar_to_gregorian(2033, 11, 1, true) == ymd(2033, 12, 22));
  CHECK_FALSE(lunar_to_gregorian(2025, 5, 1, true).has_value());
  for (int year = 1900; year <= 2099; ++year) {
    CAPTURE(year);
    const Date new_year = *lunar_to_gregorian(year, 1, 1);
    CHECK(new_year >= ymd(year, 1, 21));
    CHECK(new_year <= ymd(year, 2, 20));
    // The last day of the 12th month (29 or 30) is the eve of the next new year.
    const auto day30 = lunar_to_gregorian(year, 12, 30);
    const Date last = day30 ? *day30 : *lunar_to_gregorian(year, 12, 29);
    if (year < 2099) CHECK(last + 1 == *lunar_to_gregorian(year + 1, 1, 1));
    const int length = last - new_year + 1;
    CHECK(((length >= 353 && length <= 355) || (length >= 383 && length <= 385)));
  }
}

TEST_CASE("Occurrences over multi-year windows are complete, inclusive and ascending") {
  using peaksim::cal::occurrences;
  const auto singles = occurrences(rule_of("singles_day"), ymd(2023, 1, 1), ymd(2026, 12, 31));
  REQUIRE(singles.size() == 4);
  CHECK(singles.front() == ymd(2023, 11, 11));
  CHECK(singles.back() == ymd(2026, 11, 11));
  const auto edges = occurrences(rule_of("11-11"), ymd(2024, 11, 11), ymd(2025, 11, 11));
  REQUIRE(edges.size() == 2);
  CHECK(occurrences(rule_of("11-11"), ymd(2024, 11, 12), ymd(2025, 11, 10)).empty());
  const auto leap_days = occurrences(rule_of("02-29"), ymd(2019, 1, 1), ymd(2030, 12, 31));
  REQUIRE(leap_days.size() == 3);
  CHECK(leap_days[1] == ymd(2024, 2, 29));
  const auto springs = occurrences(rule_of("spring_festival"), ymd(2024, 1, 1), ymd(2026, 12, 31));
  REQUIRE(springs.size() == 3);
  CHECK(springs[2] == ymd(2026, 2, 17));
  // Lunar 12-08 of lunar year 2024 falls in January 2025; lunar 2025's falls in 2026.
  const auto laba = occurrences(rule_of("lunar:12-08"), ymd(2025, 1, 1), ymd(2025, 12, 31));
  REQUIRE(laba.size() == 1);
  CHECK(laba[0] == ymd(2025, 1, 7));
  const auto christmases = occurrences(rule_of("christmas"), ymd(2000, 1, 1), ymd(2099, 12, 31));
  CHECK(christmases.size() == 100);
  for (std::size_t i = 1; i < christmases.size(); ++i) CHECK(christmases[i - 1] < christmases[i]);
  CHECK(occurrences(rule_of("2025-06-18"), ymd(2025, 1, 1), ymd(2025, 12, 31)).size() == 1);
  CHECK(occurrences(rule_of("2025-06-18"), ymd(2026, 1, 1), ymd(2026, 12, 31)).empty());
  CHECK(occurrences(rule_of("new_year"), ymd(2026, 1, 1), ymd(2025, 1, 1)).empty());
  CHECK(occurrences(rule_of("mid_autumn"), ymd(2150, 1, 1), ymd(2160, 12, 31)).empty());
}

TEST_CASE("Bad rules are rejected with what was expected and a suggestion for near misses") {
  CHECK(error_of("blak_friday").find("did you mean 'black_friday'?") != std::string::npos);
  CHECK(error_of("cyber-monday").find("did you mean 'cyber_monday'?") != std::string::npos);
  CHECK(error_of("Mid_Autumn").find("did you mean 'mid_autumn'?") != std::string::npos);
  const std::string unknown = error_of("completely_unknown");
  CHECK(unknown.find("did you mean") == std::string::npos);
  CHECK(unknown.find("\"MM-DD\"") != std::string::npos);
  CHECK(unknown.find("black_friday") != std::string::npos);
  CHECK(error_of("02-30").find("MM-DD") != std::string::npos);
  CHECK(error_of("2025-02-30").find("YYYY-MM-DD") != std::string::npos);
  CHECK(error_of("2025-2-3").find("two-digit") != std::string::npos);
  CHECK(error_of("lunar:13-01").find("lunar:MM-DD") != std::string::npos);
  for (const char* bad : {"", "lunar:01-31", "lunar:1-1", "11-11 ", "00-10", "2025-02-28x"}) error_of(bad);
  CHECK(rule_of("02-29").kind == DateRule::Kind::fixed_yearly);
  CHECK(rule_of("lunar:12-30").kind == DateRule::Kind::lunar_yearly);
  CHECK(rule_of("2025-11-11").kind == DateRule::Kind::once);
  const auto& names = peaksim::cal::builtin_rule_names();
  CHECK(names.size() == 13);
  for (const std::string& name : names) CHECK(rule_of(name).kind == DateRule::Kind::builtin);
}

// Not a check: prints the table in docs/festivals.md; run it with --no-skip -tc="*festival table*".
TEST_CASE("The festival table of docs/festivals.md is printed on request" * doctest::skip()) {
  std::cout << "| Rule |";
  for (int year = 2024; year <= 2030; ++year) std::cout << ' ' << year << " |";
  std::cout << "\n|---|";
  for (int year = 2024; year <= 2030; ++year) std::cout << "---|";
  std::cout << '\n';
  for (const std::string& name : peaksim::cal::builtin_rule_names()) {
    std::cout << "| `" << name << "` |";
    for (int year = 2024; year <= 2030; ++year) {
      const auto dates = peaksim::cal::occurrences(rule_of(name), ymd(year, 1, 1), ymd(year, 12, 31));
      std::cout << ' ' << (dates.empty() ? std::string("-") : dates[0].to_string().substr(5)) << " |";
    }
    std::cout << '\n';
  }
}
