// Results serialization and the HDF5 writer, read back through the HDF5 C++ API.
#include <H5Cpp.h>
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <type_traits>

#include "sim/output/chunks.hpp"
#include "sim/output/results.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/output/row_spool.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace peaksim;

namespace {

using peaksim::test::TempDir;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Provenance sample_provenance() {
  return {"peak2024",
          "scenarios/peak.yaml",
          "name: peak2024\nseed: 7\n",
          "peaksim run scenarios/peak.yaml --set a=1",
          {"a=1", "b.c=two"},
          7};
}

Axes sample_axes() {
  return {{"2024-11-01", "2024-11-02"}, {"S1", "S2", "S3"}, {"toys", "toys", "garden"}, {"north"}, {"garden", "toys"}};
}

ReplicationResult sample_result(std::uint64_t rep) {
  ReplicationResult r;
  r.replication = rep;
  r.kpi_names = {"fill_rate", "total_cost"};
  r.kpi_values = {0.9 + 0.01 * static_cast<double>(rep), 1000.0 * static_cast<double>(rep)};
  RecordedArray on_hand{"on_hand", {"day", "sku", "site"}, {2, 3, 1}, {}};
  for (int i = 0; i < 6; ++i) on_hand.values.push_back(static_cast<std::int32_t>(rep) * 100 + i);
  r.arrays.push_back(on_hand);
  return r;
}

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Variable-length strings from a dataset or an attribute, whose read() overloads order their arguments differently.
template <typename Object>
std::vector<std::string> read_strings(const Object& object) {
  const H5::DataSpace space = object.getSpace();
  const H5::StrType type = object.getStrType();
  std::vector<char*> raw(static_cast<std::size_t>(space.getSimpleExtentNpoints()));
  if (raw.empty()) return {};
  if constexpr (std::is_same_v<Object, H5::DataSet>)
    object.read(raw.data(), type);
  else
    object.read(type, raw.data());
  std::vector<std::string> out(raw.begin(), raw.end());
  H5::DataSet::vlenReclaim(raw.data(), type, space);
  return out;
}

template <typename Object>
std::string read_string(const Object& object) {
  const auto values = read_strings(object);  // a scalar dataspace holds one point
  REQUIRE(values.size() == 1);
  return values[0];
}

template <typename T>
T read_scalar(const H5::Attribute& attr, const H5::PredType& type) {
  T v{};
  attr.read(type, &v);
  return v;
}

template <typename T>
std::vector<T> read_vector(const H5::DataSet& ds, const H5::PredType& type) {
  std::vector<T> v(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(v.data(), type);
  return v;
}

}  // namespace

TEST_CASE("Serializing and deserializing a replication result reproduces every byte and every double bit") {
  ReplicationResult r;
  r.replication = 0xFEDCBA9876543210ULL;
  r.kpi_names = {"fill_rate", "", std::string("nul\0inside", 10)};
  const double nan_payload = std::bit_cast<double>(0x7FF8DEADBEEF0001ULL);
  const double signalling_nan = std::bit_cast<double>(0xFFF0000000000123ULL);
  r.kpi_values = {-0.0, nan_payload, signalling_nan};
  r.arrays.push_back({"on_hand", {"day", "sku"}, {2, 2}, {1, -2, std::numeric_limits<std::int32_t>::min(), 4}});
  r.arrays.push_back({"empty", {"day"}, {0}, {}});
  r.arrays.push_back({"scalar", {}, {}, {42}});
  r.arrays.push_back({"packed", {"day", "sku"}, {3, 2}, {}, {2, 2}, {std::string("a\0b", 3), ""}});

  const std::string bytes = serialize(r);
  const ReplicationResult back = deserialize(bytes);
  CHECK(serialize(back) == bytes);
  CHECK(back.replication == r.replication);
  CHECK(back.kpi_names == r.kpi_names);
  REQUIRE(back.kpi_values.size() == 3);
  CHECK(bits(back.kpi_values[0]) == bits(-0.0));
  CHECK(std::signbit(back.kpi_values[0]));
  CHECK(bits(back.kpi_values[1]) == 0x7FF8DEADBEEF0001ULL);
  CHECK(bits(back.kpi_values[2]) == 0xFFF0000000000123ULL);
  REQUIRE(back.arrays.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(back.arrays[i].name == r.arrays[i].name);
    CHECK(back.arrays[i].dims == r.arrays[i].dims);
    CHECK(back.arrays[i].shape == r.arrays[i].shape);
    CHECK(back.arrays[i].values == r.arrays[i].values);
    CHECK(back.arrays[i].chunk == r.arrays[i].chunk);
    CHECK(back.arrays[i].chunks == r.arrays[i].chunks);
  }
}

TEST_CASE("Deserializing truncated, padded or corrupted bytes throws instead of returning garbage") {
  const std::string bytes = serialize(sample_result(3));
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    CHECK_THROWS_AS(deserialize(std::string_view(bytes).substr(0, n)), std::runtime_error);
  }
  CHECK_THROWS_AS(deserialize(bytes + '\0'), std::runtime_error);
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  CHECK_THROWS_AS(deserialize(bad_magic), std::runtime_error);
  // A count claiming 2^60 KPI names must be rejected before anything is allocated for it.
  std::string huge_count = bytes;
  const std::uint64_t count = std::uint64_t{1} << 60;
  std::memcpy(huge_count.data() + 16, &count, sizeof count);  // magic(4) + format(4) + replication(8)
  CHECK_THROWS_WITH_AS(deserialize(huge_count), doctest::Contains("count exceeds"), std::runtime_error);
}

