// End-to-end: `peaksim experiment` on a tiny experiment (the reference (s,S) model cut to 20 SKUs and 60 days):
// common random numbers, the results file, jobs-independence, refusals, and interruption with --resume.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <thread>

#include "tests/e2e/experiment_fixture.hpp"

using namespace peaksim::test;

TEST_CASE("experiment: common random numbers pair the arms, and an arm is the run of its edits") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(6));
  const Outcome o = run_peaksim("experiment " + exp + " -o " + (dir / "exp.h5") + " -j 2");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string out = dir / "exp.h5";
  CHECK(read_string_attribute(out, "/", "kind") == "experiment");
  CHECK(read_string_attribute(out, "/", "baseline") == "sS");
  CHECK(read_strings(out, "/experiment/arms/name") == std::vector<std::string>{"sS", "same", "base_stock"});
  CHECK(read_string_attribute(out, "/arms/sS", "kind") == "run");

  // The arm whose edit changes nothing differs from the baseline by exactly 0 in every replication.
  const std::vector<std::string> arms = read_strings(out, "/experiment/paired/arm");
  const std::vector<double> mean = read_doubles(out, "/experiment/paired/mean");
  const std::vector<double> sd = read_doubles(out, "/experiment/paired/sd");
  std::size_t rows_same = 0;
  for (std::size_t i = 0; i < arms.size(); ++i)
    if (arms[i] == "same") {
      ++rows_same;
      CHECK(mean[i] == 0.0);
      CHECK(sd[i] == 0.0);
    }
  CHECK(rows_same == 2);
  CHECK(kpi_table(out, "/arms/same") == kpi_table(out, "/arms/sS"));
  // The other arm really differs: the pairing did not copy one arm into another.
  CHECK(read_doubles(out, "/arms/base_stock/kpi/total_cost") != read_doubles(out, "/arms/sS/kpi/total_cost"));

  // Replication r of an arm is `peaksim run` of the base scenario with the same edits and seed.
  const Outcome run = run_peaksim("run " + kReference +
                                  " --set catalog.generate.count=20 --set horizon=60d "
                                  "--set 'policy={type: base_stock, S: 40}' --seed 7 -n 6 -q -o " +
                                  (dir / "run.h5"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(kpi_table(dir / "run.h5", "") == kpi_table(out, "/arms/base_stock"));
  CHECK(read_string_attribute(dir / "run.h5", "/", "kind") == "run");

  // An experiment's file is no run's: `peaksim merge` says so rather than failing on a missing group.
  const Outcome merge = run_peaksim("merge " + out + " " + (dir / "run.h5") + " -o " + (dir / "m.h5"));
  CHECK(merge.status == 2);
  CHECK(merge.err.find("of kind 'experiment'") != std::string::npos);

  // The printed report: per-arm table, paired differences against the baseline, ranking.
  CHECK(o.out.find("arm - sS") != std::string::npos);
  CHECK(o.out.find("P(best)") != std::string::npos);
  CHECK_FALSE(fs::exists(parts_of(out)));
}

TEST_CASE("experiment: one worker and two write the same results") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(8));
  REQUIRE(run_peaksim("experiment " + exp + " -q -j 1 -o " + (dir / "one.h5")).status == 0);
  REQUIRE(run_peaksim("experiment " + exp + " -q -j 2 --batch 3 -o " + (dir / "two.h5")).status == 0);
  CHECK(all_arms(dir / "one.h5") == all_arms(dir / "two.h5"));
  CHECK(read_doubles(dir / "one.h5", "/experiment/paired/mean") ==
        read_doubles(dir / "two.h5", "/experiment/paired/mean"));
}

