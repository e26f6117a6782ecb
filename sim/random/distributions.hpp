// Variate generators written here (not std::*_distribution, whose algorithms differ between
// standard libraries) so that a seed gives the same numbers everywhere.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/random/stream.hpp"

namespace peaksim::rng {

double standard_normal(Stream& s);
double exponential(Stream& s, double mean);
double gamma(Stream& s, double shape, double scale);
double lognormal_mean_cv(Stream& s, double mean, double cv);
// Poisson variate; mean >= 0. Inversion for small means, PTRS (Hoermann 1993) for large ones.
std::int64_t poisson(Stream& s, double mean);
// Negative binomial with the given mean and size k (variance = mean + mean^2 / k),
// drawn as a gamma-Poisson mixture.
std::int64_t negative_binomial(Stream& s, double mean, double size);
// Binomial(n, p) variate, exact: the gaps between successes (or failures, when p > 1/2) are geometric,
// so it costs about n min(p, 1 - p) uniforms.
std::int64_t binomial(Stream& s, std::int64_t n, double p);

// A distribution of a scalar as written in a scenario (lead times, generated attributes).
struct DistributionSpec {
  enum class Kind { constant, uniform, normal, gamma, lognormal, discrete, exponential };
  Kind kind = Kind::constant;
  double value = 0;                               // constant
  double mean = 0, cv = 0;                        // normal, gamma, lognormal; exponential uses mean only
  double min = 0, max = 0;                        // uniform
  std::vector<double> values{}, probabilities{};  // discrete; {} keeps {kind, value} warning-free
  double mean_value() const;
};

double sample(Stream& s, const DistributionSpec& d);

// Every kind's word (as a scenario writes it), one-line meaning and the keys of DistributionSpec it
// reads, in enum order: the one spelling of the names, which the scenario's word table
// (sim/scenario/choices.cpp) and parameter checks reuse.
struct KindWord {
  DistributionSpec::Kind kind;
  const char* word;
  const char* meaning;
  std::vector<std::string> keys;
};
const std::vector<KindWord>& kind_words();
std::string to_string(DistributionSpec::Kind k);

}  // namespace peaksim::rng
