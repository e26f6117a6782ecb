// The hidden parts folder beside an experiment's output: its manifest (which run the folder belongs to) and its
// shards, one run file per finished (arm, block of replications), which an interrupted run leaves for --resume.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/experiment/comparison.hpp"
#include "sim/experiment/runner.hpp"
#include "sim/output/results.hpp"

namespace peaksim::experiment {

// What a parts folder belongs to: a resume must continue the very same run.
struct Manifest {
  std::string experiment;  // hash of the experiment text and every arm's resolved scenario and edits
  std::string seed;
  std::string build;  // version, commit, build type, compiler
};

Manifest manifest_of(const Experiment& e, const std::vector<ArmRun>& arms);
Manifest read_manifest(const std::filesystem::path& folder);                  // empty fields where the file lacks them
void write_manifest(const std::filesystem::path& folder, const Manifest& m);  // whole or absent

// A finished (arm, block) task's file, "arm00001-rep000000000040.h5"; shard_arm reads the arm back (nullopt for
// any other name).
std::string shard_name(std::size_t arm, std::uint64_t first);
// The subfolder where workers write their batches' files, each a shard once moved into the parts folder: a file
// there is complete, but was never published (a speculative batch the stopping rule did not ask for).
std::filesystem::path staged_folder(const std::filesystem::path& parts);
std::optional<std::size_t> shard_arm(const std::string& name);

// What rank 0 knows of the run: the shards committed so far and the followed KPIs of their replications (the
// compared ones, and the stopping rule's): a few numbers per replication, never its arrays.
class Ledger {
public:
  Ledger(std::filesystem::path folder, std::size_t arms, std::vector<std::string> kpis)
      : folder_(std::move(folder)), kpis_(std::move(kpis)), values_(arms), shards_(arms) {}

  void refresh();  // reads the folder's shards not known yet (another rank's, or an earlier run's)
  // The followed KPIs of a replication as it arrives; throws when the run lacks one.
  std::vector<double> followed(const ReplicationResult& r) const;
  // A shard this process committed, with its replications' followed KPIs (no need to read it back).
  void add_own(std::size_t arm, const std::string& path, std::map<std::uint64_t, std::vector<double>>&& values);

  std::size_t kept() const { return kept_; }
  bool has(std::size_t arm, std::uint64_t replication) const {
    return replication < values_[arm].present.size() && values_[arm].present[replication];
  }
  const std::vector<std::string>& shards(std::size_t arm) const { return shards_[arm]; }
  // The followed KPIs `which` (indices into the followed list) of replications 0 .. n-1 of every arm.
  std::vector<ArmValues> values(const Experiment& e, const std::vector<std::size_t>& which, std::uint64_t n) const;

private:
  std::filesystem::path folder_;
  std::vector<std::string> kpis_;
  // One arm's followed KPIs, flat by replication id (ids run from 0): a few numbers per replication, no more.
  struct ArmKpis {
    std::vector<bool> present;
    std::vector<double> values;  // [replication, followed KPI]
  };
  void set(std::size_t arm, std::uint64_t replication, const std::vector<double>& values);
  std::vector<ArmKpis> values_;  // per arm
  std::size_t kept_ = 0;
  std::vector<std::vector<std::string>> shards_;  // per arm
  std::set<std::string> read_;
};

}  // namespace peaksim::experiment
