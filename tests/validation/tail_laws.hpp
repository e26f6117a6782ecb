// Exact oracles for the tail of a run across replications (docs/output.md, Tail), on a discrete law:
// what peaksim's P95 and CVaR95 converge to, and what they are worth on average for n replications.
// Every tail is taken on its bad side as an upper tail: a lower tail (profit) is passed as the law of -X.
#pragma once
#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cstddef>
#include <map>
#include <vector>

namespace peaksim::validation {

// A discrete law: distinct values, ascending, each with its probability.
struct DiscreteLaw {
  std::vector<double> value, prob;
};

inline DiscreteLaw law_of(const std::map<double, double>& probability_of_value) {
  DiscreteLaw law;
  for (const auto& [v, p] : probability_of_value) law.value.push_back(v), law.prob.push_back(p);
  return law;
}

// The documented rules, written as their definitions: the smallest r with r >= 0.95 n (nearest rank),
// and the smallest k with k >= 0.05 n (the worst ceil(5% of n) replications).
inline int nearest_rank_95(int n) {
  int r = 0;
  while (100 * r < 95 * n) ++r;
  return r;
}
inline int worst_count_5(int n) {
  int k = 0;
  while (100 * k < 5 * n) ++k;
  return k;
}

// P(Bin(n, p) >= i) for 1 <= i <= n, as the regularised incomplete beta I_p(i, n - i + 1).
inline double binomial_at_least(int n, int i, double p) {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return boost::math::ibeta(double(i), double(n - i + 1), p);
}

// E[Y(i)], the i-th smallest of n independent draws: Y(i) <= y_j exactly when at least i draws are <= y_j,
// so P(Y(i) > y_j) = 1 - P(Bin(n, F(y_j)) >= i), and E[Y(i)] = y_1 + sum_j (y_{j+1} - y_j) P(Y(i) > y_j).
inline double expected_order_statistic(const DiscreteLaw& law, int n, int i) {
  double cdf = 0, mean = law.value.front();
  for (std::size_t j = 0; j + 1 < law.value.size(); ++j) {
    cdf = std::min(1.0, cdf + law.prob[j]);
    mean += (law.value[j + 1] - law.value[j]) * (1 - binomial_at_least(n, i, cdf));
  }
  return mean;
}

struct TailValues {
  double p95 = 0, cvar95 = 0;
};

// The expectation of peaksim's estimators over n replications: E[Y(r)] with r the nearest rank, and the mean of
// E[Y(i)] over the worst k order statistics.
inline TailValues expected_estimates(const DiscreteLaw& law, int n) {
  TailValues t;
  t.p95 = expected_order_statistic(law, n, nearest_rank_95(n));
  const int k = worst_count_5(n);
  for (int i = n - k + 1; i <= n; ++i) t.cvar95 += expected_order_statistic(law, n, i) / k;
  return t;
}

// What the estimators converge to: VaR = min{y : F(y) >= 0.95} and the tail average
// CVaR = (1 / 0.05) int_0.95^1 F^-1(u) du = (E[Y 1{Y > VaR}] + VaR (F(VaR) - 0.95)) / 0.05
// (Acerbi and Tasche 2002, "On the coherence of expected shortfall").
inline TailValues population_values(const DiscreteLaw& law) {
  TailValues t;
  double cdf = 0;
  std::size_t j = 0;
  for (; j < law.value.size(); ++j)
    if ((cdf += law.prob[j]) >= 0.95) break;
  t.p95 = law.value[j];
  double beyond = 0;
  for (std::size_t i = j + 1; i < law.value.size(); ++i) beyond += law.value[i] * law.prob[i];
  t.cvar95 = (beyond + t.p95 * (cdf - 0.95)) / 0.05;
  return t;
}

}  // namespace peaksim::validation
