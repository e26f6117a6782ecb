// What an experiment reports: each arm's KPIs with confidence intervals, each arm's paired difference from the
// baseline on common random numbers, and a ranking with each arm's probability of being best.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/experiment/experiment.hpp"

namespace peaksim::experiment {

// KPI values of one arm: values[k][i] is compared KPI k in replication replications[i]. Every arm holds the same
// replication ids, ascending (common random numbers pair them).
struct ArmValues {
  std::string arm;
  std::vector<std::uint64_t> replications;
  std::vector<std::vector<double>> values;
};

struct ArmSummary {  // one row per (arm, kpi)
  std::string arm, kpi;
  std::int64_t n = 0;
  double mean = 0, sd = 0, half_width = 0;  // 95% Student-t
};

struct PairedDifference {  // arm - baseline, per replication; one row per (arm other than baseline, kpi)
  std::string arm, kpi;
  std::int64_t n = 0;
  double mean = 0, sd = 0, half_width = 0;  // 95% Student-t on the paired differences
  double better_share = 0;                  // share of replications where the arm beats the baseline
};

struct RankRow {  // one row per (kpi, arm), best first
  std::string kpi, arm;
  std::int64_t rank = 0;        // 1 = best mean
  double probability_best = 0;  // bootstrap over replications (the same resample for all arms), design seed
};

struct ComparisonTables {
  std::vector<ArmSummary> summary;
  std::vector<PairedDifference> paired;
  std::vector<RankRow> ranking;
};

// Resamples of the bootstrap behind RankRow::probability_best.
inline constexpr int kBootstrapResamples = 10'000;

// Throws std::invalid_argument when the arms do not hold the same replication ids or the baseline has no values.
ComparisonTables compare_arms(const Experiment& e, const std::vector<ArmValues>& arms);

// The stopping rule on what has run so far: how many replications each arm should have after the next block
// (the same count for all arms, to keep them paired); 0 when every arm meets the target or has max_replications.
std::int64_t next_replication_target(const StoppingRule& rule, const std::vector<ArmValues>& arms,
                                     std::size_t kpi_index);

}  // namespace peaksim::experiment
