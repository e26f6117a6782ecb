// Substitution on stock-out (docs/model.md, Demand): of the units a region's customers did not find, each is
// bought as another SKU of the same category with the category's probability; the substitute is drawn by
// popularity (the SKUs' rates) among the category's other SKUs in stock at that instant. Draws come from the
// stream (region, `substitution`, SKU asked for), so they never shift demand or any other stream.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/plan.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

class Substitution {
public:
  Substitution(int region, const NetworkPlan& plan, std::uint64_t replication);
  // Whether some SKU may be substituted (a category listed in `substitution`, and the region loses unmet demand).
  bool active() const { return !streams_.empty(); }
  // How many of `missing` units of `sku` customers want as a substitute (0 when its category has none).
  std::int64_t takers(std::size_t sku, std::int64_t missing);
  // The substitute of one unit of `sku`, by popularity among the category's other SKUs with stock > 0
  // (`on_hand` per SKU); -1 when none is in stock.
  long choose(std::size_t sku, const std::vector<std::int64_t>& on_hand);

private:
  std::vector<double> probability_;              // per SKU: its category's probability, 0 without substitution
  std::vector<std::vector<std::size_t>> peers_;  // per SKU: the other SKUs of its category (empty: none)
  std::vector<double> rate_;                     // per SKU: the popularity weight
  std::vector<rng::Stream> streams_;             // per SKU; empty when nothing is substituted
};

}  // namespace peaksim::agents
