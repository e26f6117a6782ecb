// The registry, generated from the registration list model/kinds/kinds.def (one line per kind).
#include "model/agent_kind.hpp"

namespace peaksim::model {

// Defined in model/kinds/<name>.cpp.
#define PEAKSIM_AGENT_KIND(name) AgentKind name##_kind();
#include "model/kinds/kinds.def"
#undef PEAKSIM_AGENT_KIND

const std::vector<AgentKind>& agent_kinds() {
#define PEAKSIM_AGENT_KIND(name) name##_kind(),
  static const std::vector<AgentKind> kinds = {
#include "model/kinds/kinds.def"
  };
#undef PEAKSIM_AGENT_KIND
  return kinds;
}

}  // namespace peaksim::model
