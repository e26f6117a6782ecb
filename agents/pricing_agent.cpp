#include "agents/pricing_agent.hpp"

#include <algorithm>

#include "agents/dynamic_pricing.hpp"
#include "agents/warehouse.hpp"
#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {

PricingAgent::PricingAgent(int group, const NetworkPlan& plan, std::vector<Warehouse*> warehouses, PriceBoard& board,
                           Recorder& recorder, const ExpectedDemand* demand)
    : group_(group),
      plan_(plan),
      pricing_(plan.pricing[std::size_t(group)]),
      warehouses_(std::move(warehouses)),
      board_(board),
      recorder_(recorder),
      model_demand_(demand ? nullptr : std::make_unique<ModelDemand>(*plan.scenario, pricing_)),
      demand_(demand ? *demand : *model_demand_),
      change_days_(pricing_.skus.size()) {
  for (const SkuPricing& s : pricing_.skus) step_.push_back(s.initial);
}

void PricingAgent::operator()() {
  // After every warehouse has received the day's shipments (slots 0 .. warehouses - 1), before any demand.
  const int slot = int(warehouses_.size()) + group_;
  for (std::size_t q = 0; q < pricing_.reviews.size(); ++q) {
    wait_for(pricing_.reviews[q], Phase::receive, slot);
    review(int(q), pricing_.reviews[q]);
  }
}

// Weeks of supply against the weeks left: the stock covers stock / w weeks, w the expected units per week over
// the rest of the season at the current price (calendar-adjusted); one step down when that exceeds
// cover_factor x the weeks left, i.e. when stock > cover_factor x the season's expected remaining demand.
int PricingAgent::rule_step(std::size_t i, int step, std::int64_t stock, int day) const {
  const SkuPricing& s = pricing_.skus[i];
  const int horizon = plan_.scenario->horizon_days;
  const Sku& sku = plan_.scenario->skus[std::size_t(s.sku)];
  const double weeks_left = double(horizon - day) / 7.0;
  const double units = demand_.list_units(i, day, day, horizon);
  const double per_week = at_price(sku, units, s.prices[std::size_t(step)]) / weeks_left;
  const bool over = per_week <= 0 ? stock > 0 : double(stock) / per_week > pricing_.spec->cover_factor * weeks_left;
  return over && step + 1 < int(s.prices.size()) ? step + 1 : step;
}

int PricingAgent::dp_step(std::size_t i, int review, int step, std::int64_t stock) const {
  const SkuPricing& s = pricing_.skus[i];
  if (demand_.replans(i, pricing_.reviews[std::size_t(review)])) {
    // Rolling horizon: the table re-solved over the remaining periods with this review's means, for stock
    // 0 .. the stock now (periods left x steps x (stock + 1) values); its first decision is taken.
    const int x = int(std::max<std::int64_t>(stock, 0));
    const MarkdownPolicy dp =
        solve_markdown(markdown_problem(*plan_.scenario, pricing_, i, demand_, std::size_t(review), x));
    return dp.best(0, step, x);
  }
  // Stock above the planned season's (replenished since) is read as the largest planned state.
  return s.dp.best(review, step, int(std::min<std::int64_t>(stock, s.dp.max_stock())));
}

void PricingAgent::review(int review, int day) {
  const PricingGroup& g = *pricing_.spec;
  for (std::size_t i = 0; i < pricing_.skus.size(); ++i) {
    const SkuPricing& s = pricing_.skus[i];
    const std::size_t k = std::size_t(s.sku);
    std::int64_t stock = 0;
    for (const Warehouse* w : warehouses_) stock += w->stock().on_hand[k] + w->receiving(k);  // docks: sold soon
    int step = step_[i];
    switch (g.policy) {
      case PricingPolicy::fixed:
        break;
      case PricingPolicy::markdown_rule:
        step = rule_step(i, step, stock, day);
        break;
      case PricingPolicy::markdown_dp:
        step = dp_step(i, review, step, stock);
        break;
      case PricingPolicy::dynamic: {
        // The network's position: on order counts the receiving docks and what the suppliers still owe.
        std::int64_t position = 0;
        for (const Warehouse* w : warehouses_)
          position += w->stock().on_hand[k] + w->stock().on_order[k] - w->stock().backorders[k];
        const Sku& sku = plan_.scenario->skus[k];
        const double cover = cover_days(sku, pricing_, day, s.prices[std::size_t(step)], double(position));
        step = dynamic_step(step, int(s.prices.size()), cover, g.low_cover, g.high_cover);
        break;
      }
    }
    // At most max_changes_per_week changes within any 7 days (day 0 sets the opening price, not a change).
    auto& changes = change_days_[i];
    const auto recent = std::count_if(changes.begin(), changes.end(), [day](int d) { return d > day - 7; });
    if (day > 0 && step != step_[i] && recent >= g.max_changes_per_week) step = step_[i];
    if (day > 0 && step != step_[i]) changes.push_back(day);
    step_[i] = step;
    const double price = s.prices[std::size_t(step)];
    board_.set(k, price);
    recorder_.set_price(k, price, day > 0);
  }
}

}  // namespace peaksim::agents
