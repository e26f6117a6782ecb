// HDF5 results file, schema version 2 (docs/output.md). Everything is written to a hidden temporary
// file next to the target (sim/common/output_file.hpp); commit() adds /kpi, marks the file complete and
// publishes it, never over a file that appeared meanwhile unless forced.
#include "sim/output/results_writer.hpp"

#include <H5Cpp.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <streambuf>
#include <type_traits>
#include <utility>

#include "sim/common/output_file.hpp"
#include "sim/output/build_info.hpp"
#include "sim/output/chunks.hpp"
#include "sim/output/hdf5_io.hpp"
#include "sim/output/row_spool.hpp"
#include "sim/output/tables_writer.hpp"

namespace peaksim {
namespace {

using namespace hdf5;

constexpr std::int32_t kSchemaVersion = 2;

void write_array(H5::Group& group, const RecordedArray& a) {
  const std::vector<hsize_t> shape(a.shape.begin(), a.shape.end());
  const H5::DataSpace space =
      shape.empty() ? H5::DataSpace(H5S_SCALAR) : H5::DataSpace(static_cast<int>(shape.size()), shape.data());
  // Arrays compressed in a worker keep their chunking; the others get the same one here.
  const std::vector<std::size_t> chunk = a.compressed() ? a.chunk : chunk_shape(a.shape);
  H5::DSetCreatPropList properties;
  if (!chunk.empty()) {  // empty for scalars and empty extents, which HDF5 cannot chunk
    const std::vector<hsize_t> extents(chunk.begin(), chunk.end());
    properties.setChunk(static_cast<int>(extents.size()), extents.data());
    properties.setShuffle();  // groups the mostly-zero high bytes of small counts, so gzip does much better
    properties.setDeflate(kGzipLevel);
    const std::int32_t zero = 0;  // what an unwritten chunk (all zeros, see compress_chunks) reads as
    properties.setFillValue(H5::PredType::NATIVE_INT32, &zero);
  }
  const auto [on_disk, in_memory] = types<std::int32_t>();
  H5::DataSet dataset = group.createDataSet(a.name, on_disk, space, properties);
  if (a.compressed()) {
    // Stored as they are: filter mask 0 says both filters (shuffle, deflate) were applied.
    for (std::size_t i = 0; i < a.chunks.size(); ++i) {
      if (a.chunks[i].empty()) continue;
      const auto offset = chunk_offset(a.shape, a.chunk, i);
      const std::vector<hsize_t> at(offset.begin(), offset.end());
      if (H5Dwrite_chunk(dataset.getId(), H5P_DEFAULT, 0, at.data(), a.chunks[i].size(), a.chunks[i].data()) < 0) {
        throw H5::DataSetIException("write_array", fmt::format("cannot write chunk {} of '{}'", i, a.name));
      }
    }
  } else if (!a.values.empty()) {
    dataset.write(a.values.data(), in_memory);
  }
  write_attribute(dataset, "dims", a.dims);
}

std::string utc_now() { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr))); }

void validate(const ReplicationResult& r) {
  if (r.replication > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw OutputError(fmt::format("replication id {} does not fit the int64 /kpi/replication dataset", r.replication));
  }
  if (const std::string problem = find_inconsistency(r); !problem.empty()) throw OutputError(problem);
  if (std::find(r.kpi_names.begin(), r.kpi_names.end(), "replication") != r.kpi_names.end()) {
    throw OutputError("KPI name 'replication' is reserved for /kpi/replication");
  }
}

// HDF5's C++ objects print a line to std::cerr when their destructor's close fails, which every one does once a
// write has failed (a full disk): hundreds of lines before the one OutputError message. While this guard lives,
// std::cerr goes nowhere; the writer's callers print nothing meanwhile (the parent writes on one thread).
class QuietDestructors {
public:
  QuietDestructors() : saved_(std::cerr.rdbuf(&null_)) { errno = 0; }
  ~QuietDestructors() { std::cerr.rdbuf(saved_); }
  QuietDestructors(const QuietDestructors&) = delete;
  QuietDestructors& operator=(const QuietDestructors&) = delete;

private:
  struct Null : std::streambuf {
    int overflow(int c) override { return c; }
  } null_;
  std::streambuf* saved_;
};

