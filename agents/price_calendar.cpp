#include "agents/price_calendar.hpp"

#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {

PriceCalendar::PriceCalendar(const Scenario& sc, int slot, PriceBoard& board, Recorder& recorder)
    : sc_(sc), slot_(slot), board_(board), recorder_(recorder) {}

void PriceCalendar::operator()() {
  for (int d = 0; d < sc_.horizon_days; ++d) {
    wait_for(d, Phase::receive, slot_);
    day(d);
  }
}

void PriceCalendar::day(int day) {
  if (day > 0) board_.advance_references();
  // Windows that ended yesterday first, then those starting today: promotions of one SKU never overlap, so a
  // SKU ends one and starts the next on consecutive days. A promoted SKU has no pricing agent: it goes back to
  // its list price. A promotion's prices are not markdowns.
  for (const bool starting : {false, true})
    for (const PromotionSpec& p : sc_.promotions)
      for (const auto& [first, last] : p.windows) {
        if (day != (starting ? first : last + 1)) continue;
        for (const int k : p.skus) {
          const std::size_t sku = std::size_t(k);
          const double list = sc_.skus[sku].price;
          const double price = starting ? list * (1 - p.discount) : list;
          board_.set(sku, price);
          board_.set_lift(sku, starting ? p.lift : 1.0);
          recorder_.set_price(sku, price, false);
        }
      }
  board_.settle();
}

}  // namespace peaksim::agents
