// The experiment file (sim/experiment/experiment.hpp): bundled experiments load and make valid scenario edits,
// arms and sweeps become the edits docs/experiments.md says, Latin hypercube designs hold one point per stratum,
// and the comparison tables and the stopping rule on values worked by hand. The broken-experiment corpus is in
// test_broken_experiments.cpp.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "model/network_plan.hpp"
#include "sim/experiment/comparison.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/latin_hypercube.hpp"
#include "sim/scenario/loader.hpp"

namespace fs = std::filesystem;
using namespace peaksim;
using namespace peaksim::experiment;

namespace {

const fs::path kSource = PEAKSIM_SOURCE_DIR;

// An experiment file written for one test, in a folder of its own, next to a copy-free path to a real scenario.
struct TempExperiment {
  fs::path dir;
  fs::path file;
  explicit TempExperiment(const std::string& text) {
    static int count = 0;
    dir = fs::temp_directory_path() /
          ("peaksim_test_experiment_" + std::to_string(::getpid()) + "_" + std::to_string(count++));
    fs::create_directories(dir);
    file = dir / "e.yaml";
    std::ofstream(file) << text;
  }
  ~TempExperiment() { fs::remove_all(dir); }
};

const std::string kScenario = (kSource / "scenarios" / "reference" / "single_sS.yaml").string();

std::vector<std::string> texts(const std::vector<Edit>& edits) {
  std::vector<std::string> out;
  for (const auto& e : edits) out.push_back(e.text);
  return out;
}

std::vector<std::string> all_edits(const Experiment& e, const Arm& arm) {
  auto out = texts(e.base_edits);
  for (const auto& t : texts(arm.edits)) out.push_back(t);
  return out;
}

}  // namespace

TEST_CASE("the bundled experiments load, and every arm's edits make a scenario that loads and plans") {
  for (const char* name : {"sS_vs_base_stock.yaml", "peak_policies.yaml"}) {
    INFO(name);
    const Experiment e = load_experiment((kSource / "scenarios" / "experiments" / name).string());
    CHECK(e.arms.size() >= 4);
    CHECK(fs::exists(e.scenario_path));
    for (const Arm& arm : e.arms) {
      INFO("arm " << arm.name);
      // What `peaksim validate` checks: the scenario and its network plan (formulas per SKU, run limits).
      CHECK_NOTHROW(make_network_plan(load_scenario(e.scenario_path, all_edits(e, arm))));
    }
  }
}

TEST_CASE("sS_vs_base_stock: arms, grid points in order, edits as --set takes them, origins in the file") {
  const std::string file = (kSource / "scenarios" / "experiments" / "sS_vs_base_stock.yaml").string();
  const Experiment e = load_experiment(file);
  CHECK(e.name == "sS_vs_base_stock");
  CHECK(e.replications == 100);
  CHECK_FALSE(e.stopping);
  CHECK_FALSE(e.seed);
  CHECK(e.design_seed == 1);
  CHECK(e.baseline == "sS");
  CHECK(texts(e.base_edits) == std::vector<std::string>{"catalog.generate.count=200", "record.level=kpi_only"});
  std::vector<std::string> names;
  for (const Arm& arm : e.arms) names.push_back(arm.name);
  CHECK(names == std::vector<std::string>{"sS", "base_stock",
                                          "sS_grid[policy.s=ceil(3*m + 3*sqrt(m)),policy.S=s + 3*m]",
                                          "sS_grid[policy.s=ceil(3*m + 3*sqrt(m)),policy.S=s + 8*m]",
                                          "sS_grid[policy.s=ceil(5*m + 5*sqrt(m)),policy.S=s + 3*m]",
                                          "sS_grid[policy.s=ceil(5*m + 5*sqrt(m)),policy.S=s + 8*m]"});
  CHECK(e.arms[0].edits.empty());
  CHECK(e.arms[0].sweep.empty());
  CHECK(texts(e.arms[1].edits) ==
        std::vector<std::string>{"policy={type: base_stock, review_period: 1d, S: \"ceil(4*m + 4*sqrt(m)) + 5*m\"}"});
  CHECK(e.arms[1].edits[0].origin == file + ":19:15");
  CHECK(e.arms[2].sweep == "sS_grid");
  CHECK(texts(e.arms[3].edits) ==
        std::vector<std::string>{"policy.s=\"ceil(3*m + 3*sqrt(m))\"", "policy.S=\"s + 8*m\""});
  CHECK(e.arms[3].edits[1].origin == file + ":25:29");
  CHECK(e.parameters == std::vector<std::string>{"policy.s", "policy.S"});
  for (const Arm& arm : e.arms) {  // text values are no numbers: the design holds NaN
    REQUIRE(arm.design.size() == 2);
    CHECK(std::isnan(arm.design[0]));
  }
  REQUIRE(e.compare.size() == 4);
  CHECK(e.compare[0].goal == Goal::minimize);  // total_cost: a loss
  CHECK(e.compare[1].goal == Goal::maximize);  // fill_rate: service
  CHECK(e.compare[3].goal == Goal::minimize);  // orders_placed: as written
}

