// `peaksim run`: load, plan, run the replications in workers, write HDF5, print the KPI table.
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>

#include "agents/forecast_service.hpp"
#include "cli/cli_checks.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/tail_report.hpp"
#include "model/memory_budget.hpp"
#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "model/run_tables.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::cli {
namespace {

// -n and --seed become overrides, so the stored scenario says what actually ran.
std::vector<std::string> all_overrides(const RunOptions& o) {
  std::vector<std::string> out = o.overrides;
  if (o.replications) out.push_back("replications=" + std::to_string(*o.replications));
  if (o.seed) out.push_back("seed=" + std::to_string(*o.seed));
  return out;
}

}  // namespace

int run(const RunOptions& options) {
  // Results arrive as one buffer per replication (tens of MB at 100,000 SKUs). glibc raises its mmap threshold
  // after each such buffer is freed, so later ones would come from the heap and stay there; a fixed threshold
  // returns every large buffer to the system at once, which keeps the parent's memory flat in replications.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  const auto started = std::chrono::steady_clock::now();
  const std::vector<std::string> overrides = all_overrides(options);
  if (refuse_folder(options.scenario, "a scenario file (YAML)")) return 2;
  Scenario scenario;
  NetworkPlan plan;
  try {
    scenario = load_scenario(options.scenario, overrides);
    // A run that would not fit in memory is refused before the plan, itself large (model/memory_budget.hpp).
    const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
    const int batch = options.batch > 0 ? options.batch : automatic_batch(scenario, scenario.replications, jobs);
    if (const std::string refusal = memory_refusal(scenario, estimate_memory(scenario, jobs, batch), memory_budget());
        !refusal.empty()) {
      std::cerr << refusal << '\n';
      return 2;
    }
    plan = make_network_plan(scenario);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {  // a formula that yields an unusable policy level
    std::cerr << options.scenario << ": " << e.what() << '\n';
    return 2;
  }

  // Bounds that keep memory small and replication ids within the file's int64 /kpi/replication.
  if (scenario.replications > scn::kMaxReplications) {
    std::cerr << fmt::format("{}: replications {}: at most {} in one run; run more in parts with --first\n",
                             options.scenario, scenario.replications, scn::kMaxReplications);
    return 2;
  }
  const std::uint64_t last_id = std::uint64_t(std::numeric_limits<std::int64_t>::max());
  if (options.first_replication > last_id - std::uint64_t(scenario.replications - 1)) {
    std::cerr << fmt::format("--first {}: with {} replications the last id would pass {}, the largest id\n",
                             options.first_replication, scenario.replications, last_id);
    return 2;
  }
  std::vector<std::uint64_t> replications(std::size_t(scenario.replications));
  for (std::size_t i = 0; i < replications.size(); ++i) replications[i] = options.first_replication + i;
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  const int batch = options.batch > 0 ? options.batch : automatic_batch(scenario, scenario.replications, jobs);

  // The output is checked, and its temporary file created, before anything runs: a refusal there is bad input.
  Provenance prov{scenario.name,        options.scenario, scenario.resolved_yaml,
                  options.command_line, overrides,        scenario.seed};
  if (agents::ForecastService::runs(plan)) prov.forecast_backend = agents::backend_record(scenario.forecast->backend);
  std::unique_ptr<ResultsWriter> writer;
  try {
    writer = std::make_unique<ResultsWriter>(options.output, options.force, prov, make_axes(scenario, plan));
  } catch (const OutputRefused& e) {
    std::cerr << "peaksim: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "peaksim: run failed: " << e.what() << '\n';
    return 1;
  }
  try {
    writer->set_tables(make_tables(scenario, plan));
    Progress progress(replications.size(), !options.quiet && isatty(STDERR_FILENO));
    std::map<std::uint64_t, std::vector<double>> kpis;  // by replication, for the summary
    std::vector<std::string> kpi_names;
    TailInputs tail_inputs;
    run_in_workers(batch_runner(plan), replications, {jobs, batch, true}, [&](ReplicationResult&& r) {
      kpi_names = r.kpi_names;
      kpis[r.replication] = r.kpi_values;
      tail_inputs.add(r);
      writer->add(r);
      progress.step();
    });
    // The tail across replications, in every run of two or more (docs/output.md, /tail).
    std::optional<TailTables> tail;
    if (replications.size() >= 2) {
      std::vector<std::string> regions, skus;
      for (const auto& r : scenario.regions) regions.push_back(r.name);
      for (const Sku& sku : scenario.skus) skus.push_back(sku.id);
      tail = tail_inputs.tables(regions, skus);
      writer->set_tail(*tail);
    }
    writer->commit();
    progress.done();
    report_memory_when_asked();

    if (!options.quiet) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cout << fmt::format("{}: {} replications x {} SKUs x {} sites x {} days in {:.2f} s ({} jobs) -> {}\n\n",
                               scenario.name, replications.size(), scenario.skus.size(), scenario.warehouses.size(),
                               scenario.horizon_days, seconds, jobs, options.output);
      std::vector<std::vector<double>> by_kpi(kpi_names.size());
      for (const auto& [rep, values] : kpis)
        for (std::size_t k = 0; k < values.size(); ++k) by_kpi[k].push_back(values[k]);
      std::cout << stats::format_kpi_table(kpi_names, by_kpi);
      if (tail) std::cout << format_tail_report(*tail);
    }
  } catch (const WorkerInputError& e) {  // bad input only a run finds: nothing written, like any other
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "peaksim: run failed: " << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace peaksim::cli
