// Civil dates (proleptic Gregorian) as day counts, and lunar (Chinese calendar) conversion.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peaksim::cal {

class Date {
public:
  Date() = default;
  static Date from_ymd(int year, int month, int day);      // throws std::invalid_argument if invalid
  static std::optional<Date> parse(std::string_view iso);  // strictly "YYYY-MM-DD", years 0001..9999
  static Date from_days(std::int32_t days_since_1970) {
    Date d;
    d.days_ = days_since_1970;
    return d;
  }

  int year() const;
  int month() const;        // 1..12
  int day() const;          // 1..31
  int weekday() const;      // 0 = Monday .. 6 = Sunday (ISO order)
  int day_of_year() const;  // 1..366
  std::int32_t days_since_1970() const { return days_; }
  std::string to_string() const;  // "YYYY-MM-DD"

  Date operator+(int days) const { return from_days(days_ + days); }
  Date operator-(int days) const { return from_days(days_ - days); }
  int operator-(Date o) const { return days_ - o.days_; }
  auto operator<=>(const Date&) const = default;

private:
  std::int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);  // month 1..12
// True for an existing proleptic Gregorian day in the years 1..9999.
bool is_valid_ymd(int year, int month, int day);
// The n-th given weekday (0 = Monday) of a month; n = 1..5, or -1 for the last one.
// Throws std::invalid_argument for bad arguments, std::out_of_range when the month has no such day.
Date nth_weekday(int year, int month, int weekday, int n);
// Gregorian date of a day in the Chinese lunar calendar (month 1..12, leap for a leap month).
// Empty when outside the supported lunar years 1900..2099 (see docs/festivals.md) or when the date
// does not exist (day 30 of a short month, a leap month the year does not have).
std::optional<Date> lunar_to_gregorian(int lunar_year, int lunar_month, int lunar_day, bool leap = false);

}  // namespace peaksim::cal
