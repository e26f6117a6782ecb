#include "sim/experiment/task_pool.hpp"

#include <algorithm>
#include <chrono>
#include <future>

#include "sim/experiment/parts_folder.hpp"

namespace peaksim::experiment {

struct TaskPool::Open {
  Task task;
  bool speculative = false;
  std::unique_ptr<ResultsWriter> writer;
  std::future<void> publishing;  // after the writer: destroyed first, so a publish in flight ends before it
  std::string path;
  std::uint64_t arrived = 0;
  std::map<std::uint64_t, std::vector<double>> followed;
  bool done = false;                 // every replication in; committed unless speculative
  std::vector<std::uint64_t> retry;  // pool ids of failed speculative batches, run again once promoted
};

TaskPool::TaskPool(const std::vector<ArmRun>& arms, std::filesystem::path folder, const RunnerOptions& options)
    : arms_(arms), folder_(std::move(folder)), options_(options) {}

TaskPool::~TaskPool() = default;

void TaskPool::add(const std::vector<Task>& tasks, bool speculative) {
  const std::uint64_t jobs = std::uint64_t(std::max(1, options_.jobs));
  std::uint64_t all = 0;
  for (const Task& t : tasks) all += t.count;
  const std::uint64_t batch =
      options_.batch > 0 ? std::uint64_t(options_.batch) : std::clamp<std::uint64_t>(all / (4 * jobs), 1, 16);
  for (const Task& t : tasks) {
    auto open = std::make_unique<Open>();
    open->task = t;
    open->speculative = speculative;
    open->path = (folder_ / shard_name(t.arm, t.first)).string();
    tasks_.push_back(std::move(open));
    if (!speculative) ++current_open_;
    for (std::uint64_t k = 0; k < t.count; k += batch) {
      std::vector<std::uint64_t> ids;
      for (std::uint64_t j = k; j < std::min(t.count, k + batch); ++j) {
        ids.push_back(slots_.size());
        slots_.push_back({tasks_.size() - 1, t.first + j});
        in_.push_back(false);
      }
      queue_.push_back(std::move(ids));
    }
  }
}

bool TaskPool::tolerated(const std::vector<std::uint64_t>& batch) {
  Open& o = *tasks_[slots_.at(batch.front()).task];
  if (!o.speculative) return false;
  for (const std::uint64_t id : batch)
    if (!in_[id]) o.retry.push_back(id);
  return true;
}

std::pair<std::uint64_t, std::uint64_t> TaskPool::promote() {
  std::uint64_t replications = 0, in = 0;
  for (const std::unique_ptr<Open>& o : tasks_) {
    if (!o->speculative) continue;
    o->speculative = false;
    replications += o->task.count;
    in += o->arrived;
    ++current_open_;
    if (o->done) finish(*o);
    if (!o->retry.empty()) queue_.push_back(std::move(o->retry)), o->retry.clear();
  }
  return {replications, in};
}

// The shard is written, closed, synced and published here, in the parent's only thread: workers are forked from
// this process, and a fork while another thread holds a lock (the allocator's, under AddressSanitizer) leaves the
// child waiting on it forever. `meanwhile` reports the shard committed; a failed publish is rethrown there.
void TaskPool::finish(Open& o) {
  std::promise<void> published;
  try {
    o.writer->finish_file();
    o.writer->publish();
    published.set_value();
  } catch (...) {
    published.set_exception(std::current_exception());
  }
  o.publishing = published.get_future();
  publishing_.push_back(&o);
}

bool TaskPool::collect(bool wait) {
  bool any = false;
  for (auto it = publishing_.begin(); it != publishing_.end();) {
    Open& o = **it;
    if (!wait && o.publishing.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      ++it;
      continue;
    }
    o.publishing.get();  // rethrows a failed publish
    o.writer.reset();
    if (hooks_.committed) hooks_.committed(o.task, o.path, std::move(o.followed));
    --current_open_;
    it = publishing_.erase(it);
    any = true;
  }
  return any;
}

void TaskPool::arrived(ReplicationResult&& r) {
  const Slot slot = slots_.at(r.replication);
  in_[r.replication] = true;
  Open& o = *tasks_[slot.task];
  r.replication = slot.replication;
  if (!o.writer) {
    Provenance prov = arms_[o.task.arm].provenance;
    prov.command_line = options_.command_line;
    o.writer = std::make_unique<ResultsWriter>(o.path, false, prov, arms_[o.task.arm].axes);
    o.writer->set_tables(arms_[o.task.arm].tables);
  }
  o.writer->add(r);
  if (hooks_.followed) o.followed[r.replication] = hooks_.followed(r);
  const bool current = !o.speculative;
  if (++o.arrived == o.task.count) {
    o.done = true;
    if (current) finished_.push_back(slot.task);  // committed once the next worker is started
  }
  if (current && hooks_.replication) hooks_.replication();
}

bool TaskPool::meanwhile(bool idle) {
  bool any = !finished_.empty();
  for (const std::size_t t : finished_) finish(*tasks_[t]);
  finished_.clear();
  any = collect(idle) || any;  // with no worker running there is nothing else to do than wait for them
  if (any && current_open_ == 0 && hooks_.round_done) hooks_.round_done();
  return any;
}

void TaskPool::run() {
  // In the worker: the batch's arm runs its own replication ids, and each result goes back under its pool id.
  const BatchRunner runner = [this](const std::vector<std::uint64_t>& ids, bool compress, const ResultSink& send) {
    const Slot first = slots_[ids.front()];
    const Task& task = tasks_[first.task]->task;
    std::vector<std::uint64_t> replications;
    for (const std::uint64_t id : ids) replications.push_back(slots_[id].replication);
    const std::uint64_t base = ids.front() - (first.replication - task.first);
    arms_[task.arm].runner(replications, compress, [&](ReplicationResult&& r) {
      r.replication = base + (r.replication - task.first);
      send(std::move(r));
    });
  };
  const BatchSource next = [this]() -> std::vector<std::uint64_t> {
    return next_batch_ < queue_.size() ? std::move(queue_[next_batch_++]) : std::vector<std::uint64_t>{};
  };
  if (current_open_ == 0 && hooks_.round_done) {
    try {
      hooks_.round_done();
    } catch (const StopWorkers&) {
      return;
    }
  }
  const int batch = options_.batch > 0 ? options_.batch : 16;
  run_batches_in_workers(
      runner, next, PoolOptions{options_.jobs, batch, true}, [this](ReplicationResult&& r) { arrived(std::move(r)); },
      [this](const std::vector<std::uint64_t>& b) { return tolerated(b); },
      [this](bool idle) { return meanwhile(idle); });
}

}  // namespace peaksim::experiment
