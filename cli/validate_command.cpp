// `peaksim validate`, `peaksim schema` and `peaksim kpis`.
#include <fmt/format.h>

#include <iostream>

#include "cli/cli_checks.hpp"
#include "cli/commands.hpp"
#include "model/memory_budget.hpp"
#include "model/network_plan.hpp"
#include "sim/kernel/kpis.hpp"
#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim::cli {

int validate(const std::string& path, const std::vector<std::string>& overrides) {
  if (refuse_folder(path, "a scenario file (YAML)")) return 2;
  try {
    const Scenario sc = load_scenario(path, overrides);
    // The memory of a run with the defaults of `peaksim run` (one worker per core, automatic batch), refused
    // before the plan, itself large.
    const int jobs = default_jobs();
    const MemoryEstimate memory = estimate_memory(sc, jobs, automatic_batch(sc, sc.replications, jobs));
    const MemoryBudget budget = memory_budget();
    if (const std::string refusal = memory_refusal(sc, memory, budget); !refusal.empty()) {
      std::cerr << refusal << '\n';
      return 2;
    }
    const NetworkPlan plan = make_network_plan(sc);
    int peak_days = 0;
    for (auto p : plan.profile.peak) peak_days += p;
    std::cout << fmt::format(
        "{} ({}): valid\n  {} days from {} to {}, {} peak days\n  {} SKUs in {} categories\n"
        "  {} suppliers, {} warehouses, {} regions, {} lanes\n  seed {}, {} replications\n",
        path, sc.name, sc.horizon_days, sc.start.to_string(), (sc.start + (sc.horizon_days - 1)).to_string(), peak_days,
        sc.skus.size(), plan.categories.size(), sc.suppliers.size(), sc.warehouses.size(), sc.regions.size(),
        sc.lanes.size(), sc.seed, sc.replications);
    std::cout << fmt::format(
        "  memory: about {} with {} jobs (plan {}, {} per replication in a worker); budget {} ({})\n",
        bytes_text(memory.total_bytes), jobs, bytes_text(memory.plan_bytes), bytes_text(memory.replication_bytes),
        bytes_text(budget.bytes), budget.source);
    if (sc.orders) {
      const auto mean = [](const std::vector<double>& p) {
        double m = 0;
        for (std::size_t i = 0; i < p.size(); ++i) m += double(i + 1) * p[i];
        return m;
      };
      std::cout << fmt::format("  customer orders: {:.3g} lines of {:.3g} units on average, {}{}\n",
                               mean(sc.orders->lines), mean(sc.orders->units_per_line),
                               scn::word_of(sc.orders->fulfilment), sc.orders->split ? ", split" : ", whole");
    }
    return 0;
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << path << ": " << e.what() << '\n';
  }
  return 2;
}

int schema() {
  std::cout << scenario_reference_markdown();
  return 0;
}

int kpis() {
  std::cout << kpi_reference_markdown();
  return 0;
}

}  // namespace peaksim::cli
