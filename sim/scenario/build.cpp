// From the validated tree to the frozen Scenario. Every value here has passed the table's
// checks, so conversions cannot fail; checks that span keys live in sites.cpp and catalog.cpp.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "forecasting/backend.hpp"
#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/forecast_covariates.hpp"
#include "sim/common/shipped_file.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

int to_int(const Tree& node) { return static_cast<int>(*parse_integer(node.text)); }
int to_whole_days(const Tree& node) { return static_cast<int>(std::lround(to_days(node))); }

CalendarSpec to_calendar(const Tree& c) {
  CalendarSpec cal;
  const auto& weekly = c.at("weekly").items;
  for (std::size_t d = 0; d < cal.weekly.size(); ++d) cal.weekly[d] = to_real(weekly[d]);
  const Tree& yearly = c.at("yearly");
  cal.yearly_amplitude = to_real(yearly.at("amplitude"));
  cal.yearly_period_days = to_days(yearly.at("period"));
  cal.yearly_phase_days = to_days(yearly.at("phase"));
  for (const Tree& e : c.at("events").items) {
    FestivalEvent ev;
    ev.name = e.str("name");
    ev.date = std::get<cal::DateRule>(cal::parse_date_rule(e.str("date")));
    ev.multiplier = to_real(e.at("multiplier"));
    ev.shape.days_before = to_whole_days(e.at("before"));
    ev.shape.days_after = to_whole_days(e.at("after"));
    ev.shape.profile = to_enum<EventShape::Profile>(e.at("profile"));
    ev.shape.pull_forward_days = to_whole_days(e.at("pull_forward").at("days"));
    ev.shape.pull_forward_factor = to_real(e.at("pull_forward").at("factor"));
    ev.shape.hangover_days = to_whole_days(e.at("hangover").at("days"));
    ev.shape.hangover_factor = to_real(e.at("hangover").at("factor"));
    cal.events.push_back(std::move(ev));
  }
  return cal;
}

ForecastSpec to_forecast(const Tree& f) {
  using M = ForecastModel;
  ForecastSpec out;
  out.model = to_enum<M>(f.at("model"));
  out.period_days = to_whole_days(f.at("period"));
  out.window_days = to_whole_days(f.at("window"));
  out.refit_every_days = to_whole_days(f.at("refit_every"));
  out.history_days = to_whole_days(f.at("history"));
  for (const Tree& q : f.at("quantiles").items) out.quantiles.push_back(to_real(q));
  std::sort(out.quantiles.begin(), out.quantiles.end());
  out.quantiles.erase(std::unique(out.quantiles.begin(), out.quantiles.end()), out.quantiles.end());
  out.observe = to_enum<ForecastObserve>(f.at("observe"));
  out.unconstrain = to_enum<Unconstrain>(f.at("unconstrain"));
  out.backend = to_enum<ForecastBackend>(f.at("backend"));
  out.weights = f.str("weights");
  return out;
}

// model global: loads the weights once (a missing, malformed or non-daily file is an error naming the key).
void load_global_forecaster(const Tree& section, ForecastSpec& f) {
  const Tree& key = section.at("weights");
  const bool shipped = f.weights.empty();
  const std::string which = shipped ? " (the shipped default weights)" : "";
  std::string path = f.weights;
  try {
    if (shipped) path = shipped_file(kShippedGlobalWeights);
  } catch (const ShippedFileError& e) {
    fail(key.where, "forecast.weights", e.what());
  }
  try {
    auto model = std::make_shared<forecasting::GlobalModel>(forecasting::load_global_model(path));
    const forecasting::GlobalConfig& c = model->config();
    if (const std::string problem = daily_model_mismatch(c.covariates, c.frequency); !problem.empty())
      fail(key.where, "forecast.weights", path + which + ": " + problem);
    f.global = std::move(model);
  } catch (const forecasting::WeightsError& e) {
    fail(key.where, "forecast.weights", std::string(e.what()) + which);
  }
}