TEST_CASE("peak_policies: the stopping rule, a sweep's own edits first, Latin hypercube points") {
  const Experiment e = load_experiment((kSource / "scenarios" / "experiments" / "peak_policies.yaml").string());
  CHECK(e.replications == 0);
  REQUIRE(e.stopping);
  CHECK(e.stopping->kpi == "profit");
  CHECK_FALSE(e.stopping->half_width);
  CHECK(e.stopping->relative == doctest::Approx(0.002));
  CHECK(e.stopping->min_replications == 16);
  CHECK(e.stopping->max_replications == 256);
  CHECK(e.stopping->block == 16);
  CHECK(e.baseline == "baseline_sS");  // the first arm
  REQUIRE(e.arms.size() == 9);
  CHECK(e.parameters == std::vector<std::string>{"sites.suppliers[0].capacity_per_day", "sites.suppliers[0].moq"});
  std::set<double> capacities, moqs;
  for (std::size_t a = 3; a < e.arms.size(); ++a) {
    const Arm& arm = e.arms[a];
    REQUIRE(arm.edits.size() == 3);
    CHECK(arm.edits[0].text == "policy.s=\"ceil(mu_window + 1.65*sd_window)\"");
    CHECK(arm.name.rfind("supply_terms[sites.suppliers[0].capacity_per_day=", 0) == 0);
    capacities.insert(arm.design[0]);
    moqs.insert(arm.design[1]);
    CHECK(arm.edits[1].text == "sites.suppliers[0].capacity_per_day=" + std::to_string(int(arm.design[0])));
  }
  CHECK(capacities.size() == 6);  // 2,501 whole numbers in 6 strata: distinct
  CHECK(moqs.size() == 6);        // 25 in 6: distinct too
  for (std::size_t a = 0; a < 3; ++a) CHECK(std::isnan(e.arms[a].design[0]));
}

TEST_CASE("a named arm's numeric edit of a sweep parameter is its design value; an unset one is NaN") {
  TempExperiment t("experiment: x\nscenario: " + kScenario +
                   "\nreplications: 2\narms:\n  - {name: a, set: {policy.s: 7}}\n  - {name: b, set: {policy.s: 7}, "
                   "unset: [policy.s]}\nsweeps:\n  - {name: g, grid: {policy.s: [1, 2]}}\n");
  const Experiment e = load_experiment(t.file.string());
  REQUIRE(e.arms.size() == 4);
  CHECK(e.arms[0].design[0] == 7);
  CHECK(std::isnan(e.arms[1].design[0]));
  CHECK(e.arms[2].design[0] == 1);
  CHECK(e.arms[3].design[0] == 2);
  CHECK(e.arms[2].name == "g[policy.s=1]");
  CHECK(texts(e.arms[1].edits) == std::vector<std::string>{"policy.s=7", "--unset policy.s"});
}

