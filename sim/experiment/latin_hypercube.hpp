// Latin hypercube sampling of a sweep's parameters: n points in which each parameter's range, cut in n equal
// strata, holds exactly one point per stratum (docs/experiments.md, Sweeps).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace peaksim::experiment {

struct LatinRange {
  std::string key;  // the parameter's key path: it names the parameter's random stream
  double from = 0, to = 0;
  bool integer = false;  // whole numbers from `from` to `to`, both included
};

// values[p][i]: parameter p in point i. A real parameter's strata are [from + k w, from + (k+1) w), w = (to -
// from) / n, each point uniform in its stratum. An integer parameter's m = to - from + 1 whole numbers are cut in n
// groups of consecutive numbers, group k holding from + floor(k m / n) to from + floor((k+1) m / n) - 1, and the
// point is uniform among them: distinct values whenever m >= n. With m < n, values repeat: the point of stratum
// k is from + floor((k + u) m / n), so each number is taken about n / m times. Stratum k of each parameter goes to
// the point a random permutation gives it, independently per parameter. Draws come from the stream
// (design_seed, structure replication, "experiment", "latin_hypercube", hash of "<sweep>/<key>"): first the n - 1
// swaps of the permutation (Fisher-Yates), then one uniform per point.
std::vector<std::vector<double>> latin_hypercube(const std::vector<LatinRange>& ranges, std::int64_t samples,
                                                 std::uint64_t design_seed, const std::string& sweep);

}  // namespace peaksim::experiment
