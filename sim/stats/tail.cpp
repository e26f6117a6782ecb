#include "sim/stats/tail.hpp"

#include <algorithm>
#include <cmath>

namespace peaksim::stats {

TailSummary tail95(std::vector<double> values, TailSide side) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  TailSummary t;
  t.n = values.size();
  if (t.n == 0) return t;
  // Lower tails are upper tails of -x: one rule for both, negated back at the end.
  const double sign = side == TailSide::upper ? 1.0 : -1.0;
  for (double& v : values) v *= sign;
  std::sort(values.begin(), values.end());
  // Integer ranks: 0.95 * n in floating point may fall just below a whole number.
  const std::size_t rank = (95 * t.n + 99) / 100;  // ceil(0.95 n), 1-based
  const std::size_t worst = (5 * t.n + 99) / 100;  // ceil(0.05 n) >= 1
  double sum = 0;
  for (std::size_t i = t.n - worst; i < t.n; ++i) sum += values[i];  // ascending: the same sum whatever the input order
  t.p95 = sign * values[rank - 1];
  t.cvar95 = sign * (sum / double(worst));
  return t;
}

std::vector<RankedEntity> largest_means(const std::vector<std::vector<double>>& values, std::size_t top) {
  const std::size_t entities = values.empty() ? 0 : values.front().size();
  std::vector<RankedEntity> ranked;
  for (std::size_t e = 0; e < entities; ++e) {
    double sum = 0;
    std::size_t n = 0;
    for (const auto& row : values)
      if (e < row.size() && !std::isnan(row[e])) sum += row[e], ++n;
    if (n > 0) ranked.push_back({e, sum / double(n)});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const RankedEntity& a, const RankedEntity& b) { return a.mean > b.mean; });
  if (ranked.size() > top) ranked.resize(top);
  return ranked;
}

}  // namespace peaksim::stats