TEST_CASE("The writer refuses to overwrite an existing file without force and leaves it untouched") {
  TempDir dir;
  const fs::path target = dir.path / "out.h5";
  std::ofstream(target) << "precious";
  try {
    ResultsWriter writer(target.string(), false, sample_provenance(), sample_axes());
    FAIL("the constructor should have thrown");
  } catch (const OutputError& e) {
    const std::string message = e.what();
    CHECK(message.find(target.string()) != std::string::npos);
    CHECK(message.find("--force") != std::string::npos);
  }
  CHECK(slurp(target) == "precious");
  CHECK(dir.entries() == 1);  // no temporary file left behind
}

TEST_CASE("With force the writer replaces an existing file, but only once it commits") {
  TempDir dir;
  const fs::path target = dir.path / "out.h5";
  std::ofstream(target) << "old results";
  {
    ResultsWriter writer(target.string(), true, sample_provenance(), sample_axes());
    writer.add(sample_result(0));
    CHECK(slurp(target) == "old results");  // a crash now must not lose the previous file
    writer.commit();
  }
  CHECK(H5::H5File::isHdf5(target.string()));
  CHECK(dir.entries() == 1);
}

TEST_CASE("A committed file holds provenance, axes, compressed arrays and KPIs sorted by replication") {
  TempDir dir;
  const fs::path target = dir.path / "run.h5";
  {
    ResultsWriter writer(target.string(), false, sample_provenance(), sample_axes());
    const fs::path temporary = writer.temporary_path();
    CHECK(temporary.parent_path() == dir.path);
    CHECK(temporary.filename().string().rfind(".peaksim-" + std::to_string(::getpid()) + "-", 0) == 0);
    CHECK(fs::exists(temporary));
    for (const std::uint64_t rep : {7u, 2u, 11u}) writer.add(sample_result(rep));
    CHECK_FALSE(fs::exists(target));
    writer.commit();
    CHECK_FALSE(fs::exists(temporary));
  }
  H5::H5File f(target.string(), H5F_ACC_RDONLY);
  CHECK(read_scalar<std::int32_t>(f.openAttribute("schema_version"), H5::PredType::NATIVE_INT32) == 2);
  CHECK(read_scalar<std::int32_t>(f.openAttribute("complete"), H5::PredType::NATIVE_INT32) == 1);
  CHECK(read_scalar<std::int64_t>(f.openAttribute("replications"), H5::PredType::NATIVE_INT64) == 3);
  CHECK(read_scalar<std::uint64_t>(f.openAttribute("seed"), H5::PredType::NATIVE_UINT64) == 7);
  CHECK(read_string(f.openAttribute("scenario_name")) == "peak2024");
  CHECK(read_string(f.openAttribute("peaksim_version")) == PEAKSIM_VERSION);  // CMake's project version
  CHECK_FALSE(read_string(f.openAttribute("git_commit")).empty());
  CHECK(read_string(f.openAttribute("created_utc")).size() == 20);  // 2024-11-01T12:00:00Z

  CHECK(read_string(f.openDataSet("/provenance/scenario")) == "name: peak2024\nseed: 7\n");
  CHECK(read_string(f.openDataSet("/provenance/scenario_path")) == "scenarios/peak.yaml");
  CHECK(read_string(f.openDataSet("/provenance/command_line")) == "peaksim run scenarios/peak.yaml --set a=1");
  CHECK(read_strings(f.openDataSet("/provenance/overrides")) == std::vector<std::string>{"a=1", "b.c=two"});
  CHECK(read_strings(f.openDataSet("/axes/sku_category")) == std::vector<std::string>{"toys", "toys", "garden"});
  CHECK(read_strings(f.openDataSet("/axes/site")) == std::vector<std::string>{"north"});

  const H5::DataSet on_hand = f.openDataSet("/replications/r000011/on_hand");
  std::vector<hsize_t> dims(3);
  REQUIRE(on_hand.getSpace().getSimpleExtentNdims() == 3);
  on_hand.getSpace().getSimpleExtentDims(dims.data());
  CHECK(dims == std::vector<hsize_t>{2, 3, 1});
  CHECK(read_vector<std::int32_t>(on_hand, H5::PredType::NATIVE_INT32) ==
        std::vector<std::int32_t>{1100, 1101, 1102, 1103, 1104, 1105});
  CHECK(read_strings(on_hand.openAttribute("dims")) == std::vector<std::string>{"day", "sku", "site"});
  const H5::DSetCreatPropList plist = on_hand.getCreatePlist();
  CHECK(plist.getLayout() == H5D_CHUNKED);
  // Shuffle must run before deflate to help it; deflate's one parameter is the gzip level.
  REQUIRE(plist.getNfilters() == 2);
  std::vector<H5Z_filter_t> filters;
  unsigned gzip_level = 0;
  for (int i = 0; i < 2; ++i) {
    unsigned flags = 0, config = 0, values[4] = {};
    std::size_t count = 4;
    char name[32];
    filters.push_back(plist.getFilter(i, flags, count, values, sizeof name, name, config));
    if (filters.back() == H5Z_FILTER_DEFLATE && count > 0) gzip_level = values[0];
  }
  CHECK(filters == std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE});
  CHECK(gzip_level == unsigned(kGzipLevel));

  CHECK(read_vector<std::int64_t>(f.openDataSet("/kpi/replication"), H5::PredType::NATIVE_INT64) ==
        std::vector<std::int64_t>{2, 7, 11});
  CHECK(read_vector<double>(f.openDataSet("/kpi/total_cost"), H5::PredType::NATIVE_DOUBLE) ==
        std::vector<double>{2000, 7000, 11000});
  const auto fill = read_vector<double>(f.openDataSet("/kpi/fill_rate"), H5::PredType::NATIVE_DOUBLE);
  REQUIRE(fill.size() == 3);
  CHECK(fill[0] == doctest::Approx(0.92));
  CHECK(fill[2] == doctest::Approx(1.01));
  CHECK(read_strings(f.openGroup("kpi").openAttribute("names")) == std::vector<std::string>{"fill_rate", "total_cost"});
}

