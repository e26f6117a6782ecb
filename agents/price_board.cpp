#include "agents/price_board.hpp"

namespace peaksim::agents {

PriceBoard::PriceBoard(const Scenario& sc) : sc_(sc), factor_(sc.skus.size(), 1.0) {
  for (const Sku& s : sc.skus) price_.push_back(s.price);
}

void PriceBoard::set(std::size_t sku, double price) {
  if (price == price_[sku]) return;
  const Sku& s = sc_.skus[sku];
  price_[sku] = price;
  factor_[sku] = s.price > 0 ? price_factor(s.price_response, price / s.price) : 1.0;
  ++changes_;
}

}  // namespace peaksim::agents
