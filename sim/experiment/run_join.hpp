// Joining run files of one scenario and seed, run in parts (replication ids apart), into the file one run over all
// of them would write: `peaksim merge` and the end of an experiment (each arm's shards) both do it here.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/output/tail_tables.hpp"

namespace peaksim {

// Why the parts cannot be joined, or "" when they can: one scenario (but for its replications count), one seed
// and build, no file twice, no replication id twice.
std::string join_refusal(const std::vector<std::unique_ptr<ResultsReader>>& parts);

// The first part's provenance for the joined file: its stored scenario and recorded edits with the total count.
Provenance joined_provenance(const std::vector<std::unique_ptr<ResultsReader>>& parts);

// What the joined file holds besides the arrays, for the printed report.
struct JoinedKpis {
  std::vector<std::string> names;
  std::map<std::uint64_t, std::vector<double>> by_replication;
  std::optional<TailTables> tail;  // with two replications or more
};

// Writes every replication of `parts` (checked by join_refusal) into `writer`, with the first part's tables and the
// tail over all of them, and commits it. Each part is closed once read (ResultsReader::close). `by_replication` is
// filled only when `keep_kpis` (a report of every KPI; an experiment's parent keeps the compared KPIs itself).
JoinedKpis join_parts(const std::vector<std::unique_ptr<ResultsReader>>& parts, ResultsWriter& writer,
                      bool keep_kpis = true);

}  // namespace peaksim
