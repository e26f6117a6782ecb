// Replenishment policies on hand-checked observations.
#include <doctest/doctest.h>

#include "agents/policies.hpp"

using namespace peaksim;

namespace {

std::int64_t order(PolicyType type, PolicyLevels lv, Observation obs, ReorderTrigger t = ReorderTrigger::below) {
  PolicyParams p;
  p.type = type;
  p.trigger = t;
  return make_policy(p, lv)->order_quantity(obs);
}

}  // namespace

TEST_CASE("(s,S) orders up to S only when the inventory position is below s") {
  const PolicyLevels lv{10, 30, 0};
  CHECK(order(PolicyType::sS, lv, {0, 9, 0, 0}) == 21);
  CHECK(order(PolicyType::sS, lv, {0, 10, 0, 0}) == 0);                                // at s: not below
  CHECK(order(PolicyType::sS, lv, {0, 10, 0, 0}, ReorderTrigger::at_or_below) == 20);  // at s counts
  CHECK(order(PolicyType::sS, lv, {0, 4, 3, 0}) == 23);  // position counts what is on order
  CHECK(order(PolicyType::sS, lv, {0, 0, 5, 7}) == 32);  // ... and subtracts backorders
}

TEST_CASE("(R,S) and base-stock order up to S at every review") {
  const PolicyLevels lv{0, 25, 0};
  for (PolicyType t : {PolicyType::RS, PolicyType::base_stock}) {
    CHECK(order(t, lv, {0, 24, 0, 0}) == 1);
    CHECK(order(t, lv, {0, 25, 0, 0}) == 0);
    CHECK(order(t, lv, {0, 30, 0, 0}) == 0);
    CHECK(order(t, lv, {0, 0, 0, 10}) == 35);
  }
}

TEST_CASE("(s,Q) orders the fewest multiples of Q that bring the position back to s") {
  const PolicyLevels lv{10, 0, 8};
  CHECK(order(PolicyType::sQ, lv, {0, 9, 0, 0}) == 8);
  CHECK(order(PolicyType::sQ, lv, {0, 10, 0, 0}) == 0);
  CHECK(order(PolicyType::sQ, lv, {0, 0, 0, 0}) == 16);  // 0 + 8 is still below 10
  CHECK(order(PolicyType::sQ, lv, {0, 2, 0, 0}) == 8);   // 2 + 8 = 10 is no longer below s
  CHECK(order(PolicyType::sQ, lv, {0, 2, 0, 0}, ReorderTrigger::at_or_below) == 16);
}

TEST_CASE("(r,Q) orders the fewest multiples of Q that lift the position above r, whatever the trigger key") {
  const PolicyLevels lv{10, 0, 8};  // r is kept in s
  CHECK(order(PolicyType::rQ, lv, {0, 11, 0, 0}) == 0);
  CHECK(order(PolicyType::rQ, lv, {0, 10, 0, 0}) == 8);  // at r counts
  CHECK(order(PolicyType::rQ, lv, {0, 2, 0, 0}) == 16);  // 2 + 8 = 10 is still not above r
  CHECK(order(PolicyType::rQ, lv, {0, 3, 0, 0}, ReorderTrigger::below) == 8);
}

TEST_CASE("the order-up-to level is S, or s + Q for (s,Q) and r + Q for (r,Q)") {
  CHECK(order_up_to_level(PolicyType::sS, {3, 9, 0}) == 9);
  CHECK(order_up_to_level(PolicyType::sQ, {3, 9, 4}) == 7);
  CHECK(order_up_to_level(PolicyType::rQ, {3, 9, 4}) == 7);
}