// HDF5's messages say only which call failed ("H5Fflush failed"); the system's reason is the errno of its last
// failed write, which each writer method clears when it starts (QuietDestructors).
[[noreturn]] void throw_hdf5(const H5::Exception& e, const char* doing, const std::string& path) {
  const int err = errno;
  throw OutputError(fmt::format("HDF5 error while {} '{}': {}{}", doing, path, e.getDetailMsg(),
                                err == 0 ? "" : fmt::format(" ({})", std::strerror(err))));
}

}  // namespace

BuildStamp this_build() {
  return {build_info::version(), build_info::git_commit(), build_info::build_type(), build_info::compiler()};
}

void write_file_header(H5::H5File& f, const BuildStamp& build, const std::string& kind) {
  write_scalar_attribute(f, "schema_version", kSchemaVersion);
  write_attribute(f, "peaksim_version", build.version);
  write_attribute(f, "git_commit", build.git_commit);
  write_attribute(f, "build_type", build.build_type);
  write_attribute(f, "compiler", build.compiler);
  write_attribute(f, "created_utc", utc_now());
  write_attribute(f, "kind", kind);
  write_scalar_attribute(f, "complete", std::int32_t{0});
}

struct ResultsWriter::Impl {
  std::unique_ptr<OutputFile> output;  // the target, its hidden temporary file, and publishing it
  std::string target;
  std::string temporary;
  std::unique_ptr<H5::H5File> file;
  pid_t owner = ::getpid();
  std::optional<std::vector<std::string>> kpi_names;  // set by the first replication
  // The first replication's breakdowns (names once, not per replication), values cleared.
  std::optional<std::vector<KpiBreakdown>> breakdown_layout;
  // Each replication's KPI values then breakdown values, on disk until commit() writes /kpi and /kpi_by.
  std::unique_ptr<RowSpool> rows;
  std::optional<TailTables> tail;  // written by commit(), with /kpi
  bool committed = false;

  ~Impl() {
    if (::getpid() != owner) {  // a forked worker unwinding must neither flush into nor delete the parent's file
      static_cast<void>(file.release());
      static_cast<void>(output.release());
      return;
    }
    const QuietDestructors quiet;
    try {
      if (file) file->close();
      file.reset();
    } catch (...) {
      // A file whose close failed (a full disk) must not be closed again: HDF5 1.10 crashes then. Left open, it is
      // closed once by HDF5 at exit; its temporary file is unlinked below either way.
      static_cast<void>(file.release());
    }
    output.reset();  // unlinks the temporary file unless committed
  }
};

