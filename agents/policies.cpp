#include "agents/policies.hpp"

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

}  // namespace

std::unique_ptr<ReplenishmentPolicy> make_policy(const PolicyParams& params, const PolicyLevels& levels) {
  switch (params.type) {
    case PolicyType::sS: return std::make_unique<MinMaxPolicy>(levels, params.trigger);
    case PolicyType::RS:
    case PolicyType::base_stock: return std::make_unique<OrderUpToPolicy>(levels);
    case PolicyType::sQ: return std::make_unique<FixedQuantityPolicy>(levels, params.trigger);
  }
  return nullptr;
}

std::int64_t order_up_to_level(PolicyType type, const PolicyLevels& levels) {
  return type == PolicyType::sQ ? levels.s + levels.Q : levels.S;
}

}  // namespace peaksim
