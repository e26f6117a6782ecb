#include "agents/supply_stress.hpp"

#include <algorithm>

#include "sim/random/distributions.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

std::vector<Spell> draw_spells(const ShockSpec& spec, const NetworkPlan& plan, int supplier, const std::string& kind,
                               std::uint64_t replication) {
  std::vector<Spell> spells;
  if (spec.probability_per_day <= 0) return spells;
  const Scenario& sc = *plan.scenario;
  const std::string entity = "stress:" + sc.suppliers[std::size_t(supplier)].name;
  rng::Stream timing({sc.seed, replication, entity, kind + "_timing", 0});
  rng::Stream size({sc.seed, replication, entity, kind + "_size", 0});
  int until = -1;
  for (int day = 0; day < sc.horizon_days; ++day) {
    const double u = timing.uniform();  // one a day whatever happens, so timing never depends on sizes
    if (day > until && u < spec.probability_per_day) {
      until = day + spec.duration_days - 1;
      spells.push_back({day, std::min(until, sc.horizon_days - 1), rng::sample(size, spec.multiplier)});
    }
  }
  return spells;
}

SupplyStress::SupplyStress(const StressSpec& spec, const NetworkPlan& plan, int supplier_index, Supplier& supplier,
                           std::uint64_t replication, Recorder& recorder) {
  for (const Spell& s : draw_spells(spec.capacity_cuts, plan, supplier_index, "capacity_cut", replication)) {
    for (int d = s.first; d <= s.last; ++d) supplier.cut_capacity(d, s.multiplier);
    recorder.note_shock(s.first, -1);
  }
  for (const Spell& s : draw_spells(spec.lead_time_stretches, plan, supplier_index, "lead_time", replication)) {
    for (int d = s.first; d <= s.last; ++d) supplier.stretch_lead_time(d, s.multiplier);
    recorder.note_shock(s.first, -1);
  }
}

}  // namespace peaksim::agents
