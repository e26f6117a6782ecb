// The recorder's arrays: compressed chunk by chunk as days close, they hold exactly what compressing the
// finished arrays gives; values outside int32 are reported by finish().
#include <doctest/doctest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/kernel/recorder.hpp"
#include "sim/output/chunks.hpp"

using namespace peaksim;

namespace {

RecorderSetup setup(RecordLevel level, std::size_t skus, int sites, int days, bool compress) {
  RecorderSetup s;
  s.record.level = level;
  s.horizon_days = days;
  s.sites = sites;
  s.price.assign(skus, 2.0);
  s.cost.assign(skus, 1.0);
  s.salvage.assign(skus, 0.0);
  s.sku_category.assign(skus, 0);
  for (std::size_t k = 0; k < skus; ++k) s.sku_category[k] = int(k % 3);
  s.categories = 3;
  s.peak_day.assign(std::size_t(days), 0);
  s.compress = compress;
  return s;
}

// Runs a recorder over its days with stocks and flows that vary by day, site and SKU (`scale` times).
ReplicationResult run(const RecorderSetup& s, std::int64_t scale = 1) {
  Recorder recorder(s);
  const std::size_t n = s.price.size();
  StockArrays st(n);
  DailyFlows fl(n);
  for (int day = 0; day < s.horizon_days; ++day) {
    for (int site = 0; site < s.sites; ++site) {
      for (std::size_t k = 0; k < n; ++k) {
        const auto x = std::int64_t((k * 7 + std::size_t(day) * 13 + std::size_t(site) * 5) % 11);
        st.on_hand[k] = scale * x;
        st.on_order[k] = x % 3;
        fl.demand[k] = x / 2;
        fl.sales[k] = k % 5 == 0 ? 0 : x / 3;  // some zeros, some runs
      }
      recorder.close_day(day, site, st, fl);
    }
  }
  return recorder.finish(0);
}

void check_same_chunks(RecordLevel level, std::size_t skus, int sites, int days) {
  INFO("level " << int(level) << ", " << skus << " SKUs x " << sites << " sites x " << days << " days");
  const ReplicationResult plain = run(setup(level, skus, sites, days, false));
  const ReplicationResult streamed = run(setup(level, skus, sites, days, true));
  REQUIRE(plain.arrays.size() == streamed.arrays.size());
  REQUIRE(!plain.arrays.empty());
  for (std::size_t i = 0; i < plain.arrays.size(); ++i) {
    RecordedArray whole = plain.arrays[i];
    const RecordedArray& b = streamed.arrays[i];
    INFO(whole.name);
    CHECK(!whole.compressed());
    CHECK(b.compressed());
    CHECK(b.shape == whole.shape);
    CHECK(b.dims == whole.dims);
    compress_chunks(whole);
    CHECK(b.chunk == whole.chunk);
    CHECK(b.chunks == whole.chunks);
    CHECK(decompress_chunks(b) == plain.arrays[i].values);
  }
}

}  // namespace

TEST_CASE("Arrays compressed as their days close equal the finished arrays compressed whole, at every level") {
  // 100,000 SKUs at one site: chunks of two whole days, the last one an edge chunk (5 days).
  check_same_chunks(RecordLevel::sku_daily, 100000, 1, 5);
  // 150,000 SKUs at two sites: one day holds two chunks, the second cut short along the SKUs.
  check_same_chunks(RecordLevel::sku_daily, 150000, 2, 2);
  check_same_chunks(RecordLevel::sku_weekly, 40000, 2, 30);  // weekly sums, 5 weeks, the last of 2 days
  check_same_chunks(RecordLevel::site_daily, 10, 3, 9);
  check_same_chunks(RecordLevel::category_daily, 10, 2, 9);
}

TEST_CASE("A stock beyond int32 makes finish report the signal and suggest a coarser level") {
  const auto s = setup(RecordLevel::sku_daily, 4, 1, 3, true);
  CHECK_NOTHROW(run(s, 200000000));  // at most 2e9: fits
  try {
    run(s, 300000000);  // on_hand reaches 3e9
    FAIL("finish accepted a value beyond int32");
  } catch (const std::overflow_error& e) {
    CHECK(std::string(e.what()) == "recorded value of 'on_hand' exceeds the int32 range; record a coarser level");
  }
}

TEST_CASE("Weekly sums that leave int32 are reported though each day fits") {
  const auto s = setup(RecordLevel::sku_weekly, 4, 1, 7, false);
  Recorder recorder(s);
  StockArrays st(4);
  DailyFlows fl(4);
  fl.demand.assign(4, 1000000000);  // 7e9 over the week
  for (int day = 0; day < 7; ++day) recorder.close_day(day, 0, st, fl);
  CHECK_THROWS_WITH_AS(recorder.finish(0), "recorded value of 'demand' exceeds the int32 range; record a coarser level",
                       std::overflow_error);
}
