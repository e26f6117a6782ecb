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

void write_kpi_breakdowns(H5::H5File& file, const std::vector<KpiBreakdown>& layout,
                          const std::map<std::uint64_t, std::vector<std::vector<double>>>& values) {
  if (values.empty() || layout.empty()) return;
  H5::Group root = file.createGroup("kpi_by");
  for (std::size_t l = 0; l < layout.size(); ++l) {
    const KpiBreakdown& level = layout[l];
    H5::Group g = root.createGroup(level.level);
    write_attribute(g, "names", level.kpi_names);
    for (std::size_t k = 0; k < level.kpi_names.size(); ++k) {
      std::vector<double> table;  // [replication, entity]
      for (const auto& [id, levels] : values) {
        const std::vector<double>& v = levels[l];
        table.insert(table.end(), v.begin() + std::ptrdiff_t(k * level.entities),
                     v.begin() + std::ptrdiff_t((k + 1) * level.entities));
      }
      write_numbers(g, level.kpi_names[k], table, {values.size(), level.entities});
    }
  }
}

}  // namespace peaksim
