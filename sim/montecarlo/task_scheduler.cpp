#include "sim/montecarlo/task_scheduler.hpp"

#include "sim/montecarlo/mpi_launch.hpp"
#ifdef PEAKSIM_MPI
#include "sim/montecarlo/mpi_scheduler.hpp"
#endif

namespace peaksim {
namespace {

class LocalScheduler final : public TaskScheduler {
public:
  int rank() const override { return 0; }
  int ranks() const override { return 1; }
  void run_round(std::size_t n, const std::function<void(std::size_t)>& execute,
                 const std::function<void(std::size_t)>& finished) override {
    for (std::size_t i = 0; i < n; ++i) {
      execute(i);
      if (finished) finished(i);
    }
  }
  std::string broadcast(const std::string& from_root) override { return from_root; }
};

}  // namespace

std::unique_ptr<TaskScheduler> make_local_scheduler() { return std::make_unique<LocalScheduler>(); }

std::unique_ptr<TaskScheduler> make_task_scheduler() {
  const MpiLaunch launch = mpi_launch_from_environment();
#ifdef PEAKSIM_MPI
  if (launch != MpiLaunch::none)
    if (auto scheduler = make_mpi_scheduler()) return scheduler;
#else
  // Every rank would run every task and write the same files.
  if (launch == MpiLaunch::many)
    throw SchedulerError(
        "started by mpirun with several ranks, but this peaksim was built without MPI "
        "(PEAKSIM_MPI): run it without mpirun, or build it where MPI is installed");
#endif
  return make_local_scheduler();
}

}  // namespace peaksim
