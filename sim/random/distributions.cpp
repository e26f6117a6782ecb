// Variate algorithms. Each takes its uniforms only from the Stream it is given and keeps no other
// state (no cached second normal), so a draw depends on the stream and the parameters alone.
#include "sim/random/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace peaksim::rng {
namespace {

[[noreturn]] void bad_parameter(const char* what) { throw std::domain_error(what); }

// Below this mean, inversion is cheaper than PTRS (expected cost ~ mean iterations); PTRS is
// only valid for mean >= 10.
constexpr double kPtrsMinMean = 10;
// Largest mean whose variates still fit an int64 with room to spare (PTRS itself is exact there).
constexpr double kMaxPoissonMean = 1e18;

// Reciprocals for the inversion recurrence p_k = p_{k-1} * mean / k: a multiply instead of a
// divide in the inner loop. P(X > 64) is about 1e-29 at mean 10, so the search stops there
// and redraws: that only happens when rounding leaves the cumulative sum short of u.
constexpr int kMaxSearch = 64;
constexpr auto kInverse = [] {
  std::array<double, kMaxSearch + 1> t{};
  for (int k = 1; k <= kMaxSearch; ++k) t[k] = 1.0 / k;
  return t;
}();

// log P(X = k) for X ~ Poisson(mean). log k! = lgamma(k + 1), but not std::lgamma: glibc's writes
// the global `signgam` (a race between worker threads). A table covers the k that PTRS draws for
// means up to ~80 and saves a log on its slow path: ~20% faster at means 10 to 30.
constexpr std::size_t kLogFactorialTableSize = 128;

double log_poisson_pmf(double k, double mean) {
  static const auto log_factorial = [] {
    std::array<double, kLogFactorialTableSize> t{};
    for (std::size_t i = 2; i < t.size(); ++i) t[i] = t[i - 1] + std::log(static_cast<double>(i));
    return t;
  }();
  if (k < static_cast<double>(kLogFactorialTableSize))
    return k * std::log(mean) - mean - log_factorial[static_cast<std::size_t>(k)];
  // Stirling's series for log k! in x = k + 1 >= 129 (first omitted term < 1e-18), regrouped so
  // that no two terms of size ~mean cancel: k log(mean) - mean - log k! =
  // k log(mean / x) + (x - mean) - log(x) / 2 - log(2 pi) / 2 - series(x).
  constexpr double kHalfLog2Pi = 0.91893853320467274178;
  const double x = k + 1;
  const double r = 1 / x;
  const double r2 = r * r;
  const double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 / 1260));
  return k * std::log1p((mean - x) / x) + (x - mean) - 0.5 * std::log(x) - kHalfLog2Pi - series;
}

// Sequential search from 0: one uniform and one exp per draw, ~mean multiply-adds.
std::int64_t poisson_inversion(Stream& s, double mean) {
  const double p0 = std::exp(-mean);
  for (;;) {
    double u = s.uniform();
    double p = p0;
    int k = 0;
    while (u >= p && k < kMaxSearch) {
      u -= p;
      ++k;
      p *= mean * kInverse[static_cast<std::size_t>(k)];
    }
    if (k < kMaxSearch) return k;
  }
}

// PTRS, transformed rejection with squeeze (W. Hoermann, "The transformed rejection method for
// generating Poisson random variables", 1993). The squeeze ends ~45% of draws at mean 10 and
// ~85% from mean 250 with two uniforms, a sqrt and two divides; only the others need logs.
std::int64_t poisson_ptrs(Stream& s, double mean) {
  const double b = 0.931 + 2.53 * std::sqrt(mean);
  const double a = -0.059 + 0.02483 * b;
  const double v_r = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = s.uniform_open() - 0.5;  // open: us below is never 0
    const double v = s.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<std::int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    const double lhs = std::log(v * inv_alpha / (a / (us * us) + b));
    if (lhs <= log_poisson_pmf(k, mean)) return static_cast<std::int64_t>(k);
  }
}

// Marsaglia and Tsang (2000) for shape >= 1.
double gamma_marsaglia_tsang(Stream& s, double shape) {
  const double d = shape - 1.0 / 3;
  const double c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x = 0, v = 0;
    do {
      x = standard_normal(s);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = s.uniform_open();
    const double x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;  // squeeze, ~98% of draws
    if (std::log(u) < 0.5 * x2 + d * (1 - v + std::log(v))) return d * v;
  }
}

}  // namespace

double standard_normal(Stream& s) {
  // Marsaglia polar method; the second variate of the pair is dropped to stay stateless.
  for (;;) {
    const double x = 2 * s.uniform() - 1;
    const double y = 2 * s.uniform() - 1;
    const double r = x * x + y * y;
    if (r < 1 && r > 0) return x * std::sqrt(-2 * std::log(r) / r);
  }
}

double exponential(Stream& s, double mean) {
  if (!(mean >= 0)) bad_parameter("exponential: mean must be >= 0");
  return -mean * std::log(s.uniform_open());
}

double gamma(Stream& s, double shape, double scale) {
  if (!(shape > 0) || !(scale >= 0)) bad_parameter("gamma: need shape > 0 and scale >= 0");
  if (shape >= 1) return scale * gamma_marsaglia_tsang(s, shape);
  // Boost for shape < 1: G(a) = G(a + 1) * U^(1/a). May underflow to 0 for tiny shapes.
  const double g = gamma_marsaglia_tsang(s, shape + 1);
  return scale * g * std::pow(s.uniform_open(), 1 / shape);
}

