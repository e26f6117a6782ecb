// The arms of an experiment made ready to run (sim/experiment/runner.hpp): each loaded from the base scenario with
// the experiment's edits then its own, checked against the memory budget and planned, all before anything runs.
#pragma once
#include <memory>
#include <stdexcept>
#include <vector>

#include "model/network_plan.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/runner.hpp"

namespace peaksim {

// An arm that cannot run: over the memory budget, a seed of its own (common random numbers need one), a plan that
// failed. what() is the whole message.
class ArmRefused : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct PreparedArms {
  std::vector<std::unique_ptr<Scenario>> scenarios;  // what each plan points to
  std::vector<std::unique_ptr<NetworkPlan>> plans;   // what each arm's runner reads; keep alive while it runs
  std::vector<experiment::ArmRun> runs;              // in the experiment's order
};

// Throws ScenarioError (a value an edit sets that the scenario refuses is reported at the edit's FILE:LINE:COLUMN in
// the experiment file) or ArmRefused. `jobs` and `batch` (0: automatic) size the memory estimate.
PreparedArms prepare_arms(const experiment::Experiment& e, int jobs, int batch);

}  // namespace peaksim
