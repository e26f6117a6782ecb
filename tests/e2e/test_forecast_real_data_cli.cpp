// `peaksim forecast` on the real data sets of ../shared/data as their exports come: Walmart's weekly sales (returns,
// missing weeks) and Koubei's daily payments (a day missing for every shop, blank days), with no filling, no
// resampling and no clipping first; only the columns are renamed to series_id,date,value. Skipped (exit 77) where
// the folder is absent.
#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include "cli/csv_fields.hpp"
#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"
#include "tests/support/skip.hpp"  // first: it implements doctest in this file

using namespace peaksim::test;

namespace {

using peaksim::cli::split_commas;

const fs::path kData = PEAKSIM_SHARED_DATA_DIR;

// series id -> its rows of the forecast file (fields).
std::map<std::string, std::vector<std::vector<std::string>>> by_series(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::vector<std::vector<std::string>>> out;
  while (std::getline(in, line)) {
    auto fields = split_commas(line);
    out[fields[0]].push_back(std::move(fields));
  }
  return out;
}

}  // namespace

TEST_CASE("Walmart's weekly sales, returns and missing weeks included, forecast as exported") {
  TempDir dir;
  std::map<std::string, double> least;  // per series: its least weekly sale
  {
    std::ifstream in(kData / "walmart_store_sales" / "train.csv");
    std::ofstream out(dir / "walmart.csv");
    std::string line;
    std::getline(in, line);  // Store,Dept,Date,Weekly_Sales,IsHoliday
    out << "series_id,date,value\n";
    while (std::getline(in, line)) {
      const auto f = split_commas(line);
      const std::string id = f[0] + "_" + f[1];
      out << id << ',' << f[2] << ',' << f[3] << '\n';
      const double v = std::stod(f[3]);
      least[id] = least.count(id) ? std::min(least[id], v) : v;
    }
  }
  const Outcome o = run_peaksim("forecast --input " + (dir / "walmart.csv") +
                                " --horizon 8 --model auto --threads 2 -o " + (dir / "f.csv"));
  INFO(o.err.substr(0, 2000));
  REQUIRE(o.status == 0);
  CHECK(o.out.find("steps ahead (weekly") != std::string::npos);
  const auto forecasts = by_series(dir / "f.csv");
  CHECK(forecasts.size() == least.size());
  int with_returns = 0, below_zero = 0;
  for (const auto& [id, rows] : forecasts) {
    REQUIRE(rows.size() == 8);
    const auto first = *peaksim::cal::Date::parse(rows[0][1]);
    CHECK(*peaksim::cal::Date::parse(rows[7][1]) - first == 49);  // weekly dates
    const double floor = std::min(0.0, least[id]);
    with_returns += least[id] < 0;
    for (const auto& r : rows) {
      for (std::size_t c = 2; c < 8; ++c) {
        const double v = std::stod(r[c]);
        CHECK(v >= floor);
        below_zero += v < 0;
      }
    }
  }
  CHECK(with_returns > 0);
  MESSAGE("Walmart: " << forecasts.size() << " series, " << with_returns << " with returns, " << below_zero
                      << " forecast values below zero");
}

TEST_CASE("Koubei's daily payments, with the day missing for every shop and blank days, forecast as exported") {
  TempDir dir;
  int shops = 0;
  {
    std::ifstream in(kData / "koubei_shop_flow" / "shop_daily_payments.csv");
    std::ofstream out(dir / "koubei.csv");
    std::string line;
    std::getline(in, line);
    const auto dates = split_commas(line);  // shop_id, then one column per date (2015-12-12 has none)
    out << "series_id,date,value\n";
    while (std::getline(in, line)) {
      const auto f = split_commas(line);
      for (std::size_t c = 1; c < f.size(); ++c) {
        if (!f[c].empty()) out << f[0] << ',' << dates[c] << ',' << f[c] << '\n';  // a blank is no row
      }
      ++shops;
    }
  }
  const Outcome o = run_peaksim("forecast --input " + (dir / "koubei.csv") +
                                " --horizon 14 --model auto --threads 2 -o " + (dir / "f.csv"));
  INFO(o.err.substr(0, 2000));
  REQUIRE(o.status == 0);
  const auto forecasts = by_series(dir / "f.csv");
  CHECK(static_cast<int>(forecasts.size()) == shops);
  int missing = 0;
  for (const auto& [id, rows] : forecasts) {
    REQUIRE(rows.size() == 14);
    CHECK(*peaksim::cal::Date::parse(rows[13][1]) - *peaksim::cal::Date::parse(rows[0][1]) == 13);  // daily
    missing += rows[0].back().find("steps missing") != std::string::npos;
    for (const auto& r : rows) CHECK(std::isfinite(std::stod(r[2])));
  }
  CHECK(missing > 0);
  CHECK(forecasts.at("1")[0][1] == "2016-09-06");  // shop 1 reports to the last day
  MESSAGE("Koubei: " << forecasts.size() << " shops, " << missing << " with missing days");
}

int main(int argc, char** argv) {
  const std::string missing = fs::is_directory(kData) ? "" : kData.string() + " is absent (the real data sets)";
  return peaksim::testing::run_unless_missing("test_forecast_real_data_cli", missing, argc, argv);
}