TEST_CASE("seed and design_seed are read; the design seed changes the Latin hypercube, the seed does not") {
  const auto design = [](const std::string& seeds) {
    TempExperiment t("experiment: x\nscenario: " + kScenario + "\n" + seeds +
                     "replications: 2\nsweeps:\n  - name: l\n    latin_hypercube: {samples: 8, parameters: "
                     "{policy.s: [0, 10]}}\n");
    const Experiment e = load_experiment(t.file.string());
    std::vector<double> values;
    for (const Arm& arm : e.arms) values.push_back(arm.design[0]);
    return std::pair{e, values};
  };
  const auto [a, va] = design("");
  const auto [b, vb] = design("seed: 99\n");
  const auto [c, vc] = design("design_seed: 2\n");
  CHECK(b.seed == std::optional<std::uint64_t>(99));
  CHECK(c.design_seed == 2);
  CHECK(va == vb);
  CHECK(va != vc);
}

TEST_CASE("Latin hypercube: one point per stratum of each parameter, the same design for the same seed") {
  const std::vector<LatinRange> ranges = {
      {"a", 0, 1, false}, {"b", -50, 150, false}, {"c", 10, 109, true}, {"d", 1, 3, true}};
  for (std::int64_t n : {1, 7, 20, 100}) {
    INFO("samples " << n);
    const auto v = latin_hypercube(ranges, n, 42, "s");
    REQUIRE(v.size() == ranges.size());
    for (std::size_t p = 0; p < 3; ++p) {
      const LatinRange& r = ranges[p];
      std::vector<int> hits(std::size_t(n), 0);
      for (double x : v[p]) {
        REQUIRE(x >= r.from);
        REQUIRE(x <= r.to);
        // Real: stratum floor((x - from) / w). Integer: the group of whole numbers from + floor(k m / n) ...
        std::int64_t k = -1;
        if (!r.integer) {
          k = std::int64_t(std::floor((x - r.from) / (r.to - r.from) * double(n)));
        } else {
          const double m = r.to - r.from + 1;
          CHECK(x == std::floor(x));
          for (std::int64_t j = 0; j < n; ++j)
            if (std::floor(double(j) * m / double(n)) <= x - r.from &&
                x - r.from < std::floor(double(j + 1) * m / double(n)))
              k = j;
        }
        REQUIRE(k >= 0);
        REQUIRE(k < n);
        ++hits[std::size_t(k)];
      }
      for (int h : hits) CHECK(h == 1);
    }
    // d has 3 whole numbers: with more samples than that, each is taken n / 3 times, rounded either way.
    for (double value : {1.0, 2.0, 3.0}) {
      const auto count = std::count(v[3].begin(), v[3].end(), value);
      CHECK(count >= n / 3);
      CHECK(count <= (n + 2) / 3);
    }
    CHECK(latin_hypercube(ranges, n, 42, "s") == v);
    if (n > 1) {
      CHECK(latin_hypercube(ranges, n, 43, "s") != v);
      CHECK(latin_hypercube(ranges, n, 42, "other_sweep") != v);
    }
  }
}

TEST_CASE("Latin hypercube: the strata are permuted independently per parameter") {
  const auto v = latin_hypercube({{"a", 0, 1, false}, {"b", 0, 1, false}}, 200, 7, "s");
  // With the same permutation, a and b would sort points alike; independent ones give a rank correlation near 0.
  std::vector<std::size_t> rank_a(200), rank_b(200);
  for (std::size_t i = 0; i < 200; ++i) {
    rank_a[i] = std::size_t(v[0][i] * 200);
    rank_b[i] = std::size_t(v[1][i] * 200);
  }
  double d2 = 0;
  for (std::size_t i = 0; i < 200; ++i) d2 += std::pow(double(rank_a[i]) - double(rank_b[i]), 2);
  const double spearman = 1 - 6 * d2 / (200.0 * (200.0 * 200.0 - 1));
  CHECK(std::abs(spearman) < 0.25);  // |rho| > 0.25 has probability below 0.0005 under independence (sd 0.071)
}

namespace {

Experiment two_kpis(Goal first, Goal second) {
  Experiment e;
  e.baseline = "base";
  e.compare = {{"total_cost", first}, {"fill_rate", second}};
  return e;
}

}  // namespace

