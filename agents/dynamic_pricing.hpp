// Policy `dynamic` of a pricing group (docs/pricing.md): for replenished items in a peak, the price follows the
// network's days of cover. One step toward the list price or above (a lower discount, possibly a surcharge) when
// the cover falls below low_cover, one step down when it exceeds high_cover, else it holds; the group's business
// rules (margin floor, changes per week) then apply as for every policy.
#pragma once
#include "agents/pricing_plan.hpp"

namespace peaksim::agents {

// Days of cover of a SKU on `day`: the network's position (on hand + on order, receiving docks included, less
// backorders, summed over warehouses) over the expected units per day at `price` in the window
// [day, min(day + cover_window, horizon)) (calendar-adjusted, so a coming festival counts). Infinite when no
// demand is expected and the position is positive; NaN (the price holds) when neither demand nor stock.
double cover_days(const Sku& sku, const GroupPricing& group, int day, double price, double position);

// The step after a review with `cover` days of cover: step 0 is the highest price of `steps`.
int dynamic_step(int step, int steps, double cover, double low_cover, double high_cover);

}  // namespace peaksim::agents
