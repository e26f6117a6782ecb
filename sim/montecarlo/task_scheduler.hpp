// Hands out numbered tasks so that each runs exactly once. Every process builds the same task list (tasks
// 0..n-1); a task writes its own results (a shard file), so results never travel through the scheduler.
// The local scheduler runs the tasks in order in this process; an MPI scheduler (a program started by mpirun)
// spreads them over the ranks, each taking the next free task when it is done (dynamic load balancing).
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace peaksim {

class SchedulerError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TaskScheduler {
public:
  virtual ~TaskScheduler() = default;
  virtual int rank() const = 0;
  virtual int ranks() const = 0;
  bool is_root() const { return rank() == 0; }

  // Runs execute(i) for every i in [0, n) exactly once over all ranks and returns on every rank when all are done.
  // finished(i) is called on rank 0, in the thread that called run_round and never while execute runs there, for
  // each task that ended well (progress; over MPI another rank's task is reported when rank 0 is between tasks of
  // its own). An exception thrown by execute (or finished) stops handing out tasks. In one process it propagates
  // as it is; over MPI run_round throws on every rank, when the running tasks have ended, SchedulerError with the
  // first message rank 0 learnt of, or WorkerInputError with it when that was bad input (InputRefused,
  // WorkerInputError), so that the command exits 2 as in one process.
  virtual void run_round(std::size_t n, const std::function<void(std::size_t)>& execute,
                         const std::function<void(std::size_t)>& finished) = 0;

  // Rank 0's text, received by every rank (e.g. the stopping rule's decision on what runs next).
  virtual std::string broadcast(const std::string& from_root) = 0;
};

// The local scheduler (one process).
std::unique_ptr<TaskScheduler> make_local_scheduler();

// An MPI scheduler when this build has MPI and the process was started by mpirun with more than one rank (read
// from the launcher's environment: no other case initializes MPI); otherwise the local one. Started with several
// ranks by a build without MPI, it throws SchedulerError (each rank would run every task). Over MPI, MPI is
// finalized at exit, except by a process that exits with a failure (status not 0): the failure may be this rank's
// alone while the others wait for it, so it leaves without MPI_Finalize and the launcher ends the other ranks.
std::unique_ptr<TaskScheduler> make_task_scheduler();

}  // namespace peaksim
