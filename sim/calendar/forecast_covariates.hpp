// Known-future covariates of the learned global forecaster for daily series, from the calendar alone (and a
// price when one is known): what `peaksim forecast --model global` and `peaksim train-forecaster` pass to
// forecasting::GlobalModel. Both must use this one definition, so the shipped weights keep their meaning.
#pragma once
#include <optional>
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

// Covariates of `steps` steps of `step_days` days each, the first ending on `first_end` (a step's date is its last
// day, as in a weekly file whose date is the week's Friday). One day per step gives daily_covariates(); a longer
// step takes each festival's highest proximity over its days, the day of year of its last day, and 0 for the
// weekday (every step ends on the same weekday). Row-major, steps x kDailyCovariates; `log_price` as above, per step.
std::vector<double> step_covariates(cal::Date first_end, int steps, int step_days,
                                    const std::vector<double>& log_price = {});

// Event covariates (sim/calendar/event_covariates.hpp), after the calendar's when a model has both.
inline constexpr int kEventCovariates = 4;

// Which covariates a global model takes, from its count per step: 0, the calendar (kDailyCovariates), the events
// (kEventCovariates) or both; nullopt for any other count.
struct CovariateLayout {
  bool calendar = false;
  bool events = false;
  int count() const { return (calendar ? kDailyCovariates : 0) + (events ? kEventCovariates : 0); }
};
inline std::optional<CovariateLayout> covariate_layout(int covariates) {
  for (const bool calendar : {false, true}) {
    for (const bool events : {false, true}) {
      if (CovariateLayout{calendar, events}.count() == covariates) return CovariateLayout{calendar, events};
    }
  }
  return std::nullopt;
}

// The name of a step of `step_days` days, as a model file records it: "daily", "weekly", else "Nd".
inline std::string model_frequency(int step_days) {
  return step_days == 1 ? "daily" : step_days == 7 ? "weekly" : std::to_string(step_days) + "d";
}

// Whether a global model trained with `covariates` per step at `frequency` can forecast series of `step_days` days
// here: the frequency must match and the covariates be a known layout. Empty when it can, else what is wrong, for a
// message. Inline: the scenario library checks weights without linking the kernel.
inline std::string model_mismatch(int covariates, const std::string& frequency, int step_days) {
  const std::string wanted = model_frequency(step_days);
  if (frequency == wanted && covariate_layout(covariates)) return {};
  return "a " + frequency + " model with " + std::to_string(covariates) + " covariates; a " + wanted + " model with " +
         std::to_string(kDailyCovariates) + " (the calendar), " + std::to_string(kEventCovariates) + " (events), " +
         std::to_string(kDailyCovariates + kEventCovariates) + " (both) or 0 is needed";
}

// model_mismatch for daily series.
inline std::string daily_model_mismatch(int covariates, const std::string& frequency) {
  return model_mismatch(covariates, frequency, 1);
}

}  // namespace peaksim
