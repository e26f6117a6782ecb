// The memory budget on the command line: validate prints the estimate, validate and run refuse a run over the
// budget (exit 2, nothing written), and the estimate lies above what a run measures (docs/reliability.md).
#include <doctest/doctest.h>

#include <cstdlib>
#include <regex>

#include "model/memory_budget.hpp"
#include "sim/common/sanitizers.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kReference = source_path("scenarios/reference/single_sS.yaml");

// Sets an environment variable for the peaksim processes a test case starts, and removes it at the end.
struct Env {
  std::string name;
  Env(std::string n, const std::string& value) : name(std::move(n)) { setenv(name.c_str(), value.c_str(), 1); }
  ~Env() { unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("validate prints the memory a run will need and the budget") {
  const Outcome o = run_peaksim("validate " + kReference);
  CHECK(o.status == 0);
  CHECK(std::regex_search(o.out, std::regex("\n  memory: about [0-9.]+ [MG]B with [0-9]+ jobs \\(plan [0-9.]+ [MG]B, "
                                            "[0-9.]+ [MG]B per replication in a worker\\); budget [0-9.]+ [MG]B "
                                            "\\(80% of physical memory\\)\n")));
}

TEST_CASE("a run over the memory budget is refused by validate and by run, with exit 2 and nothing written") {
  const Env budget("PEAKSIM_MEMORY_BUDGET_MB", "50");
  const std::string expected_start = kReference + ": the run would need about ";
  const Outcome v = run_peaksim("validate " + kReference);
  CHECK(v.status == 2);
  CHECK(v.out.empty());
  CHECK(v.err.rfind(expected_start, 0) == 0);
  CHECK(v.err.find("; the budget is 50 MB (PEAKSIM_MEMORY_BUDGET_MB): use fewer SKUs") != std::string::npos);
  TempDir dir;
  const Outcome r = run_peaksim("run " + kReference + " -j 1 -q -o " + (dir / "out.h5"));
  CHECK(r.status == 2);
  CHECK(r.err.rfind(expected_start, 0) == 0);
  CHECK(r.err.find("1 jobs of") != std::string::npos);  // run's own --jobs
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("the memory estimate lies above the peak memory a run measures, in the parent and in its worker") {
  // Every SKU recorded every day: the results dominate, as in the largest runs.
  const std::vector<std::string> sets = {"catalog.generate.count=4000", "record.level=sku_daily", "replications=2"};
  std::string args;
  for (const auto& s : sets) args += " --set " + s;
  const Env stats("PEAKSIM_RUN_STATS", "1");
  TempDir dir;
  const Outcome o = run_peaksim("run " + kReference + args + " -j 1 -q -o " + (dir / "out.h5"));
  REQUIRE(o.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(o.err, m, std::regex("parent ([0-9]+) kB ; largest worker ([0-9]+) kB")));
  const double parent = std::stod(m[1]) * 1024, worker = std::stod(m[2]) * 1024;
  const peaksim::Scenario sc = peaksim::load_scenario(kReference, sets);
  const peaksim::MemoryEstimate e = peaksim::estimate_memory(sc, 1, peaksim::automatic_batch(sc, 2, 1));
  INFO("parent measured " << parent / 1e6 << " MB, estimated " << e.parent_bytes / 1e6 << " MB; worker measured "
                          << worker / 1e6 << " MB, estimated " << e.worker_bytes / 1e6 << " MB");
  CHECK(e.total_bytes < 3 * (parent + worker));  // an estimate, not a blanket refusal
  if (PEAKSIM_ADDRESS_SANITIZER) {
    // The estimate is of peaksim's own memory; ASan's shadow memory and freed-memory quarantine add to the
    // resident set (about twice the estimate here), so the upper bound holds only in an uninstrumented build.
    MESSAGE("the estimate's upper bound on the measured peaks is not checked under AddressSanitizer");
    return;
  }
  CHECK(e.parent_bytes > parent);
  CHECK(e.worker_bytes > worker);
}
