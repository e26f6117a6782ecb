#include "sim/calendar/forecast_covariates.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <string>
#include <variant>

#include "sim/calendar/festivals.hpp"

namespace peaksim {
namespace {

constexpr std::array<const char*, 5> kFestivals = {"singles_day", "black_friday", "christmas", "spring_festival",
                                                   "mid_year_618"};
constexpr int kReach = 10;  // days: beyond this a festival contributes nothing

}  // namespace

std::vector<double> daily_covariates(cal::Date first, int days, const std::vector<double>& log_price) {
  std::vector<double> out(static_cast<std::size_t>(days) * kDailyCovariates, 0.0);
  const double two_pi = 2 * std::numbers::pi;
  for (int t = 0; t < days; ++t) {
    const cal::Date d = first + t;
    double* row = out.data() + static_cast<std::size_t>(t) * kDailyCovariates;
    row[0] = std::sin(two_pi * d.weekday() / 7);
    row[1] = std::cos(two_pi * d.weekday() / 7);
    row[2] = std::sin(two_pi * (d.day_of_year() - 1) / 365.25);
    row[3] = std::cos(two_pi * (d.day_of_year() - 1) / 365.25);
    if (!log_price.empty())
      row[9] = log_price[std::min<std::size_t>(static_cast<std::size_t>(t), log_price.size() - 1)];
  }
  for (std::size_t f = 0; f < kFestivals.size(); ++f) {
    const auto rule = std::get<cal::DateRule>(cal::parse_date_rule(kFestivals[f]));
    for (const cal::Date at : cal::occurrences(rule, first - kReach, first + (days - 1 + kReach))) {
      for (int off = -kReach; off <= kReach; ++off) {
        const int t = (at - first) + off;
        if (t < 0 || t >= days) continue;
        double& cell = out[static_cast<std::size_t>(t) * kDailyCovariates + 4 + f];
        cell = std::max(cell, std::exp(-std::abs(off) / 3.0));
      }
    }
  }
  return out;
}

std::vector<double> step_covariates(cal::Date first_end, int steps, int step_days,
                                    const std::vector<double>& log_price) {
  if (step_days == 1) return daily_covariates(first_end, steps, log_price);
  const std::vector<double> days = daily_covariates(first_end - (step_days - 1), steps * step_days);
  std::vector<double> out(static_cast<std::size_t>(steps) * kDailyCovariates, 0.0);
  for (int t = 0; t < steps; ++t) {
    const std::size_t last = static_cast<std::size_t>(t * step_days + step_days - 1) * kDailyCovariates;
    double* row = out.data() + static_cast<std::size_t>(t) * kDailyCovariates;
    row[2] = days[last + 2];
    row[3] = days[last + 3];
    for (int c = 4; c <= 8; ++c) {
      for (int d = 0; d < step_days; ++d)
        row[c] = std::max(row[c], days[static_cast<std::size_t>(t * step_days + d) * kDailyCovariates + c]);
    }
    if (!log_price.empty())
      row[9] = log_price[std::min<std::size_t>(static_cast<std::size_t>(t), log_price.size() - 1)];
  }
  return out;
}

}  // namespace peaksim
