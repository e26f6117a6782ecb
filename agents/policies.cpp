#include "agents/policies.hpp"

#include <algorithm>
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
    const std::int64_t ip = obs.inventory_position();
    return triggered(ip, levels_.s, trigger_) ? levels_.S - ip : 0;
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
    const std::int64_t ip = obs.inventory_position();
    return ip < levels_.S ? levels_.S - ip : 0;
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
    std::int64_t ip = obs.inventory_position();
    std::int64_t q = 0;
    while (triggered(ip + q, levels_.s, trigger_)) q += levels_.Q;
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

}  // namespace

std::unique_ptr<ReplenishmentPolicy> make_policy(const PolicyParams& params, const PolicyLevels& levels,
                                                 const SkuContext& sku) {
  switch (params.type) {
    case PolicyType::sS: return std::make_unique<MinMaxPolicy>(levels, params.trigger);
    case PolicyType::RS:
    case PolicyType::base_stock: return std::make_unique<OrderUpToPolicy>(levels);
    case PolicyType::sQ: return std::make_unique<FixedQuantityPolicy>(levels, params.trigger);
    // Continuous review: r is kept in levels.s; every demand event may trigger, at IP <= r.
    case PolicyType::rQ: return std::make_unique<FixedQuantityPolicy>(levels, ReorderTrigger::at_or_below);
    case PolicyType::moving_average:
      return std::make_unique<MovingAveragePolicy>(params.window_days, params.z, protection_days(params, sku.L),
                                                   levels.S);
  }
  return nullptr;
}

std::int64_t order_up_to_level(PolicyType type, const PolicyLevels& levels) {
  return type == PolicyType::sQ || type == PolicyType::rQ ? levels.s + levels.Q : levels.S;
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

}  // namespace peaksim
