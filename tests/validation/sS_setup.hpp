// Shared by the (s,S) Markov-chain validation cases: the chain's model read from a scenario (so the
// oracle uses the scenario's own numbers), the scenario's KPIs per SKU-day, and a plain simulation
// of the day's rules that checks the chain independently of peaksim.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "markov_sS.hpp"
#include "validation_case.hpp"

namespace peaksim::validation {

struct SsSetup {
  SsModel model;
  int days = 0;
  int skus = 0;
  int replications = 0;  // the scenario's own count
};

// Reads the chain's parameters from a scenario and requires the assumptions the chain is exact for:
// one warehouse and region, identical Poisson SKUs, a flat calendar, daily review, a fixed lead time
// of 0 or 1 day, no supplier capacity or rounding, initial stock S.
inline SsSetup read_setup(const std::string& file, const std::vector<std::string>& overrides = {}) {
  const Scenario sc = load_scenario(scenario_path(file), overrides);
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.warehouses.size() == 1);
  REQUIRE(sc.regions.size() == 1);
  const RegionSpec& region = sc.regions[0];
  REQUIRE(region.demand == DemandModel::poisson);
  REQUIRE(region.shocks.probability_per_day == 0);
  REQUIRE(std::all_of(plan.profile.factor.begin(), plan.profile.factor.end(), [](double f) { return f == 1.0; }));
  const WarehousePlan& wp = plan.warehouses[0];
  const SupplierSpec& supplier = sc.suppliers[std::size_t(wp.supplier)];
  REQUIRE(std::isinf(supplier.capacity_per_day));
  REQUIRE(supplier.moq <= 1);
  REQUIRE(supplier.case_pack == 1);
  REQUIRE(!sc.costs.purchase_cost_in_total);
  const rng::DistributionSpec& lead = wp.inbound->lead_time_days;
  REQUIRE(lead.kind == rng::DistributionSpec::Kind::constant);
  REQUIRE((lead.value == 0 || lead.value == 1));

  SsSetup setup;
  setup.days = sc.horizon_days;
  setup.skus = int(sc.skus.size());
  setup.replications = sc.replications;
  SsModel& m = setup.model;
  m.rate = wp.mean_demand[0];
  m.s = int(wp.levels[0].s);
  m.S = int(wp.levels[0].S);
  m.at_or_below = wp.params[0]->trigger == ReorderTrigger::at_or_below;
  m.unmet = region.unmet == UnmetDemand::lost ? Unmet::lost : Unmet::backorder;
  m.receipt = lead.value == 0 ? Receipt::same_day_close : Receipt::next_morning;
  m.holding = sc.costs.holding_per_unit_day;
  m.backorder = sc.costs.backorder_per_unit_day;
  m.lost_sale = sc.costs.lost_sale_per_unit;
  m.order_fixed = sc.costs.order_fixed;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    REQUIRE(wp.mean_demand[k] == m.rate);
    REQUIRE(wp.params[k]->type == PolicyType::sS);
    REQUIRE(wp.params[k]->review_period_days == 1);
    REQUIRE(wp.levels[k].s == m.s);
    REQUIRE(wp.levels[k].S == m.S);
    REQUIRE(wp.initial_stock[k] == m.S);
  }
  return setup;
}

// A KPI of every replication divided by SKU-days (and by `per`, e.g. the demand rate).
inline std::vector<double> per_sku_day(const Runs& runs, const std::string& kpi, const SsSetup& setup, double per = 1) {
  std::vector<double> out;
  for (double v : runs.kpi.at(kpi)) out.push_back(v / (double(setup.days) * setup.skus * per));
  return out;
}

// The day of docs/model.md written out literally for one SKU, with the standard library's own
// Poisson generator: an independent check of the chain's transition and one-day expectations.
// Returns one DailyAverages (of on_hand, backorders, lost, sales, orders) per batch of days.
inline std::vector<DailyAverages> plain_simulation(const SsModel& m, int batches, int days_per_batch,
                                                   std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::poisson_distribution<long> demand(m.rate);
  long on_hand = m.S, backorders = 0, arriving = 0;
  std::vector<DailyAverages> out;
  const int burn_in = 1000;
  for (int b = -1; b < batches; ++b) {
    DailyAverages a;
    const int days = b < 0 ? burn_in : days_per_batch;
    for (int t = 0; t < days; ++t) {
      // 00:00: yesterday's order (lead time 1) goes on the shelf; waiting customers first.
      auto receive = [&](long q) {
        on_hand += q;
        const long fill = std::min(on_hand, backorders);
        on_hand -= fill;
        backorders -= fill;
      };
      receive(arriving);
      arriving = 0;
      // 06:00: demand.
      const long d = demand(gen);
      const long served = std::min(d, on_hand);
      on_hand -= served;
      a.sales += double(served);
      if (m.unmet == Unmet::lost)
        a.lost += double(d - served);
      else
        backorders += d - served;
      // 18:00: review; nothing is on order here.
      const long ip = on_hand - backorders;
      const bool order = m.at_or_below ? ip <= m.s : ip < m.s;
      a.orders += order;
      const long q = order ? m.S - ip : 0;
      // 23:00: a zero-lead-time order arrives before the count; a one-day one after it.
      if (m.receipt == Receipt::same_day_close)
        receive(q);
      else
        arriving = q;
      a.on_hand += double(on_hand);
      a.backorders += double(backorders);
    }
    if (b < 0) continue;
    for (double* v : {&a.sales, &a.lost, &a.orders, &a.on_hand, &a.backorders}) *v /= days;
    out.push_back(a);
  }
  return out;
}

}  // namespace peaksim::validation