// A forecast-driven policy needs the forecast section, and the section is only useful with one.
void check_forecast_section(const Tree& root, Scenario& sc) {
  // The SKU's policy at the first warehouse where it forecasts (null: none).
  const auto forecasts = [&](const Sku& sku) -> const PolicyParams* {
    for (std::size_t w = 0; w < sc.warehouses.size(); ++w)
      if (policy_type(sc.policy_for(sku, w).type).forecasts) return &sc.policy_for(sku, w);
    return nullptr;
  };
  const auto sku = std::find_if(sc.skus.begin(), sc.skus.end(), forecasts);
  if (sku != sc.skus.end() && !sc.forecast)
    fail(root.where, "forecast",
         "missing required key 'forecast' (SKU '" + sku->id + "' has policy " + word_of(forecasts(*sku)->type) +
             ", which orders from "
             "the forecast service; add a forecast section, e.g. forecast: {model: ses})");
  if (sku == sc.skus.end() && sc.forecast && !pricing_uses_forecast(sc))
    fail(root.entry("forecast")->where, "forecast",
         "the forecast section is not used: no SKU has policy forecast_order_up_to and no pricing group has "
         "expected_demand forecast");
  if (!sc.forecast) return;
  const ForecastSpec& f = *sc.forecast;
  const Tree& section = root.at("forecast");
  // Asked for explicitly, a device must be usable here (this probes the CUDA plugin; auto and cpu do not).
  if (f.backend == ForecastBackend::cuda) {
    if (const std::string& why = forecasting::cuda_unavailable_reason(); !why.empty())
      fail(section.at("backend").where, "forecast.backend",
           "cuda cannot run here: " + why + "; use auto (the CPU when no device is usable) or cpu");
  }
  // The history must be long enough for the model without the library's short-series fallback.
  const std::string model = section.str("model");
  int needed = 1;
  std::string why;
  if (f.model == ForecastModel::seasonal_naive) needed = f.period_days, why = "period";
  if (f.model == ForecastModel::holt_damped) needed = 3, why = "3 days";
  if (f.model == ForecastModel::holt_winters_additive || f.model == ForecastModel::holt_winters_multiplicative)
    needed = 2 * f.period_days, why = "2 x period";
  if (f.model == ForecastModel::moving_average) needed = f.window_days, why = "window";
  if (f.model == ForecastModel::global) {
    load_global_forecaster(section, *sc.forecast);
    // The seasonal design reads the season before its oldest lag: a shorter history leaves it without any
    // seasonal difference. (The level design pads a short window with its mean, a documented fallback.)
    const forecasting::GlobalConfig& c = sc.forecast->global->config();
    if (c.season > 0) needed = c.window_steps(), why = "the model's lags + season";
  }
  if (f.history_days < needed)
    fail(section.at("history").where, "forecast.history",
         "model " + model + " needs a history of at least " + why + " = " + std::to_string(needed) + "d; got " +
             section.str("history"));
}

}  // namespace

double to_days(const Tree& node) { return *parse_duration_days(node.text); }

double to_real(const Tree& node) {
  if (node.text == "unlimited") return std::numeric_limits<double>::infinity();
  return *parse_real(node.text);
}

PolicyParams to_policy(const Tree& p, const std::string& path) {
  PolicyParams out;
  out.type = to_enum<PolicyType>(p.at("type"));
  for (auto [key, field] : {std::pair{"s", &out.s}, {"S", &out.S}, {"Q", &out.Q}, {"r", &out.r}})
    if (const Tree* f = p.find(key)) {
      *field = f->text;
      out.at[key] = {f->where, join_path(path, key)};
    }
  // The type and prebuys answer for levels no formula sets (model/record_limits.cpp).
  out.at["type"] = {p.at("type").where, join_path(path, "type")};
  if (const Tree* prebuy = p.find("prebuy")) out.at["prebuy"] = {prebuy->where, join_path(path, "prebuy")};
  out.review_period_days = to_whole_days(p.at("review_period"));
  out.trigger = to_enum<ReorderTrigger>(p.at("trigger"));
  if (const Tree* w = p.find("window")) out.window_days = to_whole_days(*w);
  if (const Tree* z = p.find("z")) out.z = to_real(*z);
  if (const Tree* safety = p.find("safety")) out.safety = to_enum<SafetyStock>(*safety);
  if (const Tree* level = p.find("service_level")) out.service_level = to_real(*level);
  if (const Tree* prebuy = p.find("prebuy"))
    for (const Tree& b : prebuy->items)
      out.prebuy.push_back({b.str("event"), to_whole_days(b.at("days_before")), b.str("quantity")});
  return out;
}

