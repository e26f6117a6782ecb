// The data set loaders on small files written here (gaps, blanks, the missing Koubei day, negative Walmart
// sales, bad cells). The real files of ../shared/data: test_real_datasets.cpp.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench/datasets.hpp"

using namespace peaksim::bench;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temp folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "fbench_XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative) << text;
  }
};

std::string error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

const SeriesData& find(const Dataset& d, const std::string& id) {
  for (const SeriesData& s : d.series) {
    if (s.id == id) return s;
  }
  FAIL("no series " << id);
  throw;
}

}  // namespace

TEST_CASE("dates convert to day numbers and back, and impossible dates are refused") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);  // 2000 is a leap year
  CHECK(civil_from_days(days_from_civil(2015, 12, 12)) == "2015-12-12");
  CHECK(parse_date("2016-02-29") == days_from_civil(2016, 2, 29));
  CHECK_FALSE(parse_date("2015-02-29"));
  CHECK_FALSE(parse_date("2015-13-01"));
  CHECK_FALSE(parse_date("2015-1-01"));
  CHECK_FALSE(parse_date("20150101xx"));
}

TEST_CASE("m5: a series starts at its first sale, one without sales is dropped, bad cells name file and column") {
  TempDir dir;
  dir.write("m5_tiny/sales_train.csv",
            "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3,d_4,d_5\n"
            "A,i,d,c,s,st,1,0,2,0,3\n"
            "B,i,d,c,s,st,0,0,4,0,1\n"
            "C,i,d,c,s,st,0,0,0,0,0\n");
  const Dataset d = load_m5(dir.path);
  CHECK(d.length == 5);
  CHECK(d.season == 7);
  CHECK(d.horizon == 28);
  CHECK(civil_from_days(d.first_day) == "2011-01-29");
  REQUIRE(d.series.size() == 2);
  CHECK(d.series[0].start == 0);
  CHECK(d.series[0].values == std::vector<double>{1, 0, 2, 0, 3});
  CHECK(d.series[1].id == "B");
  CHECK(d.series[1].start == 2);
  CHECK(d.series[1].values == std::vector<double>{4, 0, 1});
  CHECK(d.cleaning[0] == "2 leading zero days before a series' first sale dropped");
  CHECK(d.cleaning[1] == "1 series without any sale dropped");

  dir.write("m5_tiny/sales_train.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2\nA,i,d,c,s,st,1,x\n");
  CHECK(error_of([&] { load_m5(dir.path); }) ==
        (dir.path / "m5_tiny/sales_train.csv").string() + ":2:8: expected a number, got 'x'");
  dir.write("m5_tiny/sales_train.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_3\nA,i,d,c,s,st,1,2\n");
  CHECK(error_of([&] { load_m5(dir.path); }).find(":1:8: expected the column d_2") != std::string::npos);
  dir.write("m5_tiny/sales_train.csv", "id,item_id,dept_id,cat_id,store_id,state_id,d_1\nA,i,d,c,s,st,-1\n");
  CHECK(error_of([&] { load_m5(dir.path); }).find(":2:7: expected unit sales >= 0") != std::string::npos);
}

TEST_CASE("a missing data file is one message naming the path") {
  TempDir dir;
  CHECK(error_of([&] { load_walmart(dir.path); }) == (dir.path / "walmart_store_sales/train.csv").string() +
                                                         ": cannot open the file (is --data pointing at shared/data?)");
  CHECK(error_of([&] { load_dataset("m6", dir.path); }).find("--dataset m6: unknown") == 0);
}

