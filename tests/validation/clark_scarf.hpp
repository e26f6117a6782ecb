// The exact expected cost per period of a two-stage serial system under echelon base stock, by the
// Chen-Zheng / Shang-Song recursion (Clark & Scarf 1960; Chen & Zheng 1994; Shang & Song 2003,
// Gallego & Zipkin 1999), and the FC's fill rate. Stage 1 is the FC (lead time L2 from the DC),
// stage 2 the DC (lead time L1 from the supplier); h_dc and h_fc are echelon holding costs, b the
// backorder cost per unit and period at the FC. With D^L Poisson(lambda L):
//   C0(x)  = (b + h_dc + h_fc) x^-
//   C~1(y) = E[h_fc (y - D^{L2}) + C0(y - D^{L2})]          FC: net inventory y - D^{L2}
//   C1(x)  = C~1(min(x, S2))                                  the DC's shortfall caps the FC's position
//   C~2(y) = E[h_dc (y - D^{L1}) + C1(y - D^{L1})]           total cost per period = C~2(S1)
// The optimal S2 minimises C~1; then the optimal S1 minimises C~2 with C1 at that S2.
#pragma once
#include <algorithm>
#include <utility>

#include "discrete_laws.hpp"

namespace peaksim::validation {

struct SerialSystem {
  double lambda = 0;  // demand per period at the FC
  int L1 = 0, L2 = 0;
  double h_dc = 0, h_fc = 0, b = 0;
};

struct SerialTheory {
  double cost = 0;       // expected cost per period (echelon holding + backorders)
  double fill_rate = 0;  // share of demand the FC serves from stock at once
};

// FC: net inventory y - D^{L2}.
inline double fc_cost(const SerialSystem& s, int y) {
  const Pmf d = poisson_pmf(s.lambda * s.L2);
  double c = 0;
  for (std::size_t k = 0; k < d.size(); ++k) {
    const double net = double(y) - double(k);
    c += d[k] * (s.h_fc * net + (s.b + s.h_dc + s.h_fc) * std::max(-net, 0.0));
  }
  return c;
}

// Needs S1 >= S2 >= 0 (echelon levels; other pairs act as min(S1, S2) at the FC). The fill rate needs
// L2 >= 1: the stock that meets a period's demand is (S2 - shortfall - D^{L2-1})^+.
inline SerialTheory serial_theory(const SerialSystem& s, int S1, int S2) {
  const Pmf d1 = poisson_pmf(s.lambda * s.L1), d_last = poisson_pmf(s.lambda * (s.L2 - 1)), d = poisson_pmf(s.lambda);
  SerialTheory t;
  for (std::size_t j = 0; j < d1.size(); ++j) {
    const int y = std::min(S1 - int(j), S2);  // the FC's position after the DC's shortfall
    t.cost += d1[j] * (s.h_dc * (double(S1) - double(j)) + fc_cost(s, y));
    double served = 0;
    for (std::size_t i = 0; i < d_last.size(); ++i) {
      const double stock = std::max(double(y) - double(i), 0.0);
      for (std::size_t k = 0; k < d.size(); ++k) served += d_last[i] * d[k] * std::min(double(k), stock);
    }
    t.fill_rate += d1[j] * served / s.lambda;
  }
  return t;
}

// The optimal echelon levels (S1, S2), searched over 0 .. `top`.
inline std::pair<int, int> optimal_levels(const SerialSystem& s, int top) {
  int S2 = 0;
  for (int y = 1; y <= top; ++y)
    if (fc_cost(s, y) < fc_cost(s, S2)) S2 = y;
  int S1 = S2;
  for (int y = S2 + 1; y <= top; ++y)
    if (serial_theory(s, y, S2).cost < serial_theory(s, S1, S2).cost) S1 = y;
  return {S1, S2};
}

}  // namespace peaksim::validation