TEST_CASE("Large arrays are chunked as whole days of all SKUs and sites; empty and scalar arrays are stored too") {
  TempDir dir;
  const fs::path target = dir.path / "big.h5";
  {
    ResultsWriter writer(target.string(), false, sample_provenance(), sample_axes());
    ReplicationResult r;
    r.arrays.push_back({"demand", {"day", "sku", "site"}, {40, 3000, 5}, std::vector<std::int32_t>(600000, 3)});
    r.arrays.push_back({"none", {"day", "sku"}, {0, 3}, {}});
    r.arrays.push_back({"total", {}, {}, {-9}});
    writer.add(r);
    writer.commit();
  }
  H5::H5File f(target.string(), H5F_ACC_RDONLY);
  std::vector<hsize_t> chunk(3);
  REQUIRE(f.openDataSet("/replications/r000000/demand").getCreatePlist().getChunk(3, chunk.data()) == 3);
  CHECK(chunk == std::vector<hsize_t>{17, 3000, 5});  // 17 days = 262,144 / (3,000 x 5)
  CHECK(f.openDataSet("/replications/r000000/none").getSpace().getSimpleExtentNpoints() == 0);
  const H5::DataSet total = f.openDataSet("/replications/r000000/total");
  CHECK(read_vector<std::int32_t>(total, H5::PredType::NATIVE_INT32) == std::vector<std::int32_t>{-9});
  CHECK(read_strings(total.openAttribute("dims")).empty());
}

