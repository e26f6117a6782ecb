#include "model/memory_budget.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <thread>
#include <unordered_set>

#include "sim/scenario/choices.hpp"

namespace peaksim {
namespace {

// Calibrated on bench/record_bench.sh (100,000 SKUs x 1 site x 120 days, sku_daily: parent 152 MB, largest worker
// 164 MB, about 27 MB of compressed results per replication) and the reference model at 2,000 and 8,000 SKUs;
// rounded up so that the estimate stays above what runs use.
constexpr double kProcessBytes = 80e6;          // a process before its plan: libraries, SimGrid, HDF5
constexpr double kPlanPerSkuSite = 1000;        // levels, formulas' results, names
constexpr double kStatePerSkuSite = 1000;       // stock, pipeline, KPI sums of one replication
constexpr double kRecordedPerCell = 0.5;        // one recorded int32 after compression (measured 0.25)
constexpr double kKpiBytesPerSkuSite = 40 * 8;  // /kpi_by/sku: about 40 KPIs as doubles

double recorded_cells(const Scenario& sc) {
  const double sites = double(sc.warehouses.size()), days = sc.horizon_days;
  const double vars = double(sc.record.variables.empty() ? 9 : sc.record.variables.size());
  switch (sc.record.level) {
    case RecordLevel::sku_daily:
      return double(sc.skus.size()) * sites * days * vars;
    case RecordLevel::sku_weekly:
      return double(sc.skus.size()) * sites * std::ceil(days / 7) * vars;
    case RecordLevel::category_daily: {
      std::unordered_set<std::string> categories;
      for (const Sku& s : sc.skus) categories.insert(s.category);
      return double(categories.size()) * sites * days * vars;
    }
    case RecordLevel::site_daily:
      return sites * days * vars;
    case RecordLevel::kpi_only:
      return 0;
  }
  return 0;
}

}  // namespace

MemoryEstimate estimate_memory(const Scenario& sc, int jobs, int batch) {
  MemoryEstimate e;
  e.jobs = std::max(1, jobs);
  e.batch = std::max(1, batch);
  const double sku_sites = double(sc.skus.size()) * double(sc.warehouses.size());
  e.plan_bytes = kPlanPerSkuSite * sku_sites;
  const double results =
      kRecordedPerCell * recorded_cells(sc) + (sc.record.kpi_by_sku ? kKpiBytesPerSkuSite * sku_sites : 0);
  e.replication_bytes = kStatePerSkuSite * sku_sites + results;
  e.worker_bytes = kProcessBytes + e.plan_bytes + e.batch * e.replication_bytes;
  e.parent_bytes = kProcessBytes + e.plan_bytes + e.jobs * results;
  e.total_bytes = e.parent_bytes + e.jobs * e.worker_bytes;
  return e;
}

MemoryBudget memory_budget() {
  if (const char* mb = std::getenv("PEAKSIM_MEMORY_BUDGET_MB"))
    if (const double x = std::atof(mb); x > 0) return {x * 1e6, "PEAKSIM_MEMORY_BUDGET_MB"};
  const double physical = double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGE_SIZE));
  return {0.8 * physical, "80% of physical memory"};
}

std::string bytes_text(double bytes) {
  if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
  return fmt::format("{:.0f} MB", std::max(1.0, bytes / 1e6));
}

std::string memory_refusal(const Scenario& sc, const MemoryEstimate& e, const MemoryBudget& b) {
  if (e.total_bytes <= b.bytes) return "";
  return fmt::format(
      "{}: the run would need about {} of memory ({} SKUs x {} sites x {} days, record.level {}, {} jobs of {} "
      "replications each); the budget is {} ({}): use fewer SKUs, days or jobs, a coarser record.level, or set "
      "PEAKSIM_MEMORY_BUDGET_MB",
      sc.source_path, bytes_text(e.total_bytes), sc.skus.size(), sc.warehouses.size(), sc.horizon_days,
      scn::word_of(sc.record.level), e.jobs, e.batch, bytes_text(b.bytes), b.source);
}

int default_jobs() { return int(std::max(1u, std::thread::hardware_concurrency())); }

// Measured with `peaksim run -j 1` (workers' CPU per replication): 0.2 ms for 5 SKUs over 30 days (150 SKU-site
// days), 6 ms for scenarios/black_friday.yaml (28,800), 26 ms for scenarios/reference/single_sS.yaml (365,000). So a
// replication weighs about 1,000 SKU-site days plus its own at 0.2 us each, and a batch of 250,000 about 50 ms: ten
// times a worker's fixed cost in an experiment (its start, engine and file, about 5 ms).
int batch_limit(const Scenario& sc) {
  const double weight = 1000.0 + double(sc.skus.size()) * double(sc.warehouses.size()) * double(sc.horizon_days);
  return int(std::clamp(std::ceil(250000.0 / weight), 16.0, 256.0));
}

int automatic_batch(const Scenario& sc, std::int64_t replications, int jobs) {
  return int(std::clamp<std::int64_t>(replications / (4 * std::max(1, jobs)), 1, batch_limit(sc)));
}

}  // namespace peaksim
