// `peaksim merge A.h5 B.h5 ... -o OUT.h5`: joins results files of one scenario and seed, run in parts with --first,
// into the file one run over all their replications would write: the replications' arrays copied chunk for chunk,
// /kpi and /kpi_by in replication order, /tail recomputed over all of them (docs/output.md, Merging).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/tail_report.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::cli {
namespace {

// The resolved scenario with its top-level replications count set to `n`: the parts of a merge differ there only.
std::string with_replications(const std::string& yaml, std::size_t n) {
  std::istringstream in(yaml);
  std::string out, line;
  while (std::getline(in, line))
    out += (line.rfind("replications:", 0) == 0 ? "replications: " + std::to_string(n) : line) + "\n";
  return out;
}

// Where two resolved scenarios first differ, for the refusal: "line N reads 'x' in A and 'y' in B".
std::string first_difference(const std::string& a, const std::string& b, const std::string& a_path,
                             const std::string& b_path) {
  std::istringstream in_a(a), in_b(b);
  std::string line_a, line_b;
  for (int line = 1;; ++line) {
    const bool more_a = bool(std::getline(in_a, line_a)), more_b = bool(std::getline(in_b, line_b));
    if (!more_a) line_a = "(the end)";
    if (!more_b) line_b = "(the end)";
    if (line_a != line_b || (!more_a && !more_b))
      return fmt::format("line {} of the stored scenario reads '{}' in '{}' and '{}' in '{}'", line, line_a, a_path,
                         line_b, b_path);
  }
}

// The first input's edits, with a replications count (as -n records it) set to the merged total.
std::vector<std::string> merged_overrides(const std::vector<std::string>& edits, std::size_t total) {
  std::vector<std::string> out;
  for (const std::string& e : edits)
    out.push_back(e.rfind("replications=", 0) == 0 ? "replications=" + std::to_string(total) : e);
  return out;
}

// Why the inputs cannot be merged, or "" when they can: one scenario, seed and build, no replication id twice.
std::string refusal(const std::vector<std::unique_ptr<ResultsReader>>& inputs) {
  const ResultsReader& first = *inputs.front();
  std::map<std::uint64_t, const ResultsReader*> owner;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      std::error_code ec;
      if (std::filesystem::equivalent(inputs[j]->path(), inputs[i]->path(), ec))
        return fmt::format("'{}' and '{}' are the same file; give each part once", inputs[j]->path(),
                           inputs[i]->path());
    }
  for (const auto& input : inputs) {
    const Provenance& p = input->provenance();
    if (p.seed != first.provenance().seed)
      return fmt::format("'{}' has seed {} but '{}' has seed {}; only runs of one scenario and seed merge",
                         input->path(), p.seed, first.path(), first.provenance().seed);
    const std::string mine = with_replications(p.resolved_scenario, 0);
    const std::string theirs = with_replications(first.provenance().resolved_scenario, 0);
    if (mine != theirs)
      return fmt::format("'{}' ran another scenario than '{}' ({}); only runs of one scenario and seed merge",
                         input->path(), first.path(), first_difference(theirs, mine, first.path(), input->path()));
    if (*p.build != *first.provenance().build)
      return fmt::format(
          "'{}' was written by peaksim {} ({}) but '{}' by peaksim {} ({}); only files of one build merge, since "
          "another build may simulate differently",
          input->path(), p.build->version, p.build->git_commit, first.path(), first.provenance().build->version,
          first.provenance().build->git_commit);
    for (const std::uint64_t id : input->replications()) {
      const auto [at, fresh] = owner.emplace(id, input.get());
      if (!fresh)
        return fmt::format(
            "replication {} is in both '{}' and '{}'; the files of a merge hold different replications (run "
            "the parts with --first)",
            id, at->second->path(), input->path());
    }
  }
  return {};
}

}  // namespace

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
  if (const std::string why = refusal(inputs); !why.empty()) {
    std::cerr << "peaksim: " << why << '\n';
    return 2;
  }

  const Provenance& first = inputs.front()->provenance();
  Provenance prov = first;
  prov.resolved_scenario = with_replications(first.resolved_scenario, total);
  prov.command_line = options.command_line;
  prov.overrides = merged_overrides(first.overrides, total);
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
    const RunTables tables = inputs.front()->tables();
    writer->set_tables(tables);
    std::map<std::uint64_t, std::vector<double>> kpis;  // by replication, for the summary
    std::vector<std::string> kpi_names;
    TailInputs tail_inputs;
    for (const auto& input : inputs)
      for (std::size_t row = 0; row < input->replications().size(); ++row) {
        const ReplicationResult r = input->replication(row);
        kpi_names = r.kpi_names;
        kpis[r.replication] = r.kpi_values;
        tail_inputs.add(r);
        writer->add(r);
      }
    // As `peaksim run` does: the tail in every file of two or more replications.
    std::optional<TailTables> tail;
    if (total >= 2) {
      tail = tail_inputs.tables(tables.regions, inputs.front()->axes().sku_ids);
      writer->set_tail(*tail);
    }
    writer->commit();
    if (!options.quiet) {
      std::cout << fmt::format("{}: {} replications from {} files -> {}\n\n", first.scenario_name, total, inputs.size(),
                               options.output);
      std::vector<std::vector<double>> by_kpi(kpi_names.size());
      for (const auto& [rep, values] : kpis)
        for (std::size_t k = 0; k < values.size(); ++k) by_kpi[k].push_back(values[k]);
      std::cout << stats::format_kpi_table(kpi_names, by_kpi);
      if (tail) std::cout << format_tail_report(*tail);
    }
  } catch (const std::exception& e) {
    std::cerr << "peaksim: merge failed: " << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace peaksim::cli
