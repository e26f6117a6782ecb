#include "agents/pricing_forecasts.hpp"

#include <algorithm>

#include "agents/warehouse.hpp"

namespace peaksim::agents {
namespace fc = forecasting;

bool PricingForecasts::needed(const NetworkPlan& plan) {
  for (const PricingGroup& g : plan.scenario->pricing)
    if (g.expected_demand != ExpectedDemandSource::model) return true;
  return false;
}

PricingForecasts::PricingForecasts(const NetworkPlan& plan, const ForecastSpec& spec) : plan_(plan), spec_(spec) {
  double scale = 0;
  for (const RegionSpec& r : plan.scenario->regions) scale += r.scale;
  for (const double f : plan.profile.factor) day_scale_.push_back(scale * f);
}

const PricingForecastView* PricingForecasts::add_series(int group, std::vector<const Warehouse*> warehouses,
                                                        const PriceBoard& board, std::size_t sku) {
  auto s = std::make_unique<Series>();
  s->group = group;
  s->warehouses = std::move(warehouses);
  s->board = &board;
  s->sku = sku;
  s->calendar =
      plan_.scenario->pricing[std::size_t(group)].expected_demand == ExpectedDemandSource::forecast_with_calendar;
  s->ring.assign(std::size_t(spec_.history_days), 0.0);
  series_.push_back(std::move(s));
  return &series_.back()->view;
}

void PricingForecasts::observe(Series& s, int day) {
  double demand = 0, lost = 0;
  std::int64_t on_hand = 0;
  for (const Warehouse* w : s.warehouses) {
    demand += double(w->flows().demand[s.sku]);
    lost += double(w->flows().lost_sales[s.sku]);
    on_hand += w->stock().on_hand[s.sku];
  }
  // As the policies' series (forecast_service.cpp): demand, or what the retailer records; then at the list price.
  double value = (spec_.observe == ForecastObserve::demand ? demand : demand - lost) / s.board->factor(s.sku);
  const bool censored = spec_.observe == ForecastObserve::sales && on_hand == 0;
  if (censored && spec_.unconstrain == Unconstrain::max_forecast) {
    const Sku& sku = plan_.scenario->skus[s.sku];
    double expected = sku.rate * day_scale_[std::size_t(day)];  // the model's, before the first forecast
    const int h = day - s.view.day;
    if (s.view.day >= 0 && h < int(s.view.mean.size())) expected = s.view.mean[std::size_t(h)];
    value = std::max(value, expected);
  }
  if (s.calendar) {
    // The base rate: at a calendar factor of 1. A day the calendar closes (factor 0) says nothing of it: the
    // previous observation stands in (0 before the first).
    const double c = plan_.profile.factor[std::size_t(day)];
    value = c > 0 ? value / c : (s.newest >= 0 ? s.ring[std::size_t(s.newest)] : 0.0);
  }
  s.newest = (s.newest + 1) % spec_.history_days;
  s.ring[std::size_t(s.newest)] = value;
  s.observed = std::min(s.observed + 1, spec_.history_days);
}

void PricingForecasts::step(int day) {
  for (auto& s : series_) observe(*s, day);
  const int next = day + 1, horizon = plan_.scenario->horizon_days;
  if (next >= horizon) return;
  std::vector<Series*> fit, cached;
  for (auto& s : series_) {
    const int period = plan_.scenario->pricing[std::size_t(s->group)].review_period_days;
    if (next % period != 0 || s->observed < spec_.history_days) continue;
    const bool due = !s->params || day - s->fitted_day >= spec_.refit_every_days;
    (due ? fit : cached).push_back(s.get());
  }
  if (!fit.empty()) forecast(fit, true, day);
  if (!cached.empty()) forecast(cached, false, day);
}

void PricingForecasts::forecast(const std::vector<Series*>& group, bool fit, int day) {
  const int n = spec_.history_days, horizon = plan_.scenario->horizon_days;
  fc::Batch batch(n, Eigen::Index(group.size()));
  for (std::size_t c = 0; c < group.size(); ++c)  // oldest first
    for (int i = 0; i < n; ++i) batch(i, Eigen::Index(c)) = group[c]->ring[std::size_t((group[c]->newest + 1 + i) % n)];
  fc::ModelSpec model{.method = forecast_method(spec_.model), .window = spec_.window_days, .period = spec_.period_days};
  if (!fit)
    for (const Series* s : group) model.per_series.push_back(*s->params);
  fc::ForecastOptions options;
  options.horizon = horizon - (day + 1);  // the rest of the season: days day + 1 .. horizon - 1
  options.levels = {};                    // the agents plan with the means
  const fc::Forecast f = fc::forecast(batch, model, options);
  ++calls_;
  for (std::size_t c = 0; c < group.size(); ++c) {
    Series& s = *group[c];
    if (fit) {
      s.params = f.params[c];
      s.fitted_day = day;
    }
    s.view.day = day + 1;
    s.view.mean.resize(std::size_t(options.horizon));
    for (int h = 0; h < options.horizon; ++h) {
      const double calendar = s.calendar ? plan_.profile.factor[std::size_t(day + 1 + h)] : 1.0;
      s.view.mean[std::size_t(h)] = f.mean(h, Eigen::Index(c)) * calendar;
    }
  }
}

}  // namespace peaksim::agents
