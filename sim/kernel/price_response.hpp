// The one place where price moves demand: the factor f(price / list price) that multiplies a SKU's demand
// rate on a day (docs/model.md, Price response). Both demand paths (units per SKU and region, and orders)
// and the pricing agents' demand model call it.
#pragma once
#include <optional>

#include "sim/scenario/pricing_spec.hpp"

namespace peaksim {

// f(ratio) for a response; 1 at ratio 1 for every form. No response: 1 (demand ignores price).
double price_factor(const PriceResponse& response, double ratio);
double price_factor(const std::optional<PriceResponse>& response, double ratio);

}  // namespace peaksim
