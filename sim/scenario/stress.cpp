// The stress block: demand shocks, supplier outages and carrier outages are folded into the machinery that
// already draws them (region shocks, disruptions, carrier outages), so a stressed run shares every stream with
// its unstressed twin (common random numbers: an extra chance p' turns p into 1 - (1 - p)(1 - p') on the same
// uniforms, so every unstressed shock start or outage day stays one). Supply spells and recovery stay in the spec.
#include <algorithm>
#include <cmath>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

// Never below p (rounding), and p itself without an extra chance.
double combined(double p, double extra) { return extra > 0 ? std::max(p, 1 - (1 - p) * (1 - extra)) : p; }

ShockSpec to_spell(const Tree& node) {
  ShockSpec s;
  s.probability_per_day = to_real(node.at("probability_per_day"));
  s.multiplier = to_distribution(node.at("multiplier"), false);
  s.duration_days = static_cast<int>(std::lround(to_days(node.at("duration"))));
  return s;
}

}  // namespace

void build_stress(const Tree& root, Scenario& sc) {
  const Tree* node = root.find("stress");
  if (!node) return;
  StressSpec st;
  const Tree& recovery = node->at("recovery");
  st.recovery_fill_rate = to_real(recovery.at("fill_rate"));
  st.recovery_days = static_cast<int>(*parse_integer(recovery.at("days").text));

  const Tree& demand = node->at("demand");
  const double extra_shocks = to_real(demand.at("probability_per_day"));
  const bool shocks = extra_shocks > 0 || std::any_of(sc.regions.begin(), sc.regions.end(), [](const RegionSpec& r) {
                        return r.shocks.probability_per_day > 0;
                      });
  for (const char* key : {"multiplier", "duration"})
    if (const Tree* t = demand.find(key); t && !shocks)
      fail(t->where, std::string("stress.demand.") + key,
           "no region has demand shocks to apply it to: give stress.demand.probability_per_day (or a region's "
           "shocks.probability_per_day) above 0");
  for (RegionSpec& r : sc.regions) {
    r.shocks.probability_per_day = combined(r.shocks.probability_per_day, extra_shocks);
    if (const Tree* m = demand.find("multiplier")) {
      r.shocks.multiplier = to_distribution(*m, false);
      r.shocks_at = {m->where, "stress.demand.multiplier"};  // where the limits blame it
    }
    if (const Tree* d = demand.find("duration")) r.shocks.duration_days = static_cast<int>(std::lround(to_days(*d)));
  }

  const Tree& supply = node->at("supply");
  if (const double extra = to_real(supply.at("outage_probability_per_day")); extra > 0) {
    std::vector<std::uint8_t> covered(sc.suppliers.size(), 0);
    for (DisruptionSpec& d : sc.disruptions) {
      d.probability_per_day = combined(d.probability_per_day, extra);
      covered[std::size_t(d.supplier)] = 1;
    }
    for (std::size_t s = 0; s < sc.suppliers.size(); ++s)
      if (!covered[s]) sc.disruptions.push_back({int(s), {}, extra});
  }
  st.capacity_cuts = to_spell(supply.at("capacity_cuts"));
  // A cut leaves a share of capacity_per_day: of an unlimited supplier, unlimited, unless the share is 0.
  const bool limited = std::any_of(sc.suppliers.begin(), sc.suppliers.end(),
                                   [](const SupplierSpec& s) { return std::isfinite(s.capacity_per_day); });
  const rng::DistributionSpec& share = st.capacity_cuts.multiplier;
  const bool to_nothing = share.kind == rng::DistributionSpec::Kind::constant && share.value == 0;
  if (st.capacity_cuts.probability_per_day > 0 && !limited && !to_nothing) {
    const Tree& cuts = supply.at("capacity_cuts");
    fail(cuts.at("probability_per_day").where, "stress.supply.capacity_cuts",
         "capacity cuts leave a share of sites.suppliers[].capacity_per_day, and every supplier is unlimited: give "
         "one a capacity_per_day (or cut to nothing with multiplier: 0)");
  }
  st.lead_time_stretches = to_spell(supply.at("lead_time_stretches"));

  const double extra_carrier = to_real(node->at("carriers").at("outage_probability_per_day"));
  const bool carriers =
      std::any_of(sc.lanes.begin(), sc.lanes.end(), [](const LaneSpec& lane) { return !lane.carriers.empty(); });
  if (extra_carrier > 0 && !carriers)
    fail(node->at("carriers").at("outage_probability_per_day").where, "stress.carriers.outage_probability_per_day",
         "no lane has carriers (lanes[].carriers) to stop");
  for (LaneSpec& lane : sc.lanes)
    for (CarrierSpec& c : lane.carriers)
      c.outage_probability_per_day = combined(c.outage_probability_per_day, extra_carrier);
  sc.stress = st;
}

}  // namespace peaksim::scn
