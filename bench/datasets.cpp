// Loaders of the real data sets; the cleaning rules are stated in datasets.hpp and docs/forecasting.md.
#include "bench/datasets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <utility>

namespace peaksim::bench {

namespace fs = std::filesystem;

namespace {

// Reads a CSV file line by line, keeping the line number for messages. Fields are split on commas (the data
// sets have no quoted fields).
class CsvFile {
public:
  explicit CsvFile(const fs::path& path) : path_(path.string()), in_(path) {
    if (!in_) throw DataError(path_ + ": cannot open the file (is --data pointing at shared/data?)");
  }

  bool next() {
    if (!std::getline(in_, line_)) return false;
    ++number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    fields_.clear();
    std::size_t from = 0;
    while (true) {
      const std::size_t comma = line_.find(',', from);
      fields_.push_back(std::string_view(line_).substr(from, comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    return true;
  }

  const std::vector<std::string_view>& fields() const { return fields_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw DataError(path_ + ":" + std::to_string(number_) + ": " + what);
  }
  [[noreturn]] void fail(std::size_t field, const std::string& what) const {
    throw DataError(path_ + ":" + std::to_string(number_) + ":" + std::to_string(field + 1) + ": " + what);
  }

  // Field `k` as a finite number.
  double number(std::size_t k) const {
    const std::string_view text = fields_[k];
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      fail(k, "expected a number, got '" + std::string(text) + "'");
    }
    return value;
  }

  void expect_fields(std::size_t count) const {
    if (fields_.size() != count) {
      fail("expected " + std::to_string(count) + " fields as in the header, got " + std::to_string(fields_.size()));
    }
  }

  const std::string& path() const { return path_; }

private:
  std::string path_;
  std::ifstream in_;
  std::string line_;
  std::vector<std::string_view> fields_;
  long number_ = 0;
};

Dataset make_dataset(const std::string& name, int first_day, int step_days, int season, int horizon) {
  Dataset d;
  d.name = name;
  d.first_day = first_day;
  d.step_days = step_days;
  d.season = season;
  d.horizon = horizon;
  return d;
}

std::string count_line(long count, const std::string& what) { return std::to_string(count) + " " + what; }

}  // namespace

int days_from_civil(int year, int month, int day) {
  // H. Hinnant's algorithm: shift the year to start in March, so the leap day ends it.
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::string civil_from_days(int days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const int day_of_era = days - era * 146097;
  const int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int mp = (5 * day_of_year + 2) / 153;
  const int day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = year_of_era + era * 400 + (month <= 2);
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

std::optional<int> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::pair<std::size_t, std::size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k) {
    const char* first = text.data() + spans[k].first;
    const auto [end, ec] = std::from_chars(first, first + spans[k].second, parts[k]);
    if (ec != std::errc() || end != first + spans[k].second) return std::nullopt;
  }
  const int days = days_from_civil(parts[0], parts[1], parts[2]);
  if (parts[1] < 1 || parts[1] > 12 || civil_from_days(days) != text) return std::nullopt;  // e.g. 02-30
  return days;
}

Dataset load_m5(const fs::path& dir) {
  CsvFile csv(dir / "m5_tiny" / "sales_train.csv");
  Dataset data = make_dataset("m5_tiny", days_from_civil(2011, 1, 29), 1, 7, 28);
  constexpr std::size_t kLeading = 6;  // id, item_id, dept_id, cat_id, store_id, state_id
  if (!csv.next() || csv.fields().size() <= kLeading || csv.fields()[0] != "id") {
    csv.fail("expected the header 'id,item_id,dept_id,cat_id,store_id,state_id,d_1,...'");
  }
  const std::size_t days = csv.fields().size() - kLeading;
  for (std::size_t k = 0; k < days; ++k) {
    if (csv.fields()[kLeading + k] != "d_" + std::to_string(k + 1)) {
      csv.fail(kLeading + k, "expected the column d_" + std::to_string(k + 1));
    }
  }
  data.length = static_cast<int>(days);
  long leading_zeros = 0, no_sales = 0;
  while (csv.next()) {
    csv.expect_fields(kLeading + days);
    std::vector<double> y(days);
    for (std::size_t k = 0; k < days; ++k) {
      y[k] = csv.number(kLeading + k);
      if (y[k] < 0) csv.fail(kLeading + k, "expected unit sales >= 0");
    }
    std::size_t first = 0;
    while (first < days && y[first] == 0) ++first;
    if (first == days) {
      ++no_sales;
      continue;
    }
    leading_zeros += static_cast<long>(first);
    data.series.push_back({.id = std::string(csv.fields()[0]),
                           .start = static_cast<int>(first),
                           .values = std::vector<double>(y.begin() + static_cast<long>(first), y.end())});
  }
  data.cleaning.push_back(count_line(leading_zeros, "leading zero days before a series' first sale dropped"));
  data.cleaning.push_back(count_line(no_sales, "series without any sale dropped"));
  return data;
}

Dataset load_walmart(const fs::path& dir) {
  CsvFile csv(dir / "walmart_store_sales" / "train.csv");
  if (!csv.next() || csv.fields().size() < 4 || csv.fields()[0] != "Store" || csv.fields()[1] != "Dept" ||
      csv.fields()[2] != "Date" || csv.fields()[3] != "Weekly_Sales") {
    csv.fail("expected the header 'Store,Dept,Date,Weekly_Sales,...'");
  }
  const std::size_t width = csv.fields().size();
  std::map<std::pair<long, long>, std::map<int, double>> rows;  // (store, dept) -> day -> sales
  long negative = 0;
  int first_day = 0, last_day = 0;
  bool any = false;
  while (csv.next()) {
    csv.expect_fields(width);
    const double store = csv.number(0), dept = csv.number(1);
    const std::optional<int> day = parse_date(csv.fields()[2]);
    if (!day) csv.fail(2, "expected a date YYYY-MM-DD, got '" + std::string(csv.fields()[2]) + "'");
    double sales = csv.number(3);
    if (sales < 0) {
      ++negative;
      sales = 0;
    }
    auto& series = rows[{std::lround(store), std::lround(dept)}];
    if (!series.emplace(*day, sales).second) csv.fail("a second row for this store, department and date");
    first_day = any ? std::min(first_day, *day) : *day;
    last_day = any ? std::max(last_day, *day) : *day;
    any = true;
  }
  if (!any) throw DataError(csv.path() + ": no rows after the header");
  Dataset data = make_dataset("walmart_store_sales", first_day, 7, 52, 8);
  data.length = (last_day - first_day) / 7 + 1;
  long gaps = 0;
  for (const auto& [key, weeks] : rows) {
    for (const auto& [day, sales] : weeks) {
      if ((day - first_day) % 7 != 0) {
        throw DataError(csv.path() + ": store " + std::to_string(key.first) + " dept " + std::to_string(key.second) +
                        " has a row on " + civil_from_days(day) + ", not a whole number of weeks after " +
                        civil_from_days(first_day));
      }
    }
    const int start = (weeks.begin()->first - first_day) / 7;
    const int end = (weeks.rbegin()->first - first_day) / 7 + 1;
    SeriesData s{.id = std::to_string(key.first) + "_" + std::to_string(key.second), .start = start,
                 .values = std::vector<double>(end - start, 0.0)};
    for (const auto& [day, sales] : weeks) s.values[(day - first_day) / 7 - start] = sales;
    gaps += (end - start) - static_cast<long>(weeks.size());
    data.series.push_back(std::move(s));
  }
  data.cleaning.push_back(count_line(negative, "negative weekly sales (returns) set to 0"));
  data.cleaning.push_back(count_line(gaps, "weeks without a row inside a series' span set to 0"));
  return data;
}

Dataset load_koubei(const fs::path& dir) {
  CsvFile csv(dir / "koubei_shop_flow" / "shop_daily_payments.csv");
  if (!csv.next() || csv.fields().size() < 2 || csv.fields()[0] != "shop_id") {
    csv.fail("expected the header 'shop_id,YYYY-MM-DD,...'");
  }
  const std::size_t columns = csv.fields().size() - 1;
  std::vector<int> step_of(columns);  // grid step of each date column
  int first_day = 0;
  for (std::size_t k = 0; k < columns; ++k) {
    const std::optional<int> day = parse_date(csv.fields()[k + 1]);
    if (!day) csv.fail(k + 1, "expected a date YYYY-MM-DD, got '" + std::string(csv.fields()[k + 1]) + "'");
    if (k == 0) first_day = *day;
    step_of[k] = *day - first_day;
    if (k > 0 && step_of[k] <= step_of[k - 1]) csv.fail(k + 1, "the date columns must increase");
  }
  Dataset data = make_dataset("koubei_shop_flow", first_day, 1, 7, 14);
  data.length = step_of.back() + 1;
  std::vector<bool> has_column(data.length, false);
  for (const int step : step_of) has_column[step] = true;

  long blanks = 0, inserted = 0, no_record = 0;
  while (csv.next()) {
    csv.expect_fields(columns + 1);
    std::vector<double> y(data.length, 0.0);
    std::vector<bool> recorded(data.length, false);
    int first = -1, last = -1;
    for (std::size_t k = 0; k < columns; ++k) {
      if (csv.fields()[k + 1].empty()) continue;
      const double value = csv.number(k + 1);
      if (value < 0) csv.fail(k + 1, "expected a payment count >= 0");
      y[step_of[k]] = value;
      recorded[step_of[k]] = true;
      if (first < 0) first = step_of[k];
      last = step_of[k];
    }
    if (first < 0) {
      ++no_record;
      continue;
    }
    for (int t = first; t <= last; ++t) {
      if (!has_column[t]) {
        // A day without a column: the mean of the same weekday one week before and after, inside the span.
        double sum = 0;
        int count = 0;
        for (const int u : {t - 7, t + 7}) {
          if (u >= first && u <= last && has_column[u]) {
            sum += y[u];
            ++count;
          }
        }
        y[t] = count > 0 ? sum / count : 0.0;
        ++inserted;
      } else if (!recorded[t]) {
        ++blanks;  // already 0
      }
    }
    data.series.push_back({.id = std::string(csv.fields()[0]), .start = first,
                           .values = std::vector<double>(y.begin() + first, y.begin() + last + 1)});
  }
  std::string missing_days;
  for (int t = 0; t < data.length; ++t) {
    if (!has_column[t]) missing_days += (missing_days.empty() ? "" : ", ") + civil_from_days(first_day + t);
  }
  data.cleaning.push_back(count_line(blanks, "blank days inside a shop's span set to 0"));
  data.cleaning.push_back(count_line(inserted, "shop-days inserted for the day(s) without a column (" +
                                                   (missing_days.empty() ? "none" : missing_days) +
                                                   "), the mean of the same weekday a week before and after"));
  data.cleaning.push_back(count_line(no_record, "shops without any record dropped"));
  return data;
}

const std::vector<std::string>& dataset_names() {
  static const std::vector<std::string> names = {"m5_tiny", "walmart_store_sales", "koubei_shop_flow"};
  return names;
}

Dataset load_dataset(const std::string& name, const fs::path& data_dir) {
  if (name == "m5_tiny") return load_m5(data_dir);
  if (name == "walmart_store_sales") return load_walmart(data_dir);
  if (name == "koubei_shop_flow") return load_koubei(data_dir);
  throw DataError("--dataset " + name + ": unknown; expected m5_tiny, walmart_store_sales or koubei_shop_flow");
}

}  // namespace peaksim::bench
