// The loaders on the real files of ../shared/data: the sizes their READMEs state. Where the folder is absent
// (the data sets are not on every machine) the executable says so and is reported as skipped.
#include <filesystem>
#include <string>

#include "bench/datasets.hpp"
#include "tests/support/skip.hpp"

using namespace peaksim::bench;
namespace fs = std::filesystem;

TEST_CASE("the real data sets load with the sizes their READMEs state") {
  const fs::path data = PEAKSIM_SHARED_DATA_DIR;
  const Dataset m5 = load_m5(data);
  CHECK(m5.series.size() == 280);
  CHECK(m5.length == 1913);
  CHECK(civil_from_days(m5.first_day + m5.length - 1) == "2016-04-24");
  const Dataset walmart = load_walmart(data);
  CHECK(walmart.series.size() == 3326);
  CHECK(walmart.length == 135);
  CHECK(civil_from_days(walmart.first_day) == "2010-02-05");
  CHECK(walmart.cleaning[0] == "1220 negative weekly sales (returns) set to 0");
  const Dataset koubei = load_koubei(data);
  CHECK(koubei.series.size() == 2000);
  CHECK(koubei.length == 438);  // 2015-06-26 ... 2016-09-05, with 2015-12-12 inserted
  CHECK(koubei.cleaning[1].find("(2015-12-12)") != std::string::npos);
}

int main(int argc, char** argv) {
  const fs::path data = PEAKSIM_SHARED_DATA_DIR;
  const std::string missing = fs::is_directory(data) ? "" : data.string() + " is absent (the real data sets)";
  return peaksim::testing::run_unless_missing("test_real_datasets", missing, argc, argv);
}
