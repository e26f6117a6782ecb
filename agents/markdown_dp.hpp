// Optimal markdown over a price ladder by dynamic programming (docs/pricing.md): a season of periods, a stock
// that is not replenished, Poisson demand in each period whose mean depends on the price, and a salvage value
// per unit left after the last period. A pure function of its problem; the pricing agent looks its answer up
// at each review with the actual stock.
#pragma once
#include <cstddef>
#include <vector>

namespace peaksim::agents {

struct MarkdownProblem {
  std::vector<double> prices;             // per ladder step, the first the highest
  std::vector<std::vector<double>> mean;  // [period][step]: Poisson mean demand of the period at that step's price
  double salvage = 0;                     // per unit left after the last period
  int max_stock = 0;                      // stock states 0 .. max_stock
  bool markdown_only = true;              // a period's step is never above the step in force before it
};

// V_t(i, x): the most expected revenue (sales at the prices chosen, plus salvage) from the start of period t
// with x units and step i in force before t's decision; best(t, i, x): the step that attains it.
//   V_T(i, x) = salvage x
//   V_t(i, x) = max over steps j allowed from i of  E[ p_j min(D_tj, x) + V_{t+1}(j, x - min(D_tj, x)) ]
// (allowed: j >= i with markdown_only, any j without). A tie goes to the higher price.
class MarkdownPolicy {
public:
  MarkdownPolicy() = default;
  MarkdownPolicy(int periods, int steps, int max_stock);
  int periods() const { return periods_; }
  int steps() const { return steps_; }
  int max_stock() const { return max_stock_; }
  double value(int period, int step, int stock) const { return value_[at(period, step, stock)]; }
  int best(int period, int step, int stock) const { return best_[at(period, step, stock)]; }

private:
  friend MarkdownPolicy solve_markdown(const MarkdownProblem& problem);
  std::size_t at(int period, int step, int stock) const {
    return (std::size_t(period) * std::size_t(steps_) + std::size_t(step)) * std::size_t(max_stock_ + 1) +
           std::size_t(stock);
  }
  int periods_ = 0, steps_ = 0, max_stock_ = 0;
  std::vector<double> value_;  // periods + 1 (the last: salvage)
  std::vector<int> best_;      // periods
};

MarkdownPolicy solve_markdown(const MarkdownProblem& problem);

// P(D = d) for d in [first, first + size) of a Poisson law with this mean, where the rest has probability below
// 1e-20 (exact enough for any sum the DP makes), normalised to sum to 1: `first` is returned through the argument.
std::vector<double> poisson_support(double mean, int& first);

}  // namespace peaksim::agents
