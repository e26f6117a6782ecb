#include "sim/output/tables_writer.hpp"

#include <fmt/format.h>

#include "sim/output/hdf5_io.hpp"

namespace peaksim {
namespace {

using namespace hdf5;

// The number of values of a 1-D dataset of the file.
std::size_t extent(H5::H5File& file, const char* path) {
  hsize_t n = 0;
  file.openDataSet(path).getSpace().getSimpleExtentDims(&n);
  return std::size_t(n);
}

// `name` in `group` becomes a second name of the dataset at `target`: one dataset, read under either name.
void alias(H5::Group& group, const char* name, const char* target) {
  if (H5Lcreate_hard(group.getId(), target, group.getId(), name, H5P_DEFAULT, H5P_DEFAULT) < 0)
    throw OutputError(fmt::format("cannot link {} to {}", name, target));
}

void check_length(std::size_t got, std::size_t want, const char* what) {
  if (got != want) throw OutputError(fmt::format("run tables: {} has {} values, expected {}", what, got, want));
}

}  // namespace

void write_run_tables(H5::H5File& file, const RunTables& t) {
  const std::size_t skus = extent(file, "/axes/sku"), days = extent(file, "/axes/date");
  const std::size_t sites = extent(file, "/axes/site");
  for (auto [v, what] : {std::pair{&t.rate, "rate"}, {&t.price, "price"}, {&t.cost, "cost"}, {&t.salvage, "salvage"}})
    check_length(v->size(), skus, what);
  check_length(t.policy.size(), skus, "policy");
  for (auto [v, what] : {std::pair{&t.level_s, "level_s"}, {&t.level_S, "level_S"}, {&t.level_Q, "level_Q"}})
    check_length(v->size(), skus * sites, what);
  check_length(t.calendar_factor.size(), days, "calendar_factor");
  check_length(t.peak.size(), days, "peak");
  check_length(t.events.size(), days, "events");

  // Ids, categories, dates and site names are the axes' datasets under the names analysis looks for.
  H5::Group g = file.createGroup("skus");
  alias(g, "id", "/axes/sku");
  alias(g, "category", "/axes/sku_category");
  write_numbers(g, "rate", t.rate);
  write_numbers(g, "price", t.price);
  write_numbers(g, "cost", t.cost);
  write_numbers(g, "salvage", t.salvage);
  write_numbers(g, "level_s", t.level_s, {skus, sites});
  write_numbers(g, "level_S", t.level_S, {skus, sites});
  write_numbers(g, "level_Q", t.level_Q, {skus, sites});
  write_strings(g, "policy", t.policy);
  H5::Group d = file.createGroup("days");
  alias(d, "date", "/axes/date");
  write_numbers(d, "calendar_factor", t.calendar_factor);
  write_numbers(d, "peak", t.peak);
  write_strings(d, "events", t.events);
  H5::Group s = file.createGroup("sites");
  alias(s, "name", "/axes/site");
  H5::Group r = file.createGroup("regions");
  write_strings(r, "name", t.regions);
  if (!t.lanes.empty()) {
    H5::Group l = file.createGroup("lanes");
    write_strings(l, "name", t.lanes);
  }
  if (!t.stations.empty()) {
    H5::Group st = file.createGroup("stations");
    write_strings(st, "name", t.stations);
  }
}

std::string breakdown_mismatch(const std::vector<KpiBreakdown>& first, const ReplicationResult& next) {
  const auto& b = next.breakdowns;
  bool same = b.size() == first.size();
  for (std::size_t i = 0; same && i < b.size(); ++i)
    same = b[i].level == first[i].level && b[i].kpi_names == first[i].kpi_names && b[i].entities == first[i].entities;
  if (same) return {};
  return fmt::format(
      "replication {} breaks its KPIs down differently from earlier replications; every replication must give "
      "the same levels, KPIs and entity counts",
      next.replication);
}

namespace {

// A dataset of /kpi or /kpi_by and where its values sit in a spooled row.
struct Column {
  H5::DataSet dataset;
  std::size_t offset = 0, width = 0;  // width: 1 for a /kpi column, else the level's entities
};

Column make_column(H5::Group& group, const std::string& name, std::size_t rows, std::size_t offset, std::size_t width,
                   bool table) {
  const std::vector<hsize_t> shape = table ? std::vector<hsize_t>{rows, width} : std::vector<hsize_t>{rows};
  const auto [on_disk, in_memory] = types<double>();
  return {group.createDataSet(name, on_disk, H5::DataSpace(int(shape.size()), shape.data())), offset, width};
}

// Rows first .. first + count - 1 of `c`, gathered from the slice's spooled rows.
void write_slice(Column& c, std::size_t first, std::size_t count, const std::vector<double>& rows,
                 std::size_t row_width, std::vector<double>& buffer) {
  if (c.width == 0 || count == 0) return;
  buffer.clear();
  for (std::size_t i = 0; i < count; ++i) {
    const auto at = rows.begin() + std::ptrdiff_t(i * row_width + c.offset);
    buffer.insert(buffer.end(), at, at + std::ptrdiff_t(c.width));
  }
  H5::DataSpace file_space = c.dataset.getSpace();
  const int rank = file_space.getSimpleExtentNdims();
  const hsize_t start[2] = {first, 0}, extent[2] = {count, c.width};
  file_space.selectHyperslab(H5S_SELECT_SET, extent, start);
  const H5::DataSpace memory_space(rank, extent);
  c.dataset.write(buffer.data(), types<double>().second, memory_space, file_space, small_conversion_buffer());
}

}  // namespace

void write_kpi_tables(H5::H5File& file, const std::vector<std::string>& kpi_names,
                      const std::vector<KpiBreakdown>& breakdowns, const RowSpool& rows) {
  const std::vector<std::uint64_t> ids = rows.sorted_ids();
  const std::size_t n = ids.size();
  std::vector<Column> columns;
  H5::Group kpi = file.createGroup("kpi");
  write_numbers(kpi, "replication", std::vector<std::int64_t>(ids.begin(), ids.end()));
  write_attribute(kpi, "names", kpi_names);  // h5py lists members alphabetically; this keeps the report order
  for (std::size_t k = 0; k < kpi_names.size(); ++k) columns.push_back(make_column(kpi, kpi_names[k], n, k, 1, false));
  if (n > 0 && !breakdowns.empty()) {
    H5::Group root = file.createGroup("kpi_by");
    std::size_t offset = kpi_names.size();
    for (const KpiBreakdown& level : breakdowns) {
      H5::Group g = root.createGroup(level.level);
      write_attribute(g, "names", level.kpi_names);
      for (const std::string& name : level.kpi_names) {
        columns.push_back(make_column(g, name, n, offset, level.entities, true));
        offset += level.entities;
      }
    }
  }
  std::vector<double> buffer;
  rows.for_each_slice([&](std::size_t first, std::size_t count, const std::vector<double>& slice) {
    for (Column& c : columns) write_slice(c, first, count, slice, rows.width(), buffer);
  });
}

}  // namespace peaksim
