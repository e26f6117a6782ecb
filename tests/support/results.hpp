// Lookups in a ReplicationResult, for tests: a KPI, whether it is present, and one entity's value in a breakdown.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "sim/output/results.hpp"

namespace peaksim::test {

inline bool has_kpi(const ReplicationResult& r, const std::string& name) {
  return std::find(r.kpi_names.begin(), r.kpi_names.end(), name) != r.kpi_names.end();
}

inline double kpi(const ReplicationResult& r, const std::string& name) {
  for (std::size_t k = 0; k < r.kpi_names.size(); ++k)
    if (r.kpi_names[k] == name) return r.kpi_values[k];
  FAIL("no KPI " << name);
  return 0;
}

// The breakdown of one level ("site", "region", "sku").
inline const KpiBreakdown& breakdown(const ReplicationResult& r, const std::string& level) {
  for (const KpiBreakdown& b : r.breakdowns)
    if (b.level == level) return b;
  FAIL("no breakdown " << level);
  throw;
}

// A KPI of entity `e` (a site, region or SKU, in scenario order) in a breakdown.
inline double breakdown_value(const KpiBreakdown& b, const std::string& name, std::size_t e) {
  const auto k = std::size_t(std::find(b.kpi_names.begin(), b.kpi_names.end(), name) - b.kpi_names.begin());
  if (k == b.kpi_names.size()) FAIL("no KPI " << name << " in the " << b.level << " breakdown");
  return b.values[k * b.entities + e];
}

}  // namespace peaksim::test
