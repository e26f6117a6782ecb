// The forecast-driven demo through the peaksim executable: bit-identical KPIs whatever --jobs and
// --batch (replications batched in one engine share one forecast service), and a replication run
// alone equal to the same replication in a batch.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>

#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kForecastDriven = source_path("scenarios/forecast_driven.yaml");
// A smaller catalog and a shorter season keep the test quick; forecasts start on day 34.
const std::string kSmaller = " --set catalog.generate.count=30 --set horizon=70d -q ";

void require_identical_kpis(const std::string& a, const std::string& b, std::size_t row_b = 0, bool one = false) {
  const auto names = kpi_names(a);
  REQUIRE(names == kpi_names(b));
  for (const auto& name : names) {
    if (name == "replication") continue;
    const auto va = read_doubles(a, "/kpi/" + name), vb = read_doubles(b, "/kpi/" + name);
    for (std::size_t i = 0; i < (one ? 1 : va.size()); ++i) {
      const std::size_t j = one ? row_b : i;
      REQUIRE(j < vb.size());
      INFO("KPI " << name << " row " << i << ": " << va[i] << " vs " << vb[j]);
      CHECK(std::memcmp(&va[i], &vb[j], sizeof(double)) == 0);
    }
  }
}

}  // namespace

TEST_CASE("forecast-driven runs give bit-identical KPIs whatever --jobs and --batch") {
  TempDir dir;
  const std::string args = "run " + kForecastDriven + kSmaller + "-n 6 ";
  REQUIRE(run_peaksim(args + "-j 1 --batch 1 -o " + (dir / "a.h5")).status == 0);
  REQUIRE(run_peaksim(args + "-j 2 --batch 3 -o " + (dir / "b.h5")).status == 0);
  REQUIRE(run_peaksim(args + "-j 1 --batch 6 -o " + (dir / "c.h5")).status == 0);
  require_identical_kpis(dir / "a.h5", dir / "b.h5");
  require_identical_kpis(dir / "a.h5", dir / "c.h5");
  const auto names = kpi_names(dir / "a.h5");
  CHECK(std::find(names.begin(), names.end(), "forecast_mase_sales") != names.end());
  CHECK(mean(read_doubles(dir / "a.h5", "/kpi/forecast_points")) > 0);
}

TEST_CASE("a forecast-driven replication run alone equals the same replication in a batch") {
  TempDir dir;
  REQUIRE(run_peaksim("run " + kForecastDriven + kSmaller + "-n 5 -j 1 --batch 5 -o " + (dir / "all.h5")).status == 0);
  REQUIRE(run_peaksim("run " + kForecastDriven + kSmaller + "-n 1 --first 3 -o " + (dir / "one.h5")).status == 0);
  require_identical_kpis(dir / "one.h5", dir / "all.h5", 3, true);
}

TEST_CASE("forecast.model global: bit-identical whatever --jobs and --batch, and its forecasts are the ones used") {
  TempDir dir;
  const std::string args = "run " + kForecastDriven + kSmaller + "-n 4 ";
  const std::string global = " --set forecast.model=global ";
  REQUIRE(run_peaksim(args + global + "-j 1 --batch 1 -o " + (dir / "a.h5")).status == 0);
  REQUIRE(run_peaksim(args + global + "-j 2 --batch 2 -o " + (dir / "b.h5")).status == 0);
  REQUIRE(run_peaksim(args + global + "-j 1 --batch 4 -o " + (dir / "c.h5")).status == 0);
  require_identical_kpis(dir / "a.h5", dir / "b.h5");
  require_identical_kpis(dir / "a.h5", dir / "c.h5");
  // The same world with the scenario's Holt-Winters: the same series are forecast on the same days, but the
  // forecasts, hence the accuracy and the orders placed from the quantiles, differ.
  REQUIRE(run_peaksim(args + "-j 1 --batch 4 -o " + (dir / "hw.h5")).status == 0);
  CHECK(read_doubles(dir / "a.h5", "/kpi/forecast_points") == read_doubles(dir / "hw.h5", "/kpi/forecast_points"));
  CHECK(read_doubles(dir / "a.h5", "/kpi/forecast_wql") != read_doubles(dir / "hw.h5", "/kpi/forecast_wql"));
  const double wql = mean(read_doubles(dir / "a.h5", "/kpi/forecast_wql"));
  CHECK(wql > 0);
  CHECK(wql < 1);  // forecasts worth the name: weighted quantile loss below that of forecasting zero
}

TEST_CASE("forecast.model global with a cover beyond the model's horizon is a scenario error: status 2, no file") {
  TempDir dir;
  // 30-day reviews: the cover (review period + lead time) is far beyond the shipped model's 28 days.
  const std::string bad = kForecastDriven + " --set forecast.model=global --set policy.review_period=30d ";
  const auto checked = run_peaksim("validate " + bad);
  CHECK(checked.status == 2);
  CHECK(checked.err.find("the global model forecasts at most 28 days ahead") != std::string::npos);
  const auto ran = run_peaksim("run " + bad + kSmaller + "-o " + (dir / "x.h5"));
  CHECK(ran.status == 2);
  CHECK(ran.err.find("the global model forecasts at most 28 days ahead") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "x.h5"));
}
