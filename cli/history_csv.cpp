// The long-CSV reader of `peaksim forecast` (see history_csv.hpp).
#include "cli/history_csv.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string_view>

namespace peaksim::cli {

namespace {

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

struct Point {
  cal::Date date;
  double value;
  int line;
  double price = 0;  // when the file has a price column
};

}  // namespace

std::vector<Series> read_history_csv(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    throw HistoryError(fmt::format("{}: is a folder; expected a CSV file", path));
  }
  if (::stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
    throw HistoryError(fmt::format("{}: is a device; expected a CSV file", path));  // /dev/zero: a line without end
  }
  std::ifstream in(path);
  if (!in) throw HistoryError(fmt::format("{}: cannot open the file", path));
  const std::string kHeader = "series_id,date,value";

  std::string text;
  int line_no = 0;
  std::size_t field_count = 0;
  std::size_t price_field = 0;                       // index of the `price` column; 0 when there is none
  std::vector<std::string> order;                    // series ids by first appearance
  std::map<std::string, std::vector<Point>> points;  // by series id
  while (std::getline(in, text)) {
    ++line_no;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (line_no == 1) {
      // Spreadsheet programs often start UTF-8 text with a byte-order mark; it is not part of the header.
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
      const auto names = split(text);
      if (text.rfind(kHeader, 0) != 0 || (text.size() > kHeader.size() && text[kHeader.size()] != ',')) {
        throw HistoryError(
            fmt::format("{}:1: expected the header '{}' (extra columns may follow), got '{}'", path, kHeader, text));
      }
      field_count = names.size();
      for (std::size_t f = 3; f < names.size(); ++f) {
        if (names[f] == "price") price_field = f;
      }
      continue;
    }
    if (text.empty()) continue;
    const auto fields = split(text);
    if (fields.size() != field_count) {
      throw HistoryError(
          fmt::format("{}:{}: expected {} fields as in the header, got {}", path, line_no, field_count, fields.size()));
    }
    const std::string id(fields[0]);
    if (id.empty()) throw HistoryError(fmt::format("{}:{}:1 (series_id): expected a series id, got ''", path, line_no));
    const auto date = cal::Date::parse(fields[1]);
    if (!date) {
      throw HistoryError(fmt::format("{}:{}:2 (date): expected a date YYYY-MM-DD, got '{}'", path, line_no, fields[1]));
    }
    double value = 0;
    const std::string_view v = fields[2];
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
      throw HistoryError(fmt::format("{}:{}:3 (value): expected a number, got '{}'", path, line_no, v));
    }
    if (!std::isfinite(value) || value < 0) {
      throw HistoryError(
          fmt::format("{}:{}:3 (value): expected a finite number >= 0 (demand), got '{}'", path, line_no, v));
    }
    double price = 0;
    if (price_field > 0) {
      const std::string_view p = fields[price_field];
      const auto [pend, pec] = std::from_chars(p.data(), p.data() + p.size(), price);
      if (p.empty() || pec != std::errc() || pend != p.data() + p.size() || !std::isfinite(price) || price <= 0) {
        throw HistoryError(
            fmt::format("{}:{}:{} (price): expected a finite number > 0, got '{}'", path, line_no, price_field + 1, p));
      }
    }
    auto [it, inserted] = points.try_emplace(id);
    if (inserted) order.push_back(id);
    it->second.push_back({*date, value, line_no, price});
  }
  if (field_count == 0) {
    throw HistoryError(
        fmt::format("{}: the file is empty; expected the header '{}' and at least one row", path, kHeader));
  }
  if (order.empty()) throw HistoryError(fmt::format("{}: no rows after the header; expected at least one", path));

  std::vector<Series> out;
  out.reserve(order.size());
  for (const auto& id : order) {
    auto& p = points[id];
    std::stable_sort(p.begin(), p.end(), [](const Point& a, const Point& b) { return a.date < b.date; });
    Series s{id, p.front().date, {}, {}};
    s.values.reserve(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (i > 0 && p[i].date == p[i - 1].date) {
        throw HistoryError(fmt::format("{}:{}: series '{}' has a second value for {} (the first is on line {})", path,
                                       std::max(p[i].line, p[i - 1].line), id, p[i].date.to_string(),
                                       std::min(p[i].line, p[i - 1].line)));
      }
      if (i > 0 && p[i].date - p[i - 1].date > 1) {
        throw HistoryError(fmt::format("{}:{}: series '{}' has no value for {} (between {} on line {} and {})", path,
                                       p[i].line, id, (p[i - 1].date + 1).to_string(), p[i - 1].date.to_string(),
                                       p[i - 1].line, p[i].date.to_string()));
      }
      s.values.push_back(p[i].value);
      if (price_field > 0) s.price.push_back(p[i].price);
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool load_history(const std::string& path, std::vector<Series>& series) {
  try {
    series = read_history_csv(path);
  } catch (const HistoryError& e) {
    std::cerr << e.what() << '\n';
    return false;
  }
  return true;
}

std::vector<double> parse_levels(const std::string& text) {
  std::vector<double> levels;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    std::size_t used = 0;
    double level = 0;
    try {
      level = std::stod(item, &used);
    } catch (const std::exception&) {
      return {};
    }
    if (used != item.size() || !(level > 0 && level < 1)) return {};
    levels.push_back(level);
  }
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  return levels;
}

}  // namespace peaksim::cli
