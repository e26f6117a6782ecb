// The prices of one replication: each SKU's price today and the factor it puts on the SKU's demand rate
// (sim/kernel/price_response.hpp): its own price's factor, with a cross elasticity its category rivals', with a
// reference effect the gap to its reference price, and a promotion's lift. Pricing agents and the price
// calendar (promotions, references) write it before the day's demand; customer regions and the order desk read
// it when they draw demand.
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
  double reference(std::size_t sku) const { return reference_[sku]; }
  // Sets a SKU's price; its demand factor follows, and so do its category rivals' with a cross elasticity.
  void set(std::size_t sku, double price);
  // A promotion's extra factor on a SKU's demand (feature and display); 1 without one.
  void set_lift(std::size_t sku, double lift);
  // A new day: each reference moves toward the price that held through the day before (the last settle).
  void advance_references();
  // The day's prices are final: they are the prices the next advance reads, and the reference factors follow.
  void settle();
  // Whether some SKU's demand follows a reference price (then the price calendar acts every day).
  bool has_references() const { return !referenced_.empty(); }
  // How many times a factor has changed so far: a reader that caches what it drew from the factors rebuilds when
  // it moves.
  std::uint64_t changes() const { return changes_; }

private:
  void refresh(std::size_t sku);  // factor = own x cross x reference x lift

  const Scenario& sc_;
  std::vector<double> price_, factor_;
  std::vector<double> own_;              // the own-price factor
  std::vector<double> cross_;            // the rivals' factor (1 without a cross elasticity)
  std::vector<double> lift_;             // a promotion's lift (1 without one)
  std::vector<double> reference_;        // the reference price (the list price without a reference effect)
  std::vector<double> held_;             // the prices of the last settled day
  std::vector<double> log_ratio_;        // log(price / list price)
  std::vector<std::size_t> referenced_;  // SKUs with a reference effect
  // Categories where some SKU has a cross elasticity (and at least two SKUs), and each SKU's index there or -1.
  std::vector<std::vector<std::size_t>> rivals_;
  std::vector<int> rivals_of_;
  std::uint64_t changes_ = 0;
};

}  // namespace peaksim::agents
