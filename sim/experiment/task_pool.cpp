#include "sim/experiment/task_pool.hpp"

#include <algorithm>

#include "sim/common/output_file.hpp"
#include "sim/experiment/parts_folder.hpp"

namespace peaksim::experiment {
namespace fs = std::filesystem;

TaskPool::TaskPool(const std::vector<ArmRun>& arms, fs::path folder, const RunnerOptions& options)
    : arms_(arms), folder_(std::move(folder)), options_(options) {
  fs::create_directories(staged_folder(folder_));
}

fs::path TaskPool::staged_path(const Batch& b) const {
  const Task& t = tasks_[b.task].task;
  return staged_folder(folder_) / shard_name(t.arm, slots_[b.ids.front()].replication);
}

void TaskPool::add(const std::vector<Task>& tasks, bool speculative) {
  const std::uint64_t jobs = std::uint64_t(std::max(1, options_.jobs));
  std::uint64_t all = 0;
  for (const Task& t : tasks) all += t.count;
  for (const Task& t : tasks) {
    const std::uint64_t batch =
        options_.batch > 0 ? std::uint64_t(options_.batch)
                           : std::clamp<std::uint64_t>(all / (4 * jobs), 1, std::uint64_t(arms_[t.arm].max_batch));
    Open& open = tasks_.emplace_back();
    open.task = t;
    open.speculative = speculative;
    if (!speculative) ++current_open_;
    // As many batches as `batch` asks, of sizes within one of each other (50 in 13, 13, 12, 12, not 16, 16, 16, 2):
    // a small last batch would cost a worker's start for little work.
    const std::uint64_t n = (t.count + batch - 1) / batch;
    for (std::uint64_t k = 0, start = 0; k < n; ++k) {
      const std::uint64_t size = t.count / n + (k < t.count % n ? 1 : 0);
      Batch b;
      b.task = tasks_.size() - 1;
      for (std::uint64_t j = start; j < start + size; ++j) {
        b.ids.push_back(slots_.size());
        slots_.push_back({batches_.size(), t.first + j});
      }
      start += size;
      queue_.push_back(batches_.size());
      open.batches.push_back(batches_.size());
      batches_.push_back(std::move(b));
      ++open.unpublished;
    }
  }
}

// A failed speculative batch: its replications are forgotten (its file, if any, is replaced when it runs again).
bool TaskPool::tolerated(const std::vector<std::uint64_t>& ids) {
  const std::size_t b = slots_.at(ids.front()).batch;
  Batch& batch = batches_[b];
  Open& o = tasks_[batch.task];
  if (!o.speculative) return false;
  batch.arrived = 0;
  batch.followed.clear();
  o.failed.push_back(b);
  return true;
}

std::pair<std::uint64_t, std::uint64_t> TaskPool::promote() {
  std::uint64_t replications = 0, in = 0;
  for (Open& o : tasks_) {
    if (!o.speculative) continue;
    o.speculative = false;
    replications += o.task.count;
    ++current_open_;
    for (const std::size_t b : o.batches) {
      in += batches_[b].arrived;
      if (batches_[b].arrived == batches_[b].ids.size()) to_publish_.push_back(b);
    }
    queue_.insert(queue_.end(), o.failed.begin(), o.failed.end());
    o.failed.clear();
  }
  return {replications, in};
}

// In the worker: runs the batch's replications in the arm's engine, writes and publishes them into `staged`, then
// sends their KPIs (under their pool ids). A result reaches the parent only once its file is durable, so a batch
// whose results are all in has its file.
void TaskPool::run_in_worker(const std::vector<std::uint64_t>& ids, bool compress, const ResultSink& send) const {
  const Batch& b = batches_[slots_[ids.front()].batch];
  const ArmRun& arm = arms_[tasks_[b.task].task.arm];
  Provenance prov = arm.provenance;
  prov.command_line = options_.command_line;
  ResultsWriter writer(staged_path(b).string(), true, prov, arm.axes);  // force: a failed try's file is replaced
  writer.set_tables(arm.tables);
  std::vector<std::uint64_t> replications;
  for (const std::uint64_t id : ids) replications.push_back(slots_[id].replication);
  std::vector<ReplicationResult> kpis;
  arm.runner(replications, compress, [&](ReplicationResult&& r) {
    writer.add(r);
    ReplicationResult k;
    k.replication =
        ids[std::size_t(std::find(replications.begin(), replications.end(), r.replication) - replications.begin())];
    k.kpi_names = std::move(r.kpi_names);
    k.kpi_values = std::move(r.kpi_values);
    kpis.push_back(std::move(k));
  });
  writer.commit();
  for (ReplicationResult& k : kpis) send(std::move(k));
}

void TaskPool::arrived(ReplicationResult&& r) {
  const Slot slot = slots_.at(r.replication);
  Batch& b = batches_[slot.batch];
  Open& o = tasks_[b.task];
  r.replication = slot.replication;
  if (hooks_.followed) b.followed[r.replication] = hooks_.followed(r);
  const bool current = !o.speculative;
  if (++b.arrived == b.ids.size() && current) to_publish_.push_back(slot.batch);
  if (current && hooks_.replication) hooks_.replication();
}

bool TaskPool::meanwhile() {
  if (to_publish_.empty()) return false;
  for (const std::size_t index : to_publish_) {
    Batch& b = batches_[index];
    Open& o = tasks_[b.task];
    const fs::path staged = staged_path(b);
    const std::string path = (folder_ / staged.filename()).string();
    move_without_replacing(staged.string(), path);
    if (hooks_.committed) hooks_.committed(o.task.arm, path, b.ids.size(), std::move(b.followed));
    if (--o.unpublished == 0) --current_open_;
  }
  to_publish_.clear();
  if (current_open_ == 0 && hooks_.round_done) hooks_.round_done();
  return true;
}

void TaskPool::run() {
  const BatchRunner runner = [this](const std::vector<std::uint64_t>& ids, bool compress, const ResultSink& send) {
    run_in_worker(ids, compress, send);
  };
  const BatchSource next = [this]() -> std::vector<std::uint64_t> {
    return next_batch_ < queue_.size() ? batches_[queue_[next_batch_++]].ids : std::vector<std::uint64_t>{};
  };
  if (current_open_ == 0 && hooks_.round_done) {
    try {
      hooks_.round_done();
    } catch (const StopWorkers&) {
      return;
    }
  }
  PoolOptions pool;  // its batch is not used: the batches are this pool's
  pool.jobs = options_.jobs;
  pool.compress = true;
  run_batches_in_workers(
      runner, next, pool, [this](ReplicationResult&& r) { arrived(std::move(r)); },
      [this](const std::vector<std::uint64_t>& ids) { return tolerated(ids); }, [this] { return meanwhile(); });
}

}  // namespace peaksim::experiment
