// Dynamic load balancing by a coordinator on rank 0 that computes too: rank 0 runs tasks in the calling thread
// and answers the other ranks from a second thread, which hands out the next free task to whoever asks.
//
// Why not an MPI-3 atomic counter (MPI_Fetch_and_op) on rank 0: passive-target RMA progresses on the target only
// while it is inside MPI unless the network does atomics in hardware (Open MPI 4 over TCP does not), and rank 0
// spends its own tasks in poll() waiting for its worker processes, so other ranks would wait for it to finish
// a task before getting theirs. The thread on rank 0 answers within milliseconds on any network. Only one thread
// calls MPI at a time (the coordinator between its start and join, the calling thread otherwise), so
// MPI_THREAD_SERIALIZED is enough.
//
// Nothing waits in a blocking MPI call: Open MPI's blocking calls poll at full speed, and a waiting rank must
// leave the cores to the worker processes of the ranks that compute (wait_gently).
#include "sim/montecarlo/mpi_scheduler.hpp"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "sim/montecarlo/worker_pool.hpp"

namespace peaksim {
namespace {

constexpr int kReportTag = 1;  // a rank to rank 0: the task it ran (-1 before its first) and how it ended
constexpr int kAssignTag = 2;  // rank 0 to a rank: its next task, -1 for none

// How a task ended; `refused` is bad input that only a run could find, so that the command exits 2 as it does in
// one process (worker_pool.hpp, InputRefused).
enum class Outcome : char { none = 'N', done = 'D', failed = 'F', refused = 'R' };

struct Ending {
  Outcome outcome = Outcome::none;
  std::string message;
};

Ending describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const WorkerInputError& e) {
    return {Outcome::refused, e.what()};
  } catch (const InputRefused& e) {
    return {Outcome::refused, e.what()};
  } catch (const std::exception& e) {
    return {Outcome::failed, e.what()};
  } catch (...) {
    return {Outcome::failed, "a task failed with an exception that is not a std::exception"};
  }
}

Ending run_task(const std::function<void(std::size_t)>& execute, std::size_t task) {
  try {
    execute(task);
    return {Outcome::done, {}};
  } catch (...) {
    return describe(std::current_exception());
  }
}

// A report: the task (8 bytes), the outcome (1 byte), the failure's message.
std::string encode(std::int64_t task, const Ending& ending) {
  std::string bytes(sizeof task, '\0');
  std::memcpy(bytes.data(), &task, sizeof task);
  bytes += char(ending.outcome);
  return bytes + ending.message;
}

std::pair<std::int64_t, Ending> decode(const std::string& bytes) {
  std::int64_t task = -1;
  std::memcpy(&task, bytes.data(), sizeof task);
  return {task, Ending{Outcome(bytes[sizeof task]), bytes.substr(sizeof task + 1)}};
}

constexpr auto kFirstPause = std::chrono::microseconds(20);
constexpr auto kLongestPause = std::chrono::milliseconds(2);

void wait_gently(MPI_Request& request) {
  auto pause = std::chrono::duration_cast<std::chrono::microseconds>(kFirstPause);
  for (;;) {
    int done = 0;
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2, kLongestPause);
  }
}

MPI_Status probe_gently(MPI_Comm comm, int tag) {
  auto pause = std::chrono::duration_cast<std::chrono::microseconds>(kFirstPause);
  for (;;) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, tag, comm, &arrived, &status);
    if (arrived) return status;
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2, kLongestPause);
  }
}

// At exit (on_exit hands over the status). A rank that ends with a failure skips MPI_Finalize: the failure may be
// its own (a file only its machine cannot read) while the others wait for it in a round or a broadcast, and
// MPI_Finalize would wait for them forever; the launcher, seeing a rank end without it, ends every other rank.
// Rank 0 prints the failure before it exits, so another rank first gives it a moment: the launcher might otherwise
// end rank 0 before its message is out when they fail together.
constexpr auto kGraceBeforeFailing = std::chrono::seconds(1);

void finalize_mpi(int status, void*) {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized) return;
  if (status == 0) {
    MPI_Finalize();
    return;
  }
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank != 0) std::this_thread::sleep_for(kGraceBeforeFailing);
}

void initialize_mpi() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized) return;
  // The ranks fork worker processes (run_in_workers). Those never call MPI and leave with _exit, and on Linux 5.12
  // or later pages pinned for RDMA stay with the parent at fork, so Open MPI's warning about fork() (printed by
  // its verbs transport) would only alarm. Set before MPI_Init, which reads it; a value the user set is kept.
  setenv("OMPI_MCA_mpi_warn_on_fork", "0", 0);
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  on_exit(finalize_mpi, nullptr);  // glibc: unlike atexit, it is told the exit status
  if (provided < MPI_THREAD_SERIALIZED)
    throw SchedulerError("this MPI library cannot serve rank 0's coordinator thread (MPI_THREAD_SERIALIZED)");
}

// One round's state on rank 0, shared by the calling thread and the coordinator.
struct Round {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t tasks = 0;
  std::size_t next = 0;
  int asking = 0;                    // other ranks not yet told that no task is left
  std::deque<std::size_t> finished;  // ended well, not yet passed to `finished`
  Ending first_failure;

  bool take(std::size_t& task) {
    if (first_failure.outcome != Outcome::none || next >= tasks) return false;
    task = next++;
    return true;
  }
  void record(std::size_t task, Ending ending) {
    if (ending.outcome == Outcome::done)
      finished.push_back(task);
    else if (first_failure.outcome == Outcome::none)
      first_failure = std::move(ending);
  }
};

