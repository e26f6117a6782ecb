#include "agents/substitution.hpp"

#include <string>

#include "sim/random/distributions.hpp"

namespace peaksim::agents {

Substitution::Substitution(int region, const NetworkPlan& plan, std::uint64_t replication) {
  const Scenario& sc = *plan.scenario;
  const RegionSpec& spec = sc.regions[std::size_t(region)];
  if (sc.substitution.empty() || spec.unmet != UnmetDemand::lost) return;
  std::vector<double> by_category(plan.categories.size(), 0.0);
  for (const SubstitutionSpec& s : sc.substitution)
    for (std::size_t c = 0; c < plan.categories.size(); ++c)
      if (plan.categories[c] == s.category) by_category[c] = s.probability;
  std::vector<std::vector<std::size_t>> members(plan.categories.size());
  for (std::size_t k = 0; k < sc.skus.size(); ++k) members[std::size_t(plan.sku_category[k])].push_back(k);
  const std::string entity = "region:" + spec.name;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    const auto c = std::size_t(plan.sku_category[k]);
    probability_.push_back(by_category[c]);
    rate_.push_back(sc.skus[k].rate);
    auto& peers = peers_.emplace_back();
    if (by_category[c] > 0)
      for (std::size_t j : members[c])
        if (j != k) peers.push_back(j);
    streams_.emplace_back(rng::StreamKey{sc.seed, replication, entity, "substitution", plan.sku_key[k]});
  }
}

std::int64_t Substitution::takers(std::size_t sku, std::int64_t missing) {
  if (probability_[sku] <= 0 || missing <= 0) return 0;
  return rng::binomial(streams_[sku], missing, probability_[sku]);
}

long Substitution::choose(std::size_t sku, const std::vector<std::int64_t>& on_hand) {
  double total = 0;
  for (std::size_t j : peers_[sku])
    if (on_hand[j] > 0) total += rate_[j];
  if (total <= 0) return -1;
  // One uniform per substitute, walked over the in-stock peers in catalog order.
  double u = streams_[sku].uniform() * total;
  long last = -1;
  for (std::size_t j : peers_[sku]) {
    if (on_hand[j] <= 0 || rate_[j] <= 0) continue;
    last = long(j);
    if ((u -= rate_[j]) < 0) return last;
  }
  return last;  // rounding left u at the top
}

}  // namespace peaksim::agents
