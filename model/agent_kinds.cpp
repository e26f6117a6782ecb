// The registration list: one line per agent kind, in build order. Later kinds may look up the
// agents of earlier ones (a planner needs its warehouse and supplier), so a kind comes after those
// it wires to.
#include "model/agent_kind.hpp"

namespace peaksim::model {

// Defined in model/kinds/<name>.cpp.
AgentKind warehouse_kind();
AgentKind picking_kind();
AgentKind supplier_kind();
AgentKind disruption_kind();
AgentKind forecast_kind();
AgentKind planner_kind();
AgentKind region_kind();

const std::vector<AgentKind>& agent_kinds() {
  static const std::vector<AgentKind> kinds = {
      warehouse_kind(), picking_kind(), supplier_kind(), disruption_kind(),
      forecast_kind(),  planner_kind(), region_kind(),
  };
  return kinds;
}

}  // namespace peaksim::model
