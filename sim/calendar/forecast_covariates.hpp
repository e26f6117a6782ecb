// Known-future covariates of the learned global forecaster for daily series, from the calendar alone (and a
// price when one is known): what `peaksim forecast --model global` and `peaksim train-forecaster` pass to
// forecasting::GlobalModel. Both must use this one definition, so the shipped weights keep their meaning.
#pragma once
#include <string>
#include <vector>

#include "sim/calendar/date.hpp"

namespace peaksim {

// Per day, in this order:
//   0, 1  sin and cos of 2 pi weekday / 7 (Monday = 0)
//   2, 3  sin and cos of 2 pi (day of year - 1) / 365.25
//   4..8  proximity to singles_day, black_friday, christmas, spring_festival, mid_year_618: exp(-|d| / 3) where d
//         is the distance in days to the nearest occurrence, 0 beyond 10 days
//   9     log(price / reference price); 0 where no price is known
inline constexpr int kDailyCovariates = 10;

// Row-major, days x kDailyCovariates, for the days first .. first + days - 1. `log_price` (optional) holds the
// price column's values for the first log_price.size() days; later days repeat the last one.
std::vector<double> daily_covariates(cal::Date first, int days, const std::vector<double>& log_price = {});

// Whether a global model trained with `covariates` per step at `frequency` can forecast daily series here: it
// takes daily_covariates() (kDailyCovariates) or none (a model trained without the calendar). Empty when it can,
// else what is wrong, for a message. Inline: the scenario library checks weights without linking the kernel.
inline std::string daily_model_mismatch(int covariates, const std::string& frequency) {
  if (frequency == "daily" && (covariates == 0 || covariates == kDailyCovariates)) return {};
  return "a " + frequency + " model with " + std::to_string(covariates) + " covariates; a daily model with " +
         std::to_string(kDailyCovariates) + " (the calendar) or 0 is needed";
}

}  // namespace peaksim
