// What a run's results file records of the scenario besides the replications: the axes (dates, SKUs, sites,
// categories) and the run tables (/skus, /days, /regions, /lanes, /stations). `peaksim run` and every arm of an
// experiment make them here.
#pragma once
#include "model/network_plan.hpp"
#include "sim/output/results_writer.hpp"

namespace peaksim {

Axes make_axes(const Scenario& sc, const NetworkPlan& plan);
RunTables make_tables(const Scenario& sc, const NetworkPlan& plan);

}  // namespace peaksim
