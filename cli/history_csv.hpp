// Reads demand history for `peaksim forecast`: a long CSV with the header `series_id,date,value` (extra
// columns after these are allowed; a column named `price` is read (a number > 0 per row), others are ignored),
// one row per series and date. See docs/forecasting.md, "Input".
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/calendar/date.hpp"

namespace peaksim::cli {

// Bad input: what() is the whole message, naming the file and the line (and field).
class HistoryError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// What a step without a value (no row for its date inside the series' span, or an empty value) becomes.
enum class Fill {
  kMissing,  // a missing observation (NaN): the models carry their state forward over it
  kZero,     // zero sales: exports that leave out the days without a sale
};

// The longest series span, in steps: a hundred years of days.
inline constexpr std::size_t kMaxSeriesSteps = 36600;

struct HistoryOptions {
  int step = 0;  // days between values (--freq); 0: each series' most common step between consecutive dates
  Fill fill = Fill::kMissing;
};

struct Series {
  std::string id;
  cal::Date first;             // date of values[0]: the series' first row with a value
  int step = 1;                // days between consecutive values
  std::vector<double> values;  // one per step, oldest first; NaN: missing (only with Fill::kMissing)
  std::vector<double> price;   // like values when the file has a `price` column (a missing step repeats the last
                               // price), else empty
  int missing = 0;             // steps without a value: NaN in values, or filled with 0 under Fill::kZero
  cal::Date date(int k) const { return first + k * step; }
  cal::Date last() const { return date(static_cast<int>(values.size()) - 1); }
};

// Reads a history CSV a few series at a time, so that memory does not grow with the file when the rows of each
// series come together (the usual export layout; any date order within a series). Series come in the order of
// their first row. Each series' dates must be a whole number of steps apart; its span runs from its first to its
// last row with a value. Values are finite numbers (negative ones are returns) or empty (missing).
class HistoryReader {
public:
  // Opens the file and reads its header; throws HistoryError. `whole`: read every row before the first series is
  // returned (rows of a series may then be spread over the file).
  HistoryReader(const std::string& path, const HistoryOptions& options, bool whole = false);
  ~HistoryReader();

  // Appends up to `count` more series to `out`; false when there is none left. Throws HistoryError, and
  // NotTogether (streaming only) when a series' rows appear again after another series' rows.
  bool next(std::vector<Series>& out, std::size_t count);

  struct NotTogether {
    std::string id;
    int line;
  };

private:
  struct Point {
    std::int32_t day;
    int line;
    double value;  // NaN: empty
    double price;  // 0 without a price column
  };
  bool read_line(std::string_view& line);             // the next line without its end; false at the end of the file
  bool read_row(std::string_view& id, Point& point);  // id: valid until the next call; false at the end of the file
  Series finish(const std::string& id, std::vector<Point>& points);

  std::string path_;
  HistoryOptions options_;
  bool whole_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;  // read in large blocks: [begin_, end_) not yet split into lines
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::string text_;  // the header
  int line_no_ = 0;
  std::size_t field_count_ = 0;
  std::size_t price_field_ = 0;  // index of the `price` column; 0 when there is none
  bool at_end_ = false;
  int last_step_ = 0;  // the step of the last series that had two dates; 0 before the first
  // Streaming: the series being read, its rows, and the ids already returned.
  std::string current_;
  std::vector<Point> points_;
  std::unordered_set<std::string> done_;
  // Whole: every series' rows, in order of first appearance.
  std::vector<std::string> order_;
  std::map<std::string, std::vector<Point>> all_;
  std::size_t emitted_ = 0;
};

// Every series of the file (HistoryReader in whole mode). Throws HistoryError.
std::vector<Series> read_history_csv(const std::string& path, const HistoryOptions& options = {});

// read_history_csv for a command: on bad input prints the one message to stderr and returns false.
bool load_history(const std::string& path, std::vector<Series>& series, const HistoryOptions& options = {});

// Parses "0.5,0.8,..." (--quantiles) into sorted distinct levels in (0, 1); empty on any error. The command takes
// at most kMaxLevels of them.
inline constexpr std::size_t kMaxLevels = 99;
std::vector<double> parse_levels(const std::string& text);

}  // namespace peaksim::cli
