// Supplier outages (the example of docs/extending.md): each marks its supplier's outage days when
// the replication is built, so it has no actor and adds no event.
#include "agents/supplier_outage.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind disruption_kind() {
  return {.name = "disruption",
          .schema_keys = {"disruptions[].supplier", "disruptions[].days", "disruptions[].probability_per_day"},
          .phases = {},
          .kpi_groups = {},
          .build = [](Wiring& w) {
            for (const DisruptionSpec& d : w.plan.scenario->disruptions)
              w.keep(std::make_unique<agents::SupplierOutage>(d, w.plan, *w.suppliers[std::size_t(d.supplier)],
                                                              w.replication, &w.recorder));
          }};
}

}  // namespace peaksim::model
