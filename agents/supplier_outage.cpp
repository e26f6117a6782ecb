#include "agents/supplier_outage.hpp"

#include <algorithm>
#include <string>

#include "sim/random/stream.hpp"

namespace peaksim::agents {

std::vector<int> outage_days(const DisruptionSpec& spec, const NetworkPlan& plan, std::uint64_t replication) {
  const Scenario& sc = *plan.scenario;
  std::vector<std::uint8_t> down(std::size_t(sc.horizon_days), 0);
  for (int d : spec.days) down[std::size_t(d)] = 1;
  if (spec.probability_per_day > 0) {
    rng::Stream draws(
        {sc.seed, replication, "disruption:" + sc.suppliers[std::size_t(spec.supplier)].name, "outage", 0});
    // One uniform per day whatever the listed days, so adding a listed day never shifts the others.
    for (std::size_t d = 0; d < down.size(); ++d)
      if (draws.uniform() < spec.probability_per_day) down[d] = 1;
  }
  std::vector<int> days;
  for (std::size_t d = 0; d < down.size(); ++d)
    if (down[d]) days.push_back(int(d));
  return days;
}

SupplierOutage::SupplierOutage(const DisruptionSpec& spec, const NetworkPlan& plan, Supplier& supplier,
                               std::uint64_t replication, Recorder* recorder)
    : days_(outage_days(spec, plan, replication)) {
  for (std::size_t i = 0; i < days_.size(); ++i) {
    supplier.halt(days_[i]);
    if (recorder && (i == 0 || days_[i - 1] != days_[i] - 1)) recorder->note_shock(days_[i], -1);
  }
}

}  // namespace peaksim::agents