TEST_CASE("experiment: a value an arm sets that the scenario refuses is reported at its place in the file") {
  TempDir dir;
  const std::string exp =
      write_file(dir, "bad.yaml", tiny_experiment(4, "  - name: broken\n    set: {costs.order_fixed: cheap}\n"));
  const Outcome o = run_peaksim("experiment " + exp + " -o " + (dir / "exp.h5"));
  CHECK(o.status == 2);
  INFO(o.err);
  // The edit is on line 17 of the experiment file (the arm `broken`'s set).
  CHECK(o.err.rfind(exp + ":17:", 0) == 0);
  CHECK(o.err.find("costs.order_fixed") != std::string::npos);
  CHECK(listing(dir.path) == std::vector<std::string>{"bad.yaml " + std::to_string(fs::file_size(exp))});
}

TEST_CASE("experiment: the output is refused as `run` refuses it, before anything runs") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(2));
  write_file(dir, "exp.h5", "keep");
  const Outcome exists = run_peaksim("experiment " + exp + " -o " + (dir / "exp.h5"));
  CHECK(exists.status == 2);
  CHECK(exists.err.find("--force") != std::string::npos);
  CHECK(read_text(dir / "exp.h5") == "keep");
  const Outcome input = run_peaksim("experiment " + exp + " --force -o " + exp);
  CHECK(input.status == 2);
  CHECK(input.err.find("input file") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / ".tiny.yaml.parts"));
}

TEST_CASE("experiment: interrupted (SIGINT, SIGKILL), resumed, equals an uninterrupted run") {
  TempDir dir;
  // 2,000 replications per arm: shards of 50, so two are committed long before the end (120 in all), even on an
  // idle machine where the whole run takes a few seconds.
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(2000));
  REQUIRE(run_peaksim("experiment " + exp + " -q -j 2 -o " + (dir / "whole.h5")).status == 0);
  const auto whole = all_arms(dir / "whole.h5");

  for (const int signal : {SIGINT, SIGKILL}) {
    CAPTURE(signal);
    const std::string out = dir / ("cut" + std::to_string(signal) + ".h5");
    const fs::path parts = parts_of(out);
    const pid_t pid = start({"experiment", exp, "-q", "-j", "1", "-o", out}, dir / "log");
    for (int i = 0; i < 60000 && shard_count(parts) < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(shard_count(parts) >= 2);
    kill(pid, signal);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE_FALSE(fs::exists(out));  // stopped before the end
    REQUIRE(fs::exists(parts));
    if (signal == SIGINT) {
      const std::string log = read_text(dir / "log");
      CHECK(log.find("--resume") != std::string::npos);
      CHECK(log.find("replications of the 3 arms are kept") != std::string::npos);
    }

    // Without --resume the parts are not silently discarded.
    const Outcome again = run_peaksim("experiment " + exp + " -q -o " + out);
    CHECK(again.status == 2);
    CHECK(again.err.find("--resume") != std::string::npos);
    CHECK(again.err.find("--force") != std::string::npos);

    const Outcome resumed = run_peaksim("experiment " + exp + " -q -j 2 --resume -o " + out);
    INFO(resumed.err);
    REQUIRE(resumed.status == 0);
    CHECK(all_arms(out) == whole);
    CHECK_FALSE(fs::exists(parts));
  }
}

TEST_CASE("experiment: --resume refuses the parts of another experiment text") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(2000));
  const std::string out = dir / "exp.h5";
  const pid_t pid = start({"experiment", exp, "-q", "-j", "1", "-o", out}, dir / "log");
  for (int i = 0; i < 60000 && shard_count(parts_of(out)) < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(fs::exists(parts_of(out)));
  write_file(dir, "tiny.yaml", tiny_experiment(2000) + "# a comment changes the text\n");
  const Outcome o = run_peaksim("experiment " + exp + " -q --resume -o " + out);
  CHECK(o.status == 2);
  CHECK(o.err.find("changed") != std::string::npos);
  // --force discards them and runs anew.
  const Outcome forced = run_peaksim("experiment " + exp + " -q --force -o " + out);
  CHECK(forced.status == 0);
  CHECK(fs::exists(out));
}

