// The comparison tables and the stopping rule (comparison.hpp; formulas in docs/experiments.md, What is compared).
#include "sim/experiment/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/random/stream.hpp"
#include "sim/stats/summary.hpp"

namespace peaksim::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Every arm must hold the same replication ids and one value per replication of each KPI: the comparison pairs
// them. A mismatch is the caller's bug, not the user's input.
void check_paired(const std::vector<ArmValues>& arms, std::size_t kpis) {
  if (arms.empty()) throw std::invalid_argument("compare_arms: no arms");
  for (const ArmValues& arm : arms) {
    if (arm.replications != arms.front().replications)
      throw std::invalid_argument("compare_arms: arm '" + arm.arm + "' holds other replication ids than arm '" +
                                  arms.front().arm + "'; paired comparison needs the same ids in every arm");
    if (arm.values.size() != kpis)
      throw std::invalid_argument("compare_arms: arm '" + arm.arm + "' has " + std::to_string(arm.values.size()) +
                                  " KPI columns; expected " + std::to_string(kpis));
    for (const auto& column : arm.values)
      if (column.size() != arm.replications.size())
        throw std::invalid_argument("compare_arms: arm '" + arm.arm + "' has " + std::to_string(column.size()) +
                                    " values of a KPI for " + std::to_string(arm.replications.size()) +
                                    " replications");
  }
}

// The replications (positions) where every arm has a value of KPI k: a NaN in one arm (a KPI undefined in that
// replication, such as fill_rate_peak without peak demand) drops the replication from every arm for that KPI,
// which keeps the pairs.
std::vector<std::size_t> complete_rows(const std::vector<ArmValues>& arms, std::size_t k) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < arms.front().replications.size(); ++i)
    if (std::none_of(arms.begin(), arms.end(), [&](const ArmValues& a) { return std::isnan(a.values[k][i]); }))
      rows.push_back(i);
  return rows;
}

std::vector<double> column(const ArmValues& arm, std::size_t k, const std::vector<std::size_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (std::size_t i : rows) out.push_back(arm.values[k][i]);
  return out;
}

// a is better than b: strictly, on the KPI's goal.
bool better(double a, double b, Goal goal) { return goal == Goal::minimize ? a < b : a > b; }

// Each arm's share of the bootstrap resamples in which its mean is best (ties split). columns[a][i] is arm a in
// complete row i. Every resample draws the same row indices for all arms, which keeps the correlation of common
// random numbers; the draws depend on the design seed and the KPI only.
std::vector<double> probability_best(const std::vector<std::vector<double>>& columns, Goal goal,
                                     std::uint64_t design_seed, const std::string& kpi) {
  const std::size_t n = columns.front().size(), arms = columns.size();
  if (n == 0) return std::vector<double>(arms, kNaN);
  rng::Stream stream({design_seed, rng::kStructureReplication, "experiment", "bootstrap", rng::hash_name(kpi)});
  // Row-major by replication, so that adding one replication's values to every arm's sum is one contiguous loop.
  std::vector<double> rows(n * arms);
  for (std::size_t a = 0; a < arms; ++a)
    for (std::size_t i = 0; i < n; ++i) rows[i * arms + a] = columns[a][i];
  std::vector<double> wins(arms, 0.0), sums(arms);
  std::vector<std::uint32_t> counts(n);
  for (int b = 0; b < kBootstrapResamples; ++b) {
    std::fill(counts.begin(), counts.end(), 0u);
    for (std::size_t draw = 0; draw < n; ++draw) ++counts[std::min(n - 1, std::size_t(stream.uniform() * double(n)))];
    // Every arm's sum takes the replications in one order: arms with equal values get equal sums, hence a tie.
    std::fill(sums.begin(), sums.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (counts[i] == 0) continue;
      const double c = double(counts[i]);
      const double* row = &rows[i * arms];
      for (std::size_t a = 0; a < arms; ++a) sums[a] += c * row[a];
    }
    double best = sums[0];
    for (double s : sums)
      if (better(s, best, goal)) best = s;
    const auto ties = std::count(sums.begin(), sums.end(), best);
    for (std::size_t a = 0; a < arms; ++a)
      if (sums[a] == best) wins[a] += 1.0 / double(ties);
  }
  for (double& w : wins) w /= kBootstrapResamples;
  return wins;
}

}  // namespace

