// Validation: mean demand under viral spikes and under random level shifts (scenarios/validation/
// demand_shocks.yaml) against the closed forms of docs/model.md, Demand. The parameters are read back from the
// loaded scenario, so an edit to the file changes the theory value with it.
#include <cmath>

#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

const std::string kFile = "demand_shocks.yaml";

// Sum over the horizon of rate x E[factor(t)].
double expected_demand(const Scenario& sc, const auto& factor) {
  double sum = 0;
  for (int t = 0; t < sc.horizon_days; ++t) sum += sc.skus[0].rate * sc.regions[0].scale * factor(t);
  return sum;
}

}  // namespace

TEST_CASE("mean demand under viral spikes is rate x (1 + p E[s] sum of exp(-k/tau)) summed over days") {
  const Scenario sc = load_scenario(scenario_path(kFile));
  REQUIRE(sc.regions[0].shocks.spikes.has_value());
  REQUIRE(sc.regions[0].shocks.probability_per_day == 0);
  REQUIRE(sc.calendar.events.empty());
  const SpikeSpec& sp = *sc.regions[0].shocks.spikes;
  const double p = sp.probability_per_day, mean_size = sp.size.mean_value(), tau = sp.decay_days;
  CaseReport c;
  c.case_id = "demand_shocks/spikes_mean_demand";
  c.formula = "E[D] = sum_t rate x (1 + p E[s] sum_{k=0..t} exp(-k/tau))";
  c.source = "linearity of expectation over independent spike onsets (docs/model.md, Demand)";
  c.theory = expected_demand(sc, [&](int t) {
    double decay = 0;
    for (int k = 0; k <= t; ++k) decay += std::exp(-k / tau);
    return 1 + p * mean_size * decay;
  });
  c.samples = run_replications(scenario_path(kFile), {}, sc.replications).kpi.at("demand");
  report(c, "total demand of one SKU over the horizon, Poisson around rate x the spike factor",
         fmt::format("rate={}/day, p={}, E[s]={} (lognormal, cv {}), tau={} d, {} days", sc.skus[0].rate, p, mean_size,
                     sp.size.cv, tau, sc.horizon_days),
         "spikes may start on any day, also while others last, and add their excess; day 0 is the first onset day");
}

TEST_CASE("mean demand under random level shifts is rate x (1 - q + q E[S])^(t+1) summed over days") {
  const std::vector<std::string> set = {
      "sites.regions[0].shocks={level_shift: {probability_per_day: 0.1, size: {dist: uniform, min: 0.7, max: 1}}}"};
  const Scenario sc = load_scenario(scenario_path(kFile), set);
  REQUIRE(sc.regions[0].shocks.level_shift.has_value());
  REQUIRE(!sc.regions[0].shocks.spikes.has_value());
  const LevelShiftSpec& ls = *sc.regions[0].shocks.level_shift;
  const double q = ls.probability_per_day, mean_size = ls.size.mean_value();
  CaseReport c;
  c.case_id = "demand_shocks/level_shifts_mean_demand";
  c.formula = "E[D] = sum_t rate x (1 - q + q E[S])^(t+1)";
  c.source = "independent daily shifts multiply the level: E of a product of independent factors";
  c.theory = expected_demand(sc, [&](int t) { return std::pow(1 - q + q * mean_size, t + 1); });
  c.samples = run_replications(scenario_path(kFile), set, sc.replications).kpi.at("demand");
  report(c, "total demand of one SKU over the horizon, Poisson around rate x the level",
         fmt::format("rate={}/day, q={}, E[S]={} (uniform {} to {}), {} days", sc.skus[0].rate, q, mean_size,
                     ls.size.min, ls.size.max, sc.horizon_days),
         "a shift on day t applies from day t on, for the rest of the horizon; shifts compound");
}
