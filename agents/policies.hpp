// Replenishment policies: each decides an order quantity from what the planner observes of one
// SKU at one site. New policies implement ReplenishmentPolicy; nothing else needs to change.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {

// A read-only view of one SKU's recent daily demand at the warehouse, kept by the planner in a
// ring buffer of days x SKUs (see planner.hpp). Day t's demand is known at day t's review.
class DemandHistory {
public:
  DemandHistory() = default;
  // `row0` is the SKU's cell in the ring's first row; rows are `stride` apart; `newest` is the row
  // of today; `days` how many rows hold observed days (at most `capacity`).
  DemandHistory(const std::int64_t* row0, std::size_t stride, int capacity, int newest, int days)
      : row0_(row0), stride_(stride), capacity_(capacity), newest_(newest), days_(days) {}

  int days() const { return days_; }  // days observed so far, at most the ring's capacity
  // Demand `k` days before today (0: today); k < days().
  std::int64_t ago(int k) const {
    const int row = newest_ >= k ? newest_ - k : newest_ - k + capacity_;
    return row0_[std::size_t(row) * stride_];
  }

private:
  const std::int64_t* row0_ = nullptr;
  std::size_t stride_ = 0;
  int capacity_ = 0, newest_ = 0, days_ = 0;
};

// What the forecast service (agents/forecast_service.hpp) answers for one series at a review: the
// forecast of the demand over the policy's cover (the next P days, P = protection_days), and the
// cover errors it has tracked. `ready` is false until the service has `forecast.history` days.
struct ForecastView {
  bool ready = false;
  double cover_mean = 0;                // sum over the cover of the daily forecast means
  double cover_quantile = 0;            // sum over the cover of the daily quantiles at the policy's level
  int errors = 0;                       // tracked cover errors (realised - forecast), at most forecast.history
  double error_mean = 0, error_sd = 0;  // their mean and sample standard deviation (0 below 2 errors)
};

// Whole-unit levels of one SKU's policy, computed from the scenario's formulas (once, or at
// each review when they use the window variables: docs/model.md).
// moving_average: S is the order-up-to level used before `window` days of history exist.
// rQ: s holds the reorder point r.
struct PolicyLevels {
  std::int64_t s = 0, S = 0, Q = 0;
};

struct Observation {
  int day = 0;
  std::int64_t on_hand = 0;
  std::int64_t on_order = 0;  // ordered, not yet received (including orders queued at the supplier)
  std::int64_t backorders = 0;
  DemandHistory demand{};                  // empty unless some policy at the site forecasts from history
  const ForecastView* forecast = nullptr;  // forecast_order_up_to only
  const PolicyLevels* levels = nullptr;    // this review's levels when they follow the calendar; else the policy's
  std::int64_t inventory_position() const { return on_hand + on_order - backorders; }
};

// What a policy may know of its SKU beyond its levels.
struct SkuContext {
  double m = 0;  // baseline mean daily demand at the warehouse
  double L = 0;  // mean lead time of the warehouse's inbound lane, days
};

class ReplenishmentPolicy {
public:
  virtual ~ReplenishmentPolicy() = default;
  // Units to order now (>= 0), before supplier rounding (MOQ, case pack).
  virtual std::int64_t order_quantity(const Observation& obs) const = 0;
};

// The policy object for a SKU's parameters and levels (type decides the class).
std::unique_ptr<ReplenishmentPolicy> make_policy(const PolicyParams& params, const PolicyLevels& levels,
                                                 const SkuContext& sku = {});

// The order-up-to level used as initial stock and reported in docs: S, or s + Q for (s,Q) and (r,Q).
std::int64_t order_up_to_level(PolicyType type, const PolicyLevels& levels);

// moving_average: the days of demand an order-up-to level must cover. An order placed at the
// review of day t is on the shelf before day t + L's demand (at day t's close when L = 0), and the
// next review's order comes R days later, so the level covers days t+1 .. t+R+max(L,1)-1.
double protection_days(const PolicyParams& params, double lead_time_days);

// moving_average: S_t = P mean_t + z sqrt(P) sd_t, in whole units, with P = protection_days.
std::int64_t forecast_level(double protection, double z, double mean, double sd);

// moving_average before `window` days of history: the forecast is the baseline m and the spread
// sqrt(m) (Poisson's, the default demand model).
std::int64_t warm_start_level(const PolicyParams& params, const SkuContext& sku);

// forecast_order_up_to: the quantile level the policy asks the service for: service_level, or
// Phi(z) with safety errors (used until two cover errors are tracked).
double forecast_level_probability(const PolicyParams& params);

// forecast_order_up_to before the service is ready: P m + z sqrt(P m), z the Normal quantile of
// forecast_level_probability (Poisson demand of mean m per day, Normal approximation).
std::int64_t forecast_warm_start_level(const PolicyParams& params, const SkuContext& sku);

// newsvendor_preseason: the smallest whole Q whose Normal cdf with continuity correction,
// Phi((Q + 0.5 - mean) / sd), reaches the critical ratio; mean when sd = 0 (rounded half down).
std::int64_t newsvendor_quantity(double critical_ratio, double mean, double sd);

}  // namespace peaksim
