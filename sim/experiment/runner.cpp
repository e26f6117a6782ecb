#include "sim/experiment/runner.hpp"

#include <H5Cpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "sim/common/fault_cleanup.hpp"
#include "sim/experiment/experiment_file.hpp"
#include "sim/experiment/parts_folder.hpp"
#include "sim/experiment/run_join.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::experiment {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kFixedBlock = 50;  // replications per shard of a fixed-count run

// A task: replications first .. first + count - 1 of one arm, written to one shard.
struct Task {
  std::size_t arm = 0;
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

std::string encode(const std::vector<Task>& tasks) {
  std::string out;
  for (const Task& t : tasks) out += fmt::format("{} {} {}\n", t.arm, t.first, t.count);
  return out;
}

std::vector<Task> decode(const std::string& text) {
  std::vector<Task> tasks;
  std::istringstream in(text);
  Task t;
  while (in >> t.arm >> t.first >> t.count) tasks.push_back(t);
  return tasks;
}

// The KPIs the runner follows: the compared ones, then the stopping rule's when it is not among them.
std::vector<std::string> followed_kpis(const Experiment& e) {
  std::vector<std::string> out;
  for (const Comparison& c : e.compare) out.push_back(c.kpi);
  if (e.stopping && std::find(out.begin(), out.end(), e.stopping->kpi) == out.end()) out.push_back(e.stopping->kpi);
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// The tasks that bring every arm to replications 0 .. target-1: the missing ones, in blocks of `block` at most.
std::vector<Task> missing_tasks(const Ledger& ledger, std::size_t arms, std::uint64_t target, std::uint64_t block) {
  std::vector<Task> tasks;
  for (std::size_t a = 0; a < arms; ++a) {
    std::optional<Task> open;
    for (std::uint64_t r = 0; r < target; ++r) {
      if (ledger.has(a, r)) {
        if (open) tasks.push_back(*open), open.reset();
        continue;
      }
      if (!open) open = Task{a, r, 0};
      if (++open->count == block) tasks.push_back(*open), open.reset();
    }
    if (open) tasks.push_back(*open);
  }
  return tasks;
}

class Run {
public:
  Run(const Experiment& e, const std::vector<ArmRun>& arms, const RunnerOptions& o, TaskScheduler& s)
      : e_(e),
        arms_(arms),
        options_(o),
        scheduler_(s),
        folder_(parts_folder(o.output)),
        ledger_(folder_, arms.size(), followed_kpis(e)) {}

  void operator()(std::ostream& out);

private:
  void prepare();
  void run_round(const std::vector<Task>& tasks);
  void run_tasks(const std::vector<Task>& tasks, const std::function<void()>& on_replication);
  std::int64_t next_target(std::uint64_t target, std::optional<bool>& met);
  void finish(std::ostream& out, std::uint64_t replications, std::optional<bool> met);
  void note_kept(std::size_t kept);
  std::string kept_text(std::size_t kept) const;

  const Experiment& e_;
  const std::vector<ArmRun>& arms_;
  const RunnerOptions& options_;
  TaskScheduler& scheduler_;
  fs::path folder_;
  Ledger ledger_;
  std::unique_ptr<ExperimentFileWriter> writer_;  // rank 0: the output, checked and started before anything runs
  std::size_t done_ = 0, total_ = 0;              // progress over all arms
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

std::string Run::kept_text(std::size_t kept) const {
  return fmt::format("{} of the {} are kept in '{}'; run the same command with --resume to complete the rest",
                     plural(kept, "replication", "replications"), plural(arms_.size(), "arm", "arms"),
                     folder_.string());
}

// What a signal or failure says from now on: how much is kept and how to go on.
void Run::note_kept(std::size_t kept) {
  if (scheduler_.is_root()) set_signal_message(fmt::format("peaksim: experiment interrupted; {}\n", kept_text(kept)));
}

// Rank 0 checks the output and the parts folder; every rank learns the outcome.
void Run::prepare() {
  std::string refusal;
  if (scheduler_.is_root()) {
    try {
      std::vector<std::string> inputs{e_.file, e_.scenario_path};
      writer_ = std::make_unique<ExperimentFileWriter>(options_.output, options_.force, inputs);
      const Manifest mine = manifest_of(e_, arms_);
      std::error_code ec;
      const bool present = fs::exists(folder_, ec);
      if (present && !options_.resume && !options_.force)
        throw ExperimentRefused(fmt::format(
            "'{}' holds the finished part of an earlier, interrupted run to '{}'; run again with --resume to "
            "complete it, or with --force to discard it",
            folder_.string(), options_.output));
      if (present && !options_.resume) fs::remove_all(folder_);
      if (present && options_.resume) {
        const Manifest theirs = read_manifest(folder_);
        if (theirs.experiment != mine.experiment)
          throw ExperimentRefused(fmt::format(
              "cannot resume from '{}': the experiment file or its scenario changed since that run (use --force to "
              "start over)",
              folder_.string()));
        if (theirs.seed != mine.seed)
          throw ExperimentRefused(
              fmt::format("cannot resume from '{}': it ran seed {}, this run seed {} (use --force to start over)",
                          folder_.string(), theirs.seed, mine.seed));
        if (theirs.build != mine.build)
          throw ExperimentRefused(
              fmt::format("cannot resume from '{}': it was run by another build ({}; this is {}), which may simulate "
                          "differently (use --force to start over)",
                          folder_.string(), theirs.build, mine.build));
        ledger_.refresh();
      } else {
        fs::create_directory(folder_);
        write_manifest(folder_, mine);
      }
      note_kept(ledger_.kept());
    } catch (const OutputRefused& ex) {
      refusal = ex.what();
    } catch (const ExperimentRefused& ex) {
      refusal = ex.what();
    } catch (const std::exception& ex) {  // a folder that cannot be made or read, a shard that cannot be read
      refusal = fmt::format("cannot use '{}': {}", folder_.string(), ex.what());
    }
  }
  refusal = scheduler_.broadcast(refusal);
  if (!refusal.empty()) {
    writer_.reset();
    throw ExperimentRefused(refusal);
  }
}

// Runs `tasks` in one pool of workers, each batch within one task (a worker runs one arm's engine), and commits
// each task's shard as soon as its last replication is in.
void Run::run_tasks(const std::vector<Task>& tasks, const std::function<void()>& on_replication) {
  struct Slot {
    std::size_t task;
    std::uint64_t replication;
  };
  std::vector<Slot> slots;  // a pool id is an index into this
  std::vector<std::vector<std::uint64_t>> batches;
  const std::uint64_t jobs = std::uint64_t(std::max(1, options_.jobs));
  std::uint64_t all = 0;
  for (const Task& t : tasks) all += t.count;
  const std::uint64_t batch =
      options_.batch > 0 ? std::uint64_t(options_.batch) : std::clamp<std::uint64_t>(all / (4 * jobs), 1, 16);
  for (std::size_t i = 0; i < tasks.size(); ++i)
    for (std::uint64_t k = 0; k < tasks[i].count; k += batch) {
      std::vector<std::uint64_t> ids;
      for (std::uint64_t j = k; j < std::min(tasks[i].count, k + batch); ++j) {
        ids.push_back(slots.size());
        slots.push_back({i, tasks[i].first + j});
      }
      batches.push_back(std::move(ids));
    }

  // In the worker: the batch's arm runs its own replication ids, and each result goes back under its pool id.
  const BatchRunner runner = [&](const std::vector<std::uint64_t>& ids, bool compress, const ResultSink& send) {
    const Task& task = tasks[slots[ids.front()].task];
    std::vector<std::uint64_t> replications;
    for (const std::uint64_t id : ids) replications.push_back(slots[id].replication);
    const std::uint64_t base = ids.front() - (slots[ids.front()].replication - task.first);
    arms_[task.arm].runner(replications, compress, [&](ReplicationResult&& r) {
      r.replication = base + (r.replication - task.first);
      send(std::move(r));
    });
  };

  std::vector<std::unique_ptr<ResultsWriter>> writers(tasks.size());
  std::vector<std::uint64_t> arrived(tasks.size(), 0);
  std::vector<std::map<std::uint64_t, std::vector<double>>> followed(tasks.size());  // rank 0, until committed
  std::size_t committed = ledger_.kept();
  const PoolOptions pool{options_.jobs, int(batch), true};
  run_batches_in_workers(runner, batches, pool, [&](ReplicationResult&& r) {
    const Slot slot = slots.at(r.replication);
    const Task& task = tasks[slot.task];
    r.replication = slot.replication;
    std::unique_ptr<ResultsWriter>& writer = writers[slot.task];
    const std::string path = (folder_ / shard_name(task.arm, task.first)).string();
    if (!writer) {
      Provenance prov = arms_[task.arm].provenance;
      prov.command_line = options_.command_line;
      writer = std::make_unique<ResultsWriter>(path, false, prov, arms_[task.arm].axes);
      writer->set_tables(arms_[task.arm].tables);
    }
    writer->add(r);
    if (scheduler_.is_root()) followed[slot.task][r.replication] = ledger_.followed(r);
    if (++arrived[slot.task] == task.count) {
      writer->commit();
      writer.reset();
      if (scheduler_.is_root()) ledger_.add_own(task.arm, path, std::move(followed[slot.task]));
      committed += task.count;
      note_kept(committed);
    }
    if (on_replication) on_replication();
  });
}

void Run::run_round(const std::vector<Task>& tasks) {
  for (const Task& t : tasks) total_ += t.count;
  if (options_.progress && scheduler_.is_root()) options_.progress(done_, total_);
  const auto step = [this] {
    ++done_;
    if (options_.progress) options_.progress(done_, total_);
  };
  if (scheduler_.ranks() == 1) {
    // One pool over all the round's tasks: no worker waits for a task's last batch before the next task starts.
    scheduler_.run_round(
        1, [&](std::size_t) { run_tasks(tasks, step); }, [](std::size_t) {});
  } else {
    scheduler_.run_round(
        tasks.size(), [&](std::size_t i) { run_tasks({tasks[i]}, {}); },
        [&](std::size_t i) {
          done_ += tasks[i].count;
          if (options_.progress) options_.progress(done_, total_);
        });
  }
  if (scheduler_.is_root()) ledger_.refresh();
}

// The stopping rule's next target on replications 0 .. target-1 (0: stop); `met` says whether every arm met it.
std::int64_t Run::next_target(std::uint64_t target, std::optional<bool>& met) {
  const std::vector<std::string> kpis = followed_kpis(e_);
  const std::size_t k = std::size_t(std::find(kpis.begin(), kpis.end(), e_.stopping->kpi) - kpis.begin());
  const std::vector<ArmValues> values = ledger_.values(e_, {k}, target);
  const std::int64_t next = next_replication_target(*e_.stopping, values, 0);
  if (next == 0) {
    // Stopped: by the target, or by max_replications? The same rule without that bound tells.
    StoppingRule unbounded = *e_.stopping;
    unbounded.max_replications = std::int64_t(target) + std::max<std::int64_t>(1, unbounded.block);
    met = next_replication_target(unbounded, values, 0) == 0;
  }
  return next;
}

void Run::operator()(std::ostream& out) {
  prepare();
  const std::uint64_t block = std::uint64_t(e_.stopping ? std::max<std::int64_t>(1, e_.stopping->block) : kFixedBlock);
  std::uint64_t target = std::uint64_t(e_.stopping ? e_.stopping->min_replications : e_.replications);
  std::optional<bool> met;
  try {
    if (scheduler_.is_root()) done_ = total_ = ledger_.kept();
    for (;;) {
      std::string plan;
      if (scheduler_.is_root()) plan = encode(missing_tasks(ledger_, arms_.size(), target, block));
      const std::vector<Task> tasks = decode(scheduler_.broadcast(plan));
      if (!tasks.empty()) run_round(tasks);
      if (!e_.stopping) break;
      std::string next;
      if (scheduler_.is_root()) next = std::to_string(next_target(target, met));
      const std::uint64_t n = std::stoull(scheduler_.broadcast(next));
      if (n == 0) break;
      target = n;
    }
    if (scheduler_.is_root()) finish(out, target, met);
  } catch (const WorkerInputError& ex) {
    // Bad input that only a run finds: no resume can complete this experiment, so nothing is kept.
    set_signal_message("");
    if (scheduler_.is_root()) {
      std::error_code ec;
      fs::remove_all(folder_, ec);
    }
    throw ExperimentFailed(ex.what(), 2);
  } catch (const std::exception& ex) {
    if (scheduler_.is_root()) ledger_.refresh();
    throw ExperimentFailed(
        fmt::format("peaksim: experiment failed: {}\npeaksim: {}", ex.what(), kept_text(ledger_.kept())), 1);
  }
  set_signal_message("");
}

// Rank 0: joins each arm's shards under /arms/<arm>, compares, publishes, removes the parts, prints the report.
void Run::finish(std::ostream& out, std::uint64_t replications, std::optional<bool> met) {
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    std::vector<std::unique_ptr<ResultsReader>> parts;
    for (const std::string& path : ledger_.shards(a)) {
      parts.push_back(std::make_unique<ResultsReader>(path));
      parts.back()->close();  // one open at a time: each holds HDF5's caches
    }
    if (const std::string why = join_refusal(parts); !why.empty())
      throw std::runtime_error(fmt::format("the shards of arm '{}' do not join: {}", e_.arms[a].name, why));
    Provenance prov = joined_provenance(parts);
    prov.command_line = options_.command_line;
    const std::string joined = (folder_ / fmt::format("joined-arm{:05}.h5", a)).string();
    {
      ResultsWriter writer(joined, true, prov, parts.front()->axes());
      join_parts(parts, writer);
    }
    writer_->add_arm(e_.arms[a].name, joined);
    fs::remove(joined);
    H5garbage_collect();  // HDF5 keeps what it freed in lists of its own; the next arm starts from the same memory
  }
  std::vector<std::size_t> compared(e_.compare.size());
  for (std::size_t k = 0; k < compared.size(); ++k) compared[k] = k;
  ExperimentRecord record{arms_.front().provenance.seed, std::int64_t(replications), {}, met};
  record.tables = compare_arms(e_, ledger_.values(e_, compared, replications));
  writer_->commit(e_, record);
  set_signal_message("");
  fs::remove_all(folder_);
  if (options_.quiet) return;

  using stats::format_number;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  out << fmt::format("{}: {} x {} (paired: seed {}, replications 0-{}) in {:.2f} s ({} jobs) -> {}\n", e_.name,
                     plural(arms_.size(), "arm", "arms"), plural(replications, "replication", "replications"),
                     record.seed, replications - 1, seconds, options_.jobs, options_.output);
  if (e_.stopping)
    out << fmt::format("stopping rule on {}: {}\n", e_.stopping->kpi,
                       met.value_or(false) ? "met by every arm" : "not met by every arm within max_replications");
  std::vector<std::vector<std::string>> summary{{"arm", "kpi", "mean", "sd", "95% +-", "n"}};
  for (const ArmSummary& s : record.tables.summary)
    summary.push_back(
        {s.arm, s.kpi, format_number(s.mean), format_number(s.sd), format_number(s.half_width), std::to_string(s.n)});
  out << '\n' << stats::format_columns(summary);
  if (!record.tables.paired.empty()) {
    std::vector<std::vector<std::string>> paired{{"arm - " + e_.baseline, "kpi", "mean", "95% CI", "better in"}};
    for (const PairedDifference& p : record.tables.paired)
      paired.push_back(
          {p.arm, p.kpi, format_number(p.mean),
           fmt::format("[{}, {}]", format_number(p.mean - p.half_width), format_number(p.mean + p.half_width)),
           fmt::format("{} of {}", format_number(p.better_share * double(p.n)), p.n)});
    out << '\n' << stats::format_columns(paired);
  }
  std::vector<std::vector<std::string>> ranking{{"kpi", "rank", "arm", "P(best)"}};
  for (const RankRow& r : record.tables.ranking)
    ranking.push_back({r.kpi, std::to_string(r.rank), r.arm, format_number(r.probability_best)});
  out << '\n' << stats::format_columns(ranking);
}

}  // namespace

void run_experiment(const Experiment& e, const std::vector<ArmRun>& arms, const RunnerOptions& options,
                    TaskScheduler& scheduler, std::ostream& out) {
  Run run(e, arms, options, scheduler);
  run(out);
}

}  // namespace peaksim::experiment
