// A pricing agent: one per `pricing` group. At each review (day 0, then every review_period) it sets the
// price of each of its SKUs before the day's demand, within the group's rules (ladder, markdown-only, margin
// floor, changes per week), by its policy: static, markdown_rule, markdown_dp or dynamic (docs/pricing.md). It
// sees the network's stock of a SKU (on hand, docks and, for dynamic, on order) and draws no random numbers.
#pragma once
#include <vector>

#include "agents/plan.hpp"
#include "agents/price_board.hpp"
#include "sim/kernel/recorder.hpp"

namespace peaksim::agents {

class Warehouse;

class PricingAgent {
public:
  PricingAgent(int group, const NetworkPlan& plan, std::vector<Warehouse*> warehouses, PriceBoard& board,
               Recorder& recorder);
  void operator()();  // the actor: every review day, at its slot of the receive phase
  // One review: the step each SKU takes on `day` (review `review`), applied to the board and the recorder.
  void review(int review, int day);

private:
  int rule_step(const SkuPricing& s, int step, std::int64_t stock, int day) const;

  int group_;
  const NetworkPlan& plan_;
  const GroupPricing& pricing_;
  std::vector<Warehouse*> warehouses_;
  PriceBoard& board_;
  Recorder& recorder_;
  std::vector<int> step_;                      // per SKU of the group: its allowed step in force
  std::vector<std::vector<int>> change_days_;  // per SKU: days its price changed
};

}  // namespace peaksim::agents
