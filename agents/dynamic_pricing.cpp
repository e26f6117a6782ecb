#include "agents/dynamic_pricing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/plan.hpp"

namespace peaksim::agents {

double cover_days(const Sku& sku, const GroupPricing& group, int day, double price, double position) {
  const int horizon = int(group.day_scale.size());
  const int to = std::min(day + group.spec->cover_window_days, horizon);
  const double per_day = expected_units(sku, group, day, to, price) / double(std::max(to - day, 1));
  if (per_day > 0) return position / per_day;
  return position > 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
}

int dynamic_step(int step, int steps, double cover, double low_cover, double high_cover) {
  if (cover < low_cover) return std::max(step - 1, 0);           // short: a higher price slows demand
  if (cover > high_cover) return std::min(step + 1, steps - 1);  // long: a lower price sells the surplus
  return step;
}

}  // namespace peaksim::agents
