// The parts of the results file that describe the run and break its KPIs down (docs/output.md):
// /skus, /days, /sites, /regions, /kpi, /kpi_by and /tail. Internal to the writer.
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/output/results.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/output/row_spool.hpp"

namespace peaksim {

// Throws OutputError when the tables' lengths disagree.
void write_run_tables(H5::H5File& file, const RunTables& tables);

// Why `next`'s breakdowns cannot share the /kpi_by datasets of `first`'s; empty when they can.
std::string breakdown_mismatch(const std::vector<KpiBreakdown>& first, const ReplicationResult& next);

// /kpi (the replication ids, then one float64 column per KPI, @names) and /kpi_by/<level>/<kpi> float64
// [replications, entities] (@names on each level), rows in replication order, copied from `rows` a slice at a
// time. A row is the replication's KPI values (`kpi_names`), then each level's values in the layout of
// `breakdowns` (one replication's breakdowns; no /kpi_by when it is empty or there are no rows).
void write_kpi_tables(H5::H5File& file, const std::vector<std::string>& kpi_names,
                      const std::vector<KpiBreakdown>& breakdowns, const RowSpool& rows);

// /tail (tail_writer.cpp); throws OutputError when the columns' lengths disagree.
void write_tail_tables(H5::H5File& file, const TailTables& tail);

}  // namespace peaksim
