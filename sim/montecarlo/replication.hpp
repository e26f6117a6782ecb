// Runs replications inside this process's SimGrid engine. SimGrid allows one engine per process,
// so this is called once per worker process, for that worker's batch of replications. The
// replications of a batch share the engine's clock but no state, so a replication's result does
// not depend on which batch it ran in.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/network_plan.hpp"
#include "sim/output/results.hpp"

namespace peaksim {

std::vector<ReplicationResult> run_batch_in_engine(const NetworkPlan& plan,
                                                   const std::vector<std::uint64_t>& replications);

}  // namespace peaksim
