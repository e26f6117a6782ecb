// Runs replications inside this process's SimGrid engine. SimGrid allows one engine per process,
// so this is called once per worker process, for that worker's batch of replications. The
// replications of a batch share the engine's clock but no state, so a replication's result does
// not depend on which batch it ran in.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "agents/plan.hpp"
#include "sim/output/results.hpp"

namespace peaksim {

std::vector<ReplicationResult> run_batch_in_engine(const NetworkPlan& plan,
                                                   const std::vector<std::uint64_t>& replications);

// run_batch_in_engine on `plan` (which must outlive it), as the callable Monte Carlo's workers run
// (sim/montecarlo/worker_pool.hpp, BatchRunner).
inline std::function<std::vector<ReplicationResult>(const std::vector<std::uint64_t>&)> batch_runner(
    const NetworkPlan& plan) {
  return [&plan](const std::vector<std::uint64_t>& replications) { return run_batch_in_engine(plan, replications); };
}

}  // namespace peaksim
