// The long-CSV reader of `peaksim forecast` (see history_csv.hpp).
#include "cli/history_csv.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iostream>
#include <limits>
#include <sstream>
#include <string_view>

#include "cli/frequency.hpp"

namespace peaksim::cli {

namespace {

const std::string kHeader = "series_id,date,value";
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// Up to `size` fields of `line` into `fields`; returns how many the line has (all of them are counted).
std::size_t split(std::string_view line, std::string_view* fields, std::size_t size) {
  std::size_t count = 0, start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    if (count < size) fields[count] = line.substr(start, end - start);
    ++count;
    if (comma == std::string_view::npos) return count;
    start = comma + 1;
  }
}

bool parse_number(std::string_view text, double& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// The most common difference between consecutive sorted days (the smallest on a tie).
int most_common_step(const std::vector<int>& differences) {
  std::map<int, int> counts;
  for (const int d : differences) counts[d] += 1;
  int best = differences.front(), best_count = 0;
  for (const auto& [d, n] : counts) {
    if (n > best_count) best = d, best_count = n;
  }
  return best;
}

}  // namespace

HistoryReader::HistoryReader(const std::string& path, const HistoryOptions& options, bool whole)
    : path_(path), options_(options), whole_(whole) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    throw HistoryError(fmt::format("{}: is a folder; expected a CSV file", path));
  }
  if (::stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
    throw HistoryError(fmt::format("{}: is a device; expected a CSV file", path));  // /dev/zero: a line without end
  }
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) throw HistoryError(fmt::format("{}: cannot open the file", path));
  buffer_.resize(1 << 20);
  std::string_view header;
  if (!read_line(header)) {
    throw HistoryError(
        fmt::format("{}: the file is empty; expected the header '{}' and at least one row", path, kHeader));
  }
  text_.assign(header);
  line_no_ = 1;
  // Spreadsheet programs often start UTF-8 text with a byte-order mark; it is not part of the header.
  if (text_.rfind("\xEF\xBB\xBF", 0) == 0) text_.erase(0, 3);
  if (text_.rfind(kHeader, 0) != 0 || (text_.size() > kHeader.size() && text_[kHeader.size()] != ',')) {
    throw HistoryError(
        fmt::format("{}:1: expected the header '{}' (extra columns may follow), got '{}'", path, kHeader, text_));
  }
  std::vector<std::string_view> names(split(text_, nullptr, 0));
  split(text_, names.data(), names.size());
  field_count_ = names.size();
  for (std::size_t f = 3; f < names.size(); ++f) {
    if (names[f] == "price") price_field_ = f;
  }
}

HistoryReader::~HistoryReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool HistoryReader::read_line(std::string_view& line) {
  while (true) {
    const char* start = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    if (newline != nullptr || (eof_ && end_ > begin_)) {
      const std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - start) : end_ - begin_;
      line = std::string_view(start, length);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      begin_ += length + (newline != nullptr ? 1 : 0);
      return true;
    }
    if (eof_) return false;
    // Keep the partial line, then fill the rest of the buffer (twice as large when the line fills it all).
    std::memmove(buffer_.data(), start, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (end_ == buffer_.size()) buffer_.resize(2 * buffer_.size());
    const std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
    end_ += got;
    if (got == 0) {
      if (std::ferror(file_)) throw HistoryError(fmt::format("{}: cannot read the file", path_));
      eof_ = true;
    }
  }
}

bool HistoryReader::read_row(std::string_view& id, Point& point) {
  std::string_view text;
  while (read_line(text)) {
    ++line_no_;
    if (text.empty()) continue;
    constexpr std::size_t kKept = 8;
    std::string_view fields[kKept];
    const std::size_t count = split(text, fields, kKept);
    if (count != field_count_) {
      throw HistoryError(
          fmt::format("{}:{}: expected {} fields as in the header, got {}", path_, line_no_, field_count_, count));
    }
    if (fields[0].empty()) {
      throw HistoryError(fmt::format("{}:{}:1 (series_id): expected a series id, got ''", path_, line_no_));
    }
    const auto date = cal::Date::parse(fields[1]);
    if (!date) {
      throw HistoryError(
          fmt::format("{}:{}:2 (date): expected a date YYYY-MM-DD, got '{}'", path_, line_no_, fields[1]));
    }
    double value = kMissing;
    if (!fields[2].empty()) {
      if (!parse_number(fields[2], value)) {
        throw HistoryError(fmt::format("{}:{}:3 (value): expected a number, got '{}'", path_, line_no_, fields[2]));
      }
      if (!std::isfinite(value)) {
        throw HistoryError(
            fmt::format("{}:{}:3 (value): expected a finite number or an empty field (missing), got '{}'", path_,
                        line_no_, fields[2]));
      }
    }
    double price = 0;
    if (price_field_ > 0) {
      std::string_view p;
      if (price_field_ < kKept) {
        p = fields[price_field_];
      } else {  // a price column far to the right: split again in full
        std::vector<std::string_view> all(count);
        split(text, all.data(), count);
        p = all[price_field_];
      }
      if (!parse_number(p, price) || !std::isfinite(price) || price <= 0) {
        throw HistoryError(fmt::format("{}:{}:{} (price): expected a finite number > 0, got '{}'", path_, line_no_,
                                       price_field_ + 1, p));
      }
    }
    id = fields[0];
    point = {date->days_since_1970(), line_no_, value, price};
    return true;
  }
  return false;
}

