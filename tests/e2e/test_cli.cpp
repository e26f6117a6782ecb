// End-to-end: the peaksim executable on real scenario files, as a user runs it.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kReference = source_path("scenarios/reference/single_sS.yaml");
const std::string kDemo = source_path("scenarios/black_friday.yaml");

// Every /kpi dataset of two files must hold the same bits.
void require_identical_kpis(const std::string& a, const std::string& b) {
  const auto names = kpi_names(a);
  REQUIRE(names == kpi_names(b));
  for (const auto& name : names) {
    if (name == "replication") continue;
    const auto va = read_doubles(a, "/kpi/" + name), vb = read_doubles(b, "/kpi/" + name);
    REQUIRE(va.size() == vb.size());
    for (std::size_t i = 0; i < va.size(); ++i) {
      INFO("KPI " << name << " replication index " << i << ": " << va[i] << " vs " << vb[i]);
      CHECK(std::memcmp(&va[i], &vb[i], sizeof(double)) == 0);
    }
  }
}

// Every stored chunk of a dataset: its offset and filter mask. Chunks of zeros are not stored, so the list also
// says which chunks hold something.
std::vector<std::string> chunk_layout(const H5::DataSet& ds) {
  const H5::DataSpace space = ds.getSpace();
  hsize_t n = 0;
  REQUIRE(H5Dget_num_chunks(ds.getId(), space.getId(), &n) >= 0);
  std::vector<std::string> out;
  for (hsize_t i = 0; i < n; ++i) {
    hsize_t offset[3] = {}, size = 0;
    unsigned mask = 0;
    haddr_t address = 0;
    REQUIRE(H5Dget_chunk_info(ds.getId(), space.getId(), i, offset, &mask, &address, &size) >= 0);
    out.push_back(std::to_string(offset[0]) + "," + std::to_string(offset[1]) + "," + std::to_string(mask));
  }
  return out;
}

}  // namespace

TEST_CASE("--version prints the project version CMake was configured with") {
  const Outcome o = run_peaksim("--version");
  CHECK(o.status == 0);
  CHECK(o.out == std::string("peaksim ") + PEAKSIM_VERSION + "\n");
}

TEST_CASE("the demo scenario runs and its peak weeks show a lower fill rate") {
  TempDir dir;
  const Outcome o = run_peaksim("run " + kDemo + " -n 8 -j 2 -o " + (dir / "demo.h5"));
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.out.find("fill_rate_peak") != std::string::npos);
  const auto ids = read_doubles(dir / "demo.h5", "/kpi/replication");
  CHECK(ids.size() == 8);
  const double peak = mean(read_doubles(dir / "demo.h5", "/kpi/fill_rate_peak"));
  const double off_peak = mean(read_doubles(dir / "demo.h5", "/kpi/fill_rate_off_peak"));
  INFO("fill rate in peak days " << peak << ", off peak " << off_peak);
  CHECK(peak < off_peak - 0.02);
  const auto on_hand = read_ints(dir / "demo.h5", "/replications/r000003/on_hand");
  CHECK(on_hand.size() == 120u * 240u);
}

TEST_CASE("the same seed gives bit-identical KPIs, whatever the number of jobs") {
  TempDir dir;
  const std::string args = "run " + kReference + " --set catalog.generate.count=200 -n 6 -q ";
  REQUIRE(run_peaksim(args + "-j 1 -o " + (dir / "a.h5")).status == 0);
  REQUIRE(run_peaksim(args + "-j 1 -o " + (dir / "b.h5")).status == 0);
  REQUIRE(run_peaksim(args + "-j 2 --batch 2 -o " + (dir / "c.h5")).status == 0);
  require_identical_kpis(dir / "a.h5", dir / "b.h5");
  require_identical_kpis(dir / "a.h5", dir / "c.h5");
}

