#include "agents/markdown_dp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace peaksim::agents {

MarkdownPolicy::MarkdownPolicy(int periods, int steps, int max_stock)
    : periods_(periods), steps_(steps), max_stock_(max_stock) {
  const std::size_t states = std::size_t(steps) * std::size_t(max_stock + 1);
  value_.assign(std::size_t(periods + 1) * states, 0.0);
  best_.assign(std::size_t(periods) * states, 0);
}

std::vector<double> poisson_support(double mean, int& first) {
  if (mean <= 0) {
    first = 0;
    return {1.0};
  }
  // 12 standard deviations and a margin either side: the tails beyond hold less than 1e-20.
  const double spread = 12 * std::sqrt(mean) + 12;
  first = int(std::max(0.0, std::floor(mean - spread)));
  const int last = int(std::ceil(mean + spread));
  std::vector<double> p;
  p.reserve(std::size_t(last - first + 1));
  const double log_mean = std::log(mean);
  double sum = 0;
  for (int d = first; d <= last; ++d) sum += p.emplace_back(std::exp(d * log_mean - mean - std::lgamma(d + 1.0)));
  for (double& x : p) x /= sum;  // lgamma's rounding at large means, not the tails, leaves the sum off 1 by ~1e-12
  return p;
}

MarkdownPolicy solve_markdown(const MarkdownProblem& pb) {
  const int periods = int(pb.mean.size()), steps = int(pb.prices.size()), top = pb.max_stock;
  if (steps == 0 || top < 0) throw std::invalid_argument("markdown: no price step or a negative stock");
  for (const auto& m : pb.mean)
    if (int(m.size()) != steps) throw std::invalid_argument("markdown: a period's means do not match the ladder");
  MarkdownPolicy pol(periods, steps, top);
  for (int i = 0; i < steps; ++i)
    for (int x = 0; x <= top; ++x) pol.value_[pol.at(periods, i, x)] = pb.salvage * x;

  std::vector<double> w(std::size_t(steps) * std::size_t(top + 1));  // W_t(j, x): use step j in period t
  for (int t = periods - 1; t >= 0; --t) {
    for (int j = 0; j < steps; ++j) {
      int first = 0;
      const std::vector<double> pmf = poisson_support(pb.mean[std::size_t(t)][std::size_t(j)], first);
      const int last = first + int(pmf.size()) - 1;
      const double price = pb.prices[std::size_t(j)];
      const double* next = &pol.value_[pol.at(t + 1, j, 0)];
      double below = 0;  // P(D < x), summed as x grows
      for (int x = 0; x <= top; ++x) {
        // Demand d < x sells d units; d >= x sells out.
        double sum = 0;
        for (int d = first; d <= std::min(x - 1, last); ++d)
          sum += pmf[std::size_t(d - first)] * (price * d + next[x - d]);
        if (x - 1 >= first && x - 1 <= last) below += pmf[std::size_t(x - 1 - first)];
        const double sells_out = std::max(0.0, 1.0 - below);
        w[std::size_t(j) * std::size_t(top + 1) + std::size_t(x)] = sum + sells_out * (price * x + next[0]);
      }
    }
    for (int x = 0; x <= top; ++x) {
      const auto W = [&](int j) { return w[std::size_t(j) * std::size_t(top + 1) + std::size_t(x)]; };
      if (pb.markdown_only) {
        // From the lowest price up: the best step at or below each step's price; a tie keeps the higher price.
        int best = steps - 1;
        for (int i = steps - 1; i >= 0; --i) {
          if (W(i) >= W(best)) best = i;
          pol.value_[pol.at(t, i, x)] = W(best);
          pol.best_[pol.at(t, i, x)] = best;
        }
      } else {
        int best = 0;
        for (int j = 1; j < steps; ++j)
          if (W(j) > W(best)) best = j;
        for (int i = 0; i < steps; ++i) {
          pol.value_[pol.at(t, i, x)] = W(best);
          pol.best_[pol.at(t, i, x)] = best;
        }
      }
    }
  }
  return pol;
}

}  // namespace peaksim::agents
