// Synthetic daily demand histories for pretraining the learned global forecaster, drawn with the scenario's own
// demand machinery: the calendar factor of build_demand_profile (weekly x yearly x festival events, lunar ones
// included), region-style shocks, and Poisson or negative-binomial draws from sim/random, around per-series
// patterns drawn at random (intermittent to high volume, trends, price promotions). See docs/forecasting.md.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/calendar/date.hpp"

namespace peaksim {

struct SyntheticSeries {
  cal::Date first;                // date of demand[0]
  std::vector<double> demand;     // units per day
  std::vector<double> log_price;  // log(price / regular price) per day: 0 outside promotions
};

// `count` series of `days` days each, from streams named ("synthetic", purpose, series index) under `seed`:
// the same seed gives the same histories. Start dates vary between 2012 and 2024.
std::vector<SyntheticSeries> synthetic_demand(std::uint64_t seed, int count, int days);

}  // namespace peaksim
