// Erlang C, shared by the queueing cases (picking station, robot fleet).
#pragma once

namespace peaksim::validation {

// The probability that a Poisson arrival finds all c servers busy, offered load a = λE[S], from the
// Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), which never overflows.
inline double erlang_c(int c, double a) {
  double b = 1;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1 - b));
}

}  // namespace peaksim::validation
