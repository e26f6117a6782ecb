// What `peaksim forecast` tells about each series: the model column's name, the warning column's text, the floor
// under its forecasts, and the stderr summary over all series.
#pragma once
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "cli/forecast_csv.hpp"
#include "cli/history_csv.hpp"
#include "forecasting/forecast.hpp"

namespace peaksim::cli {

// The least mean or quantile of a series: 0 with --nonnegative or for a series without negative values, else
// its least observed value (a series with returns may go as low as its history did, no lower).
double forecast_floor(const Series& series, bool nonnegative);

// The model column: the method used; "naive" where seasonal naive fell back to SES with alpha 1.
std::string used_name(forecasting::Method asked, forecasting::Method used);

// Why `asked` was not used (a fallback), or "".
std::string fallback_warning(const Series& series, forecasting::Method asked, const std::string& used,
                             std::uint32_t flags);

// What the data does to the forecast: missing steps, intervals from too few errors, a zero-width interval.
std::string data_warning(const Series& series, const SeriesForecast& forecast, std::uint32_t flags);

// Appends `more` to `warning`, "; "-separated (the column holds no commas).
void add_warning(std::string& warning, const std::string& more);

std::string join(const std::vector<std::string>& parts, const std::string& separator);

// "daily", or "daily 120, weekly 3" for series of several steps (days -> series).
std::string steps_summary(const std::map<int, std::size_t>& steps);

// Counts over the series as they are written; prints the first warnings as notices right away.
class WarningTally {
public:
  static constexpr std::size_t kNotices = 20;  // notice lines on stderr before the summary says "and N more"
  void add(const Series& series, const SeriesForecast& forecast);
  void print(std::ostream& err) const;  // the one-line summary (nothing when no series has a warning)
  std::size_t series() const { return series_; }
  std::string models() const;  // "holt_winters_additive 3, ses 2"

private:
  std::size_t series_ = 0, warned_ = 0, with_missing_ = 0, missing_ = 0;
  std::map<std::string, std::size_t> models_;
};

}  // namespace peaksim::cli
