// Probability mass functions of the whole-unit quantities peaksim draws, for the oracles of the
// validation cases: Poisson demand, Normal demand rounded to units, lead times rounded to days.
#pragma once
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <vector>

namespace peaksim::validation {

// pmf[k] = P(N = k); what lies beyond the vector is below 1e-15.
using Pmf = std::vector<double>;

inline Pmf poisson_pmf(double mean) {
  Pmf pmf{std::exp(-mean)};
  for (int k = 1; k < 100000 && (double(k) < mean || pmf.back() > 1e-18); ++k) pmf.push_back(pmf.back() * mean / k);
  return pmf;
}

// max(0, round(X)) for a continuous X with the given cdf: round() sends (k - 0.5, k + 0.5) to k, and
// every X < 0.5 ends as 0 (ties have probability 0).
template <class Dist>
Pmf rounded_pmf(const Dist& x, int top) {
  Pmf pmf(std::size_t(top) + 1);
  for (int k = 0; k <= top; ++k)
    pmf[std::size_t(k)] = boost::math::cdf(x, k + 0.5) - (k == 0 ? 0.0 : boost::math::cdf(x, k - 0.5));
  return pmf;
}

// Normal demand as drawn by a region with demand: normal.
inline Pmf rounded_normal_pmf(double mu, double sigma) {
  return rounded_pmf(boost::math::normal_distribution<double>(mu, sigma), int(std::ceil(mu + 12 * sigma)));
}

// A gamma lead time {dist: gamma, mean, cv} (shape 1/cv^2) rounded to whole days, as the supplier does.
inline Pmf rounded_gamma_pmf(double mean, double cv) {
  const boost::math::gamma_distribution<double> g(1 / (cv * cv), mean * cv * cv);
  return rounded_pmf(g, int(std::ceil(boost::math::quantile(boost::math::complement(g, 1e-16)))) + 1);
}

inline double mean_of(const Pmf& pmf) {
  double m = 0;
  for (std::size_t k = 0; k < pmf.size(); ++k) m += double(k) * pmf[k];
  return m;
}

}  // namespace peaksim::validation
