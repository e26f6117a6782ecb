// Replenishment policies: each decides an order quantity from what the planner observes of one
// SKU at one site. New policies implement ReplenishmentPolicy; nothing else needs to change.
#pragma once
#include <cstdint>
#include <memory>

#include "sim/scenario/scenario.hpp"

namespace peaksim {

struct Observation {
  int day = 0;
  std::int64_t on_hand = 0;
  std::int64_t on_order = 0;    // ordered, not yet received (including orders queued at the supplier)
  std::int64_t backorders = 0;
  std::int64_t inventory_position() const { return on_hand + on_order - backorders; }
};

// Whole-unit levels of one SKU's policy, computed once from the scenario's formulas.
struct PolicyLevels {
  std::int64_t s = 0, S = 0, Q = 0;
};

class ReplenishmentPolicy {
public:
  virtual ~ReplenishmentPolicy() = default;
  // Units to order now (>= 0), before supplier rounding (MOQ, case pack).
  virtual std::int64_t order_quantity(const Observation& obs) const = 0;
};

// The policy object for a SKU's parameters and levels (type decides the class).
std::unique_ptr<ReplenishmentPolicy> make_policy(const PolicyParams& params, const PolicyLevels& levels);

// The order-up-to level used as initial stock and reported in docs: S, or s + Q for (s,Q).
std::int64_t order_up_to_level(PolicyType type, const PolicyLevels& levels);

}  // namespace peaksim
