#include "agents/forecast_service.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "forecasting/global_model.hpp"
#include "sim/calendar/event_covariates.hpp"
#include "sim/calendar/forecast_covariates.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/scenario/event_days.hpp"

namespace peaksim::agents {
namespace fc = forecasting;
namespace {

fc::Method method_of(ForecastModel m) {
  switch (m) {
    case ForecastModel::moving_average:
      return fc::Method::kMovingAverage;
    case ForecastModel::seasonal_naive:
      return fc::Method::kSeasonalNaive;
    case ForecastModel::ses:
      return fc::Method::kSes;
    case ForecastModel::holt_damped:
      return fc::Method::kHoltDamped;
    case ForecastModel::holt_winters_additive:
      return fc::Method::kHoltWintersAdditive;
    case ForecastModel::holt_winters_multiplicative:
      return fc::Method::kHoltWintersMultiplicative;
    case ForecastModel::croston:
      return fc::Method::kCroston;
    case ForecastModel::sba:
      return fc::Method::kSba;
    case ForecastModel::tsb:
      return fc::Method::kTsb;
    case ForecastModel::global:
      break;  // not a method of forecast(): see forecast_global
  }
  return fc::Method::kSes;
}

bool forecasts(const PolicyParams& p) { return policy_type(p.type).forecasts; }

// The library needs levels strictly inside (0, 1); Phi(z) rounds to 1 for z above about 8.
double level_of(const PolicyParams& p) { return std::clamp(forecast_level_probability(p), 1e-9, 1 - 1e-9); }

int index_of(const std::vector<double>& levels, double level) {
  return int(std::lower_bound(levels.begin(), levels.end(), level) - levels.begin());
}

double pinball_loss(double y, double q, double level) { return y >= q ? level * (y - q) : (1 - level) * (q - y); }

// Mean absolute error of the in-sample seasonal-naive forecast (lag `period`; lag 1 when the history
// holds no full season after the first): the MASE scale.
double naive_scale(const std::vector<double>& y, int period) {
  const std::size_t lag = y.size() > std::size_t(period) ? std::size_t(period) : 1;
  if (y.size() <= lag) return 0;
  double sum = 0;
  for (std::size_t t = lag; t < y.size(); ++t) sum += std::abs(y[t] - y[t - lag]);
  return sum / double(y.size() - lag);
}

}  // namespace

fc::Method forecast_method(ForecastModel model) { return method_of(model); }

fc::Backend resolved_backend(ForecastBackend asked) {
  if (asked == ForecastBackend::cpu) return fc::Backend::cpu;
  std::ostringstream fallback;  // auto's notice: the provenance records it (backend_record)
  return fc::resolve_backend(asked == ForecastBackend::cuda ? fc::Backend::cuda : fc::Backend::automatic, fallback);
}

std::string backend_record(ForecastBackend asked) {
  const std::string words[] = {"auto", "cpu", "cuda"};
  std::string record = "asked " + words[int(asked)] + ", ran on ";
  if (resolved_backend(asked) == fc::Backend::cuda) return record + "cuda (" + fc::cuda_device_info().name + ")";
  record += "cpu";
  if (asked == ForecastBackend::automatic) record += ": " + fc::cuda_unavailable_reason();
  return record;
}

bool ForecastService::needed(const NetworkPlan& plan) {
  for (const WarehousePlan& wp : plan.warehouses)
    for (const PolicyParams* p : wp.params)
      if (forecasts(*p)) return true;
  return false;
}

ForecastService::ForecastService(const NetworkPlan& plan)
    : plan_(plan), spec_(*plan.scenario->forecast), horizon_days_(plan.scenario->horizon_days), pricing_(plan, spec_) {
  levels_ = spec_.quantiles;
  levels_.push_back(0.1);
  levels_.push_back(0.9);
  for (const WarehousePlan& wp : plan.warehouses) {
    const double lead = wp.inbound->lead_time_days.mean_value();
    for (const PolicyParams* p : wp.params) {
      if (!forecasts(*p)) continue;
      levels_.push_back(level_of(*p));
      cover_days_ = std::max(cover_days_, int(std::ceil(protection_days(*p, lead))));
    }
  }
  std::sort(levels_.begin(), levels_.end());
  levels_.erase(std::unique(levels_.begin(), levels_.end()), levels_.end());
  for (double q : spec_.quantiles) scored_levels_.push_back(index_of(levels_, q));
  low_index_ = index_of(levels_, 0.1);
  high_index_ = index_of(levels_, 0.9);
  if (resolved_backend(spec_.backend) == fc::Backend::cuda) {
    backend_hooks_.filters = fc::filter_runner(fc::Backend::cuda);
    backend_hooks_.network = [](const fc::Mlp& mlp, const Eigen::MatrixXf& x) {
      return fc::mlp_forward(fc::Backend::cuda, mlp, x);
    };
  }
  if (spec_.model == ForecastModel::global && cover_days_ > spec_.global->config().horizon)
    throw std::invalid_argument("forecast.model global: the longest cover (lead time + review period) is " +
                                std::to_string(cover_days_) + " days; the global model forecasts at most " +
                                std::to_string(spec_.global->config().horizon) + " days ahead");
}

int ForecastService::add_replication(Recorder& recorder) {
  Accuracy& a = accuracy_.emplace_back();
  a.recorder = &recorder;
  a.cover_mean = recorder.signal("forecast_cover_mean");
  a.cover_quantile = recorder.signal("forecast_cover_quantile");
  return int(accuracy_.size()) - 1;
}

const ForecastView* ForecastService::add_series(int replication, const Warehouse& warehouse, std::size_t sku) {
  const WarehousePlan& wp = plan_.warehouses[warehouse.index()];
  const PolicyParams& p = *wp.params[sku];
  auto s = std::make_unique<Series>();
  s->replication = replication;
  s->warehouse = &warehouse;
  s->sku = sku;
  s->review_period = p.review_period_days;
  s->m = wp.mean_demand[sku];
  s->level_index = index_of(levels_, level_of(p));
  // The cover is P days: whole days, then the fraction of a last one (a fractional mean lead time).
  const double cover = protection_days(p, wp.inbound->lead_time_days.mean_value());
  for (double left = cover; left > 0; left -= 1) s->weights.push_back(std::min(left, 1.0));
  s->ring.assign(std::size_t(spec_.history_days), 0.0);
  series_.push_back(std::move(s));
  return &series_.back()->view;
}

void ForecastService::operator()() {
  for (int day = 0; day < horizon_days_; ++day) {
    wait_for(day, Phase::review, 0);
    step(day);
  }
  for (std::size_t r = 0; r < accuracy_.size(); ++r) report(int(r));
}

void ForecastService::step(int day) {
  pricing_.step(day);  // independent of the policies' series
  for (auto& s : series_) observe(*s, day);

  // Today's series under review with a full history: those whose parameters are due for a fit form
  // one batch; the others form a second one, each series with its own cached parameters.
  std::vector<Series*> fit, cached;
  for (auto& s : series_) {
    s->view.ready = false;
    if (day % s->review_period != 0 || s->observed < spec_.history_days) continue;
    const bool due = !s->params || day - s->fitted_day >= spec_.refit_every_days;
    (due ? fit : cached).push_back(s.get());
  }
  if (spec_.model == ForecastModel::global) {  // never fitted: every series due today in one batch
    fit.insert(fit.end(), cached.begin(), cached.end());
    if (!fit.empty()) forecast_global(fit, day);
    return;
  }
  if (!fit.empty()) forecast_group(fit, true, day);
  if (!cached.empty()) forecast_group(cached, false, day);
}

std::vector<double> ForecastService::oldest_first(const Series& s) const {
  const int n = spec_.history_days;
  std::vector<double> y(std::size_t(std::min(s.observed, n)));
  for (std::size_t i = 0; i < y.size(); ++i) {
    const int back = int(y.size() - 1 - i);
    y[i] = s.ring[std::size_t((s.newest - back + n) % n)];
  }
  return y;
}

fc::Batch ForecastService::history_batch(const std::vector<Series*>& group) const {
  const auto rows = Eigen::Index(spec_.history_days);
  fc::Batch batch(rows, Eigen::Index(group.size()));
  for (std::size_t c = 0; c < group.size(); ++c) {
    const std::vector<double> y = oldest_first(*group[c]);
    std::copy(y.begin(), y.end(), batch.data() + Eigen::Index(c) * rows);
  }
  return batch;
}

void ForecastService::observe(Series& s, int day) {
  const DailyFlows& flows = s.warehouse->flows();
  const double demand = double(flows.demand[s.sku]);
  // What the retailer records: every unit asked for except those lost (backordered units count).
  const double sales = demand - double(flows.lost_sales[s.sku]);
  double value = spec_.observe == ForecastObserve::demand ? demand : sales;
  const bool censored = spec_.observe == ForecastObserve::sales && s.warehouse->stock().on_hand[s.sku] == 0;
  if (censored && spec_.unconstrain == Unconstrain::max_forecast) {
    double expected = s.m * plan_.profile.factor[std::size_t(day)];  // before the first forecast
    if (s.origin >= 0) expected = s.path[std::size_t(std::min<int>(day - s.origin, int(s.path.size())) - 1)];
    value = std::max(value, expected);
  }

  Accuracy& acc = accuracy_[std::size_t(s.replication)];
  for (Pending& p : s.pending) {
    const std::size_t h = std::size_t(day - p.origin);  // 1 .. cover days
    acc.demand.add(p, h - 1, demand, spec_.quantiles);
    if (spec_.observe == ForecastObserve::sales) acc.sales.add(p, h - 1, sales, spec_.quantiles);
    p.realised += s.weights[h - 1] * value;
    if (h == s.weights.size()) {
      s.errors.push_back(p.realised - p.cover_mean);
      if (int(s.errors.size()) > spec_.history_days) s.errors.pop_front();
    }
  }
  while (!s.pending.empty() && s.pending.front().origin + int(s.weights.size()) <= day) s.pending.pop_front();

  s.newest = (s.newest + 1) % spec_.history_days;
  s.ring[std::size_t(s.newest)] = value;
  s.observed = std::min(s.observed + 1, spec_.history_days);
}

void ForecastService::Score::add(const Pending& p, std::size_t h, double y, const std::vector<double>& levels) {
  ++points;
  const double e = p.mean[h] - y;
  error += e;
  actual += y;
  if (p.scale > 0) {
    scaled_abs += std::abs(e) / p.scale;
    ++scaled_points;
  }
  covered += p.low[h] <= y && y <= p.high[h];
  for (std::size_t l = 0; l < levels.size(); ++l) pinball += 2 * pinball_loss(y, p.quantiles[l][h], levels[l]);
}

void ForecastService::forecast_group(const std::vector<Series*>& group, bool fit, int day) {
  const fc::Batch batch = history_batch(group);
  fc::ModelSpec model{.method = method_of(spec_.model), .window = spec_.window_days, .period = spec_.period_days};
  if (!fit) {
    model.per_series.reserve(group.size());
    for (const Series* s : group) model.per_series.push_back(*s->params);
  }
  fc::ForecastOptions options = backend_hooks_;
  options.horizon = cover_days_;
  options.levels = levels_;
  const auto start = std::chrono::steady_clock::now();
  const fc::Forecast f = fc::forecast(batch, model, options);
  stats_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++stats_.calls;
  (fit ? stats_.fitted_series : stats_.cached_series) += std::int64_t(group.size());
  for (std::size_t c = 0; c < group.size(); ++c) {
    Series& s = *group[c];
    if (fit) {
      s.params = f.params[c];
      s.fitted_day = day;
    }
    answer(s, f, int(c), day);
  }
}

void ForecastService::forecast_global(const std::vector<Series*>& group, int day) {
  const int rows = spec_.history_days;
  const auto columns = Eigen::Index(group.size());
  const fc::Batch batch = history_batch(group);
  // Every series shares the calendar: the days of the history (the oldest is day - rows + 1) and of the cover.
  const int days = rows + cover_days_;
  const cal::Date first = plan_.scenario->start + (day - rows + 1);
  const std::vector<double> calendar = daily_covariates(first, days);
  // A model trained without the calendar takes none; one trained with events gets the scenario's calendar.events.
  const CovariateLayout layout = *covariate_layout(spec_.global->config().covariates);
  const int count = layout.calendar ? kDailyCovariates : 0;
  fc::Covariates covariates(std::size_t(layout.count()), Eigen::MatrixXd(days, columns));
  for (int k = 0; k < count; ++k)
    for (int t = 0; t < days; ++t)
      covariates[std::size_t(k)].row(t).setConstant(calendar[std::size_t(t * kDailyCovariates + k)]);
  if (layout.events) {
    // The lift covariate looks a year and a bit back: resolve the events from there.
    const std::vector<DatedEvent> events =
        scenario_event_days(plan_.scenario->calendar, first - 400, first + (days + 10));
    for (Eigen::Index c = 0; c < columns; ++c) {
      const std::vector<double> rows_c = event_covariates(events, first, days, 1, batch.col(c).data(), rows);
      for (int k = 0; k < kEventCovariates; ++k)
        for (int t = 0; t < days; ++t)
          covariates[std::size_t(count + k)](t, c) = rows_c[std::size_t(t * kEventCovariates + k)];
    }
  }
  fc::ForecastOptions options = backend_hooks_;
  options.horizon = cover_days_;
  options.levels = levels_;
  const auto start = std::chrono::steady_clock::now();
  const fc::Forecast f = spec_.global->forecast(batch, covariates, options);
  stats_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++stats_.calls;
  stats_.cached_series += std::int64_t(group.size());
  for (std::size_t c = 0; c < group.size(); ++c) answer(*group[c], f, int(c), day);
}

void ForecastService::answer(Series& s, const fc::Forecast& f, int column, int day) {
  s.origin = day;
  s.path.assign(std::size_t(cover_days_), 0.0);
  for (int h = 0; h < cover_days_; ++h) s.path[std::size_t(h)] = f.mean(h, column);

  ForecastView& v = s.view;
  v.ready = true;
  v.cover_mean = 0;
  v.cover_quantile = 0;
  for (std::size_t h = 0; h < s.weights.size(); ++h) {
    v.cover_mean += s.weights[h] * f.mean(Eigen::Index(h), column);
    v.cover_quantile += s.weights[h] * f.quantile(int(h), column, std::size_t(s.level_index));
  }
  v.errors = int(s.errors.size());
  v.error_mean = v.error_sd = 0;
  if (v.errors >= 2) {
    for (double e : s.errors) v.error_mean += e;
    v.error_mean /= v.errors;
    double ss = 0;
    for (double e : s.errors) ss += (e - v.error_mean) * (e - v.error_mean);
    v.error_sd = std::sqrt(ss / (v.errors - 1));
  }

  const Accuracy& acc = accuracy_[std::size_t(s.replication)];
  acc.recorder->put(acc.cover_mean, day, s.sku, s.warehouse->index(), std::llround(v.cover_mean));
  acc.recorder->put(acc.cover_quantile, day, s.sku, s.warehouse->index(), std::llround(v.cover_quantile));

  Pending p;
  p.origin = day;
  p.scale = naive_scale(oldest_first(s), spec_.period_days);
  p.cover_mean = v.cover_mean;
  for (std::size_t h = 0; h < s.weights.size(); ++h) {
    const auto row = int(h);
    p.mean.push_back(f.mean(row, column));
    p.low.push_back(f.quantile(row, column, std::size_t(low_index_)));
    p.high.push_back(f.quantile(row, column, std::size_t(high_index_)));
  }
  for (int l : scored_levels_) {
    std::vector<double> q;
    for (std::size_t h = 0; h < s.weights.size(); ++h) q.push_back(f.quantile(int(h), column, std::size_t(l)));
    p.quantiles.push_back(std::move(q));
  }
  s.pending.push_back(std::move(p));
}

void ForecastService::report(int replication) const {
  const Accuracy& acc = accuracy_[std::size_t(replication)];
  Recorder& r = *acc.recorder;
  auto ratio = [](double a, double b) { return b > 0 ? a / b : std::nan(""); };
  r.set_kpi(Kpi::forecast_points, double(acc.demand.points));
  auto add = [&](const Score& s, Kpi mase, Kpi wql, Kpi bias, Kpi coverage) {
    r.set_kpi(mase, ratio(s.scaled_abs, double(s.scaled_points)));
    r.set_kpi(wql, ratio(s.pinball, double(spec_.quantiles.size()) * s.actual));
    r.set_kpi(bias, ratio(s.error, s.actual));
    r.set_kpi(coverage, ratio(double(s.covered), double(s.points)));
  };
  add(acc.demand, Kpi::forecast_mase, Kpi::forecast_wql, Kpi::forecast_bias, Kpi::forecast_coverage80);
  if (spec_.observe == ForecastObserve::sales)
    add(acc.sales, Kpi::forecast_mase_sales, Kpi::forecast_wql_sales, Kpi::forecast_bias_sales,
        Kpi::forecast_coverage80_sales);
}

}  // namespace peaksim::agents
