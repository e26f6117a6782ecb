// What one replication produces, independent of how it is stored. Workers serialize it through
// a pipe to the parent, which is the only process writing the HDF5 file; arrays may travel already
// compressed (sim/output/chunks.hpp), so that the parent only copies their bytes into the file.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peaksim {

// A recorded array, e.g. on_hand with dims {"day", "sku", "site"}; values in row-major order.
// Once compressed (compress_chunks), `values` is empty and `chunk`/`chunks` hold the chunk extents and
// each chunk's bytes as HDF5 stores them (shuffled and deflated), in row-major chunk order.
struct RecordedArray {
  std::string name;
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::vector<std::int32_t> values;
  std::vector<std::size_t> chunk = {};
  std::vector<std::string> chunks = {};

  bool compressed() const { return !chunks.empty(); }
};

// One replication's KPIs broken down by a level ("site", "region", "sku" or "lane"): the value of KPI k for
// entity e (a site, region or SKU, in scenario order) is values[k * entities + e].
struct KpiBreakdown {
  std::string level;
  std::vector<std::string> kpi_names;  // same names, same order, in every replication
  std::size_t entities = 0;
  std::vector<double> values;
};

struct ReplicationResult {
  std::uint64_t replication = 0;
  std::vector<std::string> kpi_names;  // same names, same order, in every replication
  std::vector<double> kpi_values;
  std::vector<RecordedArray> arrays;
  std::vector<KpiBreakdown> breakdowns;
};

// Byte-exact round trip (doubles are copied bit for bit).
std::string serialize(const ReplicationResult& r);
ReplicationResult deserialize(std::string_view bytes);  // throws std::runtime_error if malformed

// The first internal inconsistency (KPI names vs values, dims vs shape, shape vs values, a name that is
// empty, contains '/' or is used twice), described for an error message; empty when there is none.
std::string find_inconsistency(const ReplicationResult& r);

}  // namespace peaksim
