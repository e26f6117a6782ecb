// Shared by the base-stock and Little's-law validation cases (test_base_stock.cpp, test_little.cpp):
// scenarios/validation/base_stock.yaml read back for the oracles.
#pragma once
#include "daily_arrays.hpp"
#include "validation_case.hpp"

namespace peaksim::validation {

inline const std::string kBaseStockFile = "base_stock.yaml";

struct BaseStockSetup {
  double lambda = 0;  // mean demand per SKU-day
  int lead = 0;       // L, whole days (constant lead times only; -1 otherwise)
  int S = 0;
  int skus = 0, days = 0;
};

// Reads the oracle's parameters from the scenario and requires what the formulas assume.
inline BaseStockSetup read_base_stock_setup(const std::vector<std::string>& overrides = {}) {
  const Scenario sc = load_scenario(scenario_path(kBaseStockFile), overrides);
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.warehouses.size() == 1);
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(sc.regions[0].unmet == UnmetDemand::backorder);
  REQUIRE(sc.regions[0].shocks.probability_per_day == 0);
  for (double f : plan.profile.factor) REQUIRE(f == 1.0);
  const WarehousePlan& wp = plan.warehouses[0];
  const SupplierSpec& supplier = sc.suppliers[std::size_t(wp.supplier)];
  REQUIRE((std::isinf(supplier.capacity_per_day) && supplier.moq <= 1 && supplier.case_pack == 1));
  BaseStockSetup s;
  s.lambda = wp.mean_demand[0];
  const rng::DistributionSpec& lead = wp.inbound->lead_time_days;
  s.lead = lead.kind == rng::DistributionSpec::Kind::constant ? int(std::lround(lead.value)) : -1;
  s.S = int(wp.levels[0].S);
  s.skus = int(sc.skus.size());
  s.days = sc.horizon_days;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    REQUIRE(wp.params[k]->type == PolicyType::base_stock);
    REQUIRE(wp.params[k]->review_period_days == 1);
    REQUIRE(wp.mean_demand[k] == s.lambda);
    REQUIRE(wp.levels[k].S == s.S);
    REQUIRE(wp.initial_stock[k] == s.S);
  }
  return s;
}

}  // namespace peaksim::validation