Series HistoryReader::finish(const std::string& id, std::vector<Point>& p) {
  std::stable_sort(p.begin(), p.end(), [](const Point& a, const Point& b) { return a.day < b.day; });
  const auto date = [](const Point& x) { return cal::Date::from_days(x.day).to_string(); };
  std::vector<int> differences;
  differences.reserve(p.size());
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (p[i].day == p[i - 1].day) {
      throw HistoryError(fmt::format("{}:{}: series '{}' has a second value for {} (the first is on line {})", path_,
                                     std::max(p[i].line, p[i - 1].line), id, date(p[i]),
                                     std::min(p[i].line, p[i - 1].line)));
    }
    differences.push_back(p[i].day - p[i - 1].day);
  }
  const bool given = options_.step > 0;
  const auto fits = [&](int step) {
    return step > 0 && std::all_of(differences.begin(), differences.end(), [step](int d) { return d % step == 0; });
  };
  // The step of the series before it when its dates fit that one (the series of a file share a step; a sparse one,
  // most often 28 days apart, is still weekly in a weekly file); otherwise its own most common step.
  int step = given ? options_.step : differences.empty() ? std::max(last_step_, 1) : most_common_step(differences);
  if (!given && fits(last_step_)) step = last_step_;
  if (!differences.empty()) last_step_ = step;
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (differences[i - 1] % step != 0) {
      throw HistoryError(fmt::format(
          "{}:{}: series '{}': {} is {} days after {} (line {}), not a whole number of steps of {} days ({})", path_,
          p[i].line, id, date(p[i]), differences[i - 1], date(p[i - 1]), p[i - 1].line, step,
          given ? "--freq" : "the most common step between its dates; or give --freq"));
    }
  }
  const auto start = std::find_if(p.begin(), p.end(), [](const Point& x) { return !std::isnan(x.value); });
  if (start == p.end()) {
    throw HistoryError(fmt::format("{}:{}: series '{}' has no value: every one of its rows has an empty value field",
                                   path_, p.front().line, id));
  }
  Series s{id, cal::Date::from_days(start->day), step, {}, {}, 0};
  const auto length = static_cast<std::size_t>((p.back().day - start->day) / step + 1);
  if (length > kMaxSeriesSteps) {  // two rows far apart would otherwise make a series of millions of missing steps
    throw HistoryError(fmt::format("{}:{}: series '{}' spans {} steps of {} days (from {} to {}); expected at most {}",
                                   path_, p.back().line, id, length, step, date(*start), date(p.back()),
                                   kMaxSeriesSteps));
  }
  const bool zero = options_.fill == Fill::kZero;
  s.values.assign(length, zero ? 0.0 : kMissing);
  if (price_field_ > 0) s.price.assign(length, 0.0);
  std::size_t filled = 0;
  for (auto it = start; it != p.end(); ++it) {
    const auto k = static_cast<std::size_t>((it->day - start->day) / step);
    if (!std::isnan(it->value)) {
      s.values[k] = it->value;
      ++filled;
    }
    if (price_field_ > 0) s.price[k] = it->price;
  }
  s.missing = static_cast<int>(length - filled);
  for (std::size_t k = 1; k < s.price.size(); ++k) {
    if (s.price[k] == 0) s.price[k] = s.price[k - 1];  // a step without a row keeps the last price
  }
  return s;
}

bool HistoryReader::next(std::vector<Series>& out, std::size_t count) {
  const std::size_t before = out.size();
  std::string_view id;
  Point point{};
  if (whole_) {
    if (!at_end_) {
      std::vector<Point>* rows = nullptr;  // the last row's series: the next row is most often of it too
      std::string last;
      while (read_row(id, point)) {
        if (rows == nullptr || id != last) {
          last.assign(id);
          auto [it, inserted] = all_.try_emplace(last);
          if (inserted) order_.push_back(last);
          rows = &it->second;
        }
        rows->push_back(point);
      }
      at_end_ = true;
      if (order_.empty()) throw HistoryError(fmt::format("{}: no rows after the header; expected at least one", path_));
    }
    while (emitted_ < order_.size() && out.size() - before < count) {
      auto node = all_.extract(order_[emitted_++]);
      out.push_back(finish(node.key(), node.mapped()));
    }
    return out.size() > before;
  }
  while (!at_end_ && out.size() - before < count) {
    if (!read_row(id, point)) {
      at_end_ = true;
      if (current_.empty())
        throw HistoryError(fmt::format("{}: no rows after the header; expected at least one", path_));
      out.push_back(finish(current_, points_));
      break;
    }
    if (id != current_) {
      if (!current_.empty()) {
        out.push_back(finish(current_, points_));
        done_.insert(current_);
      }
      current_.assign(id);
      if (done_.count(current_) != 0) throw NotTogether{current_, point.line};
      points_.clear();
    }
    points_.push_back(point);
  }
  return out.size() > before;
}

std::vector<Series> read_history_csv(const std::string& path, const HistoryOptions& options) {
  HistoryReader reader(path, options, true);
  std::vector<Series> out;
  reader.next(out, std::numeric_limits<std::size_t>::max());
  return out;
}

bool load_history(const std::string& path, std::vector<Series>& series, const HistoryOptions& options) {
  try {
    series = read_history_csv(path, options);
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
