// A replication's slot in the engine's forecast service (which serves every replication of a batch
// and is created once per engine, see run_batch_in_engine). Before the planners, which register
// their series in it.
#include "agents/forecast_service.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind forecast_kind() {
  return {.name = "forecast",
          .schema_keys = {"forecast"},
          .phases = {},  // the service is the engine's actor (model/replication.cpp), not the kind's
          .kpi_groups = {KpiGroup::forecast, KpiGroup::forecast_sales},
          .build = [](Wiring& w) {
            if (w.forecasts) w.forecast_slot = w.forecasts->add_replication(w.recorder);
          }};
}

}  // namespace peaksim::model
