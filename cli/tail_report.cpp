#include "cli/tail_report.hpp"

#include <fmt/format.h>

#include "sim/stats/summary.hpp"

namespace peaksim::cli {

std::string format_tail_report(const TailTables& t) {
  using stats::format_number;
  std::vector<std::vector<std::string>> table{{"tail KPI", "side", "P95", "CVaR95", "n"}};
  for (std::size_t k = 0; k < t.kpi.size(); ++k)
    table.push_back({t.kpi[k], t.side[k], format_number(t.p95[k]), format_number(t.cvar95[k]), std::to_string(t.n[k])});
  std::string out = "\n" + stats::format_columns(table);
  out += "P95: nearest rank on the KPI's bad side; CVaR95: mean of the worst ceil(5% of n) replications\n";
  out += fmt::format("stock-out on a peak day: {} of {} replications with peak demand (probability {})\n",
                     t.stockout_peak_replications, t.peak_replications, format_number(t.stockout_peak_probability));
  const auto worst = [&out](const char* what, const std::vector<std::string>& names, const std::vector<double>& lost) {
    out += fmt::format("worst {} by mean lost sales:", what);
    for (std::size_t i = 0; i < names.size(); ++i)
      out += fmt::format(" {} {}{}", names[i], format_number(lost[i]), i + 1 < names.size() ? ";" : "");
    out += '\n';
  };
  worst("regions", t.worst_regions, t.worst_regions_lost_sales);
  if (t.worst_skus.empty())
    out += "worst SKUs by mean lost sales: with record.kpi_by_sku: true\n";
  else
    worst("SKUs", t.worst_skus, t.worst_skus_lost_sales);
  return out;
}

}  // namespace peaksim::cli
