// Runs an experiment's tasks (arm, block of replications) in one pool of worker processes, a task in batches (a
// worker holds one arm's engine). Each worker writes its batch's run file itself, into the parts folder's `staged`
// subfolder, and sends back only the KPIs the run follows: the parent's share of the work is a rename and a few
// numbers per replication, so that it never keeps a worker from starting. A batch's file is a shard of the run once
// published (moved from `staged` into the parts folder), which happens as soon as its task is current. A task is
// current or speculative (the stopping rule's next round, queued while the rule is still open on this one, so that
// no worker waits at a round's end): a speculative task's batches are published only once it is promoted, and left
// unpublished when the pool stops first. A speculative batch that fails is dropped; it runs again if its task is
// promoted, so that a failure surfaces only where a run without speculation would meet it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/experiment/runner.hpp"

namespace peaksim::experiment {

// Replications first .. first + count - 1 of one arm.
struct Task {
  std::size_t arm = 0;
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

class TaskPool {
public:
  struct Hooks {
    // A shard of `arm` published at `path`: `count` replications, with their followed KPIs (empty where `followed`
    // is not given).
    std::function<void(std::size_t arm, const std::string& path, std::uint64_t count,
                       std::map<std::uint64_t, std::vector<double>>&&)>
        committed;
    std::function<std::vector<double>(const ReplicationResult&)> followed;  // empty: none kept
    std::function<void()> replication;  // one more replication of a current task is in
    // No current task is open: add() the next round or throw StopWorkers (which drops the speculative tasks).
    std::function<void()> round_done;
  };

  // Creates the parts folder's `staged` subfolder if it is missing.
  TaskPool(const std::vector<ArmRun>& arms, std::filesystem::path folder, const RunnerOptions& options);
  void set_hooks(Hooks hooks) { hooks_ = std::move(hooks); }

  // Queues `tasks` behind those queued, in batches of the options' `batch` replications, or when it is 0 about four
  // batches of these tasks per worker, at most their arm's `max_batch` each.
  void add(const std::vector<Task>& tasks, bool speculative);
  // Makes every speculative task current (its finished batches are published next). Returns how many
  // replications they hold and how many of them are in already.
  std::pair<std::uint64_t, std::uint64_t> promote();
  std::size_t current_open() const { return current_open_; }
  // Runs until no task is left, or round_done throws StopWorkers.
  void run();

private:
  struct Open {
    Task task;
    bool speculative = false;
    std::size_t unpublished = 0;  // batches not published yet
    std::vector<std::size_t> batches;
    std::vector<std::size_t> failed;  // batches whose worker failed while speculative: queued again once promoted
  };
  struct Batch {
    std::size_t task = 0;
    std::vector<std::uint64_t> ids;  // pool ids
    std::uint64_t arrived = 0;
    std::map<std::uint64_t, std::vector<double>> followed;  // by replication id
  };
  void run_in_worker(const std::vector<std::uint64_t>& ids, bool compress, const ResultSink& send) const;
  void arrived(ReplicationResult&& r);
  bool tolerated(const std::vector<std::uint64_t>& ids);
  // Publishes the finished batches of current tasks, then asks round_done when no current task is open.
  bool meanwhile();
  std::filesystem::path staged_path(const Batch& b) const;

  const std::vector<ArmRun>& arms_;
  std::filesystem::path folder_;
  const RunnerOptions& options_;
  Hooks hooks_;
  std::vector<Open> tasks_;
  std::vector<Batch> batches_;
  struct Slot {
    std::size_t batch;
    std::uint64_t replication;
  };
  std::vector<Slot> slots_;         // a pool id is an index into this
  std::vector<std::size_t> queue_;  // batches not started yet
  std::size_t next_batch_ = 0;
  std::size_t current_open_ = 0;
  std::vector<std::size_t> to_publish_;  // finished batches of current tasks
};

}  // namespace peaksim::experiment
