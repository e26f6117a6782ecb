// Across-replication statistics, checked against references computed independently of Boost.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "sim/stats/summary.hpp"

using namespace peaksim::stats;

namespace {

double t_density(double t, double nu) {
  const double log_norm = std::lgamma((nu + 1) / 2) - std::lgamma(nu / 2) - 0.5 * std::log(nu * std::numbers::pi);
  return std::exp(log_norm - (nu + 1) / 2 * std::log1p(t * t / nu));
}

// P(T <= q) for q >= 0 by composite Simpson's rule on the density; naive but independent of Boost.
double t_cdf_by_integration(double q, double nu) {
  const int steps = 200000;  // even
  const double h = q / steps;
  double sum = t_density(0, nu) + t_density(q, nu);
  for (int i = 1; i < steps; ++i) sum += (i % 2 == 1 ? 4 : 2) * t_density(i * h, nu);
  return 0.5 + sum * h / 3;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("The t quantile inverts the numerically integrated t distribution") {
  for (const double nu : {1.0, 2.0, 3.0, 7.0, 29.0, 250.0}) {
    for (const double p : {0.6, 0.9, 0.975, 0.995}) {
      CAPTURE(nu);
      CAPTURE(p);
      const double q = student_t_quantile(p, nu);
      CHECK(q > 0);
      CHECK(t_cdf_by_integration(q, nu) == doctest::Approx(p).epsilon(1e-8));
      CHECK(student_t_quantile(1 - p, nu) == doctest::Approx(-q).epsilon(1e-10));  // symmetry
    }
  }
}

TEST_CASE("The t quantile matches closed forms for one and two degrees of freedom and printed tables") {
  for (const double p : {0.55, 0.9, 0.975, 0.999}) {
    CAPTURE(p);
    // nu = 1 is the Cauchy distribution; nu = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    CHECK(student_t_quantile(p, 1) == doctest::Approx(std::tan(std::numbers::pi * (p - 0.5))).epsilon(1e-12));
    CHECK(student_t_quantile(p, 2) == doctest::Approx((2 * p - 1) / std::sqrt(2 * p * (1 - p))).epsilon(1e-12));
  }
  // NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2, upper critical values for alpha = 0.025.
  CHECK(student_t_quantile(0.975, 1) == doctest::Approx(12.706).epsilon(1e-4));
  CHECK(student_t_quantile(0.975, 7) == doctest::Approx(2.365).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 10) == doctest::Approx(2.228).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 30) == doctest::Approx(2.042).epsilon(1e-3));
  CHECK(student_t_quantile(0.975, 100) == doctest::Approx(1.984).epsilon(1e-3));
}

TEST_CASE("The t quantile rejects probabilities outside (0, 1) and non-positive degrees of freedom") {
  CHECK_THROWS_AS(student_t_quantile(0, 5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(1, 5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(std::nan(""), 5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(0.9, 0), std::invalid_argument);
}

TEST_CASE("Summarize gives the hand-computed mean, sample deviation and half-width") {
  // Deviations from the mean 5 are -3 -1 -1 -1 0 0 2 4; their squares sum to 32, so s^2 = 32 / 7.
  const Summary s = summarize({2, 4, 4, 4, 5, 5, 7, 9});
  CHECK(s.n == 8);
  CHECK(s.mean == doctest::Approx(5.0).epsilon(1e-15));
  CHECK(s.sd == doctest::Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-15));
  // t * s / sqrt(n) = 2.364624 * 2.138090 / 2.828427; t_{0.975,7} = 2.365 in the NIST table cited above.
  CHECK(s.half_width == doctest::Approx(1.787488).epsilon(1e-6));
  CHECK(summarize({2, 4, 4, 4, 5, 5, 7, 9}, 0.90).half_width < s.half_width);
}

TEST_CASE("Summarize stays exact for large values with a small spread") {
  // The one-pass formula sum(x^2) - n mean^2 loses all digits here; the two-pass one does not.
  const Summary s = summarize({1e9 + 1, 1e9 + 2, 1e9 + 3});
  CHECK(s.mean == 1e9 + 2);
  CHECK(s.sd == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("Summarize reports zero deviation and no interval for fewer than two values") {
  const Summary one = summarize({0.98});
  CHECK(one.n == 1);
  CHECK(one.mean == 0.98);
  CHECK(one.sd == 0);
  CHECK(std::isnan(one.half_width));
  const Summary none = summarize({});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK(std::isnan(none.half_width));
  CHECK_THROWS_AS(summarize({1, 2}, 1.0), std::invalid_argument);
}

TEST_CASE("The KPI table aligns its columns and prints fill rates and costs readably") {
  const std::string table = format_kpi_table({"fill_rate", "total_cost", "lone", "loss"},
                                             {{0.98809, 0.98809}, {2762000, 2762000.2}, {7}, {-1234567.8, -1234567.8}});
  const auto lines = lines_of(table);
  REQUIRE(lines.size() == 6);  // header, rule, four KPIs
  for (const auto& line : lines) CHECK(line.size() == lines[0].size());
  CHECK(lines[0].rfind("KPI", 0) == 0);
  CHECK(lines[0].find("+/-95% CI") != std::string::npos);
  CHECK(lines[1].find_first_not_of('-') == std::string::npos);
  CHECK(lines[2].rfind("fill_rate", 0) == 0);
  CHECK(lines[2].find(" 0.98809 ") != std::string::npos);
  CHECK(lines[3].find(" 2,762,000 ") != std::string::npos);
  CHECK(lines[4].find(" 7 ") != std::string::npos);  // no trailing zeros on whole numbers
  CHECK(lines[4].find("n/a") != std::string::npos);  // one replication: no sd, no interval
  CHECK(lines[4].back() == '1');
  CHECK(lines[5].find(" -1,234,568 ") != std::string::npos);
  CHECK(format_kpi_table({"x"}, {{1, 2}}, 0.9).find("+/-90% CI") != std::string::npos);
  CHECK_THROWS_AS(format_kpi_table({"x", "y"}, {{1}}), std::invalid_argument);
}
