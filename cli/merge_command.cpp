// `peaksim merge A.h5 B.h5 ... -o OUT.h5`: joins results files of one scenario and seed, run in parts with --first,
// into the file one run over all their replications would write: the replications' arrays copied chunk for chunk,
// /kpi and /kpi_by in replication order, /tail recomputed over all of them (docs/output.md, Merging).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/tail_report.hpp"
#include "sim/experiment/run_join.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::cli {

int merge(const MergeOptions& options) {
  std::vector<std::unique_ptr<ResultsReader>> inputs;
  std::size_t total = 0;
  try {
    for (const std::string& path : options.inputs) {
      inputs.push_back(std::make_unique<ResultsReader>(path));
      total += inputs.back()->replications().size();
    }
  } catch (const ResultsReadError& e) {
    std::cerr << "peaksim: " << e.what() << '\n';
    return 2;
  }
  if (const std::string why = join_refusal(inputs); !why.empty()) {
    std::cerr << "peaksim: " << why << '\n';
    return 2;
  }

  Provenance prov = joined_provenance(inputs);
  prov.command_line = options.command_line;
  prov.merged_from = options.inputs;
  std::unique_ptr<ResultsWriter> writer;
  try {
    writer =
        std::make_unique<ResultsWriter>(options.output, options.force, prov, inputs.front()->axes(), options.inputs);
  } catch (const OutputRefused& e) {
    std::cerr << "peaksim: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "peaksim: merge failed: " << e.what() << '\n';
    return 1;
  }
  try {
    const JoinedKpis joined = join_parts(inputs, *writer);
    if (!options.quiet) {
      std::cout << fmt::format("{}: {} replications from {} files -> {}\n\n", prov.scenario_name, total, inputs.size(),
                               options.output);
      std::vector<std::vector<double>> by_kpi(joined.names.size());
      for (const auto& [rep, values] : joined.by_replication)
        for (std::size_t k = 0; k < values.size(); ++k) by_kpi[k].push_back(values[k]);
      std::cout << stats::format_kpi_table(joined.names, by_kpi);
      if (joined.tail) std::cout << format_tail_report(*joined.tail);
    }
  } catch (const std::exception& e) {
    std::cerr << "peaksim: merge failed: " << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace peaksim::cli