TEST_CASE("A writer destroyed without commit leaves neither a temporary nor a target file") {
  TempDir dir;
  const fs::path target = dir.path / "out.h5";
  std::string temporary;
  {
    ResultsWriter writer(target.string(), false, sample_provenance(), sample_axes());
    temporary = writer.temporary_path();
    writer.add(sample_result(1));
    CHECK(fs::exists(temporary));
  }
  CHECK_FALSE(fs::exists(temporary));
  CHECK_FALSE(fs::exists(target));
  CHECK(dir.entries() == 0);
}

TEST_CASE("A forked child that destroys its copy of the writer neither deletes nor writes the parent's file") {
  TempDir dir;
  const fs::path target = dir.path / "out.h5";
  auto writer = std::make_unique<ResultsWriter>(target.string(), false, sample_provenance(), sample_axes());
  writer->add(sample_result(4));
  const std::string temporary = writer->temporary_path();
  const std::string before = slurp(temporary);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    writer.reset();  // as when a worker unwinds its stack
    ::_exit(fs::exists(temporary) && slurp(temporary) == before ? 0 : 1);
  }
  int status = -1;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  writer->commit();
  CHECK(H5::H5File::isHdf5(target.string()));
}

TEST_CASE("Replications that report different KPI names or inconsistent arrays are rejected") {
  TempDir dir;
  ResultsWriter writer((dir.path / "out.h5").string(), false, sample_provenance(), sample_axes());
  writer.add(sample_result(0));
  ReplicationResult swapped = sample_result(1);
  std::swap(swapped.kpi_names[0], swapped.kpi_names[1]);
  CHECK_THROWS_WITH_AS(writer.add(swapped), doctest::Contains("same KPIs"), OutputError);
  ReplicationResult fewer = sample_result(2);
  fewer.kpi_names.pop_back();
  fewer.kpi_values.pop_back();
  CHECK_THROWS_AS(writer.add(fewer), OutputError);
  ReplicationResult short_array = sample_result(3);
  short_array.arrays[0].values.pop_back();
  CHECK_THROWS_WITH_AS(writer.add(short_array), doctest::Contains("on_hand"), OutputError);
  ReplicationResult slash = sample_result(4);
  slash.arrays[0].name = "on/hand";  // would silently create a nested group
  CHECK_THROWS_WITH_AS(writer.add(slash), doctest::Contains("invalid array name"), OutputError);
  CHECK_THROWS_WITH_AS(writer.add(sample_result(0)), doctest::Contains("twice"), OutputError);
  ReplicationResult lost_chunk = sample_result(5);
  compress_chunks(lost_chunk.arrays[0]);
  lost_chunk.arrays[0].chunks.push_back("extra");
  CHECK_THROWS_WITH_AS(writer.add(lost_chunk), doctest::Contains("needs 1 chunks but has 2"), OutputError);
}

namespace {

// Counts with the texture of recorded arrays: mostly small, some zero runs, a few large and negative values.
std::vector<std::int32_t> pattern(std::size_t n, std::uint32_t seed) {
  std::vector<std::int32_t> v(n);
  std::uint32_t x = seed;
  for (std::size_t i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    const std::uint32_t r = x >> 8;
    v[i] = r % 7 == 0 ? 0 : (r % 97 == 0 ? std::int32_t(r) - (1 << 23) : std::int32_t(r % 300));
  }
  return v;
}

std::vector<std::int32_t> read_all(const H5::H5File& f, const std::string& name) {
  return read_vector<std::int32_t>(f.openDataSet(name), H5::PredType::NATIVE_INT32);
}

}  // namespace

