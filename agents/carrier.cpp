#include "agents/carrier.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace peaksim::agents {

Carrier::Carrier(const CarrierSpec& spec, const std::vector<std::uint8_t>& peak_day, int weekday0, rng::Stream outages)
    : spec_(&spec),
      peak_(&peak_day),
      weekday0_(weekday0),
      limited_(std::isfinite(spec.capacity_per_day)),
      down_(peak_day.size(), 0),
      used_(peak_day.size(), 0) {
  for (int d : spec.outage_days) down_[std::size_t(d)] = 1;
  if (spec.outage_probability_per_day > 0)
    for (auto& d : down_)
      if (outages.uniform() < spec.outage_probability_per_day) d = 1;
  if (limited_)
    for (int d = 0; d < int(down_.size()); ++d)
      if (picks_up(d)) totals_.offered += std::floor(spec.capacity_per_day);
}

Tender Carrier::tender(int day, std::int64_t units) {
  if (units <= 0 || !picks_up(day)) return {};
  std::int64_t& used = used_[std::size_t(day)];
  // Capacity is a whole number of units a day, like a supplier's.
  const std::int64_t left =
      limited_ ? std::max<std::int64_t>(0, std::int64_t(std::floor(spec_->capacity_per_day)) - used) : units;
  Tender t;
  t.accepted = std::min(units, left);
  if (t.accepted == 0) return t;
  const double surcharge = (*peak_)[std::size_t(day)] ? spec_->peak_surcharge : 1.0;
  // Trucks leave as they fill: the day's units need ceil(units / size) of them.
  const auto trucks = [this](std::int64_t n) {
    return spec_->truck_size > 0 ? (n + spec_->truck_size - 1) / spec_->truck_size : 0;
  };
  const std::int64_t new_trucks = trucks(used + t.accepted) - trucks(used);
  t.cost = surcharge * (double(t.accepted) * spec_->cost_per_unit + (used == 0 ? spec_->cost_per_shipment : 0.0) +
                        double(new_trucks) * spec_->cost_per_truck);
  used += t.accepted;
  totals_.carried += t.accepted;
  if (limited_) totals_.limited_carried += t.accepted;
  totals_.cost += t.cost;
  return t;
}

LaneCarriers::LaneCarriers(const LaneSpec& lane, const std::vector<std::uint8_t>& peak_day, int weekday0,
                           std::uint64_t seed, std::uint64_t replication) {
  for (const CarrierSpec& c : lane.carriers) {
    const std::string entity = "carrier:" + lane.from + "->" + lane.to + ":" + c.name;
    carriers_.emplace_back(c, peak_day, weekday0, rng::Stream({seed, replication, entity, "outage", 0}));
  }
}

Tender LaneCarriers::tender(int day, std::int64_t units) { return tender_to(day, units, nullptr); }

void LaneCarriers::collect_at(const std::vector<double>& centre) {
  const auto own = [&](const Carrier& c) -> const std::vector<double>& {
    return c.spec().cutoffs.empty() ? centre : c.spec().cutoffs;
  };
  merged_.clear();
  for (const Carrier& c : carriers_) merged_.insert(merged_.end(), own(c).begin(), own(c).end());
  std::sort(merged_.begin(), merged_.end());
  merged_.erase(std::unique(merged_.begin(), merged_.end()), merged_.end());
  collects_.assign(merged_.size(), std::vector<std::uint8_t>(carriers_.size(), 0));
  for (std::size_t k = 0; k < merged_.size(); ++k)
    for (std::size_t i = 0; i < carriers_.size(); ++i)
      collects_[k][i] = std::binary_search(own(carriers_[i]).begin(), own(carriers_[i]).end(), merged_[k]);
}

Tender LaneCarriers::tender_at(int day, std::size_t k, std::int64_t units) {
  return tender_to(day, units, &collects_[k]);
}

Tender LaneCarriers::tender_to(int day, std::int64_t units, const std::vector<std::uint8_t>* collects) {
  const auto tendered = [collects](std::size_t i) { return !collects || (*collects)[i]; };
  Tender all;
  bool scheduled = false;
  for (std::size_t i = 0; i < carriers_.size(); ++i) {
    if (!tendered(i)) continue;
    scheduled = scheduled || carriers_[i].scheduled(day);
    if (all.accepted == units) continue;
    const Tender t = carriers_[i].tender(day, units - all.accepted);
    all.accepted += t.accepted;
    all.cost += t.cost;
  }
  if (scheduled) refused_ += units - all.accepted;
  return all;
}

CarriageTotals LaneCarriers::totals() const {
  CarriageTotals sum;
  for (const Carrier& c : carriers_) {
    sum.carried += c.totals().carried;
    sum.limited_carried += c.totals().limited_carried;
    sum.offered += c.totals().offered;
    sum.cost += c.totals().cost;
  }
  sum.refused = refused_;
  return sum;
}

}  // namespace peaksim::agents
