#include "agents/order_generator.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "sim/kernel/schedule.hpp"
#include "sim/kernel/shock_path.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {
namespace {

std::vector<double> cumulative(const std::vector<double>& p) {
  std::vector<double> c;
  double sum = 0;
  for (double x : p) c.push_back(sum += x);
  c.back() = 1.0;  // rounding never leaves a gap above the last value
  return c;
}

// The region's substream for one purpose: (seed, replication, region:<name>, purpose).
rng::Stream stream(const NetworkPlan& plan, std::uint64_t replication, int region, const char* purpose) {
  const Scenario& sc = *plan.scenario;
  return rng::Stream({sc.seed, replication, "region:" + sc.regions[std::size_t(region)].name, purpose, 0});
}

// The region's shock path; each shock's start goes to the recorder, for the recovery a stress test measures.
std::vector<double> region_shocks(const NetworkPlan& plan, int region, std::uint64_t replication, Recorder* recorder) {
  DemandShocks shocks = demand_shocks(*plan.scenario, plan.categories, region, replication);
  if (recorder)
    for (int day : shocks.region_starts) recorder->note_shock(day, region);
  return std::move(shocks.region);
}

}  // namespace

AliasTable::AliasTable(const std::vector<double>& weights) : keep_(weights.size()), alt_(weights.size()) {
  const std::size_t n = weights.size();
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * double(n) / sum;
    (scaled[i] < 1.0 ? small : large).push_back(std::uint32_t(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    keep_[s] = scaled[s];
    alt_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (std::uint32_t i : large) keep_[i] = 1.0, alt_[i] = i;
  for (std::uint32_t i : small) keep_[i] = 1.0, alt_[i] = i;  // rounding leftovers
}

std::size_t AliasTable::draw(rng::Stream& s) const {
  const double x = s.uniform() * double(keep_.size());
  const std::size_t i = std::min(std::size_t(x), keep_.size() - 1);
  return x - double(i) < keep_[i] ? i : alt_[i];
}

double mean_count(const std::vector<double>& p) {
  double m = 0;
  for (std::size_t i = 0; i < p.size(); ++i) m += double(i + 1) * p[i];
  return m;
}

OrderGenerator::OrderGenerator(int region, const NetworkPlan& plan, std::uint64_t replication, Recorder* recorder)
    : index_(region),
      spec_(plan.scenario->regions[std::size_t(region)]),
      orders_(*plan.scenario->orders),
      factor_(plan.profile.factor),
      sku_category_(plan.sku_category),
      count_(stream(plan, replication, region, "order_count")),
      time_(stream(plan, replication, region, "order_time")),
      lines_(stream(plan, replication, region, "order_lines")),
      sku_(stream(plan, replication, region, "order_sku")),
      units_(stream(plan, replication, region, "order_units")),
      // The shocks of the region's demand, from the same streams as daily per-SKU demand.
      shock_(region_shocks(plan, region, replication, recorder)),
      sc_(*plan.scenario),
      category_count_(plan.categories.size()) {
  reweigh();
}

void OrderGenerator::reweigh() {
  const Scenario& sc = sc_;
  by_category_.clear();
  units_per_day_ = 0;
  std::vector<double> rates;
  std::vector<std::vector<double>> in_category(category_count_, std::vector<double>(sc.skus.size(), 0.0));
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    // With prices: rate x the price factor, the one place price moves demand (sim/kernel/price_response.hpp).
    const double rate = prices_ ? sc.skus[k].rate * prices_->factor(k) : sc.skus[k].rate;
    rates.push_back(rate);
    in_category[std::size_t(sku_category_[k])][k] = rate;
    units_per_day_ += rate * spec_.scale;
  }
  units_per_order_ = mean_count(orders_.lines) * mean_count(orders_.units_per_line);
  if (units_per_day_ > 0) {
    popularity_ = AliasTable(rates);
    for (auto& weights : in_category) {
      double sum = 0;
      for (double w : weights) sum += w;
      by_category_.push_back(sum > 0 ? AliasTable(weights) : AliasTable());
    }
  }
  lines_cdf_ = cumulative(orders_.lines);
  units_cdf_ = cumulative(orders_.units_per_line);
  hour_cdf_ = cumulative(orders_.intraday);
}

std::int64_t OrderGenerator::count(double mean) {
  switch (spec_.demand) {
    case DemandModel::poisson:
      return rng::poisson(count_, mean);
    case DemandModel::negative_binomial:
      return rng::negative_binomial(count_, mean, spec_.dispersion);
    case DemandModel::deterministic: {
      const double due = carry_ + mean;
      const double n = std::floor(due + 1e-9);
      carry_ = due - n;
      return std::int64_t(n);
    }
    case DemandModel::normal: {
      const double x = mean + spec_.cv * mean * rng::standard_normal(count_);
      return x > 0 ? std::int64_t(std::llround(x)) : 0;
    }
  }
  return 0;
}

std::uint32_t OrderGenerator::draw_count(const std::vector<double>& cdf, rng::Stream& s) const {
  const double u = s.uniform();
  return std::uint32_t(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin()) + 1;
}

void OrderGenerator::generate(int day, std::vector<Order>& orders, std::vector<OrderLine>& lines) {
  if (prices_ && prices_->changes() != priced_changes_) {  // a price moved since the tables were made
    priced_changes_ = prices_->changes();
    reweigh();
  }
  const double mean = mean_orders(day) * shock_factor(day);
  const std::int64_t n = units_per_day_ > 0 ? count(mean) : 0;
  day_.clear();
  for (std::int64_t i = 0; i < n; ++i) {
    const double hour = double(draw_count(hour_cdf_, time_) - 1);
    const double placed = day * kSecondsPerDay + (hour + time_.uniform()) * 3600.0;
    Order o{placed, index_, std::uint32_t(lines.size()), draw_count(lines_cdf_, lines_)};
    int category = -1;
    for (std::uint32_t l = 0; l < o.line_count; ++l) {
      // A later line comes from the first line's category with probability same_category: the SKU's share of
      // lines stays its share of the rates, since the first line's category is drawn by popularity too.
      const bool affine = l > 0 && orders_.same_category > 0 && sku_.uniform() < orders_.same_category;
      const std::size_t k = affine ? by_category_[std::size_t(category)].draw(sku_) : popularity_.draw(sku_);
      if (l == 0) category = sku_category_[k];
      lines.push_back({std::uint32_t(k), std::int32_t(draw_count(units_cdf_, units_))});
    }
    day_.push_back(o);
  }
  // Drawn in count order, served in time order (a tie, never seen in practice, keeps count order).
  std::stable_sort(day_.begin(), day_.end(), [](const Order& a, const Order& b) { return a.placed < b.placed; });
  orders.insert(orders.end(), day_.begin(), day_.end());
}

}  // namespace peaksim::agents
