// Model choice and combination on top of forecast(): an automatic choice per series by holdout error, and a
// simple ensemble that averages its members. Both return the library's Forecast. See docs/forecasting.md.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "forecasting/forecast.hpp"

namespace peaksim::forecasting {

// The nine classical methods in the order that breaks ties in forecast_auto: moving average, seasonal naive,
// SES, Holt damped, Holt-Winters additive and multiplicative, Croston, SBA, TSB; `period` is the season length
// of the seasonal ones. The double-seasonal Holt-Winters is not a candidate: it needs a second period.
std::vector<ModelSpec> classical_candidates(int period, int window = 7);

// The default ensemble: SES, Holt damped, Holt-Winters additive and seasonal naive with season `period`.
std::vector<ModelSpec> default_ensemble(int period);

// The documented holdout of the automatic choice: min(horizon, floor(length / 4)); below 1 no choice is made.
int default_holdout(int length, int horizon);

// In `chosen`, a series too short to hold anything out (holdout < 1): it is forecast with fitted SES.
inline constexpr std::size_t kNoChoice = std::numeric_limits<std::size_t>::max();

// Per series, fits every candidate on the series without its last `holdout` points and scores it by the
// MAE of its mean forecast over them (the observed ones); the candidate with the lowest MAE (the first on a tie) is
// refitted on the whole series and forecast options.horizon steps ahead. With holdout < 1 every series gets fitted SES.
// The result's `used`, `params`, `flags` and `sse` are those of the refit. `chosen`, when given, receives
// per series the index into `candidates` of the choice, or kNoChoice. Throws std::invalid_argument as
// forecast() does, and on no candidates or a holdout that leaves nothing to fit (holdout >= T).
Forecast forecast_auto(const Batch& history, const ForecastOptions& options, std::span<const ModelSpec> candidates,
                       int holdout, std::vector<std::size_t>* chosen = nullptr);

// The mean of the members' forecasts: each mean and each quantile is the average of the members' values at
// that level. This averages quantiles, which is not the quantile of the averaged forecast; it is kept for
// its simplicity. The result's `used` and `params` are those of the first member, `flags` the union of the
// members' flags, and `sse` NaN (an average of forecasts has no one-step fit of its own). `parts`, when
// given, receives each member's own forecast. Throws std::invalid_argument on no members.
Forecast forecast_ensemble(const Batch& history, std::span<const ModelSpec> members,
                           const ForecastOptions& options = {}, std::vector<Forecast>* parts = nullptr);

}  // namespace peaksim::forecasting
