// The inventory of one site, as arrays over SKUs (cache-friendly: agents sweep all SKUs per event).
#pragma once
#include <cstdint>
#include <vector>

namespace peaksim {

struct StockArrays {
  std::vector<std::int64_t> on_hand, on_order, backorders;
  explicit StockArrays(std::size_t skus = 0) : on_hand(skus), on_order(skus), backorders(skus) {}
};

// What happened today at the site, per SKU; reset after the end-of-day count.
struct DailyFlows {
  std::vector<std::int64_t> demand, sales, lost_sales, backorders_filled, ordered, received;
  std::int64_t order_lines = 0;

  explicit DailyFlows(std::size_t skus = 0)
      : demand(skus), sales(skus), lost_sales(skus), backorders_filled(skus), ordered(skus), received(skus) {}
  void reset();
};

}  // namespace peaksim
