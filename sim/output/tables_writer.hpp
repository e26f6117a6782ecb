// The parts of the results file that describe the run and break its KPIs down (docs/output.md):
// /skus, /days, /sites, /regions, /kpi_by and /tail. Internal to the writer.
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/output/results.hpp"
#include "sim/output/results_writer.hpp"

namespace peaksim {

// Throws OutputError when the tables' lengths disagree.
void write_run_tables(H5::H5File& file, const RunTables& tables);

// Why `next`'s breakdowns cannot share the /kpi_by datasets of `first`'s; empty when they can.
std::string breakdown_mismatch(const std::vector<KpiBreakdown>& first, const ReplicationResult& next);

// /kpi_by/<level>/<kpi> float64 [replications, entities], rows in replication order; @names on each level.
// `layout`: the levels, their KPI names and entity counts (one replication's breakdowns); `values`: per
// replication, each level's values in that layout (the names are kept once, not per replication).
void write_kpi_breakdowns(H5::H5File& file, const std::vector<KpiBreakdown>& layout,
                          const std::map<std::uint64_t, std::vector<std::vector<double>>>& values);

// /tail (tail_writer.cpp); throws OutputError when the columns' lengths disagree.
void write_tail_tables(H5::H5File& file, const TailTables& tail);

}  // namespace peaksim