TEST_CASE("compare_arms: summaries, paired differences with ties counting half, ranks, NaN dropped in every arm") {
  const double nan = std::nan("");
  const std::vector<std::uint64_t> ids = {0, 1, 2, 3, 4};
  const std::vector<ArmValues> arms = {
      {"base", ids, {{10, 12, 14, 16, 18}, {0.9, 0.8, nan, 0.7, 0.9}}},
      {"cheap", ids, {{9, 12, 13, 14, 19}, {0.8, 0.8, 0.9, 0.9, 0.9}}},
  };
  const ComparisonTables t = compare_arms(two_kpis(Goal::minimize, Goal::maximize), arms);
  REQUIRE(t.summary.size() == 4);
  CHECK(t.summary[0].arm == "base");
  CHECK(t.summary[0].kpi == "total_cost");
  CHECK(t.summary[0].n == 5);
  CHECK(t.summary[0].mean == doctest::Approx(14));
  CHECK(t.summary[0].sd == doctest::Approx(std::sqrt(10.0)));
  CHECK(t.summary[0].half_width == doctest::Approx(2.776445 * std::sqrt(10.0) / std::sqrt(5.0)).epsilon(1e-6));
  // fill_rate: replication 2 is NaN in the baseline, so it is left out of both arms.
  CHECK(t.summary[2].arm == "base");
  CHECK(t.summary[2].n == 4);
  CHECK(t.summary[2].mean == doctest::Approx(0.825));
  CHECK(t.summary[3].n == 4);
  CHECK(t.summary[3].mean == doctest::Approx(0.85));
  REQUIRE(t.paired.size() == 2);
  // Differences -1, 0, -1, -2, +1: mean -0.6; better in 3, tied in 1 of 5 -> (3 + 0.5) / 5.
  CHECK(t.paired[0].arm == "cheap");
  CHECK(t.paired[0].n == 5);
  CHECK(t.paired[0].mean == doctest::Approx(-0.6));
  CHECK(t.paired[0].sd == doctest::Approx(std::sqrt(1.3)));
  CHECK(t.paired[0].better_share == doctest::Approx(0.7));
  // fill_rate, higher is better: differences -0.1, 0, +0.2, 0 -> better in 1, tied in 2 of 4.
  CHECK(t.paired[1].n == 4);
  CHECK(t.paired[1].mean == doctest::Approx(0.025));
  CHECK(t.paired[1].better_share == doctest::Approx(0.5));
  REQUIRE(t.ranking.size() == 4);
  CHECK(t.ranking[0].kpi == "total_cost");
  CHECK(t.ranking[0].arm == "cheap");
  CHECK(t.ranking[0].rank == 1);
  CHECK(t.ranking[1].arm == "base");
  CHECK(t.ranking[1].rank == 2);
  CHECK(t.ranking[0].probability_best + t.ranking[1].probability_best == doctest::Approx(1));
  CHECK(t.ranking[0].probability_best > 0.5);
  CHECK(t.ranking[2].arm == "cheap");  // fill_rate: 0.85 > 0.825
  // With the goal the other way round, the ranking turns round and the better shares are the complements.
  const ComparisonTables u = compare_arms(two_kpis(Goal::maximize, Goal::minimize), arms);
  CHECK(u.ranking[0].arm == "base");
  CHECK(u.paired[0].better_share == doctest::Approx(0.3));
  CHECK(u.ranking[0].probability_best == doctest::Approx(t.ranking[0].probability_best));  // same resamples
}

TEST_CASE("compare_arms: identical arms tie (rank shared, probability split), a KPI NaN everywhere has no rank") {
  const double nan = std::nan("");
  const std::vector<std::uint64_t> ids = {3, 4, 5};
  const std::vector<ArmValues> arms = {{"base", ids, {{1, 2, 4}, {nan, nan, nan}}},
                                       {"same", ids, {{1, 2, 4}, {1, 1, 1}}}};
  const ComparisonTables t = compare_arms(two_kpis(Goal::minimize, Goal::maximize), arms);
  CHECK(t.paired[0].mean == 0);
  CHECK(t.paired[0].sd == 0);
  CHECK(t.paired[0].better_share == 0.5);
  CHECK(t.ranking[0].rank == 1);
  CHECK(t.ranking[1].rank == 1);
  CHECK(t.ranking[0].probability_best == 0.5);
  CHECK(t.ranking[1].probability_best == 0.5);
  CHECK(t.paired[1].n == 0);
  CHECK(std::isnan(t.paired[1].better_share));
  CHECK(t.ranking[2].rank == 0);
  CHECK(std::isnan(t.ranking[2].probability_best));
}

