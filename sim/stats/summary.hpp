// Across-replication summaries: mean, standard deviation and Student-t confidence half-width.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace peaksim::stats {

struct Summary {
  std::size_t n = 0;
  double mean = 0;
  double sd = 0;          // sample standard deviation (n - 1); 0 when n < 2
  double half_width = 0;  // t_{1-alpha/2, n-1} * sd / sqrt(n); NaN when n < 2
};

Summary summarize(const std::vector<double>& values, double confidence = 0.95);
double student_t_quantile(double p, double degrees_of_freedom);

// A plain-text table: one row per KPI, columns mean, sd, +/- half-width (95%).
// values[k][r] is KPI k in replication r.
std::string format_kpi_table(const std::vector<std::string>& names, const std::vector<std::vector<double>>& values,
                             double confidence = 0.95);

// A number as the KPI table prints it: up to 6 significant digits, thousands separated, NaN as "n/a".
std::string format_number(double x);

// Aligned columns: the first row is the header, underlined; the first column left-aligned, the others right.
std::string format_columns(const std::vector<std::vector<std::string>>& rows);

}  // namespace peaksim::stats
