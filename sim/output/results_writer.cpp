// HDF5 results file, schema version 1 (docs/output.md). Everything is written to a hidden temporary
// file next to the target; commit() adds /kpi, marks the file complete and renames it into place.
#include "sim/output/results_writer.hpp"

#include <H5Cpp.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <type_traits>

#include "sim/output/build_info.hpp"

namespace peaksim {
namespace {

namespace fs = std::filesystem;

constexpr std::int32_t kSchemaVersion = 1;
constexpr int kGzipLevel = 4;
// 1 MiB of int32 per chunk: fits HDF5's default chunk cache, and a chunk still holds whole days of all SKUs
// and sites for catalogues up to ~50,000 SKU-sites.
constexpr hsize_t kMaxChunkElements = hsize_t{256} * 1024;

H5::StrType string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);  // h5py then returns str rather than bytes for attributes
  return type;
}

H5::DataSpace vector_space(std::size_t n) {
  const hsize_t dims[1] = {n};
  return H5::DataSpace(1, dims);
}

template <typename T>
const H5::PredType& native_type() {
  if constexpr (std::is_same_v<T, std::int32_t>) return H5::PredType::NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::int64_t>) return H5::PredType::NATIVE_INT64;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5::PredType::NATIVE_UINT64;
  else return H5::PredType::NATIVE_DOUBLE;
}

// Little-endian on disk whatever the host, so files compare byte for byte across machines.
template <typename T>
const H5::PredType& file_type() {
  if constexpr (std::is_same_v<T, std::int32_t>) return H5::PredType::STD_I32LE;
  else if constexpr (std::is_same_v<T, std::int64_t>) return H5::PredType::STD_I64LE;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5::PredType::STD_U64LE;
  else return H5::PredType::IEEE_F64LE;
}

// Creates or overwrites, since commit() updates attributes written at creation.
template <typename T>
void write_scalar_attribute(H5::H5Object& object, const char* name, T value) {
  if (object.attrExists(name)) object.removeAttr(name);
  object.createAttribute(name, file_type<T>(), H5::DataSpace(H5S_SCALAR)).write(native_type<T>(), &value);
}

void write_attribute(H5::H5Object& object, const char* name, const std::string& value) {
  const H5::StrType type = string_type();
  object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

std::vector<const char*> c_strings(const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  return pointers;
}

void write_attribute(H5::H5Object& object, const char* name, const std::vector<std::string>& values) {
  const H5::StrType type = string_type();
  const auto pointers = c_strings(values);
  H5::Attribute attribute = object.createAttribute(name, type, vector_space(values.size()));
  if (!values.empty()) attribute.write(type, pointers.data());
}

void write_string(H5::Group& group, const char* name, const std::string& value) {
  const H5::StrType type = string_type();
  group.createDataSet(name, type, H5::DataSpace(H5S_SCALAR)).write(value, type);
}

void write_strings(H5::Group& group, const char* name, const std::vector<std::string>& values) {
  const H5::StrType type = string_type();
  const auto pointers = c_strings(values);
  H5::DataSet dataset = group.createDataSet(name, type, vector_space(values.size()));
  if (!values.empty()) dataset.write(pointers.data(), type);
}

template <typename T>
void write_vector(H5::Group& group, const std::string& name, const std::vector<T>& values) {
  H5::DataSet dataset = group.createDataSet(name, file_type<T>(), vector_space(values.size()));
  if (!values.empty()) dataset.write(values.data(), native_type<T>());
}

// Keeps the fastest-varying dimensions whole and cuts the slowest (day) one, so that a chunk is a run of
// whole days over all SKUs and sites, capped at kMaxChunkElements.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& shape) {
  std::vector<hsize_t> chunk(shape.size(), 1);
  hsize_t inner = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    if (inner * shape[i] <= kMaxChunkElements) {
      chunk[i] = shape[i];
      inner *= shape[i];
    } else {
      chunk[i] = std::max<hsize_t>(1, kMaxChunkElements / inner);
      break;
    }
  }
  return chunk;
}

