// End-to-end over MPI: `mpirun -np 2 peaksim experiment` writes the arms' KPI tables and the /experiment tables bit
// for bit as one process does (fixed replications and a stopping rule, whose decisions rank 0 broadcasts), and an
// experiment interrupted under mpirun and resumed under mpirun equals an uninterrupted run. Without MPI the
// executable reports a skip with the reason (tests/support/skip.hpp).
#include "tests/support/skip.hpp"
// skip.hpp first: it implements doctest with its own main
#include <chrono>
#include <sstream>
#include <thread>

#include "tests/e2e/experiment_fixture.hpp"

using namespace peaksim::test;

namespace {

#ifdef PEAKSIM_MPIRUN
const std::string kMpirun = PEAKSIM_MPIRUN;  // e.g. "/usr/bin/mpiexec -n 2 --oversubscribe"
#else
const std::string kMpirun;
#endif

Outcome run_ranks(const std::string& args) { return run_shell(kMpirun + " " + PEAKSIM_BIN + " " + args); }

// The arms' KPI tables and every /experiment table of `file`.
struct Results {
  std::map<std::string, KpiBits> arms;
  std::map<std::string, std::string> experiment;
  bool operator==(const Results&) const = default;
};
Results results_of(const std::string& file) { return {all_arms(file), dataset_bytes(file, "/experiment")}; }

}  // namespace

TEST_CASE("experiment over 2 ranks: the same arms and comparison tables, bit for bit, as one process") {
  TempDir dir;
  // 3 arms of 120 replications: 9 tasks (shards of at most 50), so both ranks take some.
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(120));
  const Outcome one = run_peaksim("experiment " + exp + " -q -j 1 -o " + (dir / "one.h5"));
  INFO(one.err);
  REQUIRE(one.status == 0);
  const Outcome two = run_ranks("experiment " + exp + " -q -o " + (dir / "two.h5"));
  INFO(two.err);
  REQUIRE(two.status == 0);
  CHECK(two.err.find("fork") == std::string::npos);  // no warning from Open MPI about the forked workers
  const Results a = results_of(dir / "one.h5");
  CHECK(a.arms.size() == 3);
  CHECK(a.experiment.count("/experiment/paired/mean") == 1);
  CHECK(results_of(dir / "two.h5") == a);
  CHECK_FALSE(fs::exists(parts_of(dir / "two.h5")));
}

TEST_CASE("experiment over 2 ranks: a stopping rule takes the same rounds and decisions as in one process") {
  TempDir dir;
  const std::string exp =
      write_file(dir, "unmet.yaml",
                 tiny_experiment_with("stopping: {kpi: total_cost, half_width: 0.0000001, min_replications: 4, "
                                      "max_replications: 12, block: 4}"));
  REQUIRE(run_peaksim("experiment " + exp + " -q -j 1 -o " + (dir / "one.h5")).status == 0);
  const Outcome two = run_ranks("experiment " + exp + " -q -o " + (dir / "two.h5"));
  INFO(two.err);
  REQUIRE(two.status == 0);
  CHECK(read_ints(dir / "two.h5", "/experiment/stopping/met") == std::vector<std::int32_t>{0});
  CHECK(read_doubles(dir / "two.h5", "/arms/sS/kpi/replication").size() == 12);
  CHECK(results_of(dir / "two.h5") == results_of(dir / "one.h5"));
}

TEST_CASE("experiment over 2 ranks: an output rank 0 refuses stops every rank with status 2") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(4));
  const Outcome one = run_peaksim("experiment " + exp + " -q -j 1 -o " + (dir / "one.h5"));
  REQUIRE(one.status == 0);
  const Outcome exists = run_ranks("experiment " + exp + " -q -o " + (dir / "one.h5"));
  CHECK(exists.status == 2);  // rank 0 alone checks the output; every rank learns the refusal and leaves
  CHECK(exists.err.find("--force") != std::string::npos);
}

TEST_CASE("experiment over 2 ranks: interrupted under mpirun, resumed under mpirun, equals an uninterrupted run") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(2000));
  REQUIRE(run_peaksim("experiment " + exp + " -q -j 1 -o " + (dir / "whole.h5")).status == 0);
  const std::string out = dir / "cut.h5";
  std::vector<std::string> argv;
  std::istringstream words(kMpirun);
  for (std::string w; words >> w;) argv.push_back(w);
  for (const std::string& a :
       {std::string(PEAKSIM_BIN), std::string("experiment"), exp, std::string("-q"), std::string("-o"), out})
    argv.push_back(a);
  const pid_t mpirun = start_program(argv, dir / "log");
  for (int i = 0; i < 120000 && shard_count(parts_of(out)) < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(shard_count(parts_of(out)) >= 2);
  kill(mpirun, SIGINT);
  int status = 0;
  REQUIRE(waitpid(mpirun, &status, 0) == mpirun);
  INFO(read_text(dir / "log"));
  REQUIRE_FALSE(fs::exists(out));
  REQUIRE(fs::exists(parts_of(out)));
  const Outcome resumed = run_ranks("experiment " + exp + " -q --resume -o " + out);
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK(results_of(out) == results_of(dir / "whole.h5"));
  CHECK_FALSE(fs::exists(parts_of(out)));
}

int main(int argc, char** argv) {
  const std::string missing =
      kMpirun.empty() ? "this build has no MPI (PEAKSIM_MPI is OFF; Debian: openmpi-bin libopenmpi-dev)" : "";
  return peaksim::testing::run_unless_missing("test_experiment_mpi", missing, argc, argv);
}
