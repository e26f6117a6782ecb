// A rank that fails on its own (exit status 1), outside any round, while rank 0 waits for it in a round: the
// launcher must end the job (a failing rank skips MPI_Finalize, sim/montecarlo/task_scheduler.hpp) rather than
// leave rank 0 waiting. ctest runs it under mpirun with a time limit and expects mpirun to fail before the limit.
#include <cstdio>
#include <stdexcept>

#include "sim/montecarlo/mpi_launch.hpp"
#include "sim/montecarlo/task_scheduler.hpp"
#include "tests/support/skip.hpp"

int main() {
#ifndef PEAKSIM_MPI
  std::printf("mpi_lone_failure: skipped: this build has no MPI (PEAKSIM_MPI is OFF)\n");
  return peaksim::testing::kSkipped;
#else
  if (peaksim::mpi_launch_from_environment() != peaksim::MpiLaunch::many) {
    std::printf("mpi_lone_failure: skipped: not started by mpirun with 2 ranks\n");
    return peaksim::testing::kSkipped;
  }
  try {
    const auto scheduler = peaksim::make_task_scheduler();
    if (scheduler->rank() == 1) throw std::runtime_error("rank 1 cannot go on");
    scheduler->run_round(10, [](std::size_t) {}, {});  // waits for rank 1 to ask for tasks
    std::printf("rank 0 ended its round without rank 1\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
#endif
}
