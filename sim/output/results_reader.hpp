// Reads back a results file that ResultsWriter wrote (docs/output.md), in the writer's own terms: provenance,
// axes, run tables and each replication as a ReplicationResult whose arrays keep their stored chunks byte for
// byte. `peaksim merge` joins files through it.
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/output/results.hpp"
#include "sim/output/results_writer.hpp"

namespace peaksim {

// A file that cannot be read as a complete peaksim results file; what() says which file and why.
class ResultsReadError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ResultsReader {
public:
  // Opens `path` read-only and reads its root attributes, provenance and /kpi; throws ResultsReadError for a
  // missing or unreadable file, a file that is not HDF5 or not a results file, another schema version, or a file
  // whose run did not commit (complete = 0).
  explicit ResultsReader(const std::string& path);
  ~ResultsReader();
  ResultsReader(const ResultsReader&) = delete;
  ResultsReader& operator=(const ResultsReader&) = delete;

  const std::string& path() const { return path_; }
  const Provenance& provenance() const { return provenance_; }             // with seed and the writing build
  const std::vector<std::uint64_t>& replications() const { return ids_; }  // /kpi/replication, ascending

  // Closes the file (each open file holds HDF5's caches, about a megabyte); the next read opens it again. A join of
  // hundreds of parts keeps one open at a time.
  void close() {
    file_.reset();
    tables_.reset();
  }

  // /kpi/<name>, one value per replication in the order of replications(); throws ResultsReadError when absent.
  std::vector<double> kpi(const std::string& name) const;

  Axes axes() const;
  RunTables tables() const;
  // Replication `row` of /kpi/replication: its KPIs, breakdowns (/kpi_by) and arrays (stored chunks, or values
  // where a dataset is not chunked or a chunk skipped a filter).
  ReplicationResult replication(std::size_t row) const;

private:
  Axes read_axes() const;
  RunTables read_tables() const;
  ReplicationResult read_replication(std::size_t row) const;

  std::string path_;
  const H5::H5File& file() const;  // opened again after close()
  // /kpi and /kpi_by, read whole at the first replication() (one read per dataset, not one per replication).
  struct KpiTables {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;  // per KPI, per row
    std::vector<KpiBreakdown> levels;          // values: per KPI, [row, entity] of all rows
  };
  const KpiTables& kpi_tables() const;

  mutable std::unique_ptr<H5::H5File> file_;
  mutable std::unique_ptr<KpiTables> tables_;
  Provenance provenance_;
  std::vector<std::uint64_t> ids_;
};

// A 1-D dataset of strings as the writer stores them (variable-length UTF-8); tests read such datasets with it.
std::vector<std::string> read_string_dataset(const H5::DataSet& dataset);

}  // namespace peaksim