TEST_CASE("compare_arms refuses arms whose replications do not pair, and a missing baseline") {
  const std::vector<ArmValues> arms = {{"base", {0, 1}, {{1, 2}, {1, 2}}}, {"other", {0, 2}, {{1, 2}, {1, 2}}}};
  CHECK_THROWS_WITH_AS(compare_arms(two_kpis(Goal::minimize, Goal::maximize), arms),
                       "compare_arms: arm 'other' holds other replication ids than arm 'base'; paired comparison "
                       "needs the same ids in every arm",
                       std::invalid_argument);
  Experiment e = two_kpis(Goal::minimize, Goal::maximize);
  e.baseline = "nobody";
  const std::vector<ArmValues> fine = {{"base", {0, 1}, {{1, 2}, {1, 2}}}};
  CHECK_THROWS_AS(compare_arms(e, fine), std::invalid_argument);
}

TEST_CASE("next_replication_target: min first, blocks until every arm meets the target, max at the latest") {
  StoppingRule rule;
  rule.kpi = "total_cost";
  rule.half_width = 1.0;
  rule.min_replications = 4;
  rule.max_replications = 10;
  rule.block = 4;
  const auto arms_with = [](const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<std::uint64_t> ids(a.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
    return std::vector<ArmValues>{{"x", ids, {a}}, {"y", ids, {b}}};
  };
  CHECK(next_replication_target(rule, arms_with({}, {}), 0) == 4);
  // Half-widths: x = t(3) 0.5 sd / 2 (narrow), y wide.
  const std::vector<double> narrow = {10, 10.1, 9.9, 10}, wide = {0, 10, 20, 30};
  CHECK(next_replication_target(rule, arms_with(narrow, wide), 0) == 8);
  CHECK(next_replication_target(rule, arms_with(narrow, narrow), 0) == 0);
  // 8 done, not met: 12 would pass max, so 10.
  const std::vector<double> wide8 = {0, 10, 20, 30, 0, 10, 20, 30}, narrow8 = {10, 10, 10, 10, 10, 10, 10, 10.1};
  CHECK(next_replication_target(rule, arms_with(narrow8, wide8), 0) == 10);
  rule.half_width.reset();
  rule.relative = 0.01;  // 1% of |mean| = 0.1: narrow8's half-width (0.03) meets it, narrow's (0.13) does not
  CHECK(next_replication_target(rule, arms_with(narrow8, narrow8), 0) == 0);
  CHECK(next_replication_target(rule, arms_with(narrow, narrow), 0) == 8);
  const std::vector<double> ten(10, 1.0);
  CHECK(next_replication_target(rule, arms_with(ten, ten), 0) == 0);  // max reached
}

TEST_CASE("an edit is one line, and its value reads back in the scenario as the experiment file wrote it") {
  TempExperiment t("experiment: x\nscenario: " + kScenario +
                   "\nreplications: 2\narms:\n  - {name: a}\n  - name: b\n    set:\n      description: \"two\\nlines, "
                   "'quoted' and: colon\"\n      name: \"123\"\n      calendar.events[+]: {name: summer, date: "
                   "2025-06-18, multiplier: 2}\n");
  const Experiment e = load_experiment(t.file.string());
  const Arm& b = e.arms[1];
  REQUIRE(b.edits.size() == 3);
  for (const Edit& edit : b.edits) CHECK(edit.text.find('\n') == std::string::npos);
  CHECK(b.edits[2].text == "calendar.events[+]={name: summer, date: 2025-06-18, multiplier: 2}");
  const Scenario sc = load_scenario(e.scenario_path, all_edits(e, b));
  CHECK(sc.description == "two\nlines, 'quoted' and: colon");
  CHECK(sc.name == "123");  // quoted in the file: text, not a number
  CHECK(sc.calendar.events.size() == load_scenario(e.scenario_path).calendar.events.size() + 1);
}
