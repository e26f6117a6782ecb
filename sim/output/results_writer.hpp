// Writes a run's HDF5 file (schema in docs/output.md): provenance, axes, per-replication arrays
// and the /kpi contract. The file is written aside and renamed into place by commit(), so an
// interrupted run never leaves a file that looks complete.
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/output/results.hpp"
#include "sim/output/tail_tables.hpp"

namespace peaksim {

// The build that wrote a file's data: its root attributes peaksim_version, git_commit, build_type, compiler.
struct BuildStamp {
  std::string version, git_commit, build_type, compiler;
  bool operator==(const BuildStamp&) const = default;
};

// The build running now.
BuildStamp this_build();

// The root attributes every results file starts with: schema_version, the build's stamp, created_utc, `kind`
// ("run" or "experiment") and complete = 0.
void write_file_header(H5::H5File& file, const BuildStamp& build, const std::string& kind);

struct Provenance {
  std::string scenario_name;
  std::string scenario_path;
  std::string resolved_scenario;  // full YAML text after defaults and --set
  std::string command_line;
  std::vector<std::string> overrides;  // the --set and --unset edits, in order
  std::uint64_t seed = 0;
  std::optional<BuildStamp> build = {};       // empty: this build; a merged file keeps its inputs'
  std::vector<std::string> merged_from = {};  // the files `peaksim merge` joined (/provenance/merged_from)
  // forecast.backend, what was asked and what ran (/provenance/forecast_backend); empty without a forecast service.
  std::string forecast_backend = {};
};

// Labels of the array dimensions, stored once per file.
struct Axes {
  std::vector<std::string> dates;  // "YYYY-MM-DD", one per simulated day
  std::vector<std::string> sku_ids;
  std::vector<std::string> sku_categories;  // per SKU
  std::vector<std::string> sites;           // warehouses, in scenario order
  std::vector<std::string> categories;      // distinct categories, sorted
};

// What analysis needs besides the arrays: the catalogue (/skus), the calendar (/days) and the names of
// sites and regions (/sites, /regions). Per-site arrays are [sku, site] in row-major order.
// What /skus, /days, /sites and /regions add to the axes (ids, categories, dates and site names are the axes').
struct RunTables {
  std::vector<double> rate, price, cost, salvage;       // per SKU
  std::vector<std::int64_t> level_s, level_S, level_Q;  // [sku, site]
  std::vector<std::string> policy;                      // per SKU: the policy type word
  std::vector<std::string> events;                      // per day; events joined by "+", "" if none
  std::vector<double> calendar_factor;                  // per day
  std::vector<std::int8_t> peak;                        // per day: 1 on peak days
  std::vector<std::string> regions;
  std::vector<std::string> lanes;     // "from->to" of each lane with carriers (/lanes, the /kpi_by/lane axis)
  std::vector<std::string> stations;  // "site/index" of each pick station (/stations, the /kpi_by/station axis)
};

class OutputError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The target was refused before anything was written (exists without force, is the input, a folder, ...).
class OutputRefused : public OutputError {
  using OutputError::OutputError;
};

class ResultsWriter {
public:
  // Throws OutputRefused when `path` exists and !force, is the scenario file or one of `inputs`, or its directory is
  // not writable; OutputError when the temporary file cannot be created.
  ResultsWriter(const std::string& path, bool force, const Provenance& provenance, const Axes& axes,
                const std::vector<std::string>& inputs = {});
  ~ResultsWriter();  // removes the temporary file unless commit() succeeded
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  void set_tables(const RunTables& tables);   // once, before commit()
  void add(const ReplicationResult& result);  // replications may arrive in any order
  void set_tail(const TailTables& tail);      // before commit(), which writes it as /tail
  void commit();  // writes /kpi and /kpi_by sorted by replication, marks the file complete, renames it

  // The temporary file's path, as a NUL-terminated buffer that a signal handler may unlink.
  const char* temporary_path() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peaksim
