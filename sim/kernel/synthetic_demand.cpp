#include "sim/kernel/synthetic_demand.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <variant>

#include "sim/kernel/demand_profile.hpp"
#include "sim/random/distributions.hpp"
#include "sim/random/stream.hpp"

namespace peaksim {
namespace {

constexpr std::array<const char*, 11> kEventRules = {"singles_day",     "black_friday", "cyber_monday",  "christmas",
                                                     "spring_festival", "mid_year_618", "double_twelve", "valentines",
                                                     "mid_autumn",      "new_year",     "dragon_boat"};

double between(rng::Stream& s, double lo, double hi) { return lo + (hi - lo) * s.uniform(); }
double log_between(rng::Stream& s, double lo, double hi) { return std::exp(between(s, std::log(lo), std::log(hi))); }
int int_between(rng::Stream& s, int lo, int hi) { return lo + static_cast<int>(s.uniform() * (hi - lo + 1)); }

// Weekly factors Monday..Sunday: flat, weekend-heavy, weekday-heavy or random, each with a random strength.
std::array<double, 7> weekly_pattern(rng::Stream& s) {
  std::array<double, 7> w{1, 1, 1, 1, 1, 1, 1};
  const double kind = s.uniform();
  const double strength = between(s, 0.1, 0.8);
  for (int d = 0; d < 7; ++d) {
    if (kind < 0.2) break;
    if (kind < 0.5)
      w[d] = d >= 5 ? 1 + strength : 1;
    else if (kind < 0.7)
      w[d] = d >= 5 ? 1 - strength * 0.8 : 1;
    else
      w[d] = 1 + strength * (2 * s.uniform() - 1);
  }
  double mean = 0;
  for (double v : w) mean += v / 7;
  for (double& v : w) v /= mean;
  return w;
}

CalendarSpec calendar_pattern(rng::Stream& s) {
  CalendarSpec c;
  c.weekly = weekly_pattern(s);
  if (s.uniform() < 0.5) {
    c.yearly_amplitude = between(s, 0.05, 0.5);
    c.yearly_phase_days = between(s, 0, 365);
  }
  for (const char* rule : kEventRules) {
    if (s.uniform() >= 0.35) continue;
    FestivalEvent ev;
    ev.name = rule;
    ev.date = std::get<cal::DateRule>(cal::parse_date_rule(rule));
    const bool dip = std::string_view(rule) == "spring_festival" && s.uniform() < 0.5;  // logistics shutdown
    ev.multiplier = dip ? between(s, 0.2, 0.8) : log_between(s, 1.2, 10);
    ev.shape.days_before = int_between(s, 0, 3);
    ev.shape.days_after = int_between(s, 0, dip ? 10 : 3);
    ev.shape.profile = s.uniform() < 0.5 ? EventShape::Profile::flat : EventShape::Profile::linear;
    ev.shape.pull_forward_days = int_between(s, 0, 10);
    ev.shape.pull_forward_factor = between(s, 0.6, 1);
    ev.shape.hangover_days = int_between(s, 0, 7);
    ev.shape.hangover_factor = between(s, 0.5, 1);
    c.events.push_back(std::move(ev));
  }
  return c;
}

}  // namespace

std::vector<SyntheticSeries> synthetic_demand(std::uint64_t seed, int count, int days) {
  std::vector<SyntheticSeries> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const auto index = static_cast<std::uint64_t>(i);
    rng::Stream pattern({seed, 0, "synthetic", "pattern", index});  // every per-series choice below
    rng::Stream noise({seed, 0, "synthetic", "demand", index});     // the daily draws
    rng::Stream shock_timing({seed, 0, "synthetic", "shock_timing", index});
    rng::Stream shock_size({seed, 0, "synthetic", "shock_size", index});
    rng::Stream promotion({seed, 0, "synthetic", "promotion", index});

    SyntheticSeries series;
    series.first = cal::Date::from_ymd(2012, 1, 1) + int_between(pattern, 0, 13 * 365);
    const double level = log_between(pattern, 0.05, 300);  // intermittent to high volume
    const CalendarSpec calendar = calendar_pattern(pattern);
    const double growth = pattern.uniform() < 0.6 ? between(pattern, -0.6, 0.8) : 0.0;  // per year, log scale
    const double shock_probability = pattern.uniform() < 0.3 ? between(pattern, 0.002, 0.02) : 0.0;
    const double shock_mean = between(pattern, 0.3, 3);
    const int shock_days = int_between(pattern, 1, 14);
    const double promotion_probability = pattern.uniform() < 0.4 ? between(pattern, 0.005, 0.03) : 0.0;
    const double elasticity = between(pattern, 0.5, 3);
    const bool poisson = pattern.uniform() < 0.2;
    const double dispersion = log_between(pattern, 0.5, 50);  // negative binomial size

    const DemandProfile profile = build_demand_profile(calendar, series.first, days);
    series.demand.resize(static_cast<std::size_t>(days));
    series.log_price.assign(static_cast<std::size_t>(days), 0.0);
    int shock_until = -1, promotion_until = -1;
    double shock_multiplier = 1, discount = 0;
    for (int t = 0; t < days; ++t) {
      // As CustomerRegion: one uniform per day decides whether a shock starts; its size has a stream of its own.
      if (shock_timing.uniform() < shock_probability && t > shock_until) {
        shock_multiplier = rng::lognormal_mean_cv(shock_size, shock_mean, 0.5);
        shock_until = t + shock_days - 1;
      }
      if (promotion.uniform() < promotion_probability && t > promotion_until) {
        discount = between(promotion, 0.1, 0.4);
        promotion_until = t + int_between(promotion, 2, 7) - 1;
      }
      const double log_price = t <= promotion_until ? std::log(1 - discount) : 0.0;
      series.log_price[static_cast<std::size_t>(t)] = log_price;
      const double mean = level * profile.factor[static_cast<std::size_t>(t)] * std::exp(growth * t / 365.0) *
                          (t <= shock_until ? shock_multiplier : 1.0) * std::exp(-elasticity * log_price);
      series.demand[static_cast<std::size_t>(t)] =
          static_cast<double>(poisson ? rng::poisson(noise, mean) : rng::negative_binomial(noise, mean, dispersion));
    }
    out.push_back(std::move(series));
  }
  return out;
}

}  // namespace peaksim
