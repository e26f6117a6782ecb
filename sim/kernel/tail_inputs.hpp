// The tail of a run's KPIs across replications (docs/output.md, /tail): computed from the replications' KPIs
// once all are in. `peaksim run` and `merge` and each arm of an experiment write it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/results.hpp"
#include "sim/output/tail_tables.hpp"

namespace peaksim {

// What the tail needs of each replication, gathered as results arrive (in any order) and used in replication
// order: the values of the tail KPIs and fill_rate_peak, lost sales per region and, with the SKU breakdown, per SKU.
class TailInputs {
public:
  void add(const ReplicationResult& r);
  // Entity names of the region and SKU breakdowns, in scenario order.
  TailTables tables(const std::vector<std::string>& regions, const std::vector<std::string>& skus) const;

private:
  // Rows of any length, one per replication that has one, kept flat (no allocation per replication).
  struct Rows {
    std::vector<std::uint64_t> ids;  // in arrival order
    std::vector<std::size_t> ends;   // row i is values[ends[i-1], ends[i])
    std::vector<double> values;
    void add(std::uint64_t id, const std::vector<double>& row);
    std::vector<std::vector<double>> in_replication_order() const;
  };
  std::vector<std::string> kpi_names_;  // the kept KPIs: those with a tail, and fill_rate_peak
  std::vector<std::size_t> kpi_at_;     // where each is among a replication's KPIs
  Rows kpis_, region_lost_, sku_lost_;
};

}  // namespace peaksim
