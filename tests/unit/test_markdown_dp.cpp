// The markdown dynamic programme (agents/markdown_dp.hpp) against brute force: the expected revenue of the
// best decision at every node of the full tree of (demand outcome, ladder step) histories, enumerated without
// memoisation, with its own Poisson law. Exact to 1e-9 on small instances.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "agents/markdown_dp.hpp"

using peaksim::agents::MarkdownProblem;
using peaksim::agents::solve_markdown;

namespace {

double poisson(double mean, int d) { return std::exp(d * std::log(mean) - mean - std::lgamma(d + 1.0)); }

// Every history: at period t with x units and step i in force, try every allowed step, then every demand.
double brute_force(const MarkdownProblem& pb, int t, int i, int x) {
  if (t == int(pb.mean.size())) return pb.salvage * x;
  double best = -1;
  for (int j = 0; j < int(pb.prices.size()); ++j) {
    if (pb.markdown_only && j < i) continue;
    const double mean = pb.mean[std::size_t(t)][std::size_t(j)];
    double value = 0, below = 0;
    for (int d = 0; d < x; ++d) {
      const double p = mean > 0 ? poisson(mean, d) : (d == 0 ? 1.0 : 0.0);
      below += p;
      value += p * (pb.prices[std::size_t(j)] * d + brute_force(pb, t + 1, j, x - d));
    }
    value += (1 - below) * (pb.prices[std::size_t(j)] * x + brute_force(pb, t + 1, j, 0));
    best = std::max(best, value);
  }
  return best;
}

// The best fixed (open-loop) path of steps: never better than the adaptive policy.
double best_fixed_path(const MarkdownProblem& pb, int x0) {
  const int periods = int(pb.mean.size()), steps = int(pb.prices.size());
  double best = -1;
  std::vector<int> path(std::size_t(periods), 0);
  std::function<void(int, int)> walk = [&](int t, int from) {
    if (t == periods) {
      std::vector<double> dist(std::size_t(x0 + 1), 0.0), revenue(1, 0.0);
      dist[std::size_t(x0)] = 1;
      double value = 0;
      for (int s = 0; s < periods; ++s) {
        std::vector<double> next(std::size_t(x0 + 1), 0.0);
        const double mean = pb.mean[std::size_t(s)][std::size_t(path[std::size_t(s)])];
        const double price = pb.prices[std::size_t(path[std::size_t(s)])];
        for (int x = 0; x <= x0; ++x) {
          double below = 0;
          for (int d = 0; d < x; ++d) {
            const double p = poisson(mean, d) * dist[std::size_t(x)];
            below += poisson(mean, d);
            value += p * price * d;
            next[std::size_t(x - d)] += p;
          }
          value += (1 - below) * dist[std::size_t(x)] * price * x;
          next[0] += (1 - below) * dist[std::size_t(x)];
        }
        dist = next;
      }
      for (int x = 0; x <= x0; ++x) value += dist[std::size_t(x)] * pb.salvage * x;
      best = std::max(best, value);
      return;
    }
    for (int j = pb.markdown_only ? from : 0; j < steps; ++j) {
      path[std::size_t(t)] = j;
      walk(t + 1, j);
    }
  };
  walk(0, 0);
  return best;
}

MarkdownProblem small_problem(bool markdown_only) {
  MarkdownProblem pb;
  pb.prices = {10, 8, 6};
  // Demand rises through the season and with the discount (exponential response).
  const std::vector<double> base = {0.8, 1.5, 2.5};
  for (const double b : base) pb.mean.push_back({b, b * std::exp(0.6), b * std::exp(1.2)});
  pb.salvage = 2;
  pb.max_stock = 7;
  pb.markdown_only = markdown_only;
  return pb;
}

}  // namespace

TEST_CASE("the markdown DP equals brute-force enumeration of every markdown-only history, to 1e-9") {
  const MarkdownProblem pb = small_problem(true);
  const auto policy = solve_markdown(pb);
  for (int i = 0; i < 3; ++i)
    for (int x = 0; x <= pb.max_stock; ++x) {
      CAPTURE(i);
      CAPTURE(x);
      CHECK(std::abs(policy.value(0, i, x) - brute_force(pb, 0, i, x)) < 1e-9);
      CHECK(std::abs(policy.value(1, i, x) - brute_force(pb, 1, i, x)) < 1e-9);
    }
}

TEST_CASE("without markdown-only the DP equals brute force over every ladder history, and is worth at least as much") {
  const MarkdownProblem free = small_problem(false), down = small_problem(true);
  const auto any = solve_markdown(free), only = solve_markdown(down);
  for (int x = 0; x <= free.max_stock; ++x) {
    CHECK(std::abs(any.value(0, 0, x) - brute_force(free, 0, 0, x)) < 1e-9);
    CHECK(any.value(0, 0, x) >= only.value(0, 0, x) - 1e-12);
  }
}

TEST_CASE("the DP's adaptive policy is worth at least the best fixed markdown path, and equals it for one period") {
  const MarkdownProblem pb = small_problem(true);
  const auto policy = solve_markdown(pb);
  for (int x : {1, 4, 7}) CHECK(policy.value(0, 0, x) >= best_fixed_path(pb, x) - 1e-9);
  MarkdownProblem one = pb;
  one.mean.resize(1);
  const auto single = solve_markdown(one);
  for (int x : {0, 3, 7}) CHECK(std::abs(single.value(0, 0, x) - best_fixed_path(one, x)) < 1e-9);
}

TEST_CASE("with much stock and a high salvage the DP keeps the list price; with no stock nothing is earned") {
  MarkdownProblem pb = small_problem(true);
  const auto policy = solve_markdown(pb);
  for (int t = 0; t < 3; ++t) CHECK(policy.value(t, 0, 0) == 0.0);
  pb.salvage = 9.5;  // above every discounted price: selling cheaper than salvage never pays
  const auto keep = solve_markdown(pb);
  for (int t = 0; t < 3; ++t) CHECK(keep.best(t, 0, pb.max_stock) == 0);
}

TEST_CASE("a markdown-only policy never returns to a higher price than the step in force") {
  const MarkdownProblem pb = small_problem(true);
  const auto policy = solve_markdown(pb);
  for (int t = 0; t < policy.periods(); ++t)
    for (int i = 0; i < policy.steps(); ++i)
      for (int x = 0; x <= pb.max_stock; ++x) CHECK(policy.best(t, i, x) >= i);
}

TEST_CASE("the Poisson support sums to 1 and has the law's mean and variance, also for large means") {
  for (double mean : {0.3, 4.0, 250.0, 3000.0}) {
    int first = 0;
    const auto p = peaksim::agents::poisson_support(mean, first);
    double sum = 0, m = 0, m2 = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double d = double(first + int(i));
      sum += p[i], m += p[i] * d, m2 += p[i] * d * d;
    }
    CHECK(std::abs(sum - 1) < 1e-14);
    CHECK(std::abs(m - mean) < 1e-9 * std::max(1.0, mean));
    CHECK(std::abs(m2 - m * m - mean) < 1e-7 * std::max(1.0, mean));
  }
}
