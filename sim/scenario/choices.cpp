#include "sim/scenario/choices.hpp"

namespace peaksim::scn {

template <>
const std::vector<Word<DemandModel>>& words() {
  using E = DemandModel;
  static const std::vector<Word<E>> t = {
      {E::poisson, "poisson", "Poisson counts around the day's mean"},
      {E::negative_binomial, "negative_binomial", "overdispersed counts: variance = mean + mean²/dispersion"},
      {E::deterministic, "deterministic", "the mean, rounded so that totals carry over"},
      {E::normal, "normal", "max(0, round(N(mean, (cv·mean)²)))"}};
  return t;
}

template <>
const std::vector<Word<UnmetDemand>>& words() {
  using E = UnmetDemand;
  static const std::vector<Word<E>> t = {
      {E::lost, "lost", "demand that finds no stock is lost"},
      {E::backorder, "backorder", "it waits and is served first when stock arrives"}};
  return t;
}

template <>
const std::vector<Word<Arrivals>>& words() {
  using E = Arrivals;
  static const std::vector<Word<E>> t = {
      {E::daily, "daily", "each SKU's day of demand is one event at 06:00"},
      {E::continuous, "continuous", "one single-unit customer at a uniform instant of the day (an event per unit)"}};
  return t;
}

template <>
const std::vector<Word<RobotMode>>& words() {
  using E = RobotMode;
  static const std::vector<Word<E>> t = {
      {E::goods_to_person, "goods_to_person",
       "the robot fetches the SKU's pod to a station, where the units are picked, then returns the pod"},
      {E::person_to_goods, "person_to_goods",
       "the robot picks the units at the slot and takes them to a pack station, where it stays"}};
  return t;
}

template <>
const std::vector<Word<Slotting>>& words() {
  using E = Slotting;
  static const std::vector<Word<E>> t = {
      {E::random, "random", "SKUs take the slots in a random order, drawn once per replication"},
      {E::velocity, "velocity", "the faster a SKU's mean demand, the nearer its slot to the stations"}};
  return t;
}

template <>
const std::vector<Word<PolicyType>>& words() {
  using E = PolicyType;
  static const std::vector<Word<E>> t = {
      {E::sS, "sS", "order up to S when IP falls to s"},
      {E::RS, "RS", "order up to S every review"},
      {E::sQ, "sQ", "order Q when IP falls to s"},
      {E::base_stock, "base_stock", "order what was sold"},
      {E::moving_average, "moving_average", "order up to a moving-average forecast every review"},
      {E::rQ, "rQ", "continuous review: order Q when IP falls to r after any demand event"},
      {E::forecast_order_up_to, "forecast_order_up_to",
       "order up to the forecast service's cover of the next R + max(L, 1) − 1 days plus safety stock every review"},
      {E::newsvendor_preseason, "newsvendor_preseason",
       "one buy of the critical-ratio quantile of season demand before day 0, nothing after"},
      {E::echelon_base_stock, "echelon_base_stock",
       "order up to S on the echelon inventory position (own position plus the stock at, and in transit to, the "
       "warehouses downstream, less their backorders)"}};
  return t;
}

template <>
const std::vector<Word<Allocation>>& words() {
  using E = Allocation;
  static const std::vector<Word<E>> t = {
      {E::fifo, "fifo", "waiting orders are filled in the order they were placed"},
      {E::fair_share, "fair_share",
       "each warehouse gets a share proportional to what it waits for, rounded by largest remainder"},
      {E::priority, "priority", "warehouses are filled in the order of this warehouse's outbound lanes"}};
  return t;
}

template <>
const std::vector<Word<SafetyStock>>& words() {
  using E = SafetyStock;
  static const std::vector<Word<E>> t = {
      {E::quantile, "quantile", "order up to the forecast quantile at service_level"},
      {E::errors, "errors", "cover mean + tracked error mean + z × error standard deviation"}};
  return t;
}

template <>
const std::vector<Word<ReorderTrigger>>& words() {
  using E = ReorderTrigger;
  static const std::vector<Word<E>> t = {{E::below, "below", "order when IP < s"},
                                         {E::at_or_below, "at_or_below", "order when IP <= s"}};
  return t;
}

template <>
const std::vector<Word<RecordLevel>>& words() {
  using E = RecordLevel;
  static const std::vector<Word<E>> t = {
      {E::sku_daily, "sku_daily", "day × SKU × site"},
      {E::sku_weekly, "sku_weekly", "week × SKU × site (sums; stocks at the week's last day)"},
      {E::site_daily, "site_daily", "day × site, summed over SKUs"},
      {E::category_daily, "category_daily", "day × category × site, summed over the category's SKUs"},
      {E::kpi_only, "kpi_only", "no time series, the KPIs only"}};
  return t;
}

template <>
const std::vector<Word<EventShape::Profile>>& words() {
  using E = EventShape::Profile;
  static const std::vector<Word<E>> t = {
      {E::flat, "flat", "the peak multiplier on every day of the window"},
      {E::linear, "linear", "ramps from 1 at the window's edges to the multiplier on the event day"}};
  return t;
}

template <>
const std::vector<Word<ForecastModel>>& words() {
  using E = ForecastModel;
  static const std::vector<Word<E>> t = {
      {E::moving_average, "moving_average", "mean of the last `window` days"},
      {E::seasonal_naive, "seasonal_naive", "the same day one period earlier"},
      {E::ses, "ses", "simple exponential smoothing"},
      {E::holt_damped, "holt_damped", "Holt's damped trend"},
      {E::holt_winters_additive, "holt_winters_additive", "Holt-Winters, additive season of `period` days"},
      {E::holt_winters_multiplicative, "holt_winters_multiplicative",
       "Holt-Winters, multiplicative season of `period` days"},
      {E::croston, "croston", "Croston's intermittent-demand method"},
      {E::sba, "sba", "Syntetos-Boylan approximation of Croston"},
      {E::tsb, "tsb", "Teunter-Syntetos-Babai intermittent demand"},
      {E::global, "global", "the learned global model (weights), one batch a day, never refitted"}};
  return t;
}

template <>
const std::vector<Word<ForecastObserve>>& words() {
  using E = ForecastObserve;
  static const std::vector<Word<E>> t = {
      {E::sales, "sales", "demand minus lost sales, censored by stock-outs (honest)"},
      {E::demand, "demand", "the true demand (an oracle, for experiments)"}};
  return t;
}

template <>
const std::vector<Word<Unconstrain>>& words() {
  using E = Unconstrain;
  static const std::vector<Word<E>> t = {
      {E::none, "none", "censored days are observed as they are"},
      {E::max_forecast, "max_forecast",
       "a day that ends the review with nothing on hand is observed as max(observed, the day's forecast mean)"}};
  return t;
}

template <>
const std::vector<Word<ForecastBackend>>& words() {
  using E = ForecastBackend;
  static const std::vector<Word<E>> t = {
      {E::automatic, "auto", "a CUDA device when the CUDA plugin loads and one is usable, else the CPU"},
      {E::cpu, "cpu", "the CPU"},
      {E::cuda, "cuda", "a CUDA device; refused at load time when none is usable"}};
  return t;
}

template <>
const std::vector<Word<Fulfilment>>& words() {
  using E = Fulfilment;
  static const std::vector<Word<E>> t = {
      {E::primary_first, "primary_first", "centres in the order of the region's lanes in the file"},
      {E::nearest_with_stock, "nearest_with_stock",
       "the centre with the shortest mean transit among those that can fill the whole order, else primary_first"}};
  return t;
}

template <>
const std::vector<Word<Release>>& words() {
  using E = Release;
  static const std::vector<Word<E>> t = {
      {E::continuous, "continuous", "an order's lines go to the picker at its placement instant"},
      {E::waves, "waves", "an order's lines go to the picker at the first of `orders.waves` at or after placement"}};
  return t;
}

template <>
const std::vector<Word<Weekday>>& words() {
  using E = Weekday;
  static const std::vector<Word<E>> t = {
      {E::monday, "monday", "Monday"},          {E::tuesday, "tuesday", "Tuesday"},
      {E::wednesday, "wednesday", "Wednesday"}, {E::thursday, "thursday", "Thursday"},
      {E::friday, "friday", "Friday"},          {E::saturday, "saturday", "Saturday"},
      {E::sunday, "sunday", "Sunday"}};
  return t;
}

template <>
const std::vector<Word<Sourcing>>& words() {
  using E = Sourcing;
  static const std::vector<Word<E>> t = {
      {E::single, "single", "the warehouse's one supplier lane"},
      {E::primary_backup, "primary_backup",
       "the first lane's supplier, unless it is down that day or already holds a day's capacity; then the next"},
      {E::cheapest, "cheapest", "the lowest price-break-adjusted purchase cost of the line"},
      {E::fastest, "fastest", "the smallest mean lead time, lateness included"},
      {E::reliability_weighted, "reliability_weighted",
       "each order split over the lanes' suppliers in proportion to their on_time_probability"}};
  return t;
}

template <>
const std::vector<Word<PriceForm>>& words() {
  using E = PriceForm;
  static const std::vector<Word<E>> t = {
      {E::constant_elasticity, "constant_elasticity", "f(r) = r^elasticity (elasticity < 0), r = price / list price"},
      {E::exponential, "exponential", "f(r) = exp(-slope (r - 1)): a rate a exp(-alpha price)"},
      {E::logit, "logit",
       "f(r) = e / (1 - share + share e), e = exp(-slope (r - 1)): a logit share against an outside good"}};
  return t;
}

template <>
const std::vector<Word<PricingPolicy>>& words() {
  using E = PricingPolicy;
  static const std::vector<Word<E>> t = {
      {E::fixed, "static", "the initial ladder step all season"},
      {E::markdown_rule, "markdown_rule",
       "one step down at a review when weeks of supply exceed cover_factor x the weeks left in the season"},
      {E::markdown_dp, "markdown_dp",
       "the optimal markdown over the ladder by dynamic programming on (stock, periods left), re-read at each "
       "review with the actual stock"},
      {E::dynamic, "dynamic",
       "one step toward the list price or above when the network's days of cover fall below low_cover, one step "
       "down when they exceed high_cover (replenished items; prices move both ways)"}};
  return t;
}

template <>
const std::vector<Word<ExpectedDemandSource>>& words() {
  using E = ExpectedDemandSource;
  static const std::vector<Word<E>> t = {
      {E::model, "model", "the calendar-adjusted demand model's means (the true rate)"},
      {E::forecast, "forecast",
       "the forecast service's forecast of the network's list-price demand for the rest of the season"},
      {E::forecast_with_calendar, "forecast_with_calendar",
       "the same forecaster on demand divided also by the calendar factor (the base rate), its forecast times the "
       "calendar factor of each day ahead"}};
  return t;
}

// The distribution words are the random library's own table.
template <>
const std::vector<Word<rng::DistributionSpec::Kind>>& words() {
  static const std::vector<Word<rng::DistributionSpec::Kind>> t = [] {
    std::vector<Word<rng::DistributionSpec::Kind>> out;
    for (const rng::KindWord& w : rng::kind_words()) out.push_back({w.kind, w.word, w.meaning});
    return out;
  }();
  return t;
}

const std::vector<ModelKey>& demand_model_keys() {
  static const std::vector<ModelKey> t = {{DemandModel::negative_binomial, "dispersion"}, {DemandModel::normal, "cv"}};
  return t;
}

}  // namespace peaksim::scn