TEST_CASE("Arrays compressed as the workers do read back through HDF5 exactly as recorded, whatever their shape") {
  // Whole days with a partial edge chunk; a cut SKU dimension; rows longer than a chunk; an array that fits one
  // chunk; an array of zeros, whose chunks are not stored at all; a scalar.
  struct Case {
    const char* name;
    std::vector<std::size_t> shape;
  };
  const std::vector<Case> cases = {
      {"days", {41, 3000, 5}}, {"middle", {3, 70000, 5}}, {"long_rows", {3, 300001}}, {"small", {4, 3, 2}}};
  TempDir dir;
  const fs::path target = dir.path / "packed.h5";
  ReplicationResult original;
  {
    ResultsWriter writer(target.string(), false, sample_provenance(), sample_axes());
    ReplicationResult r;
    std::uint32_t seed = 1;
    for (const Case& c : cases) {
      std::size_t n = 1;
      for (const std::size_t e : c.shape) n *= e;
      std::vector<std::string> dims(c.shape.size(), "x");
      r.arrays.push_back({c.name, dims, c.shape, pattern(n, seed++)});
    }
    r.arrays.push_back({"zeros", {"day", "sku"}, {30, 20000}, std::vector<std::int32_t>(600000, 0)});
    r.arrays.push_back({"total", {}, {}, {-9}});
    original = r;
    for (RecordedArray& a : r.arrays) compress_chunks(a);
    for (std::size_t i = 0; i + 1 < r.arrays.size(); ++i) {
      INFO(r.arrays[i].name);
      CHECK(r.arrays[i].values.empty());
      CHECK(r.arrays[i].chunk == chunk_shape(r.arrays[i].shape));
      CHECK(decompress_chunks(r.arrays[i]) == original.arrays[i].values);
    }
    CHECK(std::all_of(r.arrays[4].chunks.begin(), r.arrays[4].chunks.end(), [](const auto& c) { return c.empty(); }));
    CHECK(r.arrays[5].values == std::vector<std::int32_t>{-9});  // a scalar is not chunked
    writer.add(deserialize(serialize(r)));                       // as it travels from a worker
    writer.commit();
  }
  H5::H5File f(target.string(), H5F_ACC_RDONLY);
  for (const RecordedArray& a : original.arrays) {
    INFO(a.name);
    CHECK(read_all(f, "/replications/r000000/" + a.name) == a.values);
  }
  hsize_t stored = 99;
  REQUIRE(H5Dget_num_chunks(f.openDataSet("/replications/r000000/zeros").getId(),
                            f.openDataSet("/replications/r000000/zeros").getSpace().getId(), &stored) >= 0);
  CHECK(stored == 0);
  hsize_t middle = 0;
  REQUIRE(H5Dget_num_chunks(f.openDataSet("/replications/r000000/middle").getId(),
                            f.openDataSet("/replications/r000000/middle").getSpace().getId(), &middle) >= 0);
  CHECK(middle == 3 * 2);  // 262,144 / 5 = 52,428 SKUs per chunk: two chunks per day
}

TEST_CASE("The same values give the same stored chunk bytes, compressed once or twice") {
  RecordedArray a{"demand", {"day", "sku", "site"}, {10, 40000, 2}, pattern(800000, 5)};  // a padded edge chunk
  RecordedArray b = a;
  compress_chunks(a);
  compress_chunks(b);
  CHECK(a.chunk == std::vector<std::size_t>{3, 40000, 2});
  CHECK(a.chunks == b.chunks);
}

// A directory the process cannot write to: test_output_permissions.cpp.
TEST_CASE("The writer rejects an output directory that does not exist") {
  TempDir dir;
  const fs::path missing = dir.path / "no-such-dir" / "out.h5";
  CHECK_THROWS_WITH_AS(ResultsWriter(missing.string(), false, sample_provenance(), sample_axes()),
                       doctest::Contains("does not exist"), OutputError);
}

