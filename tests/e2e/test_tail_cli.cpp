// The tail across replications as `peaksim run` writes and prints it (/tail, docs/output.md): recomputed from the
// file's own /kpi columns, equal to the printed table, the same whatever --jobs, absent for one replication.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"
#include "sim/stats/summary.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kScenario = source_path("scenarios/black_friday.yaml");

std::vector<std::string> read_strings(const std::string& file, const std::string& dataset) {
  return peaksim::read_string_dataset(H5::H5File(file, H5F_ACC_RDONLY).openDataSet(dataset));
}

bool exists(const std::string& file, const std::string& path) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  return H5Lexists(f.getId(), path.c_str(), H5P_DEFAULT) > 0;
}

Outcome run(const std::string& out, const std::string& args) {
  return run_peaksim("run " + kScenario + " --set record.level=kpi_only --set record.kpi_by_sku=true -o " + out + " " +
                     args);
}

}  // namespace

TEST_CASE("A run of 21 replications writes the nearest-rank P95 and the worst-5% CVaR95 of its own KPIs") {
  TempDir dir;
  const std::string file = dir / "tail.h5";
  const Outcome o = run(file, "-n 21 -j 2");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  const auto kpis = read_strings(file, "/tail/kpi");
  const auto sides = read_strings(file, "/tail/side");
  const auto p95 = read_doubles(file, "/tail/p95"), cvar95 = read_doubles(file, "/tail/cvar95");
  for (const char* wanted : {"lost_sales", "backorders_end", "profit", "fill_rate_peak"})
    CHECK(std::find(kpis.begin(), kpis.end(), wanted) != kpis.end());
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    CAPTURE(kpis[k]);
    std::vector<double> x = read_doubles(file, "/kpi/" + kpis[k]);
    REQUIRE(x.size() == 21);
    // Hand rule for n = 21: rank ceil(19.95) = 20 of 21, worst ceil(1.05) = 2 replications.
    if (sides[k] == "upper") {
      std::sort(x.begin(), x.end());
      CHECK(cvar95[k] >= p95[k]);
    } else {
      REQUIRE(sides[k] == "lower");
      std::sort(x.begin(), x.end(), [](double a, double b) { return a > b; });
      CHECK(cvar95[k] <= p95[k]);
    }
    CHECK(p95[k] == x[19]);
    CHECK(cvar95[k] == doctest::Approx((x[19] + x[20]) / 2).epsilon(1e-12));
    // The printed row holds the same numbers.
    const auto at = o.out.find("\n" + kpis[k] + " ", o.out.find("tail KPI"));
    REQUIRE(at != std::string::npos);
    const std::string line = o.out.substr(at + 1, o.out.find('\n', at + 1) - at - 1);
    CHECK(line.find(" " + peaksim::stats::format_number(p95[k]) + " ") != std::string::npos);
    CHECK(line.find(" " + peaksim::stats::format_number(cvar95[k]) + " ") != std::string::npos);
    CHECK(line.find(" " + sides[k] + " ") != std::string::npos);
  }
  // A stock-out on a peak day: fill_rate_peak < 1 (some unit demanded on a peak day not shipped at once).
  const auto peak = read_doubles(file, "/kpi/fill_rate_peak");
  const auto stockouts = std::count_if(peak.begin(), peak.end(), [](double f) { return f < 1; });
  CHECK(read_doubles(file, "/tail/stockout_peak_replications")[0] == double(stockouts));
  CHECK(read_doubles(file, "/tail/peak_replications")[0] == 21);
  CHECK(o.out.find("stock-out on a peak day: " + std::to_string(stockouts) + " of 21") != std::string::npos);
  // The worst SKUs: the largest means of /kpi_by/sku/lost_sales, worst first, printed in that order.
  const auto by_sku = read_doubles(file, "/kpi_by/sku/lost_sales");
  const auto skus = read_strings(file, "/axes/sku");
  std::vector<double> means(skus.size(), 0);
  for (std::size_t i = 0; i < by_sku.size(); ++i) means[i % skus.size()] += by_sku[i] / 21;
  const auto worst = read_strings(file, "/tail/worst_skus/name");
  const auto worst_lost = read_doubles(file, "/tail/worst_skus/lost_sales_mean");
  REQUIRE(worst.size() == 5);
  std::vector<double> sorted = means;
  std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return a > b; });
  std::string printed = "worst SKUs by mean lost sales:";
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(worst_lost[i] == doctest::Approx(sorted[i]).epsilon(1e-12));
    const auto e = std::size_t(std::find(skus.begin(), skus.end(), worst[i]) - skus.begin());
    REQUIRE(e < skus.size());
    CHECK(means[e] == doctest::Approx(worst_lost[i]).epsilon(1e-12));
    printed += " " + worst[i] + " " + peaksim::stats::format_number(worst_lost[i]) + (i < 4 ? ";" : "");
  }
  CHECK(o.out.find(printed + "\n") != std::string::npos);
  CHECK(read_strings(file, "/tail/worst_regions/name").size() >= 1);
}

TEST_CASE("The tail is bit-identical whatever --jobs and --batch") {
  TempDir dir;
  REQUIRE(run(dir / "one.h5", "-n 12 -j 1").status == 0);
  REQUIRE(run(dir / "two.h5", "-n 12 -j 2 --batch 1").status == 0);
  for (const char* d : {"/tail/p95", "/tail/cvar95", "/tail/worst_skus/lost_sales_mean",
                        "/tail/worst_regions/lost_sales_mean", "/tail/stockout_peak_probability"}) {
    CAPTURE(d);
    const auto a = read_doubles(dir / "one.h5", d), b = read_doubles(dir / "two.h5", d);
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
  }
  CHECK(read_strings(dir / "one.h5", "/tail/worst_skus/name") == read_strings(dir / "two.h5", "/tail/worst_skus/name"));
}

TEST_CASE("A single replication has no tail: nothing written, nothing printed") {
  TempDir dir;
  const Outcome o = run(dir / "single.h5", "-n 1");
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK_FALSE(exists(dir / "single.h5", "/tail"));
  CHECK(o.out.find("tail KPI") == std::string::npos);
}
