// Runs an experiment's tasks (arm, block of replications) in one pool of worker processes, each batch within one
// task (a worker holds one arm's engine), and writes each task's shard as its replications arrive. A task is
// current or speculative: a current task's shard is committed as soon as its last replication is in; a speculative
// one (the stopping rule's next round, queued while the rule is still open on this one, so that no worker waits at
// a round's end) is committed only once promoted, and dropped unwritten when the pool stops first. A speculative
// batch that fails is dropped too; its replications run again if the task is promoted, so that a failure surfaces
// only where a run without speculation would meet it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/experiment/runner.hpp"

namespace peaksim::experiment {

// Replications first .. first + count - 1 of one arm, written to one shard.
struct Task {
  std::size_t arm = 0;
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

class TaskPool {
public:
  struct Hooks {
    // A current task's shard committed at `path`, with its replications' followed KPIs (`followed` fills them).
    std::function<void(const Task&, const std::string& path, std::map<std::uint64_t, std::vector<double>>&&)> committed;
    std::function<std::vector<double>(const ReplicationResult&)> followed;  // empty: none kept
    std::function<void()> replication;  // one more replication of a current task is in
    // No current task is open: add() the next round or throw StopWorkers (which drops the speculative tasks).
    std::function<void()> round_done;
  };

  TaskPool(const std::vector<ArmRun>& arms, std::filesystem::path folder, const RunnerOptions& options);
  ~TaskPool();
  void set_hooks(Hooks hooks) { hooks_ = std::move(hooks); }

  // Queues `tasks` behind those queued; their batches hold `batch` replications (0: automatic for these tasks).
  void add(const std::vector<Task>& tasks, bool speculative);
  // Makes every speculative task current: the finished ones are committed now. Returns how many replications
  // they hold and how many of them are in already.
  std::pair<std::uint64_t, std::uint64_t> promote();
  std::size_t current_open() const { return current_open_; }
  // Runs until no task is left, or round_done throws StopWorkers.
  void run();

private:
  struct Open;
  void arrived(ReplicationResult&& r);
  void finish(Open& task);
  bool tolerated(const std::vector<std::uint64_t>& batch);
  // Finishes the current tasks whose replications are all in, reports those published (all of them when `idle`),
  // then asks round_done when no current task is open.
  bool meanwhile(bool idle);
  bool collect(bool wait);

  const std::vector<ArmRun>& arms_;
  std::filesystem::path folder_;
  const RunnerOptions& options_;
  Hooks hooks_;
  std::vector<std::unique_ptr<Open>> tasks_;
  struct Slot {
    std::size_t task;
    std::uint64_t replication;
  };
  std::vector<Slot> slots_;                        // a pool id is an index into this
  std::vector<bool> in_;                           // by pool id: its result arrived
  std::vector<std::vector<std::uint64_t>> queue_;  // batches of pool ids not started yet
  std::size_t next_batch_ = 0;
  std::size_t current_open_ = 0;
  std::vector<std::size_t> finished_;  // current tasks whose replications are all in, not committed yet
  std::vector<Open*> publishing_;      // finished, their shards being synced and published
};

}  // namespace peaksim::experiment
