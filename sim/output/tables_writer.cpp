#include "sim/output/tables_writer.hpp"

#include <fmt/format.h>

namespace peaksim {
namespace {

H5::StrType string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

void strings(H5::Group& group, const char* name, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  const hsize_t n = values.size();
  H5::DataSet dataset = group.createDataSet(name, string_type(), H5::DataSpace(1, &n));
  if (!values.empty()) dataset.write(pointers.data(), string_type());
}

// Little-endian on disk, as every number of the file.
template <typename T>
void numbers(H5::Group& group, const char* name, const std::vector<T>& values, std::vector<hsize_t> shape) {
  using P = H5::PredType;
  const H5::PredType* disk = &P::IEEE_F64LE;
  const H5::PredType* memory = &P::NATIVE_DOUBLE;
  if constexpr (std::is_same_v<T, std::int64_t>) disk = &P::STD_I64LE, memory = &P::NATIVE_INT64;
  if constexpr (std::is_same_v<T, std::int8_t>) disk = &P::STD_I8LE, memory = &P::NATIVE_INT8;
  H5::DataSet dataset = group.createDataSet(name, *disk, H5::DataSpace(int(shape.size()), shape.data()));
  if (!values.empty()) dataset.write(values.data(), *memory);
}

void check_length(std::size_t got, std::size_t want, const char* what) {
  if (got != want) throw OutputError(fmt::format("run tables: {} has {} values, expected {}", what, got, want));
}

}  // namespace

void write_run_tables(H5::H5File& file, const RunTables& t) {
  const std::size_t skus = t.sku_ids.size(), days = t.dates.size(), sites = t.sites.size();
  for (auto [v, what] : {std::pair{&t.rate, "rate"}, {&t.price, "price"}, {&t.cost, "cost"}, {&t.salvage, "salvage"}})
    check_length(v->size(), skus, what);
  check_length(t.sku_categories.size(), skus, "category");
  check_length(t.policy.size(), skus, "policy");
  for (auto [v, what] : {std::pair{&t.level_s, "level_s"}, {&t.level_S, "level_S"}, {&t.level_Q, "level_Q"}})
    check_length(v->size(), skus * sites, what);
  check_length(t.calendar_factor.size(), days, "calendar_factor");
  check_length(t.peak.size(), days, "peak");
  check_length(t.events.size(), days, "events");

  H5::Group g = file.createGroup("skus");
  strings(g, "id", t.sku_ids);
  strings(g, "category", t.sku_categories);
  numbers(g, "rate", t.rate, {skus});
  numbers(g, "price", t.price, {skus});
  numbers(g, "cost", t.cost, {skus});
  numbers(g, "salvage", t.salvage, {skus});
  numbers(g, "level_s", t.level_s, {skus, sites});
  numbers(g, "level_S", t.level_S, {skus, sites});
  numbers(g, "level_Q", t.level_Q, {skus, sites});
  strings(g, "policy", t.policy);
  H5::Group d = file.createGroup("days");
  strings(d, "date", t.dates);
  numbers(d, "calendar_factor", t.calendar_factor, {days});
  numbers(d, "peak", t.peak, {days});
  strings(d, "events", t.events);
  H5::Group s = file.createGroup("sites");
  strings(s, "name", t.sites);
  H5::Group r = file.createGroup("regions");
  strings(r, "name", t.regions);
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

void write_kpi_breakdowns(H5::H5File& file, const std::map<std::uint64_t, std::vector<KpiBreakdown>>& by_replication) {
  if (by_replication.empty() || by_replication.begin()->second.empty()) return;
  H5::Group root = file.createGroup("kpi_by");
  const std::vector<KpiBreakdown>& layout = by_replication.begin()->second;
  for (std::size_t l = 0; l < layout.size(); ++l) {
    const KpiBreakdown& level = layout[l];
    H5::Group g = root.createGroup(level.level);
    std::vector<const char*> pointers;
    for (const auto& name : level.kpi_names) pointers.push_back(name.c_str());
    const hsize_t count = pointers.size();
    H5::Attribute names = g.createAttribute("names", string_type(), H5::DataSpace(1, &count));
    if (count > 0) names.write(string_type(), pointers.data());
    for (std::size_t k = 0; k < level.kpi_names.size(); ++k) {
      std::vector<double> table;  // [replication, entity]
      for (const auto& [id, breakdowns] : by_replication) {
        const KpiBreakdown& b = breakdowns[l];
        table.insert(table.end(), b.values.begin() + std::ptrdiff_t(k * b.entities),
                     b.values.begin() + std::ptrdiff_t((k + 1) * b.entities));
      }
      numbers(g, level.kpi_names[k].c_str(), table, {by_replication.size(), level.entities});
    }
  }
}

}  // namespace peaksim
