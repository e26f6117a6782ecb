// The experiment's task pool (sim/experiment/task_pool.hpp) on a fake arm whose replications fail on demand: each
// worker writes its batch's file, a batch is published only while its task is current, and a speculative batch that
// fails is dropped and runs again once its task is promoted.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/experiment/parts_folder.hpp"
#include "sim/experiment/task_pool.hpp"
#include "sim/output/results_reader.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace peaksim;
using namespace peaksim::experiment;

namespace {

// One arm of replications whose KPI "x" is the replication id. Replications below `slow_below` take 300 ms (so
// that a speculative batch started beside them ends first); replication `failing` throws, once only when `once`
// names a file (made by the first failure).
ArmRun fake_arm(std::uint64_t slow_below, std::uint64_t failing, const std::string& once) {
  ArmRun arm;
  arm.provenance = {"fake", "fake.yaml", "name: fake\nseed: 1\n", "", {}, 1};
  arm.axes = {{"2026-11-01"}, {"S1"}, {"toys"}, {"north"}, {"toys"}};
  arm.tables = {{4}, {10}, {6}, {2}, {1}, {5}, {0}, {"sS"}, {""}, {1}, {0}, {"north"}, {}, {}};
  arm.runner = [=](const std::vector<std::uint64_t>& replications, bool, const ResultSink& send) {
    for (const std::uint64_t r : replications) {
      if (r < slow_below) std::this_thread::sleep_for(std::chrono::milliseconds(300));
      if (r == failing && (once.empty() || !fs::exists(once))) {
        if (!once.empty()) std::ofstream(once) << "failed once\n";
        throw std::runtime_error("replication " + std::to_string(r) + " failed");
      }
    }
    for (const std::uint64_t r : replications) {
      ReplicationResult result;
      result.replication = r;
      result.kpi_names = {"x"};
      result.kpi_values = {double(r)};
      send(std::move(result));
    }
  };
  return arm;
}

struct Seen {
  std::map<std::string, std::uint64_t> shards;  // path: replications
  std::map<std::uint64_t, double> kpis;
  int rounds = 0;
};

// Replications 0-3 current, 4-7 speculative, in batches of 2 over 3 workers; at the first round's end the
// speculative task is promoted, at the second's the pool ends.
void run_pool(const std::vector<ArmRun>& arms, const fs::path& folder, Seen& seen) {
  RunnerOptions options;
  options.jobs = 3;
  options.batch = 2;
  TaskPool pool(arms, folder, options);
  TaskPool::Hooks hooks;
  hooks.followed = [](const ReplicationResult& r) { return r.kpi_values; };
  hooks.committed = [&](std::size_t, const std::string& path, std::uint64_t count,
                        std::map<std::uint64_t, std::vector<double>>&& kpis) {
    seen.shards[path] = count;
    for (const auto& [r, v] : kpis) seen.kpis[r] = v.at(0);
  };
  hooks.round_done = [&] {
    if (++seen.rounds == 1) pool.promote();
  };
  pool.set_hooks(hooks);
  pool.add({{0, 0, 4}}, false);
  pool.add({{0, 4, 4}}, true);
  pool.run();
}

}  // namespace

TEST_CASE("task pool: each batch is a shard the worker wrote, published once its task is current") {
  test::TempDir dir;
  const std::vector<ArmRun> arms{fake_arm(0, 99, "")};
  Seen seen;
  run_pool(arms, dir.path, seen);
  CHECK(seen.rounds == 2);
  REQUIRE(seen.shards.size() == 4);
  for (const std::uint64_t first : {0, 2, 4, 6}) {
    const std::string path = (dir.path / shard_name(0, first)).string();
    REQUIRE(seen.shards.count(path) == 1);
    CHECK(seen.shards[path] == 2);
    ResultsReader shard(path);
    CHECK(shard.replications() == std::vector<std::uint64_t>{first, first + 1});
    CHECK(shard.kpi("x") == std::vector<double>{double(first), double(first + 1)});
  }
  CHECK(seen.kpis.size() == 8);
  CHECK(fs::is_empty(staged_folder(dir.path)));  // every batch was published
}

TEST_CASE("task pool: a speculative batch stays unpublished when the pool ends before its promotion") {
  test::TempDir dir;
  const std::vector<ArmRun> arms{fake_arm(0, 99, "")};
  RunnerOptions options;
  options.jobs = 1;
  options.batch = 2;
  TaskPool pool(arms, dir.path, options);
  std::set<std::string> published;
  TaskPool::Hooks hooks;
  hooks.committed = [&](std::size_t, const std::string& path, std::uint64_t, auto&&) { published.insert(path); };
  hooks.round_done = [] { throw StopWorkers{}; };
  pool.set_hooks(hooks);
  pool.add({{0, 0, 2}}, false);
  pool.add({{0, 2, 2}}, true);
  pool.run();
  CHECK(published == std::set<std::string>{(dir.path / shard_name(0, 0)).string()});
  CHECK_FALSE(fs::exists(dir.path / shard_name(0, 2)));
}

TEST_CASE("task pool: a speculative batch that fails runs again once promoted") {
  test::TempDir dir;
  // Replication 5 fails on its first try, while the current batches (0-3) are still running.
  const std::vector<ArmRun> arms{fake_arm(4, 5, dir / "failed-once")};
  Seen seen;
  run_pool(arms, dir.path, seen);
  CHECK(fs::exists(dir / "failed-once"));
  REQUIRE(seen.shards.size() == 4);
  CHECK(seen.kpis.size() == 8);
  ResultsReader retried((dir.path / shard_name(0, 4)).string());
  CHECK(retried.replications() == std::vector<std::uint64_t>{4, 5});
  CHECK(retried.kpi("x") == std::vector<double>{4, 5});
}

TEST_CASE("task pool: a failure that stays once its task is promoted stops the pool") {
  test::TempDir dir;
  const std::vector<ArmRun> arms{fake_arm(4, 5, "")};
  Seen seen;
  CHECK_THROWS_WITH_AS(run_pool(arms, dir.path, seen), doctest::Contains("replication 5 failed"), WorkerError);
  // The current round's shards are kept (for --resume); the failed batch's are not.
  CHECK(fs::exists(dir.path / shard_name(0, 0)));
  CHECK(fs::exists(dir.path / shard_name(0, 2)));
  CHECK_FALSE(fs::exists(dir.path / shard_name(0, 4)));
}