double lognormal_mean_cv(Stream& s, double mean, double cv) {
  if (!(mean >= 0) || !(cv >= 0)) bad_parameter("lognormal: need mean >= 0 and cv >= 0");
  if (mean == 0 || cv == 0) return mean;  // degenerate: no draw
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(mean) - sigma2 / 2;
  return std::exp(mu + std::sqrt(sigma2) * standard_normal(s));
}

std::int64_t binomial(Stream& s, std::int64_t n, double p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const double q = std::min(p, 1 - p);
  const double log_miss = std::log1p(-q);
  std::int64_t hits = 0;
  // Trials up to and including the next hit are geometric: ceil(log U / log(1 - q)).
  for (double at = 0;;) {
    at += std::ceil(std::log(s.uniform_open()) / log_miss);
    if (at > double(n)) break;
    ++hits;
  }
  return p <= 0.5 ? hits : n - hits;
}

std::int64_t poisson(Stream& s, double mean) {
  if (mean < kPtrsMinMean) {
    if (mean > 0) return poisson_inversion(s, mean);
    if (mean == 0) return 0;  // no draw
  } else if (mean <= kMaxPoissonMean) {
    return poisson_ptrs(s, mean);
  }
  bad_parameter("poisson: mean must be finite, >= 0 and <= 1e18");  // negative, NaN, too large
}

std::int64_t negative_binomial(Stream& s, double mean, double size) {
  if (!(mean >= 0) || !(size > 0)) bad_parameter("negative_binomial: need mean >= 0 and size > 0");
  if (mean == 0) return 0;
  if (std::isinf(size)) return poisson(s, mean);  // the Poisson limit
  return poisson(s, gamma(s, size, mean / size));
}

double DistributionSpec::mean_value() const {
  switch (kind) {
    case Kind::constant:
      return value;
    case Kind::uniform:
      return (min + max) / 2;
    case Kind::normal:
    case Kind::gamma:
    case Kind::lognormal:
    case Kind::exponential:
      return mean;
    case Kind::discrete: {
      double m = 0, total = 0;
      for (std::size_t i = 0; i < values.size() && i < probabilities.size(); ++i) {
        m += values[i] * probabilities[i];
        total += probabilities[i];
      }
      return total > 0 ? m / total : 0;  // same normalisation as sample()
    }
  }
  throw std::invalid_argument("DistributionSpec: unknown kind");
}

double sample(Stream& s, const DistributionSpec& d) {
  using Kind = DistributionSpec::Kind;
  switch (d.kind) {
    case Kind::constant:
      return d.value;
    case Kind::uniform:
      return d.min + (d.max - d.min) * s.uniform();
    case Kind::normal:
      return d.mean + d.cv * d.mean * standard_normal(s);  // callers clamp if needed
    case Kind::gamma:
      if (d.mean == 0 || d.cv == 0) return d.mean;
      // shape 1/cv^2 and scale mean*cv^2 give mean `mean` and sd cv*mean.
      return gamma(s, 1 / (d.cv * d.cv), d.mean * d.cv * d.cv);
    case Kind::lognormal:
      return lognormal_mean_cv(s, d.mean, d.cv);
    case Kind::exponential:
      return exponential(s, d.mean);
    case Kind::discrete: {
      if (d.values.empty() || d.values.size() != d.probabilities.size())
        throw std::invalid_argument("discrete distribution: values and probabilities must match");
      double total = 0;
      for (double p : d.probabilities) total += p;
      if (!(total > 0)) throw std::invalid_argument("discrete distribution: probabilities sum to 0");
      // u is scaled by the sum as computed here, in the loop's order, so rounding cannot push it
      // past the last cumulative value (and a sum slightly off 1 cannot favour the last value).
      const double u = s.uniform() * total;
      double cumulative = 0;
      for (std::size_t i = 0; i + 1 < d.values.size(); ++i) {
        cumulative += d.probabilities[i];
        if (u < cumulative) return d.values[i];
      }
      return d.values.back();
    }
  }
  throw std::invalid_argument("DistributionSpec: unknown kind");
}

const std::vector<KindWord>& kind_words() {
  using K = DistributionSpec::Kind;
  static const std::vector<KindWord> t = {
      {K::constant, "constant", "always `value`", {"value"}},
      {K::uniform, "uniform", "uniform on [min, max]", {"min", "max"}},
      {K::normal, "normal", "Normal of `mean`, sd = cv × mean", {"mean", "cv"}},
      {K::gamma, "gamma", "gamma of `mean`, sd = cv × mean", {"mean", "cv"}},
      {K::lognormal, "lognormal", "lognormal of `mean`, sd = cv × mean", {"mean", "cv"}},
      {K::discrete, "discrete", "one of `values` with `probabilities`", {"values", "probabilities"}},
      {K::exponential, "exponential", "exponential of `mean` (−mean · ln U)", {"mean"}}};
  return t;
}

std::string to_string(DistributionSpec::Kind k) {
  for (const KindWord& w : kind_words())
    if (w.kind == k) return w.word;
  throw std::logic_error("a distribution kind has no word");
}

}  // namespace peaksim::rng