TEST_CASE("The row spool gives rows back in replication order, a slice at a time, whatever their arrival order") {
  TempDir dir;
  RowSpool spool(dir.path.string());
  const std::vector<std::uint64_t> arrival = {9, 3, 14, 0, 7, 12, 1, 5};
  for (const std::uint64_t id : arrival) spool.add(id, {double(id), -double(id), 0.5 * double(id)});
  CHECK(spool.size() == arrival.size());
  CHECK(spool.width() == 3);
  CHECK(spool.sorted_ids() == std::vector<std::uint64_t>{0, 1, 3, 5, 7, 9, 12, 14});
  CHECK_THROWS_AS(spool.add(20, {1.0}), std::runtime_error);  // another width
  std::vector<double> seen;
  std::vector<std::size_t> firsts;
  spool.for_each_slice(
      [&](std::size_t first, std::size_t count, const std::vector<double>& rows) {
        CHECK(rows.size() == count * 3);
        firsts.push_back(first);
        seen.insert(seen.end(), rows.begin(), rows.end());
      },
      3 * 3 * sizeof(double));  // three rows a slice
  CHECK(firsts == std::vector<std::size_t>{0, 3, 6});
  std::vector<double> expected;
  for (const std::uint64_t id : spool.sorted_ids())
    expected.insert(expected.end(), {double(id), -double(id), 0.5 * double(id)});
  CHECK(seen == expected);
  CHECK(fs::is_empty(dir.path));  // the spool's file has no name
}

TEST_CASE("/kpi and /kpi_by of replications arriving in any order, over many slices, are those written in order") {
  TempDir dir;
  // 40 entities x 2 KPIs per replication: 2,000 rows are more than one slice of the writer's spool.
  const auto result = [](std::uint64_t rep) {
    ReplicationResult r = sample_result(rep);
    KpiBreakdown b{"sku", {"lost_sales", "fill_rate"}, 40, {}};
    for (std::size_t i = 0; i < 80; ++i) b.values.push_back(double(rep) * 1000 + double(i) + 0.25);
    r.breakdowns.push_back(b);
    return r;
  };
  std::vector<std::uint64_t> ids;
  for (std::uint64_t i = 0; i < 2000; ++i) ids.push_back(i * 3);
  std::vector<std::uint64_t> shuffled = ids;
  for (std::size_t i = 0; i < shuffled.size(); ++i) std::swap(shuffled[i], shuffled[(i * 7919) % shuffled.size()]);
  REQUIRE(shuffled != ids);
  for (const auto& [name, order] : {std::pair{"ordered.h5", ids}, {"shuffled.h5", shuffled}}) {
    ResultsWriter writer((dir.path / name).string(), false, sample_provenance(), sample_axes());
    for (const std::uint64_t rep : order) writer.add(result(rep));
    writer.commit();
  }
  H5::H5File a((dir.path / "ordered.h5").string(), H5F_ACC_RDONLY);
  H5::H5File b((dir.path / "shuffled.h5").string(), H5F_ACC_RDONLY);
  const auto ids_read = read_vector<std::int64_t>(b.openDataSet("/kpi/replication"), H5::PredType::NATIVE_INT64);
  CHECK(std::vector<std::uint64_t>(ids_read.begin(), ids_read.end()) == ids);
  const auto cost = read_vector<double>(b.openDataSet("/kpi/total_cost"), H5::PredType::NATIVE_DOUBLE);
  REQUIRE(cost.size() == ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(bits(cost[i]) == bits(1000.0 * double(ids[i])));
  const H5::DataSet lost = b.openDataSet("/kpi_by/sku/lost_sales");
  hsize_t shape[2] = {0, 0};
  lost.getSpace().getSimpleExtentDims(shape);
  CHECK(shape[0] == ids.size());
  CHECK(shape[1] == 40);
  const auto lost_values = read_vector<double>(lost, H5::PredType::NATIVE_DOUBLE);
  CHECK(lost_values.at(1234 * 40 + 7) == double(ids[1234]) * 1000 + 7 + 0.25);
  for (const char* path : {"/kpi/fill_rate", "/kpi/total_cost", "/kpi_by/sku/lost_sales", "/kpi_by/sku/fill_rate"}) {
    INFO(path);
    CHECK(read_vector<double>(a.openDataSet(path), H5::PredType::NATIVE_DOUBLE) ==
          read_vector<double>(b.openDataSet(path), H5::PredType::NATIVE_DOUBLE));
  }
}
