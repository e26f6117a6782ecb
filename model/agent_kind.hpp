// The agent registry: an agent kind is registered in one place (model/kinds/kinds.def) with the
// scenario keys it reads, the daily phases it acts in, the KPI groups it feeds, and a build function that
// creates its agents for one replication from the plan and a small wiring context. Adding a kind is
// new files plus one registration line: see docs/extending.md.
//
// Order is documented and deterministic: kinds are built in registration order, each kind builds its
// agents in scenario order, and actors are spawned in the order they were added. Event times never
// depend on that order (sim/kernel/schedule.hpp gives every actor its own slot), but construction
// order decides, for example, the forecast service's series order, so it is kept stable.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agents/picking_station.hpp"
#include "agents/plan.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/kernel/schedule.hpp"

namespace peaksim::agents {
class Warehouse;
class Supplier;
class ForecastService;
class PriceBoard;
}  // namespace peaksim::agents

namespace peaksim::model {

// What a kind's build function sees of one replication: the plan, the lookups filled by the kinds
// built before it, and where it leaves its agents and actors.
class Wiring {
public:
  Wiring(const NetworkPlan& the_plan, std::uint64_t replication_id, Recorder& the_recorder,
         agents::ForecastService* service)
      : plan(the_plan), replication(replication_id), recorder(the_recorder), forecasts(service) {}

  const NetworkPlan& plan;
  const std::uint64_t replication;
  Recorder& recorder;
  agents::ForecastService* const forecasts;  // the engine's forecast service; null when none is needed
  int forecast_slot = -1;                    // this replication's slot in it (set by the forecast kind)

  // Lookups by scenario index, filled by the kinds that own these agents.
  std::vector<agents::Warehouse*> warehouses;
  std::vector<agents::Supplier*> suppliers;
  std::vector<std::unique_ptr<agents::PickingStation>> picking;  // per warehouse; null where none
  agents::PriceBoard* prices = nullptr;  // the pricing kind's board; null without pricing groups (list prices)

  // Keeps an agent alive for the replication (agents refer to each other, so addresses are stable).
  template <class Agent>
  Agent* keep(std::unique_ptr<Agent> agent) {
    Agent* raw = agent.get();
    owned_.push_back(std::shared_ptr<void>(std::move(agent)));
    return raw;
  }
  // An actor to spawn, named r<replication>/<kind><i>, i counting the kind's actors from 0.
  void actor(std::function<void()> body) { actors_.push_back({kind_, kind_count_++, std::move(body)}); }

  struct Actor {
    std::string kind;
    int index;
    std::function<void()> body;
  };
  const std::vector<Actor>& actors() const { return actors_; }
  void begin_kind(const std::string& kind) {
    kind_ = kind;
    kind_count_ = 0;
  }

private:
  std::vector<std::shared_ptr<void>> owned_;
  std::vector<Actor> actors_;
  std::string kind_;
  int kind_count_ = 0;
};

struct AgentKind {
  std::string name;                      // in actor names: r0/warehouse0
  std::vector<std::string> schema_keys;  // the scenario keys (table paths) it reads
  std::vector<Phase> phases;             // daily phases its actors act in (empty: it has no actor)
  std::vector<KpiGroup> kpi_groups;      // the KPI groups its agents feed (their rows: sim/kernel/kpis.cpp)
  std::function<void(Wiring&)> build;    // creates its agents for one replication
};

// Every registered kind, in build order.
const std::vector<AgentKind>& agent_kinds();

}  // namespace peaksim::model
