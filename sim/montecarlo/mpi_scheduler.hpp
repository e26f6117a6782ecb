// The task scheduler over the ranks of an MPI run; compiled only where the build has MPI (PEAKSIM_MPI).
#pragma once
#include <memory>

#include "sim/montecarlo/task_scheduler.hpp"

namespace peaksim {

// Initializes MPI (once per process; finalized at exit) and returns a scheduler over all ranks, or nullptr when
// the run has a single rank. Call it only when the launcher's environment says MPI (mpi_launch.hpp).
std::unique_ptr<TaskScheduler> make_mpi_scheduler();

}  // namespace peaksim
