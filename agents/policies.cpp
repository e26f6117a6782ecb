#include "agents/policies.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace peaksim {
namespace {

bool triggered(std::int64_t position, std::int64_t s, ReorderTrigger trigger) {
  return trigger == ReorderTrigger::below ? position < s : position <= s;
}

// (s,S): when the position falls below s (or to s), order up to S.
class MinMaxPolicy final : public ReplenishmentPolicy {
public:
  MinMaxPolicy(PolicyLevels l, ReorderTrigger t) : levels_(l), trigger_(t) {}
  std::int64_t order_quantity(const Observation& obs) const override {
    const PolicyLevels& l = obs.levels ? *obs.levels : levels_;
    const std::int64_t ip = obs.inventory_position();
    return triggered(ip, l.s, trigger_) ? l.S - ip : 0;
  }

private:
  PolicyLevels levels_;
  ReorderTrigger trigger_;
};

// (R,S) and base-stock: at every review, order up to S.
class OrderUpToPolicy final : public ReplenishmentPolicy {
public:
  explicit OrderUpToPolicy(PolicyLevels l) : levels_(l) {}
  std::int64_t order_quantity(const Observation& obs) const override {
    const std::int64_t S = obs.levels ? obs.levels->S : levels_.S;
    const std::int64_t ip = obs.inventory_position();
    return ip < S ? S - ip : 0;
  }

private:
  PolicyLevels levels_;
};

// (s,nQ): when triggered, order the fewest multiples of Q that lift the position back above s
// (to at least s when the trigger is "below"); one Q when demand comes a unit at a time.
class FixedQuantityPolicy final : public ReplenishmentPolicy {
public:
  FixedQuantityPolicy(PolicyLevels l, ReorderTrigger t) : levels_(l), trigger_(t) {}
  std::int64_t order_quantity(const Observation& obs) const override {
    const PolicyLevels& l = obs.levels ? *obs.levels : levels_;
    std::int64_t ip = obs.inventory_position();
    std::int64_t q = 0;
    while (triggered(ip + q, l.s, trigger_)) q += l.Q;
    return q;
  }

private:
  PolicyLevels levels_;
  ReorderTrigger trigger_;
};

// Forecast-driven order-up-to (Chen, Drezner, Ryan & Simchi-Levi 2000): at every review, order up
// to P mean + z sqrt(P) sd of the last `window` days' demand; the warm-start level S until then.
class MovingAveragePolicy final : public ReplenishmentPolicy {
public:
  MovingAveragePolicy(int window, double z, double protection, std::int64_t warm_start)
      : window_(window), z_(z), protection_(protection), warm_start_(warm_start) {}
  std::int64_t order_quantity(const Observation& obs) const override {
    return std::max<std::int64_t>(0, level(obs.demand) - obs.inventory_position());
  }

private:
  std::int64_t level(const DemandHistory& h) const {
    if (h.days() < window_) return warm_start_;
    std::int64_t sum = 0;  // whole units, exact
    for (int k = 0; k < window_; ++k) sum += h.ago(k);
    const double mean = double(sum) / window_;
    double sd = 0;
    if (z_ > 0 && window_ > 1) {  // two passes: no cancellation for large, steady demand
      double ss = 0;
      for (int k = 0; k < window_; ++k) ss += (double(h.ago(k)) - mean) * (double(h.ago(k)) - mean);
      sd = std::sqrt(ss / (window_ - 1));
    }
    // P sum / p rather than P (sum / p): one rounding, so exact halves stay exact.
    return z_ > 0 ? forecast_level(protection_, z_, mean, sd) : std::llround(protection_ * double(sum) / window_);
  }

