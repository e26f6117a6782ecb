// What a run will hold in memory, estimated from the scenario before it starts, and the budget it must fit:
// `peaksim validate` prints both, `peaksim run` refuses a run over the budget (docs/reliability.md, Scenario input).
#pragma once
#include <cstdint>
#include <string>

#include "agents/plan.hpp"

namespace peaksim {

struct MemoryEstimate {
  double plan_bytes = 0;         // the network plan, in the parent and in each worker
  double replication_bytes = 0;  // one replication in an engine: agents' state and its compressed results
  double parent_bytes = 0;       // the parent: plan and one replication's results in flight per worker
  double worker_bytes = 0;       // one worker: plan and `batch` replications
  double total_bytes = 0;        // parent + jobs x worker
  int jobs = 1, batch = 1;
};

// An upper estimate (measured runs use about half of it: docs/reliability.md).
// From the scenario alone, so that it comes before the plan, the first large allocation.
MemoryEstimate estimate_memory(const Scenario& sc, int jobs, int batch);

struct MemoryBudget {
  double bytes = 0;
  std::string source;  // "80% of physical memory" or "PEAKSIM_MEMORY_BUDGET_MB"
};
// 80% of physical memory, or PEAKSIM_MEMORY_BUDGET_MB (megabytes) when that is set to a positive number.
MemoryBudget memory_budget();

// "1.2 GB", "350 MB"
std::string bytes_text(double bytes);
// Empty when the estimate fits the budget; else the refusal, one line naming both and what to change.
std::string memory_refusal(const Scenario& sc, const MemoryEstimate& e, const MemoryBudget& b);

// The most replications a batch holds when none is given: enough that simulating them outweighs a worker's fixed
// cost (its start, its engine and, in an experiment, its file: about 5 ms), estimated from the scenario's SKU-site
// days; 16 for models of 15,000 SKU-site days or more, up to 256 for the smallest.
int batch_limit(const Scenario& sc);
// The batch `peaksim run` picks when none is given: about four batches per worker, at most batch_limit(sc).
int automatic_batch(const Scenario& sc, std::int64_t replications, int jobs);
int default_jobs();  // one worker per core

}  // namespace peaksim
