// Replications of a scenario run in worker processes, and paired differences of their KPIs with a confidence
// interval: shared here because several end-to-end tests measure sensitivities this way.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/stats/summary.hpp"
#include "tests/support/results.hpp"
#include "tests/support/scenario_text.hpp"

namespace peaksim::test {

// Replications 0 .. n-1 of a loaded scenario, in two worker processes, in replication order.
inline std::vector<ReplicationResult> replications(const Scenario& sc, int n) {
  const NetworkPlan plan = make_network_plan(sc);
  std::vector<std::uint64_t> ids;
  for (int i = 0; i < n; ++i) ids.push_back(std::uint64_t(i));
  std::vector<ReplicationResult> out;
  run_in_workers(batch_runner(plan), ids, {2, 1}, [&](ReplicationResult&& r) { out.push_back(std::move(r)); });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.replication < b.replication; });
  return out;
}

// Replications 0 .. 3 of a scenario, serialized, run all four in one engine of one worker and then one per engine
// over two workers: true when they agree, as a replication's results must not depend on its batch or worker.
inline bool same_alone_as_in_batch(const Scenario& sc) {
  const NetworkPlan plan = make_network_plan(sc);
  const auto run = [&](PoolOptions options) {
    std::map<std::uint64_t, std::string> out;
    run_in_workers(batch_runner(plan), {0, 1, 2, 3}, options,
                   [&](ReplicationResult&& r) { out[r.replication] = serialize(r); });
    return out;
  };
  return run({1, 4}) == run({2, 1});
}

// Replications 0 .. n-1 of a scenario written inline.
inline std::vector<ReplicationResult> replications(const std::string& text, int n) {
  return replications(load_scenario_text(text), n);
}

// The paired differences value(a[i]) - value(b[i]) over the same replications (common random numbers), at 99%.
template <class Value>
stats::Summary paired_difference(const std::vector<ReplicationResult>& a, const std::vector<ReplicationResult>& b,
                                 Value value) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size(); ++i) d.push_back(value(a[i]) - value(b[i]));
  return stats::summarize(d, 0.99);
}

// The paired differences a - b of a KPI, at 99%.
inline stats::Summary difference(const std::vector<ReplicationResult>& a, const std::vector<ReplicationResult>& b,
                                 const std::string& name) {
  return paired_difference(a, b, [&](const ReplicationResult& r) { return kpi(r, name); });
}

// A KPI of site (warehouse) `w` in the site breakdown.
inline double site(const ReplicationResult& r, const std::string& name, std::size_t w) {
  return breakdown_value(breakdown(r, "site"), name, w);
}

}  // namespace peaksim::test
