// Exact oracle for a periodic-review (s,S) policy with i.i.d. Poisson daily demand under peaksim's
// daily conventions (docs/model.md): a finite Markov chain on X_t, the stock level once day t's order
// (if any) is on the shelf, its stationary distribution, and the daily averages of every cost
// component, long-run or exactly over a finite horizon from X_{-1} = S (the default initial stock).
//
// Day t, starting from x = X_{t-1}: demand D_t is served from max(x, 0); the rest is backordered
// (z = x - D) or lost (z = max(x - D, 0)). The review sees IP = z (nothing is on order: lead time 0
// delivers at the same day's close, lead time 1 at the next day's 00:00, both before the next review)
// and orders S - z when z < s (z <= s with the at_or_below trigger). So X_t = S if triggered, else z.
// The end-of-day count that holding and backorder costs are charged on is X_t when the order arrives
// at the close (lead time 0), and z when it arrives next morning (lead time 1).
#pragma once
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace peaksim::validation {

enum class Unmet { backorder, lost };
enum class Receipt { same_day_close, next_morning };  // lead time 0d or 1d

struct SsModel {
  double rate = 5;  // Poisson mean demand per day
  int s = 0, S = 1;
  bool at_or_below = false;  // trigger IP <= s instead of IP < s
  Unmet unmet = Unmet::backorder;
  Receipt receipt = Receipt::same_day_close;
  double holding = 0;      // h per unit-day on hand at the count
  double backorder = 0;    // b per unit-day backordered at the count
  double lost_sale = 0;    // p per unit lost
  double order_fixed = 0;  // K per order line
};

// Expected values per SKU-day.
struct DailyAverages {
  double holding = 0, shortage = 0, ordering = 0;  // costs
  double orders = 0, sales = 0, lost = 0;          // order lines, units
  double on_hand = 0, backorders = 0;              // units at the count
  double total() const { return holding + shortage + ordering; }
};

// Poisson probabilities P(D = d), d = 0..dmax, with dmax far enough that P(D > dmax) < 1e-30 for
// the rates used here (lambda <= 50); the recursion keeps full relative precision.
inline std::vector<double> poisson_pmf(double rate) {
  const int dmax = int(std::ceil(rate + 12 * std::sqrt(rate) + 30));
  std::vector<double> p(std::size_t(dmax) + 1);
  p[0] = std::exp(-rate);
  for (int d = 1; d <= dmax; ++d) p[std::size_t(d)] = p[std::size_t(d) - 1] * rate / d;
  return p;
}

class SsChain {
public:
  explicit SsChain(const SsModel& m) : m_(m), lowest_(m.at_or_below ? m.s + 1 : m.s) {
    if (m.s < 0 || m.S < lowest_) throw std::invalid_argument("(s,S) chain needs 0 <= s and S above the trigger");
    const int n = m.S - lowest_ + 1;
    P_ = Eigen::MatrixXd::Zero(n, n);
    for (auto* v : {&on_hand_, &backorders_, &lost_, &sales_, &orders_}) *v = Eigen::VectorXd::Zero(n);
    const std::vector<double> pmf = poisson_pmf(m.rate);
    for (int i = 0; i < n; ++i) {
      const int x = lowest_ + i;
      for (std::size_t d = 0; d < pmf.size(); ++d) {
        const double w = pmf[d];
        const int demand = int(d);
        const int served = std::min(demand, std::max(x, 0));
        const int z = m.unmet == Unmet::backorder ? x - demand : std::max(x - demand, 0);
        const bool order = m.at_or_below ? z <= m.s : z < m.s;
        const int next = order ? m.S : z;  // z >= lowest_ when not triggered, and z <= x <= S
        const int counted = m.receipt == Receipt::same_day_close ? next : z;
        P_(i, next - lowest_) += w;
        orders_(i) += w * order;
        sales_(i) += w * served;
        if (m.unmet == Unmet::lost) lost_(i) += w * (demand - served);
        on_hand_(i) += w * std::max(counted, 0);
        backorders_(i) += w * std::max(-counted, 0);
      }
    }
  }

  int lowest() const { return lowest_; }
  int states() const { return int(P_.rows()); }
  const Eigen::MatrixXd& transition() const { return P_; }

  // pi P = pi, sum pi = 1: the balance equations with one replaced by the normalisation. S reaches
  // every level by demand, so the chain has a single closed class and the solution is unique.
  Eigen::VectorXd stationary() const {
    const int n = states();
    Eigen::MatrixXd A = P_.transpose() - Eigen::MatrixXd::Identity(n, n);
    A.row(n - 1).setOnes();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    rhs(n - 1) = 1;
    return A.fullPivLu().solve(rhs);
  }

  // Averages of one day whose start-of-day level has distribution `start` (over the states).
  DailyAverages average(const Eigen::VectorXd& start) const {
    DailyAverages a;
    a.on_hand = start.dot(on_hand_);
    a.backorders = start.dot(backorders_);
    a.lost = start.dot(lost_);
    a.sales = start.dot(sales_);
    a.orders = start.dot(orders_);
    a.holding = m_.holding * a.on_hand;
    a.shortage = m_.backorder * a.backorders + m_.lost_sale * a.lost;
    a.ordering = m_.order_fixed * a.orders;
    return a;
  }

  DailyAverages long_run() const { return average(stationary()); }

  // Exact expectation of the average over days 0..days-1 of one run started with S on hand.
  DailyAverages finite_horizon(int days) const {
    Eigen::RowVectorXd mu = Eigen::RowVectorXd::Zero(states());
    mu(m_.S - lowest_) = 1;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(states());  // sum over days of the start distribution
    for (int t = 0; t < days; ++t) {
      sum += mu.transpose();
      mu = mu * P_;
    }
    return average(sum / days);
  }

  // One-day expectations from start-of-day level x (for hand checks).
  double expected_sales(int x) const { return sales_(x - lowest_); }
  double expected_lost(int x) const { return lost_(x - lowest_); }
  double order_probability(int x) const { return orders_(x - lowest_); }

private:
  SsModel m_;
  int lowest_;
  Eigen::MatrixXd P_;
  Eigen::VectorXd on_hand_, backorders_, lost_, sales_, orders_;  // one-day expectations per start state
};

}  // namespace peaksim::validation
