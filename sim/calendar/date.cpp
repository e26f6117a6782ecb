// Civil-date arithmetic on day counts, strict ISO parsing, and table-driven lunar conversion.
#include "sim/calendar/date.hpp"

#include <array>
#include <stdexcept>

#include "sim/calendar/lunar_table.hpp"

namespace peaksim::cal {
namespace {

// The Gregorian calendar repeats every 400 years, which is exactly 146097 days.
constexpr std::int64_t kDaysPerEra = 146097;
// Internally years start on 1 March, so that the leap day is the last day of a year and month
// lengths never depend on the year. 0000-03-01 lies this many days before 1970-01-01.
constexpr std::int64_t kMarchZeroToUnixEpoch = 719468;
// Days from 1 March to the first of each month, in March-first order (March .. February).
constexpr std::array<int, 12> kDaysBeforeMonthFromMarch = {0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337};

// Division rounding towards minus infinity, so that dates before 1970 land in the right era and week.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Days from 1 March of the first year of an era to 1 March of year `year_of_era` (0..400).
constexpr std::int64_t days_before_year_of_era(std::int64_t year_of_era) {
  return year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + year_of_era / 400;
}

struct Ymd {
  int year, month, day;
};

std::int64_t days_from_ymd(std::int64_t year, int month, int day) {
  const bool before_march = month <= 2;
  const std::int64_t shifted_year = year - (before_march ? 1 : 0);
  const std::int64_t era = floor_div(shifted_year, 400);
  const std::int64_t year_of_era = shifted_year - era * 400;
  const int month_from_march = before_march ? month + 9 : month - 3;
  const std::int64_t day_of_era =
      days_before_year_of_era(year_of_era) + kDaysBeforeMonthFromMarch[month_from_march] + (day - 1);
  return era * kDaysPerEra + day_of_era - kMarchZeroToUnixEpoch;
}

Ymd ymd_from_days(std::int64_t days_since_1970) {
  const std::int64_t since_march_zero = days_since_1970 + kMarchZeroToUnixEpoch;
  const std::int64_t era = floor_div(since_march_zero, kDaysPerEra);
  const std::int64_t day_of_era = since_march_zero - era * kDaysPerEra;
  // 365 days per year overestimates the year by at most one; step back until it fits.
  std::int64_t year_of_era = day_of_era / 365;
  while (days_before_year_of_era(year_of_era) > day_of_era) --year_of_era;
  const int day_of_year = static_cast<int>(day_of_era - days_before_year_of_era(year_of_era));
  int month_from_march = 11;
  while (kDaysBeforeMonthFromMarch[month_from_march] > day_of_year) --month_from_march;
  const int month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const std::int64_t year = era * 400 + year_of_era + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), month, day_of_year - kDaysBeforeMonthFromMarch[month_from_march] + 1};
}

// Parses exactly `text.size()` ASCII digits; anything else (signs, spaces) is rejected.
bool parse_digits(std::string_view text, int& value) {
  value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return !text.empty();
}

void append_padded(std::string& out, int value, std::size_t width) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kLengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) throw std::invalid_argument("month must be 1..12");
  return month == 2 && is_leap_year(year) ? 29 : kLengths[month - 1];
}

bool is_valid_ymd(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day) {
  if (!is_valid_ymd(year, month, day)) {
    throw std::invalid_argument("no such date: " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                                std::to_string(day));
  }
  return from_days(static_cast<std::int32_t>(days_from_ymd(year, month, day)));
}

std::optional<Date> Date::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!parse_digits(iso.substr(0, 4), year) || !parse_digits(iso.substr(5, 2), month) ||
      !parse_digits(iso.substr(8, 2), day) || !is_valid_ymd(year, month, day)) {
    return std::nullopt;
  }
  return from_ymd(year, month, day);
}

int Date::year() const { return ymd_from_days(days_).year; }
int Date::month() const { return ymd_from_days(days_).month; }
int Date::day() const { return ymd_from_days(days_).day; }

// 1970-01-01 was a Thursday, which is 3 when Monday is 0.
int Date::weekday() const { return static_cast<int>(days_ + 3 - floor_div(days_ + 3, 7) * 7); }

int Date::day_of_year() const {
  const Ymd ymd = ymd_from_days(days_);
  return static_cast<int>(days_ - days_from_ymd(ymd.year, 1, 1)) + 1;
}

std::string Date::to_string() const {
  const Ymd ymd = ymd_from_days(days_);
  std::string out;
  out.reserve(10);
  append_padded(out, ymd.year, 4);
  out += '-';
  append_padded(out, ymd.month, 2);
  out += '-';
  append_padded(out, ymd.day, 2);
  return out;
}

Date nth_weekday(int year, int month, int weekday, int n) {
  if (month < 1 || month > 12 || weekday < 0 || weekday > 6 || !((n >= 1 && n <= 5) || n == -1)) {
    throw std::invalid_argument("nth_weekday: month 1..12, weekday 0..6 and n 1..5 or -1 expected");
  }
  if (n == -1) {
    const Date last = Date::from_ymd(year, month, days_in_month(year, month));
    return last - (last.weekday() - weekday + 7) % 7;
  }
  const Date first = Date::from_ymd(year, month, 1);
  const Date found = first + (weekday - first.weekday() + 7) % 7 + 7 * (n - 1);
  if (found.month() != month) throw std::out_of_range("nth_weekday: the month has no such day");
  return found;
}

std::optional<Date> lunar_to_gregorian(int lunar_year, int lunar_month, int lunar_day, bool leap) {
  using detail::kLunarFirstYear, detail::kLunarLastYear;
  if (lunar_year < kLunarFirstYear || lunar_year > kLunarLastYear || lunar_month < 1 || lunar_month > 12 ||
      lunar_day < 1 || lunar_day > 30) {
    return std::nullopt;
  }
  const std::uint32_t word = detail::kLunarYears[static_cast<std::size_t>(lunar_year - kLunarFirstYear)];
  const int leap_month = static_cast<int>((word >> 13) & 0xFu);
  const int new_year_offset = static_cast<int>((word >> 17) & 0x3Fu);
  if (leap && leap_month != lunar_month) return std::nullopt;
  // Position of the month in calendar order: the leap month follows the regular month of its number.
  const bool after_leap = leap_month != 0 && (lunar_month > leap_month || leap);
  const int position = lunar_month - 1 + (after_leap ? 1 : 0);
  int days_before = 0;
  for (int i = 0; i < position; ++i) days_before += 29 + static_cast<int>((word >> i) & 1u);
  const int month_length = 29 + static_cast<int>((word >> position) & 1u);
  if (lunar_day > month_length) return std::nullopt;
  return Date::from_ymd(lunar_year, 1, 1) + (new_year_offset + days_before + lunar_day - 1);
}

}  // namespace peaksim::cal
