#include <fmt/format.h>

#include "sim/output/hdf5_io.hpp"
#include "sim/output/tables_writer.hpp"

namespace peaksim {
namespace {

using namespace hdf5;

template <typename T>
void write_scalar(H5::Group& group, const char* name, T value) {
  const auto [on_disk, in_memory] = types<T>();
  group.createDataSet(name, on_disk, H5::DataSpace(H5S_SCALAR)).write(&value, in_memory);
}

void check(std::size_t got, std::size_t want, const char* what) {
  if (got != want) throw OutputError(fmt::format("tail tables: {} has {} values, expected {}", what, got, want));
}

}  // namespace

void write_tail_tables(H5::H5File& file, const TailTables& t) {
  const std::size_t k = t.kpi.size();
  check(t.side.size(), k, "side");
  check(t.n.size(), k, "n");
  check(t.p95.size(), k, "p95");
  check(t.cvar95.size(), k, "cvar95");
  check(t.worst_regions_lost_sales.size(), t.worst_regions.size(), "worst_regions/lost_sales_mean");
  check(t.worst_skus_lost_sales.size(), t.worst_skus.size(), "worst_skus/lost_sales_mean");
  H5::Group g = file.createGroup("tail");
  write_strings(g, "kpi", t.kpi);
  write_strings(g, "side", t.side);
  write_numbers(g, "n", t.n);
  write_numbers(g, "p95", t.p95);
  write_numbers(g, "cvar95", t.cvar95);
  write_scalar(g, "peak_replications", t.peak_replications);
  write_scalar(g, "stockout_peak_replications", t.stockout_peak_replications);
  write_scalar(g, "stockout_peak_probability", t.stockout_peak_probability);
  H5::Group regions = g.createGroup("worst_regions");
  write_strings(regions, "name", t.worst_regions);
  write_numbers(regions, "lost_sales_mean", t.worst_regions_lost_sales);
  if (!t.worst_skus.empty()) {
    H5::Group skus = g.createGroup("worst_skus");
    write_strings(skus, "name", t.worst_skus);
    write_numbers(skus, "lost_sales_mean", t.worst_skus_lost_sales);
  }
}

}  // namespace peaksim
