// Reads demand history for `peaksim forecast`: a long CSV with the header `series_id,date,value` (extra
// columns after these are allowed; a column named `price` is read (a number > 0 per row), others are ignored),
// one row per series and day.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/calendar/date.hpp"

namespace peaksim::cli {

// Bad input: what() is the whole message, naming the file and the line (and field).
class HistoryError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct Series {
  std::string id;
  cal::Date first;             // date of values[0]
  std::vector<double> values;  // one per day, oldest first, no gaps
  std::vector<double> price;   // one per day like values when the file has a `price` column, else empty
  cal::Date last() const { return first + (static_cast<int>(values.size()) - 1); }
};

// Series in the order of their first row. Rows may come in any order; each series must cover every day
// between its first and last date exactly once. Values must be finite and >= 0. Throws HistoryError.
std::vector<Series> read_history_csv(const std::string& path);

// read_history_csv for a command: on bad input prints the one message to stderr and returns false.
bool load_history(const std::string& path, std::vector<Series>& series);

// Parses "0.5,0.8,..." (--quantiles) into sorted distinct levels in (0, 1); empty on any error. The command takes
// at most kMaxLevels of them.
inline constexpr std::size_t kMaxLevels = 99;
std::vector<double> parse_levels(const std::string& text);

}  // namespace peaksim::cli
