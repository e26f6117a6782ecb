#include "sim/experiment/run_join.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <sstream>

#include "sim/kernel/tail_inputs.hpp"

namespace peaksim {
namespace {

// The resolved scenario with its top-level replications count set to `n`: the parts of a join differ there only.
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

// The first part's edits, with a replications count (as -n records it) set to the joined total.
std::vector<std::string> joined_overrides(const std::vector<std::string>& edits, std::size_t total) {
  std::vector<std::string> out;
  for (const std::string& e : edits)
    out.push_back(e.rfind("replications=", 0) == 0 ? "replications=" + std::to_string(total) : e);
  return out;
}

std::size_t total_replications(const std::vector<std::unique_ptr<ResultsReader>>& parts) {
  std::size_t total = 0;
  for (const auto& part : parts) total += part->replications().size();
  return total;
}

}  // namespace

std::string join_refusal(const std::vector<std::unique_ptr<ResultsReader>>& parts) {
  const ResultsReader& first = *parts.front();
  std::map<std::uint64_t, const ResultsReader*> owner;
  for (std::size_t i = 0; i < parts.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      std::error_code ec;
      if (std::filesystem::equivalent(parts[j]->path(), parts[i]->path(), ec))
        return fmt::format("'{}' and '{}' are the same file; give each part once", parts[j]->path(), parts[i]->path());
    }
  for (const auto& part : parts) {
    const Provenance& p = part->provenance();
    if (p.seed != first.provenance().seed)
      return fmt::format("'{}' has seed {} but '{}' has seed {}; only runs of one scenario and seed merge",
                         part->path(), p.seed, first.path(), first.provenance().seed);
    const std::string mine = with_replications(p.resolved_scenario, 0);
    const std::string theirs = with_replications(first.provenance().resolved_scenario, 0);
    if (mine != theirs)
      return fmt::format("'{}' ran another scenario than '{}' ({}); only runs of one scenario and seed merge",
                         part->path(), first.path(), first_difference(theirs, mine, first.path(), part->path()));
    if (*p.build != *first.provenance().build)
      return fmt::format(
          "'{}' was written by peaksim {} ({}) but '{}' by peaksim {} ({}); only files of one build merge, since "
          "another build may simulate differently",
          part->path(), p.build->version, p.build->git_commit, first.path(), first.provenance().build->version,
          first.provenance().build->git_commit);
    for (const std::uint64_t id : part->replications()) {
      const auto [at, fresh] = owner.emplace(id, part.get());
      if (!fresh)
        return fmt::format(
            "replication {} is in both '{}' and '{}'; the files of a merge hold different replications (run "
            "the parts with --first)",
            id, at->second->path(), part->path());
    }
  }
  return {};
}

Provenance joined_provenance(const std::vector<std::unique_ptr<ResultsReader>>& parts) {
  const std::size_t total = total_replications(parts);
  Provenance prov = parts.front()->provenance();
  prov.resolved_scenario = with_replications(prov.resolved_scenario, total);
  prov.overrides = joined_overrides(prov.overrides, total);
  return prov;
}

JoinedKpis join_parts(const std::vector<std::unique_ptr<ResultsReader>>& parts, ResultsWriter& writer, bool keep_kpis) {
  const RunTables tables = parts.front()->tables();
  const std::vector<std::string> sku_ids = parts.front()->axes().sku_ids;
  writer.set_tables(tables);
  JoinedKpis out;
  TailInputs tail_inputs;
  for (const auto& part : parts) {
    for (std::size_t row = 0; row < part->replications().size(); ++row) {
      const ReplicationResult r = part->replication(row);
      out.names = r.kpi_names;
      if (keep_kpis) out.by_replication[r.replication] = r.kpi_values;
      tail_inputs.add(r);
      writer.add(r);
    }
    part->close();
  }
  // As `peaksim run` does: the tail in every file of two or more replications.
  if (total_replications(parts) >= 2) {
    out.tail = tail_inputs.tables(tables.regions, sku_ids);
    writer.set_tail(*out.tail);
  }
  writer.commit();
  return out;
}

}  // namespace peaksim