rng::DistributionSpec to_distribution(const Tree& node, bool in_days) {
  using Kind = rng::DistributionSpec::Kind;
  auto number = [&](const Tree& t) { return in_days ? to_days(t) : to_real(t); };
  rng::DistributionSpec d;
  if (node.is_scalar()) {
    d.kind = Kind::constant;
    d.value = number(node);
    return d;
  }
  d.kind = to_enum<Kind>(node.at("dist"));
  if (const Tree* t = node.find("value")) d.value = number(*t);
  if (const Tree* t = node.find("mean")) d.mean = number(*t);
  if (const Tree* t = node.find("cv")) d.cv = to_real(*t);  // a ratio, never a duration
  if (const Tree* t = node.find("min")) d.min = number(*t);
  if (const Tree* t = node.find("max")) d.max = number(*t);
  if (const Tree* t = node.find("values"))
    for (const Tree& v : t->items) d.values.push_back(number(v));
  if (const Tree* t = node.find("probabilities"))
    for (const Tree& v : t->items) d.probabilities.push_back(to_real(v));
  return d;
}

Scenario build_scenario(const Tree& root) {
  Scenario sc;
  sc.name = root.str("name");
  sc.description = root.str("description");
  sc.start = *cal::Date::parse(root.str("start_date"));
  sc.horizon_days = to_whole_days(root.at("horizon"));
  if (const cal::Date last = sc.start + (sc.horizon_days - 1); last.year() > 9999)
    fail(root.at("horizon").where, "horizon",
         "a horizon of " + std::to_string(sc.horizon_days) + " days from " + root.str("start_date") +
             " ends past 9999-12-31, the last date peaksim knows");
  sc.seed = static_cast<std::uint64_t>(*parse_integer(root.str("seed")));
  sc.replications = to_int(root.at("replications"));
  sc.calendar = to_calendar(root.at("calendar"));
  sc.calendar.at = {root.at("calendar").where, "calendar"};
  sc.policy = to_policy(root.at("policy"), "policy");
  for (const Entry& e : root.at("policy_by_category").entries)
    sc.policy_by_category[e.key] = to_policy(e.value, "policy_by_category." + e.key);
  build_sites(root, sc);
  build_catalog(root, sc);
  build_echelons(root, sc);
  build_disruptions(root, sc);
  build_supply(root, sc);
  check_continuous_review(root, sc);
  build_orders(root, sc);
  check_continuous_review_supply(root, sc);
  build_receiving(root, sc);
  build_packing(root, sc);
  build_pricing(root, sc);
  build_shocks(root, sc);
  build_substitution(root, sc);
  build_returns(root, sc);
  build_stress(root, sc);
  if (const Tree* f = root.find("forecast")) sc.forecast = to_forecast(*f);
  check_pricing_forecast(root, sc);  // before the global model's weights are loaded: refused for pricing
  check_forecast_section(root, sc);
  check_calendar_policies(root, sc);

  const Tree& costs = root.at("costs");
  sc.costs.holding_per_unit_day = to_real(costs.at("holding_per_unit_day"));
  sc.costs.lost_sale_per_unit = to_real(costs.at("lost_sale_per_unit"));
  sc.costs.backorder_per_unit_day = to_real(costs.at("backorder_per_unit_day"));
  sc.costs.order_fixed = to_real(costs.at("order_fixed"));
  sc.costs.purchase_cost_in_total = costs.str("purchase_cost_in_total") == "true";

  const Tree& record = root.at("record");
  sc.record.level = to_enum<RecordLevel>(record.at("level"));
  sc.record.level_at = {record.at("level").where, "record.level"};
  for (const Tree& v : record.at("variables").items) sc.record.variables.push_back(v.text);
  sc.record.kpi_by_sku = record.str("kpi_by_sku") == "true";
  check_supplier_rounding(root, sc);
  check_price_cells(root, sc);
  return sc;
}

}  // namespace peaksim::scn
