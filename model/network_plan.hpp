// Resolves a frozen scenario into the plan every agent reads (agents/plan.hpp): the network's wiring,
// each SKU's mean demand at each warehouse, and its policy levels computed from the scenario's formulas.
#pragma once
#include <stdexcept>

#include "agents/plan.hpp"

namespace peaksim {

// A formula produced a value no policy can use (negative, not finite, Q < 1).
class PlanError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

NetworkPlan make_network_plan(const Scenario& scenario);

}  // namespace peaksim
