#include "agents/price_board.hpp"

#include <cmath>
#include <map>

namespace peaksim::agents {

PriceBoard::PriceBoard(const Scenario& sc)
    : sc_(sc),
      factor_(sc.skus.size(), 1.0),
      own_(sc.skus.size(), 1.0),
      log_ratio_(sc.skus.size(), 0.0),
      cross_of_(sc.skus.size(), -1) {
  bool any = false;
  for (const Sku& s : sc.skus) {
    price_.push_back(s.price);
    any = any || (s.price_response && s.price_response->cross_elasticity != 0);
  }
  if (!any) return;  // no cross effects: the board is what it was without them
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) members[sc.skus[k].category].push_back(k);
  for (auto& [name, skus] : members) {
    bool cross = false;
    for (const std::size_t k : skus) {
      const auto& r = sc.skus[k].price_response;
      cross = cross || (r && r->cross_elasticity != 0);
    }
    if (!cross || skus.size() < 2) continue;
    for (const std::size_t k : skus) cross_of_[k] = int(cross_.size());
    cross_.push_back(std::move(skus));
  }
}

void PriceBoard::set(std::size_t sku, double price) {
  if (price == price_[sku]) return;
  const Sku& s = sc_.skus[sku];
  price_[sku] = price;
  own_[sku] = s.price > 0 ? price_factor(s.price_response, price / s.price) : 1.0;
  factor_[sku] = own_[sku];
  ++changes_;
  if (cross_of_[sku] < 0) return;
  // Every SKU of the category reads the others' prices: recompute them all (reviews only, not per draw).
  log_ratio_[sku] = s.price > 0 ? std::log(price / s.price) : 0.0;
  const auto& skus = cross_[std::size_t(cross_of_[sku])];
  double sum = 0;
  for (const std::size_t k : skus) sum += log_ratio_[k];
  for (const std::size_t k : skus)
    factor_[k] = own_[k] * cross_price_factor(sc_.skus[k].price_response, sum - log_ratio_[k], skus.size() - 1);
}

}  // namespace peaksim::agents
