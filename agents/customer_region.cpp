#include "agents/customer_region.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {
namespace {

std::string entity_name(const RegionSpec& r) { return "region:" + r.name; }

}  // namespace

CustomerRegion::CustomerRegion(int index, const NetworkPlan& plan, Warehouse& warehouse, std::uint64_t replication,
                               Recorder* recorder, const PriceBoard* prices)
    : index_(index),
      spec_(plan.scenario->regions[index]),
      factor_(plan.profile.factor),
      warehouse_(warehouse),
      shocks_(demand_shocks(*plan.scenario, plan.categories, index, replication)),
      substitution_(index, plan, replication) {
  const std::string entity = entity_name(spec_);
  const auto& skus = plan.scenario->skus;
  base_rate_.reserve(skus.size());
  demand_streams_.reserve(skus.size());
  sku_shock_.reserve(skus.size());
  for (std::size_t k = 0; k < skus.size(); ++k) {
    base_rate_.push_back(skus[k].rate * spec_.scale);
    demand_streams_.emplace_back(rng::StreamKey{plan.scenario->seed, replication, entity, "demand", plan.sku_key[k]});
    const std::vector<double>& category = shocks_.category[std::size_t(plan.sku_category[k])];
    sku_shock_.push_back(category.empty() ? nullptr : category.data());
    if (spec_.arrivals == Arrivals::continuous)
      arrival_streams_.emplace_back(
          rng::StreamKey{plan.scenario->seed, replication, entity, "arrival_times", plan.sku_key[k]});
  }
  last_close_ = event_time(int(factor_.size()) - 1, Phase::close, warehouse.index());
  carry_.assign(skus.size(), 0.0);
  recorder_ = recorder;
  if (recorder_)  // each shock's start, for the recovery a stress test measures
    for (int day : shocks_.region_starts) recorder_->note_shock(day, index_);
  prices_ = prices;
  if (spec_.promise_days) promise_days_ = *spec_.promise_days;
  if (plan.scenario->returns) {
    returns_ = &*plan.scenario->returns;
    peak_ = &plan.profile.peak;
    for (std::size_t k = 0; k < skus.size(); ++k)
      return_streams_.emplace_back(
          rng::StreamKey{plan.scenario->seed, replication, entity, "returns", plan.sku_key[k]});
  }
  if (const LaneSpec* lane = plan.region_lane[std::size_t(index)]) {
    transit_ = &lane->lead_time_days;
    if (transit_->kind != rng::DistributionSpec::Kind::constant) {
      const std::string lane_entity = "lane:" + lane->from + "->" + lane->to;
      for (std::size_t k = 0; k < skus.size(); ++k)
        transit_streams_.emplace_back(
            rng::StreamKey{plan.scenario->seed, replication, lane_entity, "transit", plan.sku_key[k]});
    }
  }
}

// Binomial(sold, rate) units come back, each after its own delay in whole days (at least one); per delay, a
// Binomial(units, restock_probability) of them pass inspection. All from the SKU's returns stream, in this order.
void CustomerRegion::draw_returns(std::size_t sku, std::int64_t sold) {
  rng::Stream& s = return_streams_[sku];
  const double rate = (*peak_)[std::size_t(day_)] ? returns_->peak_rate : returns_->rate;
  const std::int64_t units = rng::binomial(s, sold, rate);
  if (units <= 0) return;
  const auto whole = [](double days) { return std::max(1, int(std::lround(days))); };
  returned_by_day_.clear();
  if (returns_->delay_days.kind == rng::DistributionSpec::Kind::constant)
    returned_by_day_[whole(returns_->delay_days.value)] = units;
  else
    for (std::int64_t u = 0; u < units; ++u) ++returned_by_day_[whole(rng::sample(s, returns_->delay_days))];
  for (const auto& [delay, n] : returned_by_day_)
    warehouse_.expect_return(day_ + delay + returns_->inspection_days, index_, sku, n,
                             rng::binomial(s, n, returns_->restock_probability));
}

