// The experiment's results file (docs/output.md, Experiment files): root attributes (kind = "experiment"), the
// /experiment tables, and each arm's joined run file copied whole under /arms/<arm>. Written to a hidden temporary
// beside the target and published at commit(), as every output (sim/common/output_file.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/comparison.hpp"
#include "sim/experiment/experiment.hpp"

namespace peaksim::experiment {

// What the /experiment group records besides the experiment itself.
struct ExperimentRecord {
  std::uint64_t seed = 0;
  std::int64_t replications = 0;  // per arm (all equal: paired)
  ComparisonTables tables;
  std::optional<bool> stopping_met;  // with a stopping rule: every arm met its target
};

class ExperimentFileWriter {
public:
  // Refuses (OutputRefused) the target as ResultsWriter does; `inputs` are never written over (the experiment file,
  // the base scenario).
  ExperimentFileWriter(const std::string& path, bool force, const std::vector<std::string>& inputs);
  ~ExperimentFileWriter();  // removes the temporary file unless commit() succeeded
  ExperimentFileWriter(const ExperimentFileWriter&) = delete;
  ExperimentFileWriter& operator=(const ExperimentFileWriter&) = delete;

  // Copies the run file at `run_file` (its root group, attributes and all) to /arms/<arm>.
  void add_arm(const std::string& arm, const std::string& run_file);
  // Writes the root attributes and /experiment, sets complete = 1 and publishes the file.
  void commit(const Experiment& e, const ExperimentRecord& record);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peaksim::experiment
