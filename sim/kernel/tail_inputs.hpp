// The tail of a run's KPIs across replications (docs/output.md, /tail): computed from the replications' KPIs
// once all are in. `peaksim run` and `merge` and each arm of an experiment write it.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/output/results.hpp"
#include "sim/output/tail_tables.hpp"

namespace peaksim {

// What the tail needs of each replication, gathered as results arrive (in any order).
class TailInputs {
public:
  void add(const ReplicationResult& r);
  // Entity names of the region and SKU breakdowns, in scenario order.
  TailTables tables(const std::vector<std::string>& regions, const std::vector<std::string>& skus) const;

private:
  std::vector<std::string> kpi_names_;
  std::map<std::uint64_t, std::vector<double>> kpis_;         // by replication
  std::map<std::uint64_t, std::vector<double>> region_lost_;  // lost_sales per region
  std::map<std::uint64_t, std::vector<double>> sku_lost_;     // per SKU, with the SKU breakdown only
};

}  // namespace peaksim