void CustomerRegion::deliver(std::size_t sku, std::int64_t shipped) {
  if (returns_ && shipped > 0) draw_returns(sku, shipped);
  if (!recorder_ || !transit_ || shipped <= 0) return;
  const double drawn = transit_streams_.empty() ? transit_->value : rng::sample(transit_streams_[sku], *transit_);
  // Whole days, as supplier lead times: rounded to the nearest day, never below zero.
  const int days = int(std::max(0.0, std::round(drawn)));
  recorder_->note_delivery(index_, shipped, days, spec_.promise_days.has_value(), days <= promise_days_ + 1e-9);
}

void CustomerRegion::substitute(std::size_t sku, std::int64_t missing) {
  for (std::int64_t n = substitution_.takers(sku, missing); n > 0; --n) {
    const long j = substitution_.choose(sku, warehouse_.stock().on_hand);
    if (j < 0) return;  // none of the category left on the shelf: the rest are lost
    deliver(std::size_t(j), warehouse_.fulfil(index_, std::size_t(j), 1, UnmetDemand::lost));
    if (recorder_) recorder_->note_substitution(index_, 1);
  }
}

std::int64_t CustomerRegion::draw(std::size_t sku, double mean) {
  switch (spec_.demand) {
    case DemandModel::poisson:
      return rng::poisson(demand_streams_[sku], mean);
    case DemandModel::negative_binomial:
      return rng::negative_binomial(demand_streams_[sku], mean, spec_.dispersion);
    case DemandModel::deterministic: {
      // Whole units whose running total never drifts from the running total of the means.
      const double due = carry_[sku] + mean;
      const double units = std::floor(due + 1e-9);
      carry_[sku] = due - units;
      return std::int64_t(units);
    }
    case DemandModel::normal: {
      // max(0, round(N(mean, (cv mean)^2))): one standard normal per SKU-day, even when the mean is 0.
      const double x = mean + spec_.cv * mean * rng::standard_normal(demand_streams_[sku]);
      return x > 0 ? std::int64_t(std::llround(x)) : 0;
    }
  }
  return 0;
}

void CustomerRegion::operator()() {
  const int horizon = int(factor_.size());
  for (int day = 0; day < horizon; ++day) {
    if (spec_.arrivals == Arrivals::continuous) {
      serve_continuously(day, factor_[day] * shock_factor(day));
      continue;
    }
    wait_for(day, Phase::demand, index_);
    day_ = day;
    const double day_factor = factor_[day] * shock_factor(day);
    warehouse_.receive_arrived(now_seconds());
    for (std::size_t k = 0; k < base_rate_.size(); ++k) {
      const std::int64_t d = draw(k, mean(k, day, day_factor));
      if (d <= 0) continue;
      const std::int64_t shipped = warehouse_.fulfil(index_, k, d, spec_.unmet);
      if (transit_ || returns_) deliver(k, shipped);  // tested here: this loop runs for every SKU every day
      if (shipped < d && substitution_.active()) substitute(k, d - shipped);
    }
  }
}

// Drawn before the day starts (right after the previous day's last customer): the same counts,
// from the same streams and in the same order as daily arrivals, so common random numbers hold;
// given its count, a Poisson process's instants in a day are i.i.d. uniform.
void CustomerRegion::serve_continuously(int day, double day_factor) {
  day_ = day;
  arrivals_.clear();
  for (std::size_t k = 0; k < base_rate_.size(); ++k) {
    const std::int64_t d = draw(k, mean(k, day, day_factor));
    for (std::int64_t u = 0; u < d; ++u)
      arrivals_.push_back({(day + arrival_streams_[k].uniform_open()) * kSecondsPerDay, k});
  }
  std::sort(arrivals_.begin(), arrivals_.end());  // in time; a tie (never seen in practice) by SKU
  for (const Arrival& a : arrivals_) {
    if (a.at > last_close_) break;  // after the last count: outside the run
    wait_until(a.at);
    warehouse_.receive_arrived(a.at);
    const std::int64_t shipped = warehouse_.fulfil(index_, a.sku, 1, spec_.unmet);
    deliver(a.sku, shipped);
    if (shipped == 0 && substitution_.active()) substitute(a.sku, 1);
  }
}

}  // namespace peaksim::agents
