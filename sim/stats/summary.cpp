// Across-replication statistics. Replications are independent, identically distributed runs, so the
// textbook Student-t interval on their mean is the right confidence statement for a KPI.
#include "sim/stats/summary.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace peaksim::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kSignificantDigits = 6;

std::string printf_string(const char* format, int precision, double x) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, format, precision, x);
  return std::string(buf, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof buf) - 1)));
}

// Puts thousands separators into the integer part of a plain decimal such as "-2762000.5".
std::string group_thousands(const std::string& plain) {
  const std::size_t begin = (!plain.empty() && plain[0] == '-') ? 1 : 0;
  const std::size_t end = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, begin);
  for (std::size_t i = begin; i < end; ++i) {
    out += plain[i];
    const std::size_t left = end - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  return out + plain.substr(end);
}

}  // namespace

// Up to six significant digits, trailing zeros dropped as %g does, but with thousands separators and
// without exponents for everyday magnitudes: 0.98809, 12.3457, 12, 2,762,000.
std::string format_number(double x) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  const double magnitude = std::fabs(x);
  if (magnitude == 0) return "0";
  if (magnitude < 1e-4 || magnitude >= 1e15) return printf_string("%.*g", kSignificantDigits, x);
  if (magnitude < 1) return printf_string("%.*g", kSignificantDigits, x);
  const int integer_digits = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
  const int decimals = std::max(0, kSignificantDigits - integer_digits);
  std::string plain = printf_string("%.*f", decimals, x);
  if (plain.find('.') != std::string::npos) {  // like %g: 12 rather than 12.0000
    plain.erase(plain.find_last_not_of('0') + 1);
    if (plain.back() == '.') plain.pop_back();
  }
  return group_thousands(plain);
}

double student_t_quantile(double p, double degrees_of_freedom) {
  if (!(p > 0 && p < 1)) throw std::invalid_argument("student_t_quantile: p must lie strictly between 0 and 1");
  if (!(degrees_of_freedom > 0)) throw std::invalid_argument("student_t_quantile: degrees of freedom must be > 0");
  return boost::math::quantile(boost::math::students_t_distribution<double>(degrees_of_freedom), p);
}

Summary summarize(const std::vector<double>& values, double confidence) {
  if (!(confidence > 0 && confidence < 1)) throw std::invalid_argument("summarize: confidence must lie in (0, 1)");
  Summary s;
  s.n = values.size();
  if (s.n == 0) {
    s.mean = kNaN;
    s.half_width = kNaN;
    return s;
  }
  double sum = 0;
  for (const double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2) {
    s.half_width = kNaN;
    return s;
  }
  // Two passes: summing squares of deviations avoids the cancellation of sum(x^2) - n * mean^2 for
  // KPIs such as costs in the millions with small spread.
  double squares = 0;
  for (const double v : values) squares += (v - s.mean) * (v - s.mean);
  const double n = static_cast<double>(s.n);
  s.sd = std::sqrt(squares / (n - 1));
  s.half_width = student_t_quantile(0.5 + confidence / 2, n - 1) * s.sd / std::sqrt(n);
  return s;
}

std::string format_kpi_table(const std::vector<std::string>& names, const std::vector<std::vector<double>>& values,
                             double confidence) {
  if (names.size() != values.size()) {
    throw std::invalid_argument("format_kpi_table: " + std::to_string(names.size()) + " names but " +
                                std::to_string(values.size()) + " value columns");
  }
  const std::string level = printf_string("%.*g", 4, 100 * confidence);
  std::vector<std::vector<std::string>> rows{{"KPI", "mean", "sd", "+/-" + level + "% CI", "n"}};
  for (std::size_t k = 0; k < names.size(); ++k) {
    const Summary s = summarize(values[k], confidence);
    rows.push_back({names[k], format_number(s.mean), s.n < 2 ? "n/a" : format_number(s.sd), format_number(s.half_width),
                    std::to_string(s.n)});
  }

  return format_columns(rows);
}

std::string format_columns(const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return "";
  std::vector<std::size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string pad(widths[c] - rows[r][c].size(), ' ');
      if (c > 0) line += "  ";
      line += c == 0 ? rows[r][c] + pad : pad + rows[r][c];  // names left, numbers right-aligned
    }
    out += line + '\n';
    if (r == 0) {
      std::size_t total = 0;
      for (const std::size_t w : widths) total += w;
      out += std::string(total + 2 * (widths.size() - 1), '-') + '\n';
    }
  }
  return out;
}

}  // namespace peaksim::stats