ComparisonTables compare_arms(const Experiment& e, const std::vector<ArmValues>& arms) {
  check_paired(arms, e.compare.size());
  const auto base_it = std::find_if(arms.begin(), arms.end(), [&](const ArmValues& a) { return a.arm == e.baseline; });
  if (base_it == arms.end())
    throw std::invalid_argument("compare_arms: no values of the baseline arm '" + e.baseline + "'");
  const std::size_t base = std::size_t(base_it - arms.begin());
  ComparisonTables t;
  for (std::size_t k = 0; k < e.compare.size(); ++k) {
    const Comparison& c = e.compare[k];
    const auto rows = complete_rows(arms, k);
    std::vector<std::vector<double>> columns;
    for (const ArmValues& arm : arms) columns.push_back(column(arm, k, rows));
    std::vector<stats::Summary> summaries;
    for (std::size_t a = 0; a < arms.size(); ++a) {
      summaries.push_back(stats::summarize(columns[a]));
      const stats::Summary& s = summaries.back();
      t.summary.push_back({arms[a].arm, c.kpi, std::int64_t(s.n), s.mean, s.sd, s.half_width});
    }
    for (std::size_t a = 0; a < arms.size(); ++a) {
      if (a == base) continue;
      std::vector<double> differences(rows.size());
      double better_count = 0;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        differences[i] = columns[a][i] - columns[base][i];
        better_count += better(columns[a][i], columns[base][i], c.goal) ? 1.0
                        : columns[a][i] == columns[base][i]             ? 0.5
                                                                        : 0.0;
      }
      const stats::Summary s = stats::summarize(differences);
      t.paired.push_back({arms[a].arm, c.kpi, std::int64_t(s.n), s.mean, s.sd, s.half_width,
                          rows.empty() ? kNaN : better_count / double(rows.size())});
    }
    // Best mean first (arms in their order on equal means, which share a rank); without values, no rank (0).
    const auto p_best = probability_best(columns, c.goal, e.design_seed, c.kpi);
    std::vector<std::size_t> order(arms.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!rows.empty())
      std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return better(summaries[x].mean, summaries[y].mean, c.goal);
      });
    for (std::size_t i = 0; i < order.size(); ++i) {
      std::int64_t rank = 0;
      if (!rows.empty())
        rank = i > 0 && summaries[order[i]].mean == summaries[order[i - 1]].mean ? t.ranking.back().rank
                                                                                 : std::int64_t(i + 1);
      t.ranking.push_back({c.kpi, arms[order[i]].arm, rank, p_best[order[i]]});
    }
  }
  return t;
}

std::int64_t next_replication_target(const StoppingRule& rule, const std::vector<ArmValues>& arms,
                                     std::size_t kpi_index) {
  if (arms.empty()) throw std::invalid_argument("next_replication_target: no arms");
  check_paired(arms, arms.front().values.size());
  if (kpi_index >= arms.front().values.size())
    throw std::invalid_argument("next_replication_target: KPI index " + std::to_string(kpi_index) + " out of range");
  const auto done = std::int64_t(arms.front().replications.size());
  if (done >= rule.max_replications) return 0;
  if (done < rule.min_replications) return rule.min_replications;
  const auto rows = complete_rows(arms, kpi_index);
  const bool met = std::all_of(arms.begin(), arms.end(), [&](const ArmValues& arm) {
    const stats::Summary s = stats::summarize(column(arm, kpi_index, rows));
    const double target = rule.half_width ? *rule.half_width : rule.relative.value_or(0) * std::abs(s.mean);
    return s.n >= 2 && s.half_width <= target;  // NaN (fewer than 2 values) never meets it
  });
  return met ? 0 : std::min(done + rule.block, rule.max_replications);
}

}  // namespace peaksim::experiment
