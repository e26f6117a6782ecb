// The one place where price moves demand: the factor f(price / list price) that multiplies a SKU's demand
// rate on a day (docs/model.md, Price response), with the cross-price and reference-price effects. Both demand
// paths (units per SKU and region, and orders) and the pricing agents' demand model call it.
#pragma once
#include <cstddef>
#include <optional>

#include "sim/scenario/pricing_spec.hpp"

namespace peaksim {

// f(ratio) for a response; 1 at ratio 1 for every form. No response: 1 (demand ignores price).
double price_factor(const PriceResponse& response, double ratio);
double price_factor(const std::optional<PriceResponse>& response, double ratio);

// Cross-price effect of substitutes: exp(cross_elasticity x sum / rivals) = (geometric mean of the rivals'
// ratios)^cross_elasticity, `sum` the sum of log(price / list price) over the other SKUs of the category. The
// mean keeps the effect of a category-wide price move independent of the category's size. No response, no
// cross elasticity or no rivals: 1.
double cross_price_factor(const std::optional<PriceResponse>& response, double rivals_log_ratio_sum,
                          std::size_t rivals);

// Reference-price effect: with gap = (price - reference) / reference, exp(-loss x gap) for a price above the
// reference (a loss), exp(-gain x gap) for one below it (a gain); 1 at the reference, or without a reference.
double reference_factor(const std::optional<ReferenceEffect>& effect, double price, double reference);
// Tomorrow's reference after a day at `price`: memory x reference + (1 - memory) x price.
double next_reference(const ReferenceEffect& effect, double reference, double price);

}  // namespace peaksim
