// Runs an experiment: every arm's replications on common random numbers (the same seed and replication ids in
// every arm), as tasks of (arm, block of replications) handed out by a TaskScheduler, each finished task committed
// as a run file (a shard) in a hidden parts folder beside the output, so that an interrupted run resumes where it
// stopped; at the end each arm's shards are joined under /arms/<arm> of one experiment file, with the comparison.
// It knows nothing of agents: the model layer prepares each arm (model/experiment_arms.hpp).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/experiment/comparison.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/montecarlo/task_scheduler.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/output/results_writer.hpp"

namespace peaksim::experiment {

// One arm, loaded and planned: what its run files record and how its replications run.
struct ArmRun {
  Provenance provenance;  // scenario name and path, resolved scenario, the edits (base, then the arm's), seed
  Axes axes;
  RunTables tables;
  BatchRunner runner;
  int max_batch = 16;  // the most replications of a batch when --batch is not given
};

struct RunnerOptions {
  std::string output;
  bool force = false;   // replace the output; discard a parts folder
  bool resume = false;  // complete the parts folder's run
  bool quiet = false;   // print no tables
  int jobs = 1;         // worker processes (per rank)
  int batch = 0;        // replications per worker process; 0: automatic
  std::string command_line;
  // Progress over all arms' replications: called on rank 0 with the replications finished so far (those a resume
  // found included) and the total planned now (a stopping rule raises it round by round).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Bad input found by the runner (exit status 2): the output or parts folder refused, a resume of another run.
class ExperimentRefused : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A failure while running (exit status 1), or bad input only a run found (status 2); what() says how many
// replications the parts folder kept and how to resume.
class ExperimentFailed : public std::runtime_error {
public:
  ExperimentFailed(const std::string& message, int status) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

private:
  int status_;
};

// Runs `e` over `arms` (same order as e.arms) and, on rank 0, writes the output and the report to `out`. Throws
// ExperimentRefused before anything runs, ExperimentFailed after.
void run_experiment(const Experiment& e, const std::vector<ArmRun>& arms, const RunnerOptions& options,
                    TaskScheduler& scheduler, std::ostream& out);

// The hidden folder beside `output` that holds the finished shards of its run: ".NAME.parts", or for a name too long
// for that, its start and a hash of the whole (under 255 bytes).
std::string parts_folder(const std::string& output);

}  // namespace peaksim::experiment
