// A pricing agent: one per `pricing` group. At each review (day 0, then every review_period) it sets the
// price of each of its SKUs before the day's demand, within the group's rules (ladder, markdown-only, margin
// floor, changes per week), by its policy: static, markdown_rule, markdown_dp or dynamic (docs/pricing.md). It
// sees the network's stock of a SKU (on hand, docks and, for dynamic, on order) and draws no random numbers. Its
// expected demand comes from the demand model, or from the forecast service (agents/pricing_demand.hpp).
#pragma once
#include <memory>
#include <vector>

#include "agents/plan.hpp"
#include "agents/price_board.hpp"
#include "agents/pricing_demand.hpp"
#include "sim/kernel/recorder.hpp"

namespace peaksim::agents {

class Warehouse;

class PricingAgent {
public:
  // `demand` null: the demand model's means (ModelDemand); otherwise it outlives the agent.
  PricingAgent(int group, const NetworkPlan& plan, std::vector<Warehouse*> warehouses, PriceBoard& board,
               Recorder& recorder, const ExpectedDemand* demand = nullptr);
  void operator()();  // the actor: every review day, at its slot of the receive phase
  // One review: the step each SKU takes on `day` (review `review`), applied to the board and the recorder.
  void review(int review, int day);

private:
  int rule_step(std::size_t i, int step, std::int64_t stock, int day) const;
  int dp_step(std::size_t i, int review, int step, std::int64_t stock) const;

  int group_;
  const NetworkPlan& plan_;
  const GroupPricing& pricing_;
  std::vector<Warehouse*> warehouses_;
  PriceBoard& board_;
  Recorder& recorder_;
  std::unique_ptr<ExpectedDemand> model_demand_;  // when no source is given
  const ExpectedDemand& demand_;
  std::vector<int> step_;                      // per SKU of the group: its allowed step in force
  std::vector<std::vector<int>> change_days_;  // per SKU: days its price changed
};

}  // namespace peaksim::agents
