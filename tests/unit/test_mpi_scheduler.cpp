// The MPI task scheduler, run by ctest as `mpirun -np 2` (every rank runs these cases, in the same order): each
// task runs exactly once over the ranks, a rank given a slow task takes fewer, a failure on any rank (a worker
// process killed included) makes every rank throw and leaves none waiting, and broadcast. Tasks leave markers
// naming their rank in a folder that rank 0 makes and broadcasts. Without MPI, or started without mpirun, the
// executable reports a skip with the reason (tests/support/skip.hpp).
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/montecarlo/mpi_launch.hpp"
#include "sim/montecarlo/task_scheduler.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "tests/support/skip.hpp"

using namespace peaksim;
namespace fs = std::filesystem;

namespace {

// A folder every rank can see (one machine), made by rank 0 and named to all.
class SharedFolder {
public:
  explicit SharedFolder(TaskScheduler& scheduler) : scheduler_(scheduler) {
    std::string made;
    if (scheduler.is_root()) {
      std::string pattern = (fs::temp_directory_path() / "peaksim-mpi-XXXXXX").string();
      if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
      made = pattern;
    }
    path_ = scheduler.broadcast(made);
  }
  ~SharedFolder() {
    scheduler_.broadcast("");  // every rank is done with it
    if (scheduler_.is_root()) fs::remove_all(path_);
  }
  const fs::path& path() const { return path_; }

  // Records that `task` ran on `rank`; a second run of a task fails to create its marker.
  void mark(std::size_t task, int rank) const {
    const std::string file = (path_ / ("task_" + std::to_string(task))).string();
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) throw std::runtime_error("task " + std::to_string(task) + " ran twice");
    const std::string text = std::to_string(rank);
    const bool written = ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    ::close(fd);
    if (!written) throw std::runtime_error("cannot write the marker of task " + std::to_string(task));
  }
  // The rank that ran each task, -1 where none did.
  std::vector<int> ranks_of(std::size_t tasks) const {
    std::vector<int> ranks(tasks, -1);
    for (std::size_t i = 0; i < tasks; ++i) {
      std::ifstream in(path_ / ("task_" + std::to_string(i)));
      if (in) in >> ranks[i];
    }
    return ranks;
  }
  std::size_t markers() const {
    return std::size_t(std::distance(fs::directory_iterator(path_), fs::directory_iterator()));
  }

private:
  TaskScheduler& scheduler_;
  fs::path path_;
};

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

TEST_CASE("every task runs exactly once over the ranks, and rank 0 hears of each once, between its own tasks") {
  const auto scheduler = make_task_scheduler();
  REQUIRE(scheduler->ranks() == 2);
  const SharedFolder folder(*scheduler);
  constexpr std::size_t kTasks = 40;
  bool executing = false;
  bool finished_during_execute = false;
  std::vector<std::size_t> finished;
  scheduler->run_round(
      kTasks,
      [&](std::size_t i) {
        executing = true;
        sleep_ms(10);
        folder.mark(i, scheduler->rank());
        executing = false;
      },
      [&](std::size_t i) {
        finished_during_execute = finished_during_execute || executing;
        finished.push_back(i);
      });
  if (scheduler->is_root()) {
    const std::vector<int> ranks = folder.ranks_of(kTasks);
    CHECK(std::count(ranks.begin(), ranks.end(), -1) == 0);
    CHECK(std::count(ranks.begin(), ranks.end(), 0) > 0);  // rank 0 computes too
    CHECK(std::count(ranks.begin(), ranks.end(), 1) > 0);
    CHECK(folder.markers() == kTasks);
    std::sort(finished.begin(), finished.end());
    std::vector<std::size_t> all(kTasks);
    for (std::size_t i = 0; i < kTasks; ++i) all[i] = i;
    CHECK(finished == all);
    CHECK_FALSE(finished_during_execute);
  } else {
    CHECK(finished.empty());  // progress is rank 0's
  }
  scheduler->run_round(0, [](std::size_t) { throw std::logic_error("no task to run"); }, {});
}