void write_array(H5::Group& group, const RecordedArray& a) {
  const std::vector<hsize_t> shape(a.shape.begin(), a.shape.end());
  const H5::DataSpace space = shape.empty() ? H5::DataSpace(H5S_SCALAR)
                                            : H5::DataSpace(static_cast<int>(shape.size()), shape.data());
  H5::DSetCreatPropList properties;
  if (!shape.empty() && !a.values.empty()) {  // HDF5 rejects chunks on scalars and empty extents
    const auto chunk = chunk_shape(shape);
    properties.setChunk(static_cast<int>(chunk.size()), chunk.data());
    properties.setShuffle();  // groups the mostly-zero high bytes of small counts, so gzip does much better
    properties.setDeflate(kGzipLevel);
  }
  H5::DataSet dataset = group.createDataSet(a.name, file_type<std::int32_t>(), space, properties);
  if (!a.values.empty()) dataset.write(a.values.data(), native_type<std::int32_t>());
  write_attribute(dataset, "dims", a.dims);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Fails early with a message the user can act on, before anything is created on disk.
void check_target(const std::string& path, bool force) {
  const fs::path target(path);
  if (target.filename().empty()) throw OutputError(fmt::format("output path '{}' does not name a file", path));
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw OutputError(fmt::format("cannot write '{}': directory '{}' does not exist", path, dir.string()));
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw OutputError(fmt::format("cannot write '{}': directory '{}' is not writable", path, dir.string()));
  }
  const auto status = fs::status(target, ec);
  if (!fs::exists(status)) return;
  if (fs::is_directory(status)) throw OutputError(fmt::format("cannot write '{}': it is a directory", path));
  if (!force) throw OutputError(fmt::format("'{}' already exists; use --force to overwrite it", path));
}

std::string temporary_name(const std::string& path) {
  const fs::path target(path);
  // Appended piecewise: "." + string trips a false -Wrestrict in g++ 12 (GCC bug 105651).
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-";
  name += std::to_string(::getpid());
  return (target.parent_path() / name).string();
}

// Without fsync the rename can reach the disk before the data, and a crash would leave a complete-looking
// but empty file.
void sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) throw OutputError(fmt::format("cannot open '{}' to sync it: {}", path, std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && !directory) throw OutputError(fmt::format("cannot sync '{}': {}", path, std::strerror(err)));
}

// HDF5 link names: '/' separates groups and '.' is the current group.
void check_name(const std::string& name, const char* what, std::uint64_t replication) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos) {
    throw OutputError(fmt::format("replication {}: invalid {} name '{}'", replication, what, name));
  }
}

void validate(const ReplicationResult& r) {
  if (r.replication > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw OutputError(fmt::format("replication id {} does not fit the int64 /kpi/replication dataset", r.replication));
  }
  if (r.kpi_values.size() != r.kpi_names.size()) {
    throw OutputError(fmt::format("replication {}: {} KPI names but {} values", r.replication, r.kpi_names.size(),
                                  r.kpi_values.size()));
  }
  std::set<std::string> seen;
  for (const auto& a : r.arrays) {
    check_name(a.name, "array", r.replication);
    if (!seen.insert(a.name).second) {
      throw OutputError(fmt::format("replication {}: array '{}' recorded twice", r.replication, a.name));
    }
    if (a.dims.size() != a.shape.size()) {
      throw OutputError(fmt::format("replication {}: array '{}' has {} dims but a rank-{} shape", r.replication,
                                    a.name, a.dims.size(), a.shape.size()));
    }
    std::size_t elements = 1;
    for (const std::size_t extent : a.shape) {
      if (extent != 0 && elements > std::numeric_limits<std::size_t>::max() / extent) {
        throw OutputError(fmt::format("replication {}: array '{}' shape overflows", r.replication, a.name));
      }
      elements *= extent;
    }
    if (elements != a.values.size()) {
      throw OutputError(fmt::format("replication {}: array '{}' has shape of {} elements but {} values",
                                    r.replication, a.name, elements, a.values.size()));
    }
  }
}

void check_kpi_names(const std::vector<std::string>& names) {
  std::set<std::string> seen;
  for (const auto& name : names) {
    check_name(name, "KPI", 0);
    if (name == "replication") throw OutputError("KPI name 'replication' is reserved for /kpi/replication");
    if (!seen.insert(name).second) throw OutputError(fmt::format("KPI '{}' appears twice", name));
  }
}

[[noreturn]] void throw_hdf5(const H5::Exception& e, const char* doing, const std::string& path) {
  throw OutputError(fmt::format("HDF5 error while {} '{}': {}", doing, path, e.getDetailMsg()));
}

}  // namespace

struct ResultsWriter::Impl {
  std::string target;
  std::string temporary;  // fixed once set: a signal handler may read it at any time
  std::optional<H5::H5File> file;
  std::optional<std::vector<std::string>> kpi_names;  // set by the first replication
  std::map<std::uint64_t, std::vector<double>> kpi_values;  // ordered by replication id
  bool committed = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    try {
      if (file) file->close();
    } catch (...) {  // nothing useful to do with an error while discarding the file
    }
    if (!committed && !temporary.empty()) ::unlink(temporary.c_str());
  }
};

