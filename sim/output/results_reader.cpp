#include "sim/output/results_reader.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <type_traits>

#include "sim/output/chunks.hpp"
#include "sim/output/hdf5_io.hpp"

namespace peaksim {
namespace {

constexpr std::int32_t kSchemaVersion = 2;  // the version ResultsWriter writes

std::string read_string_attribute(const H5::H5Object& object, const char* name) {
  const H5::Attribute a = object.openAttribute(name);
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

template <typename T>
T read_scalar_attribute(const H5::H5Object& object, const char* name) {
  T value{};
  object.openAttribute(name).read(hdf5::types<T>().second, &value);
  return value;
}

// A 1-D string attribute or dataset (variable-length UTF-8, as the writer stores them).
template <typename Source>
std::vector<std::string> read_strings_from(const Source& source) {
  const hssize_t n = source.getSpace().getSimpleExtentNpoints();
  std::vector<char*> pointers(std::size_t(n), nullptr);
  std::vector<std::string> out;
  if (n == 0) return out;
  const H5::StrType type = hdf5::string_type();
  if constexpr (std::is_same_v<Source, H5::Attribute>)
    source.read(type, pointers.data());
  else
    source.read(pointers.data(), type);
  for (char* p : pointers) out.emplace_back(p ? p : "");
  H5Dvlen_reclaim(type.getId(), source.getSpace().getId(), H5P_DEFAULT, pointers.data());
  return out;
}

std::vector<std::string> read_strings(const H5::H5Location& at, const std::string& name) {
  return read_strings_from(at.openDataSet(name));
}

std::string read_string(const H5::H5Location& at, const std::string& name) {
  const H5::DataSet d = at.openDataSet(name);
  std::string value;
  d.read(value, d.getStrType());
  return value;
}

template <typename T>
std::vector<T> read_numbers(const H5::H5Location& at, const std::string& name) {
  const H5::DataSet d = at.openDataSet(name);
  std::vector<T> v(std::size_t(d.getSpace().getSimpleExtentNpoints()));
  if (!v.empty()) d.read(v.data(), hdf5::types<T>().second);
  return v;
}

std::vector<std::size_t> extents(const H5::DataSpace& space) {
  std::vector<hsize_t> dims(std::size_t(space.getSimpleExtentNdims()));
  if (!dims.empty()) space.getSimpleExtentDims(dims.data());
  return {dims.begin(), dims.end()};
}

// The names of a group's members (HDF5 lists them alphabetically).
std::vector<std::string> members(const H5::Group& g) {
  std::vector<std::string> out;
  for (hsize_t i = 0; i < g.getNumObjs(); ++i) out.push_back(g.getObjnameByIdx(i));
  return out;
}

// A recorded array as stored: the bytes of each written chunk (empty for one never written, which reads as 0);
// values instead for a dataset that is not chunked, or one with a chunk some filter skipped.
RecordedArray read_array(const H5::Group& group, const std::string& name) {
  const H5::DataSet d = group.openDataSet(name);
  RecordedArray a;
  a.name = name;
  a.dims = read_strings_from(d.openAttribute("dims"));
  a.shape = extents(d.getSpace());
  const H5::DSetCreatPropList properties = d.getCreatePlist();
  bool raw = properties.getLayout() == H5D_CHUNKED;
  if (raw) {
    std::vector<hsize_t> chunk(a.shape.size());
    properties.getChunk(int(chunk.size()), chunk.data());
    a.chunk.assign(chunk.begin(), chunk.end());
    std::vector<std::size_t> grid(a.shape.size());  // chunks per dimension
    for (std::size_t k = 0; k < grid.size(); ++k) grid[k] = (a.shape[k] + a.chunk[k] - 1) / a.chunk[k];
    a.chunks.assign(chunk_count(a.shape, a.chunk), std::string());
    const H5::DataSpace space = d.getSpace();
    hsize_t written = 0;
    if (H5Dget_num_chunks(d.getId(), space.getId(), &written) < 0) throw H5::DataSetIException("read_array", "chunks");
    for (hsize_t c = 0; raw && c < written; ++c) {
      std::vector<hsize_t> offset(a.shape.size());
      unsigned mask = 0;
      haddr_t address = 0;
      hsize_t size = 0;
      if (H5Dget_chunk_info(d.getId(), space.getId(), c, offset.data(), &mask, &address, &size) < 0)
        throw H5::DataSetIException("read_array", "chunk info");
      if (mask != 0) {  // stored without some filter: the writer could not store it as it is
        raw = false;
        break;
      }
      std::size_t index = 0;  // row-major among the chunks
      for (std::size_t k = 0; k < grid.size(); ++k) index = index * grid[k] + std::size_t(offset[k]) / a.chunk[k];
      std::string& bytes = a.chunks.at(index);
      bytes.resize(std::size_t(size));
      std::uint32_t filters = 0;
      if (H5Dread_chunk(d.getId(), H5P_DEFAULT, offset.data(), &filters, bytes.data()) < 0)
        throw H5::DataSetIException("read_array", "chunk");
    }
    // compressed() means "has chunks": an array whose chunks are all unwritten still is one.
    if (raw && a.chunks.empty()) raw = false;
  }
  if (!raw) {
    a.chunk.clear();
    a.chunks.clear();
    a.values.resize(std::size_t(d.getSpace().getSimpleExtentNpoints()));
    if (!a.values.empty()) d.read(a.values.data(), H5::PredType::NATIVE_INT32);
  }
  return a;
}

// HDF5's exceptions derive from no standard one: what a reader method meets becomes a ResultsReadError.
template <typename F>
auto reading(const std::string& path, F&& f) {
  try {
    return f();
  } catch (const H5::Exception& e) {
    throw ResultsReadError(fmt::format("cannot read '{}': {}", path, e.getDetailMsg()));
  }
}

}  // namespace

ResultsReader::ResultsReader(const std::string& path) : path_(path) {
  H5::Exception::dontPrint();
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw ResultsReadError(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  }
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw ResultsReadError(fmt::format("'{}' is not a peaksim results file (not an HDF5 file)", path));
  try {
    file_ = std::make_unique<H5::H5File>(path, H5F_ACC_RDONLY);
    const H5::H5File& f = *file_;
    if (f.attrExists("kind") && read_string_attribute(f, "kind") != "run")
      throw ResultsReadError(
          fmt::format("'{}' is not a run's results file but a file of kind '{}' (an experiment's "
                      "arms are run files under /arms)",
                      path, read_string_attribute(f, "kind")));
    if (!f.attrExists("schema_version") || !f.attrExists("complete") || !f.nameExists("provenance"))
      throw ResultsReadError(fmt::format("'{}' is not a peaksim results file (no schema_version or provenance)", path));
    const auto version = read_scalar_attribute<std::int32_t>(f, "schema_version");
    if (version != kSchemaVersion)
      throw ResultsReadError(fmt::format("'{}' has results schema version {}; this peaksim reads version {}", path,
                                         version, kSchemaVersion));
    if (read_scalar_attribute<std::int32_t>(f, "complete") != 1 || !f.nameExists("kpi"))
      throw ResultsReadError(fmt::format("'{}' is not complete: its run did not finish", path));
    Provenance& p = provenance_;
    p.scenario_name = read_string_attribute(f, "scenario_name");
    p.seed = read_scalar_attribute<std::uint64_t>(f, "seed");
    p.build = BuildStamp{read_string_attribute(f, "peaksim_version"), read_string_attribute(f, "git_commit"),
                         read_string_attribute(f, "build_type"), read_string_attribute(f, "compiler")};
    const H5::Group prov = f.openGroup("provenance");
    p.resolved_scenario = read_string(prov, "scenario");
    p.scenario_path = read_string(prov, "scenario_path");
    p.command_line = read_string(prov, "command_line");
    p.overrides = read_strings(prov, "overrides");
    if (prov.nameExists("merged_from")) p.merged_from = read_strings(prov, "merged_from");
    for (const std::int64_t id : read_numbers<std::int64_t>(f, "/kpi/replication")) ids_.push_back(std::uint64_t(id));
  } catch (const H5::Exception& e) {
    throw ResultsReadError(fmt::format("'{}' is not a readable peaksim results file: {}", path, e.getDetailMsg()));
  }
}

ResultsReader::~ResultsReader() = default;

Axes ResultsReader::axes() const {
  return reading(path_, [&] { return read_axes(); });
}

RunTables ResultsReader::tables() const {
  return reading(path_, [&] { return read_tables(); });
}

ReplicationResult ResultsReader::replication(std::size_t row) const {
  return reading(path_, [&] { return read_replication(row); });
}

std::vector<double> ResultsReader::kpi(const std::string& name) const {
  return reading(path_, [&] {
    if (!file().nameExists("/kpi/" + name))
      throw ResultsReadError(fmt::format("'{}' has no KPI '{}' in /kpi", path_, name));
    return read_numbers<double>(file(), "/kpi/" + name);
  });
}

const H5::H5File& ResultsReader::file() const {
  if (!file_) file_ = std::make_unique<H5::H5File>(path_, H5F_ACC_RDONLY);
  return *file_;
}

Axes ResultsReader::read_axes() const {
  Axes a;
  a.dates = read_strings(file(), "/axes/date");
  a.sku_ids = read_strings(file(), "/axes/sku");
  a.sku_categories = read_strings(file(), "/axes/sku_category");
  a.sites = read_strings(file(), "/axes/site");
  a.categories = read_strings(file(), "/axes/category");
  return a;
}

RunTables ResultsReader::read_tables() const {
  const H5::H5File& f = file();
  RunTables t;
  t.rate = read_numbers<double>(f, "/skus/rate");
  t.price = read_numbers<double>(f, "/skus/price");
  t.cost = read_numbers<double>(f, "/skus/cost");
  t.salvage = read_numbers<double>(f, "/skus/salvage");
  t.level_s = read_numbers<std::int64_t>(f, "/skus/level_s");
  t.level_S = read_numbers<std::int64_t>(f, "/skus/level_S");
  t.level_Q = read_numbers<std::int64_t>(f, "/skus/level_Q");
  t.policy = read_strings(f, "/skus/policy");
  t.events = read_strings(f, "/days/events");
  t.calendar_factor = read_numbers<double>(f, "/days/calendar_factor");
  t.peak = read_numbers<std::int8_t>(f, "/days/peak");
  t.regions = read_strings(f, "/regions/name");
  if (f.nameExists("lanes")) t.lanes = read_strings(f, "/lanes/name");
  if (f.nameExists("stations")) t.stations = read_strings(f, "/stations/name");
  return t;
}

const ResultsReader::KpiTables& ResultsReader::kpi_tables() const {
  if (tables_) return *tables_;
  const H5::H5File& f = file();
  auto t = std::make_unique<KpiTables>();
  const H5::Group kpi = f.openGroup("kpi");
  t->names = read_strings_from(kpi.openAttribute("names"));
  for (const std::string& name : t->names) t->columns.push_back(read_numbers<double>(kpi, name));
  if (f.nameExists("kpi_by")) {
    const H5::Group by = f.openGroup("kpi_by");
    for (const std::string& level : members(by)) {
      const H5::Group g = by.openGroup(level);
      KpiBreakdown b;
      b.level = level;
      b.kpi_names = read_strings_from(g.openAttribute("names"));
      for (const std::string& name : b.kpi_names) {
        const H5::DataSet d = g.openDataSet(name);
        const std::vector<std::size_t> shape = extents(d.getSpace());
        b.entities = shape.at(1);
        const std::vector<double> all = read_numbers<double>(g, name);
        b.values.insert(b.values.end(), all.begin(), all.end());
      }
      t->levels.push_back(std::move(b));
    }
  }
  tables_ = std::move(t);
  return *tables_;
}

ReplicationResult ResultsReader::read_replication(std::size_t row) const {
  const H5::H5File& f = file();
  ReplicationResult r;
  r.replication = ids_.at(row);
  const KpiTables& t = kpi_tables();
  r.kpi_names = t.names;
  for (const std::vector<double>& column : t.columns) r.kpi_values.push_back(column.at(row));
  const std::size_t rows = ids_.size();
  for (const KpiBreakdown& level : t.levels) {
    KpiBreakdown b;
    b.level = level.level;
    b.kpi_names = level.kpi_names;
    b.entities = level.entities;
    for (std::size_t k = 0; k < level.kpi_names.size(); ++k) {  // KPI k's block is [rows, entities]
      const auto at = level.values.begin() + std::ptrdiff_t((k * rows + row) * level.entities);
      b.values.insert(b.values.end(), at, at + std::ptrdiff_t(level.entities));
    }
    r.breakdowns.push_back(std::move(b));
  }
  const H5::Group group = f.openGroup(fmt::format("/replications/r{:06d}", r.replication));
  for (const std::string& name : members(group)) r.arrays.push_back(read_array(group, name));
  return r;
}

std::vector<std::string> read_string_dataset(const H5::DataSet& dataset) { return read_strings_from(dataset); }

}  // namespace peaksim
