// The prices of one replication: each SKU's price today and the factor it puts on the SKU's demand rate
// (sim/kernel/price_response.hpp). Pricing agents write it at their reviews, before the day's demand; customer
// regions and the order desk read it when they draw demand.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/kernel/price_response.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim::agents {

class PriceBoard {
public:
  explicit PriceBoard(const Scenario& sc);
  double price(std::size_t sku) const { return price_[sku]; }
  double factor(std::size_t sku) const { return factor_[sku]; }
  // Sets a SKU's price; its demand factor follows.
  void set(std::size_t sku, double price);
  // How many prices have changed so far: a reader that caches what it drew from the factors rebuilds when it moves.
  std::uint64_t changes() const { return changes_; }

private:
  const Scenario& sc_;
  std::vector<double> price_, factor_;
  std::uint64_t changes_ = 0;
};

}  // namespace peaksim::agents
