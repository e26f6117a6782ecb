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
#include "sim/experiment/task_pool.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::experiment {
namespace fs = std::filesystem;
namespace {

// Replications per task of a fixed-count run: about a tenth of an arm's, 50 to 250. Over MPI a task is what one
// rank runs at a time (its batches are the shards).
std::uint64_t fixed_block(std::int64_t replications) {
  return std::uint64_t(std::clamp<std::int64_t>(replications / 10, 50, 250));
}

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

// The tasks that bring every arm's replications from .. to-1 where the ledger lacks them, in blocks of `block` at
// most.
std::vector<Task> missing_tasks(const Ledger& ledger, std::size_t arms, std::uint64_t from, std::uint64_t to,
                                std::uint64_t block) {
  std::vector<Task> tasks;
  for (std::size_t a = 0; a < arms; ++a) {
    std::optional<Task> open;
    for (std::uint64_t r = from; r < to; ++r) {
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

std::uint64_t replications_of(const std::vector<Task>& tasks) {
  std::uint64_t n = 0;
  for (const Task& t : tasks) n += t.count;
  return n;
}

class Run {
public:
  Run(const Experiment& e, const std::vector<ArmRun>& arms, const RunnerOptions& o, TaskScheduler& s)
      : e_(e),
        arms_(arms),
        options_(o),
        scheduler_(s),
        folder_(parts_folder(o.output)),
        ledger_(folder_, arms.size(), followed_kpis(e)),
        block_(e.stopping ? std::uint64_t(std::max<std::int64_t>(1, e.stopping->block)) : fixed_block(e.replications)) {
  }

  void operator()(std::ostream& out);

private:
  void prepare();
  void run_here(std::uint64_t& target, std::optional<bool>& met);
  void run_over_ranks(std::uint64_t& target, std::optional<bool>& met);
  void run_round(const std::vector<Task>& tasks);
  TaskPool::Hooks hooks();
  std::vector<Task> missing(std::uint64_t from, std::uint64_t to) const;
  std::int64_t next_target(std::uint64_t target, std::optional<bool>& met);
  void finish(std::ostream& out, std::uint64_t replications, std::optional<bool> met);
  void join_arm(std::size_t a) const;
  std::string joined_path(std::size_t a) const;
  void note_kept(std::size_t kept);
  std::string kept_text(std::size_t kept) const;

  const Experiment& e_;
  const std::vector<ArmRun>& arms_;
  const RunnerOptions& options_;
  TaskScheduler& scheduler_;
  fs::path folder_;
  Ledger ledger_;
  std::unique_ptr<ExperimentFileWriter> writer_;  // rank 0: the output, checked and started before anything runs
  std::uint64_t block_;                           // replications per task
  std::size_t done_ = 0, total_ = 0;              // progress over all arms
  std::size_t committed_ = 0;                     // replications in committed shards
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

// What a pool reports to this run: committed shards to the ledger (rank 0), progress.
TaskPool::Hooks Run::hooks() {
  TaskPool::Hooks h;
  h.committed = [this](std::size_t arm, const std::string& path, std::uint64_t count,
                       std::map<std::uint64_t, std::vector<double>>&& kpis) {
    if (scheduler_.is_root()) ledger_.add_own(arm, path, std::move(kpis));
    committed_ += count;
    note_kept(committed_);
  };
  if (scheduler_.is_root()) h.followed = [this](const ReplicationResult& r) { return ledger_.followed(r); };
  return h;
}

// The tasks of replications from .. to-1 of every arm that the ledger lacks.
std::vector<Task> Run::missing(std::uint64_t from, std::uint64_t to) const {
  return missing_tasks(ledger_, arms_.size(), from, to, block_);
}

// One process: every round in one pool. With a stopping rule the next round's replications are queued behind the
// current round's (speculatively), so that no worker waits while the last batches of a round finish and the rule
// is asked; they are kept only if the rule asks for them, which it does on the very replications it would see
// without them.
void Run::run_here(std::uint64_t& target, std::optional<bool>& met) {
  TaskPool pool(arms_, folder_, options_);
  std::uint64_t queued = 0;  // every replication below is committed or in the pool
  const auto progress = [this] {
    if (options_.progress) options_.progress(done_, total_);
  };
  const auto queue_current = [&] {
    if (target <= queued) return;
    const std::vector<Task> tasks = missing(queued, target);
    queued = target;
    total_ += replications_of(tasks);
    progress();
    pool.add(tasks, false);
  };
  const auto queue_speculative = [&] {
    if (!e_.stopping) return;
    const std::uint64_t to = std::min(target + block_, std::uint64_t(e_.stopping->max_replications));
    if (to <= queued) return;
    pool.add(missing(queued, to), true);
    queued = to;
  };
  TaskPool::Hooks h = hooks();
  h.replication = [&] {
    ++done_;
    progress();
  };
  h.round_done = [&] {
    if (!e_.stopping) return;  // nothing speculative is queued: the pool ends
    while (pool.current_open() == 0) {
      const std::int64_t next = next_target(target, met);
      if (next == 0) throw StopWorkers{};
      target = std::uint64_t(next);
      const auto [promoted, in] = pool.promote();
      total_ += promoted;
      done_ += in;
      queue_current();  // nothing, unless the rule jumped further than one block
    }
    queue_speculative();
  };
  pool.set_hooks(std::move(h));
  queue_current();
  queue_speculative();
  pool.run();
}

// Over MPI: rounds of whole tasks spread over the ranks; rank 0 asks the stopping rule between rounds.
void Run::run_over_ranks(std::uint64_t& target, std::optional<bool>& met) {
  for (;;) {
    std::string plan;
    if (scheduler_.is_root()) plan = encode(missing(0, target));
    const std::vector<Task> tasks = decode(scheduler_.broadcast(plan));
    if (!tasks.empty()) run_round(tasks);
    if (!e_.stopping) break;
    std::string next;
    if (scheduler_.is_root()) next = std::to_string(next_target(target, met));
    const std::uint64_t n = std::stoull(scheduler_.broadcast(next));
    if (n == 0) break;
    target = n;
  }
}

void Run::run_round(const std::vector<Task>& tasks) {
  total_ += replications_of(tasks);
  if (options_.progress && scheduler_.is_root()) options_.progress(done_, total_);
  scheduler_.run_round(
      tasks.size(),
      [&](std::size_t i) {
        TaskPool pool(arms_, folder_, options_);
        pool.set_hooks(hooks());
        pool.add({tasks[i]}, false);
        pool.run();
      },
      [&](std::size_t i) {
        done_ += tasks[i].count;
        if (options_.progress) options_.progress(done_, total_);
      });
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
  std::uint64_t target = std::uint64_t(e_.stopping ? e_.stopping->min_replications : e_.replications);
  std::optional<bool> met;
  try {
    if (scheduler_.is_root()) done_ = total_ = committed_ = ledger_.kept();
    if (scheduler_.ranks() == 1)
      run_here(target, met);
    else
      run_over_ranks(target, met);
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

// Joins arm `a`'s shards into one run file, `joined_path(a)`.
void Run::join_arm(std::size_t a) const {
  std::vector<std::unique_ptr<ResultsReader>> parts;
  for (const std::string& path : ledger_.shards(a)) {
    parts.push_back(std::make_unique<ResultsReader>(path));
    parts.back()->close();  // one open at a time: each holds HDF5's caches
  }
  if (const std::string why = join_refusal(parts); !why.empty())
    throw std::runtime_error(fmt::format("the shards of arm '{}' do not join: {}", e_.arms[a].name, why));
  Provenance prov = joined_provenance(parts);
  prov.command_line = options_.command_line;
  ResultsWriter writer(joined_path(a), true, prov, parts.front()->axes());
  join_parts(parts, writer, false);
}

std::string Run::joined_path(std::size_t a) const { return (folder_ / fmt::format("joined-arm{:05}.h5", a)).string(); }

// Rank 0: joins each arm's shards under /arms/<arm>, compares, publishes, removes the parts, prints the report. With
// several jobs the joins run in worker processes, `jobs` at once (each writes its own files), and the parent copies
// the joined files in arm order as they come, and compares the arms while the first joins run (in its only thread:
// a thread running while the join workers are forked could leave them waiting on a lock it held).
void Run::finish(std::ostream& out, std::uint64_t replications, std::optional<bool> met) {
  std::optional<ComparisonTables> comparison;
  const auto compare = [&] {
    std::vector<std::size_t> compared(e_.compare.size());
    for (std::size_t k = 0; k < compared.size(); ++k) compared[k] = k;
    comparison = compare_arms(e_, ledger_.values(e_, compared, replications));
  };
  std::vector<bool> joined(arms_.size(), false);
  std::size_t copied = 0;
  const auto copy_joined = [&](std::size_t a) {
    joined.at(a) = true;
    for (; copied < arms_.size() && joined[copied]; ++copied) {
      writer_->add_arm(e_.arms[copied].name, joined_path(copied));
      fs::remove(joined_path(copied));
      H5garbage_collect();  // HDF5 keeps what it freed in lists of its own; the next arm starts from the same memory
    }
  };
  if (options_.jobs <= 1) {  // a worker process would only add its start to the same serial work
    for (std::size_t a = 0; a < arms_.size(); ++a) join_arm(a), copy_joined(a);
    compare();
  } else {
    // One worker per job, each starting costs about as much as a small join; worker w joins arms w, w + jobs, ...,
    // so that the arms come in about the order they are copied.
    const std::size_t workers = std::min(arms_.size(), std::size_t(options_.jobs));
    std::vector<std::vector<std::uint64_t>> batches(workers);
    for (std::size_t a = 0; a < arms_.size(); ++a) batches[a % workers].push_back(a);
    const BatchRunner join = [this](const std::vector<std::uint64_t>& ids, bool, const ResultSink& send) {
      for (const std::uint64_t a : ids) {
        join_arm(std::size_t(a));
        ReplicationResult done;  // says only which arm is joined
        done.replication = a;
        send(std::move(done));
      }
    };
    std::size_t next = 0;
    run_batches_in_workers(
        join, [&] { return next < batches.size() ? batches[next++] : std::vector<std::uint64_t>{}; },
        PoolOptions{options_.jobs, 1, false}, [&](ReplicationResult&& r) { copy_joined(std::size_t(r.replication)); },
        {}, [&] { return !comparison && (compare(), true); });
    if (!comparison) compare();
  }
  ExperimentRecord record{arms_.front().provenance.seed, std::int64_t(replications), std::move(*comparison), met};
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