// The values, not the compressed bytes: igzip's output for a chunk is not a pure function of the chunk (see
// docs/performance.md), so two runs may store one chunk as two different, equally valid zlib streams.
TEST_CASE("recorded arrays hold the same values in the same chunks, whatever the number of jobs and the batch size") {
  TempDir dir;
  const std::string args =
      "run " + kReference + " --set catalog.generate.count=3000 --set record.level=sku_daily -n 3 -q ";
  REQUIRE(run_peaksim(args + "-j 1 -o " + (dir / "a.h5")).status == 0);
  REQUIRE(run_peaksim(args + "-j 2 --batch 2 -o " + (dir / "b.h5")).status == 0);
  require_identical_kpis(dir / "a.h5", dir / "b.h5");
  H5::H5File a(dir / "a.h5", H5F_ACC_RDONLY), b(dir / "b.h5", H5F_ACC_RDONLY);
  int compared = 0;
  for (const char* rep : {"r000000", "r000001", "r000002"}) {
    H5::Group ga = a.openGroup(std::string("/replications/") + rep),
              gb = b.openGroup(std::string("/replications/") + rep);
    REQUIRE(ga.getNumObjs() == 9);
    REQUIRE(gb.getNumObjs() == 9);
    for (hsize_t i = 0; i < ga.getNumObjs(); ++i) {
      const std::string name = ga.getObjnameByIdx(i);
      INFO(rep << "/" << name);
      const auto chunks = chunk_layout(ga.openDataSet(name));
      CHECK(chunks == chunk_layout(gb.openDataSet(name)));
      const std::string path = std::string("/replications/") + rep + "/" + name;
      const auto values = read_ints(dir / "a.h5", path);
      CHECK(values.size() == 365u * 3000u);
      CHECK(values == read_ints(dir / "b.h5", path));
      compared += int(chunks.size());
    }
  }
  CHECK(compared > 3 * 4);  // on_hand, demand, sales, orders at least store chunks
}