TEST_CASE("walmart: gaps inside a span are 0, negative sales are 0, spans follow the first and last rows") {
  TempDir dir;
  // Weeks 2010-02-05 (step 0) to 2010-03-12 (step 5). Rows may come in any order.
  dir.write("walmart_store_sales/train.csv",
            "Store,Dept,Date,Weekly_Sales,IsHoliday\n"
            "1,1,2010-02-05,10.5,False\n"
            "1,1,2010-02-12,-3.25,True\n"
            "1,1,2010-03-12,7,False\n"
            "1,1,2010-02-26,4,False\n"
            "2,5,2010-02-19,100,False\n"
            "2,5,2010-02-26,90,False\n"
            "1,2,2010-03-05,1,False\n");
  const Dataset d = load_walmart(dir.path);
  CHECK(d.step_days == 7);
  CHECK(d.length == 6);
  CHECK(d.season == 52);
  CHECK(d.horizon == 8);
  REQUIRE(d.series.size() == 3);
  const SeriesData& a = find(d, "1_1");
  CHECK(a.start == 0);
  CHECK(a.values == std::vector<double>{10.5, 0, 0, 4, 0, 7});  // -3.25 -> 0; 02-19 and 03-05 missing -> 0
  const SeriesData& b = find(d, "2_5");
  CHECK(b.start == 2);
  CHECK(b.end() == 4);  // ends with its last row, before the data does
  CHECK(find(d, "1_2").values == std::vector<double>{1});
  CHECK(d.cleaning[0] == "1 negative weekly sales (returns) set to 0");
  CHECK(d.cleaning[1] == "2 weeks without a row inside a series' span set to 0");

  dir.write("walmart_store_sales/train.csv",
            "Store,Dept,Date,Weekly_Sales,IsHoliday\n1,1,2010-02-05,1,False\n1,1,2010-02-08,1,False\n");
  CHECK(error_of([&] { load_walmart(dir.path); }).find("not a whole number of weeks after 2010-02-05") !=
        std::string::npos);
  dir.write("walmart_store_sales/train.csv",
            "Store,Dept,Date,Weekly_Sales,IsHoliday\n1,1,2010-02-05,1,False\n1,1,2010-02-05,2,False\n");
  CHECK(error_of([&] { load_walmart(dir.path); }).find(":3: a second row for this store") != std::string::npos);
  dir.write("walmart_store_sales/train.csv", "Store,Dept,Date,Weekly_Sales,IsHoliday\n1,1,2010-02-31,1,False\n");
  CHECK(error_of([&] { load_walmart(dir.path); }).find(":2:3: expected a date YYYY-MM-DD, got '2010-02-31'") !=
        std::string::npos);
}

TEST_CASE("koubei: leading blanks start the series, inner blanks are 0, the day without a column is inserted") {
  TempDir dir;
  // Columns 2015-12-01 ... 2015-12-25 without 2015-12-12, as in the real file.
  std::string header = "shop_id";
  std::vector<int> days;
  for (int day = 1; day <= 25; ++day) {
    if (day == 12) continue;
    header += ",2015-12-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
    days.push_back(day);
  }
  auto row = [&](const std::string& id, auto cell) {
    std::string line = id;
    for (const int day : days) line += "," + cell(day);
    return line + "\n";
  };
  const std::string text =
      header + "\n" + row("1", [](int day) { return std::to_string(10 * day); }) +
      row("2", [](int day) { return day < 8 || day == 15 ? std::string() : std::to_string(day); }) +
      row("3", [](int day) { return day > 14 ? std::string() : std::to_string(day); }) +
      row("4", [](int) { return std::string(); }) +
      row("5", [](int day) { return day < 13 ? std::string() : std::to_string(day); });
  dir.write("koubei_shop_flow/shop_daily_payments.csv", text);
  const Dataset d = load_koubei(dir.path);
  CHECK(d.length == 25);
  CHECK(d.horizon == 14);
  CHECK(civil_from_days(d.first_day) == "2015-12-01");
  REQUIRE(d.series.size() == 4);  // shop 4 has no record
  const SeriesData& one = find(d, "1");
  CHECK(one.start == 0);
  CHECK(one.values.size() == 25);
  CHECK(one.values[11] == doctest::Approx((50.0 + 190.0) / 2));  // 12-12: mean of 12-05 and 12-19
  const SeriesData& two = find(d, "2");
  CHECK(two.start == 7);            // first record 12-08
  CHECK(two.values[12 - 8] == 19);  // 12-05 is before its span: 12-19 alone
  CHECK(two.values[15 - 8] == 0);   // the blank on 12-15
  CHECK(two.end() == 25);
  const SeriesData& three = find(d, "3");
  CHECK(three.end() == 14);      // last record 12-14
  CHECK(three.values[11] == 5);  // 12-19 is after its span: 12-05 alone
  const SeriesData& five = find(d, "5");
  CHECK(five.start == 12);  // starts 12-13, after the missing day: nothing inserted
  CHECK(five.values.front() == 13);
  CHECK(d.cleaning[0] == "1 blank days inside a shop's span set to 0");
  CHECK(d.cleaning[1].find("3 shop-days inserted for the day(s) without a column (2015-12-12)") == 0);
  CHECK(d.cleaning[2] == "1 shops without any record dropped");

  dir.write("koubei_shop_flow/shop_daily_payments.csv", "shop_id,2015-12-01,2015-12-02\n7,3,-2\n");
  CHECK(error_of([&] { load_koubei(dir.path); }).find(":2:3: expected a payment count >= 0") != std::string::npos);
  dir.write("koubei_shop_flow/shop_daily_payments.csv", "shop_id,2015-12-02,2015-12-01\n7,3,2\n");
  CHECK(error_of([&] { load_koubei(dir.path); }).find(":1:3: the date columns must increase") != std::string::npos);
}