ResultsWriter::ResultsWriter(const std::string& path, bool force, const Provenance& provenance, const Axes& axes)
    : impl_(std::make_unique<Impl>()) {
  H5::Exception::dontPrint();  // errors reach the user as OutputError, not as a stack dump on stderr
  check_target(path, force);
  impl_->target = path;
  impl_->temporary = temporary_name(path);
  // If anything below throws, ~Impl still runs (impl_ is fully constructed) and removes the temporary file.
  try {
    H5::FileAccPropList access;
    access.setFcloseDegree(H5F_CLOSE_STRONG);  // close() also closes any object left open
    impl_->file.emplace(impl_->temporary, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
    H5::H5File& f = *impl_->file;

    write_scalar_attribute(f, "schema_version", kSchemaVersion);
    write_attribute(f, "peaksim_version", build_info::version());
    write_attribute(f, "git_commit", build_info::git_commit());
    write_attribute(f, "build_type", build_info::build_type());
    write_attribute(f, "compiler", build_info::compiler());
    write_attribute(f, "created_utc", utc_now());
    write_attribute(f, "scenario_name", provenance.scenario_name);
    write_scalar_attribute(f, "seed", provenance.seed);
    write_scalar_attribute(f, "replications", std::int64_t{0});  // final count written by commit()
    write_scalar_attribute(f, "complete", std::int32_t{0});

    H5::Group prov = f.createGroup("provenance");
    write_string(prov, "scenario", provenance.resolved_scenario);
    write_string(prov, "scenario_path", provenance.scenario_path);
    write_string(prov, "command_line", provenance.command_line);
    write_strings(prov, "overrides", provenance.overrides);

    H5::Group ax = f.createGroup("axes");
    write_strings(ax, "date", axes.dates);
    write_strings(ax, "sku", axes.sku_ids);
    write_strings(ax, "sku_category", axes.sku_categories);
    write_strings(ax, "site", axes.sites);
    write_strings(ax, "category", axes.categories);

    f.createGroup("replications");
  } catch (const H5::Exception& e) {
    throw_hdf5(e, "creating", impl_->temporary);
  }
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::add(const ReplicationResult& result) {
  Impl& s = *impl_;
  if (s.committed || !s.file) throw OutputError(fmt::format("'{}': add() after commit()", s.target));
  validate(result);
  if (s.kpi_names) {
    if (result.kpi_names != *s.kpi_names) {
      throw OutputError(fmt::format("replication {} has KPIs [{}] but earlier replications have [{}]; every "
                                    "replication must report the same KPIs in the same order",
                                    result.replication, fmt::join(result.kpi_names, ", "),
                                    fmt::join(*s.kpi_names, ", ")));
    }
  } else {
    check_kpi_names(result.kpi_names);
  }
  if (s.kpi_values.count(result.replication) != 0) {
    throw OutputError(fmt::format("replication {} was added twice", result.replication));
  }

  try {
    H5::Group group = s.file->createGroup(fmt::format("/replications/r{:06d}", result.replication));
    write_scalar_attribute(group, "replication", static_cast<std::int64_t>(result.replication));
    for (const auto& a : result.arrays) write_array(group, a);
  } catch (const H5::Exception& e) {
    throw_hdf5(e, fmt::format("writing replication {} to", result.replication).c_str(), s.temporary);
  }
  if (!s.kpi_names) s.kpi_names = result.kpi_names;
  s.kpi_values.emplace(result.replication, result.kpi_values);
}

void ResultsWriter::commit() {
  Impl& s = *impl_;
  if (s.committed || !s.file) throw OutputError(fmt::format("'{}': commit() called twice", s.target));
  try {
    H5::H5File& f = *s.file;
    H5::Group kpi = f.createGroup("kpi");
    std::vector<std::int64_t> ids;
    ids.reserve(s.kpi_values.size());
    for (const auto& [id, values] : s.kpi_values) ids.push_back(static_cast<std::int64_t>(id));
    write_vector(kpi, "replication", ids);

    const std::vector<std::string> names = s.kpi_names.value_or(std::vector<std::string>{});
    write_attribute(kpi, "names", names);  // h5py lists members alphabetically; this keeps the report order
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::vector<double> column;
      column.reserve(s.kpi_values.size());
      for (const auto& [id, values] : s.kpi_values) column.push_back(values[k]);
      write_vector(kpi, names[k], column);
    }

    write_scalar_attribute(f, "replications", static_cast<std::int64_t>(s.kpi_values.size()));
    write_scalar_attribute(f, "complete", std::int32_t{1});
    f.flush(H5F_SCOPE_GLOBAL);
    f.close();
    s.file.reset();
  } catch (const H5::Exception& e) {
    throw_hdf5(e, "finishing", s.temporary);
  }
  sync_path(s.temporary, false);
  if (std::rename(s.temporary.c_str(), s.target.c_str()) != 0) {
    throw OutputError(
        fmt::format("cannot rename '{}' to '{}': {}", s.temporary, s.target, std::strerror(errno)));
  }
  s.committed = true;
  const fs::path parent = fs::path(s.target).parent_path();
  sync_path(parent.empty() ? std::string(".") : parent.string(), true);  // best effort: the data is safe already
}

const char* ResultsWriter::temporary_path() const { return impl_->temporary.c_str(); }

}  // namespace peaksim
