#include "agents/price_board.hpp"

#include <cmath>
#include <map>

namespace peaksim::agents {

PriceBoard::PriceBoard(const Scenario& sc)
    : sc_(sc),
      factor_(sc.skus.size(), 1.0),
      own_(sc.skus.size(), 1.0),
      cross_(sc.skus.size(), 1.0),
      lift_(sc.skus.size(), 1.0),
      log_ratio_(sc.skus.size(), 0.0),
      rivals_of_(sc.skus.size(), -1) {
  bool any = false;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    const Sku& s = sc.skus[k];
    price_.push_back(s.price);
    any = any || (s.price_response && s.price_response->cross_elasticity != 0);
    if (s.price_response && s.price_response->reference) referenced_.push_back(k);
  }
  reference_ = held_ = price_;  // every reference starts at the list price
  if (!any) return;             // no cross effects: the board is what it was without them
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) members[sc.skus[k].category].push_back(k);
  for (auto& [name, skus] : members) {
    bool cross = false;
    for (const std::size_t k : skus) {
      const auto& r = sc.skus[k].price_response;
      cross = cross || (r && r->cross_elasticity != 0);
    }
    if (!cross || skus.size() < 2) continue;
    for (const std::size_t k : skus) rivals_of_[k] = int(rivals_.size());
    rivals_.push_back(std::move(skus));
  }
}

// Without a reference, a cross elasticity or a lift the extra factors are exactly 1, so the product is the
// own-price factor bit for bit.
void PriceBoard::refresh(std::size_t k) {
  const auto& r = sc_.skus[k].price_response;
  const double ref = r ? reference_factor(r->reference, price_[k], reference_[k]) : 1.0;
  factor_[k] = own_[k] * cross_[k] * ref * lift_[k];
}

void PriceBoard::set(std::size_t sku, double price) {
  if (price == price_[sku]) return;
  const Sku& s = sc_.skus[sku];
  price_[sku] = price;
  own_[sku] = s.price > 0 ? price_factor(s.price_response, price / s.price) : 1.0;
  ++changes_;
  if (rivals_of_[sku] < 0) return refresh(sku);
  // Every SKU of the category reads the others' prices: recompute them all (reviews only, not per draw).
  log_ratio_[sku] = s.price > 0 ? std::log(price / s.price) : 0.0;
  const auto& skus = rivals_[std::size_t(rivals_of_[sku])];
  double sum = 0;
  for (const std::size_t k : skus) sum += log_ratio_[k];
  for (const std::size_t k : skus) {
    cross_[k] = cross_price_factor(sc_.skus[k].price_response, sum - log_ratio_[k], skus.size() - 1);
    refresh(k);
  }
}

void PriceBoard::set_lift(std::size_t sku, double lift) {
  if (lift == lift_[sku]) return;
  lift_[sku] = lift;
  ++changes_;
  refresh(sku);
}

void PriceBoard::advance_references() {
  for (const std::size_t k : referenced_)
    reference_[k] = next_reference(*sc_.skus[k].price_response->reference, reference_[k], held_[k]);
}

void PriceBoard::settle() {
  held_ = price_;
  bool moved = false;
  for (const std::size_t k : referenced_) {
    const double before = factor_[k];
    refresh(k);
    moved = moved || factor_[k] != before;
  }
  if (moved) ++changes_;
}

}  // namespace peaksim::agents
