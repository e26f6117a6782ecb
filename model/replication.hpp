// Runs replications inside this process's SimGrid engine. SimGrid allows one engine per process,
// so this is called once per worker process, for that worker's batch of replications. The
// replications of a batch share the engine's clock but no state, so a replication's result does
// not depend on which batch it ran in.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "agents/plan.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/output/results.hpp"

namespace peaksim {

// Hands each replication's result to `send` once the engine has run them all (the replications of a batch advance
// together in simulated time, so none finishes much before the others), freeing each replication's model as soon
// as its result is sent. With `compress`, the recorders compress their arrays chunk by chunk during the run.
void run_batch_in_engine(const NetworkPlan& plan, const std::vector<std::uint64_t>& replications, bool compress,
                         const ResultSink& send);

// run_batch_in_engine on `plan` (which must outlive it), as the callable Monte Carlo's workers run
// (sim/montecarlo/worker_pool.hpp, BatchRunner).
inline BatchRunner batch_runner(const NetworkPlan& plan) {
  return [&plan](const std::vector<std::uint64_t>& replications, bool compress, const ResultSink& send) {
    run_batch_in_engine(plan, replications, compress, send);
  };
}

}  // namespace peaksim
