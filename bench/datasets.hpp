// The real data sets of ../shared/data read into series on a regular time grid, for bench/forecast_accuracy.
// Each loader states its cleaning rules (gaps, blanks, negative values, missing days) in its comment and in
// docs/forecasting.md, "Accuracy on real data"; what it applied is counted in Dataset::cleaning.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace peaksim::bench {

// A missing or malformed data file. what() is the whole message and names the file (and line, column).
class DataError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int days_from_civil(int year, int month, int day);
std::string civil_from_days(int days);
// "YYYY-MM-DD" to days since 1970-01-01; nullopt if it is not a valid date.
std::optional<int> parse_date(std::string_view text);

// One series on the data set's grid: it exists from its first to its last observation.
struct SeriesData {
  std::string id;
  int start = 0;               // grid step of values[0]
  std::vector<double> values;  // one per step, gaps filled by the loader's rule
  int end() const { return start + static_cast<int>(values.size()); }  // one past the last step
};

struct Dataset {
  std::string name;
  int first_day = 0;  // days since 1970-01-01 of grid step 0
  int step_days = 1;  // 1 daily, 7 weekly
  int length = 0;     // grid steps; the data ends at step length - 1
  int season = 7;     // season length in steps (MASE scale, seasonal models)
  int horizon = 14;   // steps forecast at each origin
  std::vector<SeriesData> series;
  std::vector<std::string> cleaning;  // one line per rule the loader applied, with counts
};

// m5_tiny/sales_train.csv: 280 daily series from 2011-01-29 (d_1). Each series starts at its first non-zero
// sale (earlier zeros are "not yet listed"); a series without any sale is dropped. Season 7, horizon 28.
Dataset load_m5(const std::filesystem::path& dir);

// walmart_store_sales/train.csv: weekly store x department sales, dated by the Friday ending the week. A series
// runs from its first to its last row; a week without a row inside that span is 0; negative sales (returns)
// are set to 0. Season 52, horizon 8.
Dataset load_walmart(const std::filesystem::path& dir);

// koubei_shop_flow/shop_daily_payments.csv: daily payments per shop. A series runs from the shop's first to
// its last record; a blank inside that span is 0 (no payment recorded). A calendar day with no column
// (2015-12-12) is inserted; each shop gets the mean of the same weekday one week before and after, of those
// inside its span (0 if neither is). Season 7, horizon 14.
Dataset load_koubei(const std::filesystem::path& dir);

// The names the loaders answer to, in the order of the report: m5_tiny, walmart_store_sales, koubei_shop_flow.
const std::vector<std::string>& dataset_names();
// `data_dir`/`name` by one of the loaders above; throws DataError for an unknown name.
Dataset load_dataset(const std::string& name, const std::filesystem::path& data_dir);

}  // namespace peaksim::bench