TEST_CASE("a recorded value beyond 32 bits found by a worker is refused at record.level, and nothing is written") {
  TempDir dir;
  // Backorders have no bound before the run: 10^8 units a day of one SKU, waited for 300 days, pass 2^31 in a
  // sku_daily cell within the 40 days. The refusal comes from a worker, yet reads like any bad input.
  const Outcome o = run_peaksim("run " + kReference +
                                " --set catalog.generate.count=1 --set catalog.generate.rate=100000000"
                                " --set sites.regions.0.unmet=backorder --set lanes.0.lead_time=300d --set horizon=40d"
                                " --set record.level=sku_daily -n 2 -j 2 -q -o " +
                                (dir / "out.h5"));
  CHECK(o.status == 2);
  // Either worker may report first: both replications overflow.
  const auto message = [](int rep) {
    return "--set record.level=sku_daily: record.level: the recorded 'on_order' passed 2147483647 units in one cell "
           "of record.level sku_daily in replication " +
           std::to_string(rep) +
           "; recorded values are 32-bit: record a level whose cells hold fewer SKUs or days, kpi_only, or "
           "record.variables without on_order\n";
  };
  CHECK((o.err == message(0) || o.err == message(1)));
  CHECK(o.out.empty());
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("a different seed gives different demand") {
  TempDir dir;
  const std::string args = "run " + kReference + " --set catalog.generate.count=50 -n 2 -q ";
  REQUIRE(run_peaksim(args + "--seed 1 -o " + (dir / "a.h5")).status == 0);
  REQUIRE(run_peaksim(args + "--seed 2 -o " + (dir / "b.h5")).status == 0);
  CHECK(read_doubles(dir / "a.h5", "/kpi/demand") != read_doubles(dir / "b.h5", "/kpi/demand"));
}

TEST_CASE("replication 7 run alone equals replication 7 in a batch of 16") {
  TempDir dir;
  REQUIRE(run_peaksim("run " + kDemo + " -n 16 -j 2 --batch 4 -q -o " + (dir / "all.h5")).status == 0);
  REQUIRE(run_peaksim("run " + kDemo + " -n 1 --first 7 -j 1 -q -o " + (dir / "one.h5")).status == 0);
  CHECK(read_doubles(dir / "one.h5", "/kpi/replication") == std::vector<double>{7});
  const auto names = kpi_names(dir / "all.h5");
  for (const auto& name : names) {
    if (name == "replication") continue;
    INFO("KPI " << name);
    CHECK(read_doubles(dir / "all.h5", "/kpi/" + name)[7] == read_doubles(dir / "one.h5", "/kpi/" + name)[0]);
  }
  for (const char* array : {"on_hand", "demand", "sales", "receipts"}) {
    INFO("array " << array);
    CHECK(read_ints(dir / "all.h5", std::string("/replications/r000007/") + array) ==
          read_ints(dir / "one.h5", std::string("/replications/r000007/") + array));
  }
}

TEST_CASE("an existing results file is kept unless --force is given") {
  TempDir dir;
  { std::ofstream(dir / "keep.h5") << "precious"; }
  const std::string args = "run " + kReference + " --set catalog.generate.count=5 -n 1 -q -o " + (dir / "keep.h5");
  const Outcome refused = run_peaksim(args);
  CHECK(refused.status == 2);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(read_text(dir / "keep.h5") == "precious");
  CHECK(run_peaksim(args + " --force").status == 0);
  CHECK(read_doubles(dir / "keep.h5", "/kpi/replication").size() == 1);
}

TEST_CASE("every broken scenario exits with status 2, one message, and writes nothing") {
  const fs::path corpus = source_path("tests/broken_scenarios");
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    TempDir dir;
    std::string expected = read_text(fs::path(entry.path()).replace_extension(".expected"));
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    // Messages name the file as the user typed it: run from the corpus folder, as in its .expected files.
    const Outcome o = run_peaksim("run " + entry.path().filename().string() + " -q -o " + (dir / "out.h5"), corpus);
    INFO(entry.path().filename().string() << " said: " << o.err);
    CHECK(o.status == 2);
    CHECK(o.err == expected + "\n");
    CHECK(fs::is_empty(dir.path));
  }
  CHECK(cases >= 25);
}

TEST_CASE("a bad --set value is reported against the --set argument") {
  TempDir dir;
  const Outcome o = run_peaksim("validate " + kReference + " --set catalog.generate.count=many");
  CHECK(o.status == 2);
  CHECK(o.err.rfind("--set catalog.generate.count=many", 0) == 0);
}

TEST_CASE("a policy level that overflows is refused before the run, with the value and the bound") {
  TempDir dir;
  // A formula that yields 1e300 units would wrap around when rounded to whole units.
  const Outcome o = run_peaksim("run " + kReference + " --set policy.S=1e300 -q -o " + (dir / "out.h5"));
  CHECK(o.status == 2);
  CHECK(o.err.find("policy level S of SKU") != std::string::npos);
  CHECK(o.err.find("is 1e+300; levels must be finite, >= 0 and at most 1000000000000 units") != std::string::npos);
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("an interrupted run leaves no results file and no temporary file behind") {
  TempDir dir;
  const std::string out = dir / "big.h5";
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execl(PEAKSIM_BIN, PEAKSIM_BIN, "run", kReference.c_str(), "--set", "catalog.generate.count=20000", "-n", "200",
          "-j", "2", "-q", "-o", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the run has started writing (its temporary file exists), then interrupt it.
  for (int i = 0; i < 200 && fs::is_empty(dir.path); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(fs::is_empty(dir.path));
}

TEST_CASE("validate describes a good scenario and exits with status 0") {
  const Outcome o = run_peaksim("validate " + kDemo);
  CHECK(o.status == 0);
  CHECK(o.out.find("240 SKUs") != std::string::npos);
}
