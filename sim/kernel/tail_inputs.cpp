// The tail of a run's KPIs across replications: what `peaksim run`, `peaksim merge` and an experiment's arms
// write as /tail (docs/output.md).
#include "sim/kernel/tail_inputs.hpp"

#include <algorithm>
#include <cmath>

#include "sim/kernel/kpis.hpp"
#include "sim/stats/tail.hpp"

namespace peaksim {
namespace {

constexpr std::size_t kWorst = 5;

// The column of `name` in a breakdown, one value per entity; empty when the breakdown lacks it.
std::vector<double> column(const KpiBreakdown& b, const std::string& name) {
  const auto k = std::size_t(std::find(b.kpi_names.begin(), b.kpi_names.end(), name) - b.kpi_names.begin());
  if (k == b.kpi_names.size()) return {};
  return {b.values.begin() + std::ptrdiff_t(k * b.entities), b.values.begin() + std::ptrdiff_t((k + 1) * b.entities)};
}

void rank(const std::vector<std::vector<double>>& lost, const std::vector<std::string>& names,
          std::vector<std::string>& worst, std::vector<double>& means) {
  for (const stats::RankedEntity& e : stats::largest_means(lost, kWorst)) {
    worst.push_back(e.entity < names.size() ? names[e.entity] : std::to_string(e.entity));
    means.push_back(e.mean);
  }
}

// The KPIs the tail reads: those with a tail side, and fill_rate_peak (stock-outs during the event).
bool kept(const std::string& name) {
  if (name == "fill_rate_peak") return true;
  for (const KpiDef& def : kpi_table())
    if (def.name == name) return def.tail != KpiTail::none;
  return false;
}

}  // namespace

void TailInputs::Rows::add(std::uint64_t id, const std::vector<double>& row) {
  ids.push_back(id);
  values.insert(values.end(), row.begin(), row.end());
  ends.push_back(values.size());
}

std::vector<std::vector<double>> TailInputs::Rows::in_replication_order() const {
  std::vector<std::size_t> order(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
  std::vector<std::vector<double>> out;
  for (const std::size_t i : order)
    out.emplace_back(values.begin() + std::ptrdiff_t(i == 0 ? 0 : ends[i - 1]),
                     values.begin() + std::ptrdiff_t(ends[i]));
  return out;
}

void TailInputs::add(const ReplicationResult& r) {
  if (kpis_.ids.empty())
    for (std::size_t k = 0; k < r.kpi_names.size(); ++k)
      if (kept(r.kpi_names[k])) kpi_names_.push_back(r.kpi_names[k]), kpi_at_.push_back(k);
  std::vector<double> values;
  for (const std::size_t k : kpi_at_) values.push_back(k < r.kpi_values.size() ? r.kpi_values[k] : NAN);
  kpis_.add(r.replication, values);
  for (const KpiBreakdown& b : r.breakdowns) {
    if (b.level == "region") region_lost_.add(r.replication, column(b, "lost_sales"));
    if (b.level == "sku") {
      const std::vector<double> lost = column(b, "lost_sales");
      if (!lost.empty()) sku_lost_.add(r.replication, lost);
    }
  }
}

TailTables TailInputs::tables(const std::vector<std::string>& regions, const std::vector<std::string>& skus) const {
  TailTables t;
  const std::vector<std::vector<double>> kpis = kpis_.in_replication_order();
  const auto values_of = [&](std::size_t k) {
    std::vector<double> v;
    for (const std::vector<double>& values : kpis) v.push_back(values[k]);
    return v;
  };
  for (const KpiDef& def : kpi_table()) {
    if (def.tail == KpiTail::none) continue;
    const auto k = std::size_t(std::find(kpi_names_.begin(), kpi_names_.end(), def.name) - kpi_names_.begin());
    if (k == kpi_names_.size()) continue;  // not present in this run
    const bool upper = def.tail == KpiTail::upper;
    const stats::TailSummary s = stats::tail95(values_of(k), upper ? stats::TailSide::upper : stats::TailSide::lower);
    t.kpi.push_back(def.name);
    t.side.push_back(upper ? "upper" : "lower");
    t.n.push_back(std::int64_t(s.n));
    t.p95.push_back(s.p95);
    t.cvar95.push_back(s.cvar95);
  }
  // A stock-out during the event: some unit demanded on a peak day was not shipped from stock at once (lost or
  // backordered), i.e. fill_rate_peak < 1; replications without peak demand (fill_rate_peak NaN) do not count.
  const auto peak = std::size_t(std::find(kpi_names_.begin(), kpi_names_.end(), "fill_rate_peak") - kpi_names_.begin());
  if (peak < kpi_names_.size())
    for (const double f : values_of(peak))
      if (!std::isnan(f)) ++t.peak_replications, t.stockout_peak_replications += f < 1;
  if (t.peak_replications > 0)
    t.stockout_peak_probability = double(t.stockout_peak_replications) / double(t.peak_replications);
  rank(region_lost_.in_replication_order(), regions, t.worst_regions, t.worst_regions_lost_sales);
  if (sku_lost_.ids.size() == kpis_.ids.size())
    rank(sku_lost_.in_replication_order(), skus, t.worst_skus, t.worst_skus_lost_sales);
  return t;
}

}  // namespace peaksim
