// Under mpirun: every rank takes a task that runs a worker process which sleeps for minutes, each process leaving
// a file named after its pid in the folder argv[1]; tests/unit/mpi_interrupt.sh then interrupts mpirun and checks
// that every rank and worker is gone.
#include <unistd.h>

#include <fstream>
#include <string>

#include "sim/common/fault_cleanup.hpp"
#include "sim/montecarlo/task_scheduler.hpp"
#include "sim/montecarlo/worker_pool.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  peaksim::install_fault_handlers();  // as peaksim's main does
  const std::string folder = argv[1];
  const auto leave_pid = [&](const std::string& kind) {
    std::ofstream(folder + "/" + kind + "_" + std::to_string(::getpid()) + ".pid") << ::getpid() << '\n';
  };
  const auto scheduler = peaksim::make_task_scheduler();
  const peaksim::BatchRunner sleep_long = [&](const std::vector<std::uint64_t>&, bool, const peaksim::ResultSink&) {
    leave_pid("worker");
    ::sleep(600);
  };
  scheduler->run_round(std::size_t(scheduler->ranks()),
                       [&](std::size_t) {
                         leave_pid("rank");
                         peaksim::run_in_workers(sleep_long, {0}, {}, [](peaksim::ReplicationResult&&) {});
                       },
                       {});
  return 0;
}