class MpiScheduler final : public TaskScheduler {
public:
  MpiScheduler() {
    MPI_Comm_dup(MPI_COMM_WORLD, &comm_);  // this scheduler's messages never meet another's
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &ranks_);
  }
  ~MpiScheduler() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Comm_free(&comm_);
  }

  int rank() const override { return rank_; }
  int ranks() const override { return ranks_; }

  void run_round(std::size_t n, const std::function<void(std::size_t)>& execute,
                 const std::function<void(std::size_t)>& finished) override {
    if (n == 0) return;
    Ending ending = rank_ == 0 ? coordinate(n, execute, finished) : ask_and_run(execute);
    // Every rank learns rank 0's verdict, so that all throw together or none does.
    const std::string verdict = broadcast(char(ending.outcome) + ending.message);  // rank 0's counts
    const auto outcome = Outcome(verdict[0]);
    if (outcome == Outcome::none) return;
    if (outcome == Outcome::refused) throw WorkerInputError(verdict.substr(1));
    throw SchedulerError(verdict.substr(1));
  }

  std::string broadcast(const std::string& from_root) override {
    std::uint64_t size = rank_ == 0 ? from_root.size() : 0;
    MPI_Request request;
    MPI_Ibcast(&size, 1, MPI_UINT64_T, 0, comm_, &request);
    wait_gently(request);
    std::string text = rank_ == 0 ? from_root : std::string(size, '\0');
    constexpr std::uint64_t kPiece = std::uint64_t{1} << 30;  // counts are ints
    for (std::uint64_t offset = 0; offset < size; offset += kPiece) {
      MPI_Ibcast(text.data() + offset, int(std::min(kPiece, size - offset)), MPI_CHAR, 0, comm_, &request);
      wait_gently(request);
    }
    return text;
  }

private:
  // Rank 0: runs tasks here while the coordinator thread serves the others; reports every task that ended well
  // to `finished` from this thread (never while a task of its own runs, so `finished` needs no lock against
  // `execute`); returns the first failure, in the order rank 0 learnt of them.
  Ending coordinate(std::size_t n, const std::function<void(std::size_t)>& execute,
                    const std::function<void(std::size_t)>& finished) {
    Round round;
    round.tasks = n;
    round.asking = ranks_ - 1;
    std::thread coordinator([this, &round] { serve(round); });
    std::unique_lock lock(round.mutex);
    auto report = [&] {
      while (!round.finished.empty()) {
        const std::size_t task = round.finished.front();
        round.finished.pop_front();
        if (!finished) continue;
        lock.unlock();
        Ending ending;
        try {
          finished(task);
        } catch (...) {
          ending = describe(std::current_exception());
        }
        lock.lock();
        if (ending.outcome != Outcome::none) round.record(task, std::move(ending));
      }
    };
    for (std::size_t task = 0;;) {
      report();
      if (!round.take(task)) break;
      lock.unlock();
      Ending ending = run_task(execute, task);
      lock.lock();
      round.record(task, std::move(ending));
    }
    for (;;) {  // the other ranks' last tasks
      report();
      if (round.asking == 0) break;
      round.changed.wait(lock);
    }
    lock.unlock();
    coordinator.join();
    return std::move(round.first_failure);
  }

  // Rank 0's coordinator thread: each report of a rank is answered with its next task, until every rank has
  // been told that none is left.
  void serve(Round& round) {
    for (;;) {
      {
        const std::lock_guard lock(round.mutex);
        if (round.asking == 0) return;
      }
      const MPI_Status status = probe_gently(comm_, kReportTag);
      int size = 0;
      MPI_Get_count(&status, MPI_CHAR, &size);
      std::string bytes(std::size_t(size), '\0');
      MPI_Recv(bytes.data(), size, MPI_CHAR, status.MPI_SOURCE, kReportTag, comm_, MPI_STATUS_IGNORE);
      auto [ran, ending] = decode(bytes);
      std::int64_t next = -1;
      {
        const std::lock_guard lock(round.mutex);
        if (ran >= 0) round.record(std::size_t(ran), std::move(ending));
        std::size_t task = 0;
        if (round.take(task))
          next = std::int64_t(task);
        else
          --round.asking;
      }
      round.changed.notify_all();
      MPI_Send(&next, 1, MPI_INT64_T, status.MPI_SOURCE, kAssignTag, comm_);  // 8 bytes: sent at once
    }
  }

  // Other ranks: report the last task, receive the next, until rank 0 says none is left.
  Ending ask_and_run(const std::function<void(std::size_t)>& execute) {
    std::int64_t task = -1;
    Ending ending;
    for (;;) {
      const std::string report = encode(task, ending);
      std::int64_t next = -1;
      MPI_Request sent;
      MPI_Request answer;
      MPI_Irecv(&next, 1, MPI_INT64_T, 0, kAssignTag, comm_, &answer);
      MPI_Isend(report.data(), int(report.size()), MPI_CHAR, 0, kReportTag, comm_, &sent);
      wait_gently(sent);
      wait_gently(answer);
      if (next < 0) return {};
      task = next;
      ending = run_task(execute, std::size_t(next));
    }
  }

  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int ranks_ = 1;
};

}  // namespace

std::unique_ptr<TaskScheduler> make_mpi_scheduler() {
  initialize_mpi();
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size < 2) return nullptr;
  return std::make_unique<MpiScheduler>();
}

}  // namespace peaksim
