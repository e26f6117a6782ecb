#include "model/experiment_arms.hpp"

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <functional>
#include <thread>

#include "model/memory_budget.hpp"
#include "model/replication.hpp"
#include "model/run_tables.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim {
namespace {

using experiment::Arm;
using experiment::Edit;

// The scenario names an edit by the text `peaksim run` would have been given ("--set KEY=VALUE", "--unset KEY");
// the experiment file wrote it at `origin`. The last edit of that text is the one whose value stands.
ScenarioError at_origin(const ScenarioError& error, const std::vector<Edit>& edits) {
  for (auto it = edits.rbegin(); it != edits.rend(); ++it)
    if (error.location() == "--set " + it->text || error.location() == it->text)
      return ScenarioError(it->origin, error.key_path(), error.message());
  return error;
}

// Calls make(a) for a = 0 .. n-1 on up to `threads` threads, all joined before it returns (workers are forked
// later: no thread may run then). The first failure in arm order is rethrown, so the message does not depend on
// the threads.
void for_each_arm(std::size_t n, int threads, const std::function<void(std::size_t)>& make) {
  std::vector<std::exception_ptr> failures(n);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t a; (a = next++) < n;) {
      try {
        make(a);
      } catch (...) {
        failures[a] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(threads, int(n)); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& f : failures)
    if (f) std::rethrow_exception(f);
}

}  // namespace

PreparedArms prepare_arms(const experiment::Experiment& e, int jobs, int batch) {
  PreparedArms out;
  std::vector<std::unique_ptr<Scenario>>& scenarios = out.scenarios;
  std::vector<std::vector<Edit>> all_edits;
  std::vector<std::vector<std::string>> all_overrides;  // each arm's edits as `peaksim run` records them
  for (const Arm& arm : e.arms) {
    std::vector<Edit> edits = e.base_edits;
    edits.insert(edits.end(), arm.edits.begin(), arm.edits.end());
    std::vector<std::string>& overrides = all_overrides.emplace_back();
    for (const Edit& edit : edits) overrides.push_back(edit.text);
    if (e.seed) overrides.push_back("seed=" + std::to_string(*e.seed));  // as --seed records it
    all_edits.push_back(std::move(edits));
  }
  scenarios.resize(e.arms.size());
  for_each_arm(e.arms.size(), jobs, [&](std::size_t a) {
    try {
      scenarios[a] = std::make_unique<Scenario>(load_scenario(e.scenario_path, all_overrides[a]));
    } catch (const ScenarioError& error) {
      throw at_origin(error, all_edits[a]);
    }
  });
  // Common random numbers: replication r of every arm draws from the same seed's streams.
  for (std::size_t a = 1; a < scenarios.size(); ++a)
    if (scenarios[a]->seed != scenarios[0]->seed)
      throw ArmRefused(fmt::format(
          "{}: arm '{}' runs seed {} but arm '{}' seed {}; the arms of an experiment share one seed (common random "
          "numbers): give `seed` in the experiment rather than in an arm's edits",
          e.file, e.arms[a].name, scenarios[a]->seed, e.arms[0].name, scenarios[0]->seed));

  // The memory of all arms' plans, which the parent holds together, on top of each arm's own run.
  // The task pool takes batches of at most batch_limit replications of an arm (an upper estimate).
  const std::int64_t replications = e.stopping ? e.stopping->max_replications : e.replications;
  std::vector<MemoryEstimate> estimates;
  double plans = 0;
  for (const auto& sc : scenarios) {
    const int limit = int(std::min<std::int64_t>(batch_limit(*sc), replications));
    estimates.push_back(estimate_memory(*sc, jobs, batch > 0 ? batch : limit));
    plans += estimates.back().plan_bytes;
  }
  const MemoryBudget budget = memory_budget();
  for (std::size_t a = 0; a < scenarios.size(); ++a) {
    MemoryEstimate m = estimates[a];
    m.parent_bytes += plans - m.plan_bytes;
    m.total_bytes += plans - m.plan_bytes;
    if (const std::string refusal = memory_refusal(*scenarios[a], m, budget); !refusal.empty())
      throw ArmRefused(fmt::format("arm '{}': {}", e.arms[a].name, refusal));
  }

  out.plans.resize(scenarios.size());
  for_each_arm(scenarios.size(), jobs, [&](std::size_t a) {
    try {
      out.plans[a] = std::make_unique<NetworkPlan>(make_network_plan(*scenarios[a]));
    } catch (const ScenarioError& error) {
      throw at_origin(error, all_edits[a]);
    } catch (const std::exception& error) {  // a formula that yields an unusable policy level
      throw ArmRefused(fmt::format("{}: arm '{}': {}", e.scenario_path, e.arms[a].name, error.what()));
    }
  });
  for (std::size_t a = 0; a < scenarios.size(); ++a) {
    const Scenario& sc = *scenarios[a];
    const NetworkPlan& plan = *out.plans[a];
    Provenance prov{sc.name, e.scenario_path, sc.resolved_yaml, "", all_overrides[a], sc.seed};
    out.runs.push_back({prov, make_axes(sc, plan), make_tables(sc, plan), batch_runner(plan), batch_limit(sc)});
  }
  return out;
}

}  // namespace peaksim
