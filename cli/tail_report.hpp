// The tail of a run's KPIs across replications (docs/output.md, /tail): computed from the replications' KPIs
// once all are in (sim/kernel/tail_inputs.hpp), written to the results file and printed after the KPI table.
#pragma once
#include <string>

#include "sim/kernel/tail_inputs.hpp"
#include "sim/output/tail_tables.hpp"

namespace peaksim::cli {

using TailInputs = peaksim::TailInputs;  // sim/kernel/tail_inputs.hpp

// The lines printed after the KPI table.
std::string format_tail_report(const TailTables& tail);

}  // namespace peaksim::cli
