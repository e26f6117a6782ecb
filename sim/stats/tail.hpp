// Tail statistics across replications, for risk teams who care about a bad season rather than the mean one:
// the empirical 95% level on a KPI's bad side (P95) and the conditional value at risk (CVaR95), the mean of the
// worst 5% of replications.
#pragma once
#include <cstddef>
#include <limits>
#include <vector>

namespace peaksim::stats {

// The bad side of a KPI: upper for losses (lost sales, backorders), lower for profit and service.
enum class TailSide { upper, lower };

struct TailSummary {
  std::size_t n = 0;  // replications with a value (NaN values are left out)
  double p95 = std::numeric_limits<double>::quiet_NaN();
  double cvar95 = std::numeric_limits<double>::quiet_NaN();
};

// With the n values sorted ascending, x(1) <= ... <= x(n), and k = ceil(0.05 n):
//   upper: p95 = x(ceil(0.95 n)) (nearest rank), cvar95 = mean of the k largest values, so cvar95 >= p95;
//   lower: the same on -x: p95 = x(n + 1 - ceil(0.95 n)), cvar95 = mean of the k smallest, so cvar95 <= p95.
// NaN values are left out; with none left both are NaN. The result does not depend on the order of `values`.
TailSummary tail95(std::vector<double> values, TailSide side);

struct RankedEntity {
  std::size_t entity = 0;  // its index in values[r]
  double mean = 0;         // mean over the replications where it is not NaN
};

// The `top` entities with the largest mean over replications (values[r][e]: entity e in replication r), largest
// first, ties in entity order; entities NaN in every replication are left out.
std::vector<RankedEntity> largest_means(const std::vector<std::vector<double>>& values, std::size_t top);

}  // namespace peaksim::stats