TEST_CASE("experiment: a stopping rule runs rounds of paired blocks and records whether it was met") {
  TempDir dir;
  // A loose target that 4 replications meet, and one no count up to 12 meets.
  const auto rule = [](const std::string& target) {
    return "stopping: {kpi: total_cost, " + target + ", min_replications: 4, max_replications: 12, block: 4}";
  };
  const std::string met = write_file(dir, "met.yaml", tiny_experiment_with(rule("half_width: 100%")));
  const std::string unmet = write_file(dir, "unmet.yaml", tiny_experiment_with(rule("half_width: 0.0000001")));
  const Outcome a = run_peaksim("experiment " + met + " -q -j 2 -o " + (dir / "met.h5"));
  INFO(a.err);
  REQUIRE(a.status == 0);
  CHECK(read_ints(dir / "met.h5", "/experiment/stopping/met") == std::vector<std::int32_t>{1});
  CHECK(read_doubles(dir / "met.h5", "/arms/sS/kpi/replication").size() == 4);
  const Outcome b = run_peaksim("experiment " + unmet + " -q -j 2 -o " + (dir / "unmet.h5"));
  INFO(b.err);
  REQUIRE(b.status == 0);
  CHECK(read_ints(dir / "unmet.h5", "/experiment/stopping/met") == std::vector<std::int32_t>{0});
  for (const std::string arm : {"sS", "same", "base_stock"})
    CHECK(read_doubles(dir / "unmet.h5", "/arms/" + arm + "/kpi/replication").size() == 12);
  // The first 4 replications of each arm are those of the shorter run: rounds add replications, never redraw them.
  CHECK(read_doubles(dir / "unmet.h5", "/arms/base_stock/kpi/total_cost").at(3) ==
        read_doubles(dir / "met.h5", "/arms/base_stock/kpi/total_cost").at(3));
}

TEST_CASE("experiment: a stopping rule stops at the same count and writes the same results whatever the workers") {
  // Two workers start the next round's replications while the rule is still open on this one; a rule met after the
  // second round must drop the third round's replications unwritten, as one worker with whole rounds would.
  TempDir dir;
  const std::string file = write_file(
      dir, "rule.yaml",
      tiny_experiment_with(
          "stopping: {kpi: total_cost, half_width: 3%, min_replications: 2, max_replications: 12, block: 2}"));
  for (const std::string run : {"-j 1", "-j 2 --batch 1", "-j 3 --batch 2"}) {
    const std::string out = dir / ("out " + run + ".h5");
    const Outcome o = run_peaksim("experiment " + file + " -q " + run + " -o '" + out + "'");
    INFO(run << ": " << o.err);
    REQUIRE(o.status == 0);
  }
  const std::string one = dir / "out -j 1.h5";
  const std::size_t n = read_doubles(one, "/arms/sS/kpi/replication").size();
  CHECK(n >= 2);
  CHECK(n < 12);  // stopped by the rule, not by max_replications
  CHECK(read_ints(one, "/experiment/stopping/met") == std::vector<std::int32_t>{1});
  for (const std::string other : {"out -j 2 --batch 1.h5", "out -j 3 --batch 2.h5"}) {
    INFO(other);
    CHECK(all_arms(one) == all_arms(dir / other));
    CHECK(dataset_bytes(one, "/experiment") == dataset_bytes(dir / other, "/experiment"));
  }
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path)) files += entry.is_regular_file();
  CHECK(files == 4);  // the experiment file and three outputs: no shard, parts folder or temporary left
}

TEST_CASE("experiment: the parts folder's name fits a file name whatever the output's") {
  TempDir dir;
  const std::string exp = write_file(dir, "tiny.yaml", tiny_experiment(2));
  const std::string name(250, 'x');
  const Outcome o = run_peaksim("experiment " + exp + " -q -o " + (dir / (name + ".h5")));
  INFO(o.err);
  CHECK(o.status == 0);
  CHECK(fs::exists(dir.path / (name + ".h5")));
}