  int window_;
  double z_, protection_;
  std::int64_t warm_start_;
};

// Forecast-driven order-up-to: at every review, order up to the service's cover forecast plus
// safety stock (the cover quantile, or mean + z sd of tracked cover errors); the warm-start level
// until the service is ready.
class ForecastOrderUpToPolicy final : public ReplenishmentPolicy {
public:
  ForecastOrderUpToPolicy(const PolicyParams& p, std::int64_t warm_start)
      : errors_(p.safety == SafetyStock::errors), z_(p.z), warm_start_(warm_start) {}
  std::int64_t order_quantity(const Observation& obs) const override {
    return std::max<std::int64_t>(0, level(obs.forecast) - obs.inventory_position());
  }

private:
  std::int64_t level(const ForecastView* f) const {
    if (!f || !f->ready) return warm_start_;
    if (errors_ && f->errors >= 2)
      return std::max<std::int64_t>(0, std::llround(f->cover_mean + f->error_mean + z_ * f->error_sd));
    return std::max<std::int64_t>(0, std::llround(f->cover_quantile));
  }

  bool errors_;
  double z_;
  std::int64_t warm_start_;
};

// The pre-season buy is the initial stock (its level S); nothing is ever reordered.
class NoReplenishmentPolicy final : public ReplenishmentPolicy {
public:
  std::int64_t order_quantity(const Observation&) const override { return 0; }
};

double standard_normal_quantile(double p) { return boost::math::quantile(boost::math::normal_distribution<>(), p); }

}  // namespace

std::unique_ptr<ReplenishmentPolicy> make_policy(const PolicyParams& params, const PolicyLevels& levels,
                                                 const SkuContext& sku) {
  switch (params.type) {
    case PolicyType::sS:
      return std::make_unique<MinMaxPolicy>(levels, params.trigger);
    case PolicyType::RS:
    case PolicyType::base_stock:
    case PolicyType::echelon_base_stock:  // the planner hands it the echelon position
      return std::make_unique<OrderUpToPolicy>(levels);
    case PolicyType::sQ:
      return std::make_unique<FixedQuantityPolicy>(levels, params.trigger);
    // Continuous review: r is kept in levels.s; every demand event may trigger, at IP <= r.
    case PolicyType::rQ:
      return std::make_unique<FixedQuantityPolicy>(levels, ReorderTrigger::at_or_below);
    case PolicyType::moving_average:
      return std::make_unique<MovingAveragePolicy>(params.window_days, params.z, protection_days(params, sku.L),
                                                   levels.S);
    case PolicyType::forecast_order_up_to:
      return std::make_unique<ForecastOrderUpToPolicy>(params, levels.S);
    case PolicyType::newsvendor_preseason:
      return std::make_unique<NoReplenishmentPolicy>();
  }
  return nullptr;
}

std::int64_t order_up_to_level(PolicyType type, const PolicyLevels& levels) {
  return policy_type(type).fixed_quantity ? levels.s + levels.Q : levels.S;
}

double protection_days(const PolicyParams& params, double lead_time_days) {
  return params.review_period_days + std::max(lead_time_days, 1.0) - 1;
}

std::int64_t forecast_level(double protection, double z, double mean, double sd) {
  return std::llround(protection * mean + z * std::sqrt(protection) * sd);
}

std::int64_t warm_start_level(const PolicyParams& params, const SkuContext& sku) {
  return forecast_level(protection_days(params, sku.L), params.z, sku.m, std::sqrt(sku.m));
}

double forecast_level_probability(const PolicyParams& params) {
  if (params.safety == SafetyStock::quantile) return params.service_level;
  return 0.5 * std::erfc(-params.z / std::sqrt(2.0));
}

std::int64_t forecast_warm_start_level(const PolicyParams& params, const SkuContext& sku) {
  const double cover = protection_days(params, sku.L) * sku.m;
  const double z = standard_normal_quantile(forecast_level_probability(params));
  return std::max<std::int64_t>(0, std::llround(cover + z * std::sqrt(cover)));
}

std::int64_t newsvendor_quantity(double critical_ratio, double mean, double sd) {
  if (critical_ratio <= 0) return 0;
  if (!(sd > 0)) return std::max<std::int64_t>(0, std::int64_t(std::ceil(mean - 0.5)));
  const double q = mean + sd * standard_normal_quantile(critical_ratio) - 0.5;
  return std::max<std::int64_t>(0, std::int64_t(std::ceil(q)));
}

}  // namespace peaksim