ResultsWriter::ResultsWriter(const std::string& path, bool force, const Provenance& provenance, const Axes& axes,
                             const std::vector<std::string>& inputs)
    : impl_(std::make_unique<Impl>()) {
  H5::Exception::dontPrint();  // errors reach the user as OutputError, not as a stack dump on stderr
  const QuietDestructors quiet;
  std::vector<std::string> protected_paths = inputs;  // never written over
  protected_paths.push_back(provenance.scenario_path);
  try {
    impl_->output = std::make_unique<OutputFile>(path, force, protected_paths);
  } catch (const OutputFileError& e) {
    throw OutputRefused(e.what());
  }
  impl_->target = path;
  impl_->temporary = impl_->output->temporary();
  try {
    impl_->rows = std::make_unique<RowSpool>(std::filesystem::path(impl_->temporary).parent_path().string());
  } catch (const std::runtime_error& e) {
    throw OutputError(e.what());
  }
  // If anything below throws, ~Impl still runs (impl_ is fully constructed) and removes the temporary file.
  try {
    const H5::FileAccPropList access = small_cache_access();
    impl_->file = std::make_unique<H5::H5File>(impl_->temporary, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, access);
    H5::H5File& f = *impl_->file;
    write_file_header(f, provenance.build.value_or(this_build()), "run");
    write_attribute(f, "scenario_name", provenance.scenario_name);
    write_scalar_attribute(f, "seed", provenance.seed);
    write_scalar_attribute(f, "replications", std::int64_t{0});  // final count written by commit()
    H5::Group prov = f.createGroup("provenance");
    write_string(prov, "scenario", provenance.resolved_scenario);
    write_string(prov, "scenario_path", provenance.scenario_path);
    write_string(prov, "command_line", provenance.command_line);
    write_strings(prov, "overrides", provenance.overrides);
    if (!provenance.merged_from.empty()) write_strings(prov, "merged_from", provenance.merged_from);
    if (!provenance.forecast_backend.empty()) write_string(prov, "forecast_backend", provenance.forecast_backend);
    H5::Group ax = f.createGroup("axes");
    write_strings(ax, "date", axes.dates);
    write_strings(ax, "sku", axes.sku_ids);
    write_strings(ax, "sku_category", axes.sku_categories);
    write_strings(ax, "site", axes.sites);
    write_strings(ax, "category", axes.categories);
    f.createGroup("replications");
  } catch (const H5::Exception& e) {
    throw_hdf5(e, "creating", impl_->target);
  }
}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::add(const ReplicationResult& result) {
  const QuietDestructors quiet;
  Impl& s = *impl_;
  if (s.committed || !s.file) throw OutputError(fmt::format("'{}': add() after commit()", s.target));
  validate(result);
  if (s.kpi_names && result.kpi_names != *s.kpi_names) {
    throw OutputError(
        fmt::format("replication {} has KPIs [{}] but earlier replications have [{}]; every replication "
                    "must report the same KPIs in the same order",
                    result.replication, fmt::join(result.kpi_names, ", "), fmt::join(*s.kpi_names, ", ")));
  }
  if (s.breakdown_layout) {
    if (const std::string problem = breakdown_mismatch(*s.breakdown_layout, result); !problem.empty())
      throw OutputError(problem);
  }
  const std::string group_name = fmt::format("/replications/r{:06d}", result.replication);
  if (H5Lexists(s.file->getId(), group_name.c_str(), H5P_DEFAULT) > 0) {
    throw OutputError(fmt::format("replication {} was added twice", result.replication));
  }
  try {
    H5::Group group = s.file->createGroup(group_name);
    write_scalar_attribute(group, "replication", static_cast<std::int64_t>(result.replication));
    for (const auto& a : result.arrays) write_array(group, a);
  } catch (const H5::Exception& e) {
    throw_hdf5(e, fmt::format("writing replication {} to", result.replication).c_str(), s.target);
  }
  if (!s.kpi_names) s.kpi_names = result.kpi_names;
  if (!s.breakdown_layout) {
    s.breakdown_layout = result.breakdowns;
    for (KpiBreakdown& b : *s.breakdown_layout) b.values.clear();
  }
  std::vector<double> row = result.kpi_values;
  for (const KpiBreakdown& b : result.breakdowns) row.insert(row.end(), b.values.begin(), b.values.end());
  try {
    s.rows->add(result.replication, row);
  } catch (const std::runtime_error& e) {
    throw OutputError(fmt::format("'{}': {}", s.target, e.what()));
  }
}

void ResultsWriter::set_tables(const RunTables& tables) {
  const QuietDestructors quiet;
  Impl& s = *impl_;
  if (s.committed || !s.file) throw OutputError(fmt::format("'{}': set_tables() after commit()", s.target));
  try {
    write_run_tables(*s.file, tables);
  } catch (const H5::Exception& e) {
    throw_hdf5(e, "writing the run tables to", s.target);
  }
}

void ResultsWriter::set_tail(const TailTables& tail) {
  Impl& s = *impl_;
  if (s.committed || !s.file) throw OutputError(fmt::format("'{}': set_tail() after commit()", s.target));
  s.tail = tail;
}

void ResultsWriter::commit() {
  const QuietDestructors quiet;
  Impl& s = *impl_;
  if (s.committed || !s.file) throw OutputError(fmt::format("'{}': commit() called twice", s.target));
  try {
    H5::H5File& f = *s.file;
    write_kpi_tables(f, s.kpi_names.value_or(std::vector<std::string>{}),
                     s.breakdown_layout.value_or(std::vector<KpiBreakdown>{}), *s.rows);
    if (s.tail) write_tail_tables(f, *s.tail);
    write_scalar_attribute(f, "replications", static_cast<std::int64_t>(s.rows->size()));
    write_scalar_attribute(f, "complete", std::int32_t{1});
    f.flush(H5F_SCOPE_GLOBAL);
    f.close();
    s.file.reset();
  } catch (const H5::Exception& e) {
    throw_hdf5(e, "finishing", s.target);
  }
  try {
    s.output->commit();
  } catch (const OutputFileError& e) {
    throw OutputError(e.what());
  }
  s.committed = true;
}

const char* ResultsWriter::temporary_path() const { return impl_->temporary.c_str(); }

}  // namespace peaksim