TEST_CASE("dynamic balancing: the rank that draws a slow task takes fewer") {
  const auto scheduler = make_task_scheduler();
  REQUIRE(scheduler->ranks() == 2);
  const SharedFolder folder(*scheduler);
  // Task 0 takes longer than all the others together: a static split (6 tasks each) would leave one rank idle.
  constexpr std::size_t kTasks = 12;
  scheduler->run_round(kTasks,
                       [&](std::size_t i) {
                         sleep_ms(i == 0 ? 2000 : 40);
                         folder.mark(i, scheduler->rank());
                       },
                       {});
  if (scheduler->is_root()) {
    const std::vector<int> ranks = folder.ranks_of(kTasks);
    const int slow = ranks[0];
    CHECK(std::count(ranks.begin(), ranks.end(), slow) <= 2);
    CHECK(std::count(ranks.begin(), ranks.end(), 1 - slow) >= 10);
  }
}

TEST_CASE("a task that fails on rank 1 makes every rank throw its message, and no further task starts") {
  const auto scheduler = make_task_scheduler();
  REQUIRE(scheduler->ranks() == 2);
  const SharedFolder folder(*scheduler);
  constexpr std::size_t kTasks = 200;
  const auto execute = [&](std::size_t i) {
    folder.mark(i, scheduler->rank());
    if (scheduler->rank() == 1) throw std::runtime_error("task " + std::to_string(i) + " failed on rank 1");
    sleep_ms(10);
  };
  CHECK_THROWS_AS(scheduler->run_round(kTasks, execute, {}), SchedulerError);
  CHECK_NOTHROW(scheduler->run_round(kTasks, [](std::size_t) {}, {}));  // the scheduler serves the next round
  if (scheduler->is_root()) CHECK(folder.markers() < kTasks);
}

TEST_CASE("the failure's message and kind reach every rank: bad input from rank 0 stays bad input") {
  const auto scheduler = make_task_scheduler();
  REQUIRE(scheduler->ranks() == 2);
  std::string message;
  try {
    scheduler->run_round(50,
                         [&](std::size_t) {
                           if (scheduler->rank() == 0)
                             throw InputRefused("s.yaml:3:5: catalog.count: expected at most 10");
                           sleep_ms(10);
                         },
                         {});
  } catch (const WorkerInputError& e) {
    message = e.what();
  }
  CHECK(message == "s.yaml:3:5: catalog.count: expected at most 10");
}

TEST_CASE("a worker process killed on one rank makes every rank throw; no rank waits for it") {
  const auto scheduler = make_task_scheduler();
  REQUIRE(scheduler->ranks() == 2);
  std::atomic<int> workers_started = 0;
  const BatchRunner die = [](const std::vector<std::uint64_t>&, bool, const ResultSink&) { std::raise(SIGKILL); };
  const auto execute = [&](std::size_t) {
    if (scheduler->rank() == 1) {
      ++workers_started;
      run_in_workers(die, {0, 1}, PoolOptions{}, [](ReplicationResult&&) {});
    }
    sleep_ms(20);
  };
  std::string message;
  try {
    scheduler->run_round(100, execute, {});
  } catch (const SchedulerError& e) {
    message = e.what();
  }
  CHECK(message.find("stopped abnormally") != std::string::npos);
  if (scheduler->rank() == 1) CHECK(workers_started == 1);
}

TEST_CASE("broadcast hands rank 0's text, any bytes, to every rank") {
  const auto scheduler = make_task_scheduler();
  REQUIRE(scheduler->ranks() == 2);
  std::string big(3'000'000, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = char(i * 7919 % 251);
  CHECK(scheduler->broadcast(scheduler->is_root() ? big : "not this") == big);
  CHECK(scheduler->broadcast(scheduler->is_root() ? "" : "nor this").empty());
}

int main(int argc, char** argv) {
  std::string missing;
#ifndef PEAKSIM_MPI
  missing = "this build has no MPI (PEAKSIM_MPI is OFF; Debian: openmpi-bin libopenmpi-dev)";
#else
  if (mpi_launch_from_environment() != MpiLaunch::many)
    missing = "not started by mpirun with 2 ranks (ctest runs it as mpirun -np 2)";
#endif
  return peaksim::testing::run_unless_missing("test_mpi_scheduler", missing, argc, argv);
}
