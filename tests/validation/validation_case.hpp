// Shared by every validation case: run a scenario's replications, summarise a KPI with a 99%
// confidence interval, compare it with the theory value computed by the test's own oracle, and
// record the outcome for docs/validation.md (scripts/validation-report).
//
// A case passes when |theory - mean| <= half_width + tolerance, where `tolerance` is the small,
// documented modelling allowance of that case (e.g. rounding a Normal demand to whole units).
#pragma once
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::validation {

inline std::string scenario_path(const std::string& name) {
  return std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/validation/" + name;
}

// Every scenario of the repository (scenarios/**/*.yaml but the experiment files of scenarios/experiments/), globbed
// when the test runs so that scenarios added later are covered too; sorted, for a stable order of checks.
inline std::vector<std::string> repository_scenarios() {
  const std::filesystem::path root = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios";
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path() == root / "experiments") it.disable_recursion_pending();
    if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// KPI name -> one value per replication (in replication order); arrays stay available if asked.
struct Runs {
  std::map<std::string, std::vector<double>> kpi;
  std::vector<ReplicationResult> results;  // only filled when keep_results is true
};

inline Runs run_replications(const std::string& scenario_file, const std::vector<std::string>& overrides,
                             int replications, bool keep_results = false) {
  std::vector<std::string> all = overrides;
  all.push_back("replications=" + std::to_string(replications));
  const Scenario sc = load_scenario(scenario_file, all);
  const NetworkPlan plan = make_network_plan(sc);
  std::vector<std::uint64_t> ids;
  for (int r = 0; r < replications; ++r) ids.push_back(std::uint64_t(r));
  std::map<std::uint64_t, ReplicationResult> by_id;
  run_in_workers(batch_runner(plan), ids, {2, std::max(1, replications / 8)},
                 [&](ReplicationResult&& r) { by_id[r.replication] = std::move(r); });
  Runs runs;
  for (auto& [id, r] : by_id) {
    for (std::size_t k = 0; k < r.kpi_names.size(); ++k) runs.kpi[r.kpi_names[k]].push_back(r.kpi_values[k]);
    if (keep_results) runs.results.push_back(std::move(r));
  }
  return runs;
}

struct CaseReport {
  std::string case_id;      // e.g. "newsvendor_normal/expected_profit"
  std::string model;        // one line: what is simulated
  std::string formula;      // the closed form, as text
  std::string source;       // where the formula comes from
  std::string parameters;   // e.g. "mu=100, sigma=20, p=10, c=6, v=2"
  std::string conventions;  // the conventions that make simulation and formula comparable
  double theory = 0;
  std::vector<double> samples;  // one per replication
  double tolerance = 0;         // documented modelling allowance, added to the CI half-width
  double confidence = 0.99;
};

// Checks the case and appends one JSON line to $PEAKSIM_VALIDATION_LOG (if set).
inline void check_against_theory(const CaseReport& c) {
  const stats::Summary s = stats::summarize(c.samples, c.confidence);
  const double gap = std::abs(c.theory - s.mean);
  const bool pass = gap <= s.half_width + c.tolerance;
  INFO(fmt::format("{}: theory {:.6g}, simulation {:.6g} +/- {:.3g} ({}% CI, n = {}), tolerance {:.3g}", c.case_id,
                   c.theory, s.mean, s.half_width, c.confidence * 100, s.n, c.tolerance));
  CHECK(pass);
  if (const char* log = std::getenv("PEAKSIM_VALIDATION_LOG")) {
    auto esc = [](const std::string& t) {
      std::string o;
      for (char ch : t) o += ch == '"' ? std::string("\\\"") : ch == '\\' ? std::string("\\\\") : std::string(1, ch);
      return o;
    };
    std::ofstream(log, std::ios::app) << fmt::format(
        "{{\"case\": \"{}\", \"model\": \"{}\", \"formula\": \"{}\", \"source\": \"{}\", \"parameters\": \"{}\", "
        "\"conventions\": \"{}\", \"theory\": {:.17g}, \"mean\": {:.17g}, \"half_width\": {:.17g}, \"confidence\": {}, "
        "\"replications\": {}, \"tolerance\": {:.17g}, \"pass\": {}}}\n",
        esc(c.case_id), esc(c.model), esc(c.formula), esc(c.source), esc(c.parameters), esc(c.conventions), c.theory,
        s.mean, s.half_width, c.confidence, s.n, c.tolerance, pass ? "true" : "false");
  }
}

// Describes a case (what is simulated, its parameters and conventions), prints it beside its theory
// and checks it.
inline void report(CaseReport& c, const std::string& model, const std::string& params, const std::string& conventions) {
  c.model = model;
  c.parameters = params;
  c.conventions = conventions;
  const stats::Summary s = stats::summarize(c.samples, c.confidence);
  MESSAGE(fmt::format("{:<40} theory {:.6f}  simulation {:.6f} +/- {:.6f} (99%, n={})", c.case_id, c.theory, s.mean,
                      s.half_width, s.n));
  check_against_theory(c);
}

}  // namespace peaksim::validation
