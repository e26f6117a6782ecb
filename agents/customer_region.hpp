// Customers of one region: each day, draws demand for every SKU (Poisson, negative binomial or
// rounded Normal around base rate x region scale x calendar factor x the region's and category's shock factors) and
// buys from the warehouse that serves the region: all at 06:00 (daily arrivals), or one unit per customer at i.i.d.
// uniform instants of the day (continuous arrivals: an event per unit, for small catalogues).
#pragma once
#include <cstdint>
#include <limits>
#include <vector>

#include "agents/plan.hpp"
#include "agents/price_board.hpp"
#include "agents/substitution.hpp"
#include "agents/warehouse.hpp"
#include "sim/kernel/shock_path.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

class CustomerRegion {
public:
  // `recorder` counts deliveries (null: not counted); `prices` moves each SKU's rate by its price factor (null:
  // list prices, demand ignores price).
  CustomerRegion(int index, const NetworkPlan& plan, Warehouse& warehouse, std::uint64_t replication,
                 Recorder* recorder = nullptr, const PriceBoard* prices = nullptr);
  void operator()();

  // Mean demand of every SKU on a day, before shocks (exposed for tests).
  double rate(std::size_t sku, int day) const { return base_rate_[sku] * factor_[day]; }

private:
  double shock_factor(int day) const { return shocks_.region[std::size_t(day)]; }
  // The mean of a SKU on a day, given the day's calendar x region shock factor: x its category's shock, x its price.
  double mean(std::size_t sku, int day, double day_factor) const {
    double m = base_rate_[sku] * day_factor;
    if (sku_shock_[sku]) m *= sku_shock_[sku][day];
    if (prices_) m *= prices_->factor(sku);  // the one place price moves demand (sim/kernel/price_response.hpp)
    return m;
  }
  std::int64_t draw(std::size_t sku, double mean);
  void serve_continuously(int day, double day_factor);
  // Of `missing` units of a SKU not found, those whose customers take a substitute buy one (agents/substitution.hpp).
  void substitute(std::size_t sku, std::int64_t missing);
  // Units shipped from stock now travel the lane: a transit in whole days, drawn per order line.
  void deliver(std::size_t sku, std::int64_t shipped);

  struct Arrival {
    double at;  // seconds
    std::size_t sku;
    bool operator<(const Arrival& o) const { return at != o.at ? at < o.at : sku < o.sku; }
  };

  int index_;
  const RegionSpec& spec_;
  const std::vector<double>& factor_;
  Warehouse& warehouse_;
  std::vector<double> base_rate_;
  std::vector<rng::Stream> demand_streams_;   // one per SKU: named by (region, SKU)
  std::vector<double> carry_;                 // deterministic demand: fraction not yet due
  std::vector<rng::Stream> arrival_streams_;  // continuous arrivals: instants, one stream per SKU
  std::vector<Arrival> arrivals_;             // the day's customers, reused
  double last_close_ = 0;                     // the warehouse's last count; later customers are outside the run
  DemandShocks shocks_;                       // the region's and its categories' shock paths (sim/kernel)
  std::vector<const double*> sku_shock_;      // per SKU: its category's path, or null when none
  Substitution substitution_;
  Recorder* recorder_ = nullptr;
  const PriceBoard* prices_ = nullptr;
  const rng::DistributionSpec* transit_ = nullptr;  // the lane's lead time
  std::vector<rng::Stream> transit_streams_;        // per SKU; empty when the transit is constant
  double promise_days_ = std::numeric_limits<double>::infinity();
};

}  // namespace peaksim::agents
