// The local task scheduler and how a process learns from its launcher's environment that it is one rank of
// several (sim/montecarlo/mpi_launch.hpp). The MPI scheduler itself is tested under mpirun (test_mpi_scheduler).
#include <doctest/doctest.h>
#include <stdlib.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/montecarlo/mpi_launch.hpp"
#include "sim/montecarlo/task_scheduler.hpp"

using namespace peaksim;

namespace {

constexpr const char* kLauncherVariables[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"};

// Sets the launcher's variables for one check and restores them after it.
class LauncherEnvironment {
public:
  LauncherEnvironment() {
    for (const char* name : kLauncherVariables) {
      const char* value = std::getenv(name);
      saved_.push_back(value ? std::optional<std::string>(value) : std::nullopt);
      ::unsetenv(name);
    }
  }
  ~LauncherEnvironment() {
    for (std::size_t i = 0; i < saved_.size(); ++i)
      saved_[i] ? ::setenv(kLauncherVariables[i], saved_[i]->c_str(), 1) : ::unsetenv(kLauncherVariables[i]);
  }
  void set(const char* name, const char* value) { ::setenv(name, value, 1); }

private:
  std::vector<std::optional<std::string>> saved_;
};

}  // namespace

TEST_CASE("the local scheduler runs every task once, in order, each reported as it ends") {
  const auto scheduler = make_local_scheduler();
  CHECK(scheduler->rank() == 0);
  CHECK(scheduler->ranks() == 1);
  CHECK(scheduler->is_root());
  std::vector<std::string> events;
  scheduler->run_round(
      3, [&](std::size_t i) { events.push_back("run " + std::to_string(i)); },
      [&](std::size_t i) { events.push_back("finished " + std::to_string(i)); });
  CHECK(events == std::vector<std::string>{"run 0", "finished 0", "run 1", "finished 1", "run 2", "finished 2"});
  CHECK(scheduler->broadcast("stop at 64") == "stop at 64");
}

TEST_CASE("the local scheduler lets a task's exception through as it is and runs no later task") {
  const auto scheduler = make_local_scheduler();
  std::vector<std::size_t> ran;
  const auto execute = [&](std::size_t i) {
    ran.push_back(i);
    if (i == 1) throw std::out_of_range("task 1 failed");
  };
  CHECK_THROWS_WITH_AS(scheduler->run_round(4, execute, {}), "task 1 failed", std::out_of_range);
  CHECK(ran == std::vector<std::size_t>{0, 1});
}

TEST_CASE("the launcher's environment tells whether this process is one rank of several") {
  LauncherEnvironment environment;
  CHECK(mpi_launch_from_environment() == MpiLaunch::none);
  SUBCASE("Open MPI's mpirun") {
    environment.set("OMPI_COMM_WORLD_SIZE", "4");
    CHECK(mpi_launch_from_environment() == MpiLaunch::many);
    environment.set("OMPI_COMM_WORLD_SIZE", "1");
    CHECK(mpi_launch_from_environment() == MpiLaunch::none);
  }
  SUBCASE("MPICH's hydra") {
    environment.set("PMI_SIZE", "2");
    CHECK(mpi_launch_from_environment() == MpiLaunch::many);
    environment.set("PMI_SIZE", "1");
    CHECK(mpi_launch_from_environment() == MpiLaunch::none);
  }
  SUBCASE("a PMIx launcher that names the rank only: MPI must tell the size") {
    environment.set("PMIX_RANK", "0");
    CHECK(mpi_launch_from_environment() == MpiLaunch::unknown);
    environment.set("OMPI_COMM_WORLD_SIZE", "1");  // a size, where given, decides
    CHECK(mpi_launch_from_environment() == MpiLaunch::none);
  }
  SUBCASE("a value that is no count is no launcher's") {
    environment.set("OMPI_COMM_WORLD_SIZE", "two");
    CHECK(mpi_launch_from_environment() == MpiLaunch::none);
  }
}

TEST_CASE("a process not started by an MPI launcher, or with one rank, gets the local scheduler") {
  LauncherEnvironment environment;
  CHECK(make_task_scheduler()->ranks() == 1);
  environment.set("OMPI_COMM_WORLD_SIZE", "1");
  CHECK(make_task_scheduler()->ranks() == 1);
}

#ifndef PEAKSIM_MPI
// With MPI, several ranks get the MPI scheduler: test_mpi_scheduler, run under mpirun.
TEST_CASE("a build without MPI started with several ranks refuses, since every rank would run every task") {
  LauncherEnvironment environment;
  environment.set("OMPI_COMM_WORLD_SIZE", "2");
  CHECK_THROWS_AS(make_task_scheduler(), SchedulerError);
}
#endif
