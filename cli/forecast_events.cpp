#include "cli/forecast_events.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <limits>
#include <set>

#include "sim/scenario/event_days.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim::cli {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return fields;
    start = comma + 1;
  }
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A CSV of `date,name[,series_id]` rows.
bool read_csv(const std::string& path, Events& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    std::cerr << fmt::format("{}: expected an events file (CSV or scenario YAML)\n", path);
    return false;
  }
  std::ifstream in(path);
  if (!in) {
    std::cerr << fmt::format("{}: cannot open the events file\n", path);
    return false;
  }
  std::string text;
  int line_no = 0;
  std::size_t fields_wanted = 0;
  while (std::getline(in, text)) {
    ++line_no;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (line_no == 1) {
      if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a UTF-8 byte-order mark
      if (text != "date,name" && text != "date,name,series_id") {
        std::cerr << fmt::format("{}:1:1: expected the header 'date,name' or 'date,name,series_id', got '{}'\n", path,
                                 text);
        return false;
      }
      fields_wanted = split(text).size();
      continue;
    }
    if (text.empty()) continue;
    const std::vector<std::string> f = split(text);
    if (f.size() != fields_wanted) {
      std::cerr << fmt::format("{}:{}:1: expected {} fields as in the header, got {}\n", path, line_no, fields_wanted,
                               f.size());
      return false;
    }
    const auto date = cal::Date::parse(f[0]);
    if (!date) {
      std::cerr << fmt::format("{}:{}:1 (date): expected a date YYYY-MM-DD, got '{}'\n", path, line_no, f[0]);
      return false;
    }
    if (f[1].empty()) {
      std::cerr << fmt::format("{}:{}:2 (name): expected an event name, got nothing\n", path, line_no);
      return false;
    }
    if (fields_wanted == 3 && f[2].empty()) {
      std::cerr << fmt::format("{}:{}:3 (series_id): expected a series id, got nothing (leave the column out for an "
                               "event of every series)\n",
                               path, line_no);
      return false;
    }
    (fields_wanted == 3 ? out.per_series[f[2]] : out.common).push_back({*date, f[1]});
  }
  if (line_no == 0) {
    std::cerr << fmt::format("{}: the file is empty; expected the header 'date,name' and event rows\n", path);
    return false;
  }
  return true;
}

// A scenario's calendar.events, each occurrence with the days of its peak window (days_before, days_after).
bool read_scenario(const std::string& path, cal::Date from, cal::Date to, Events& out) {
  try {
    out.common = scenario_event_days(load_scenario(path).calendar, from, to);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return false;
  } catch (const std::exception& e) {
    std::cerr << path << ": " << e.what() << '\n';
    return false;
  }
  return true;
}

}  // namespace

std::vector<DatedEvent> Events::of(const std::string& series_id) const {
  std::vector<DatedEvent> all = common;
  if (const auto it = per_series.find(series_id); it != per_series.end())
    all.insert(all.end(), it->second.begin(), it->second.end());
  return all;
}

bool load_events(const std::string& path, cal::Date from, cal::Date to, Events& out) {
  out = {};
  const bool ok = ends_with(path, ".yaml") || ends_with(path, ".yml") ? read_scenario(path, from, to, out)
                                                                       : read_csv(path, out);
  if (!ok) return false;
  std::set<std::string> names;
  for (const DatedEvent& e : out.common) names.insert(e.name);
  for (const auto& [id, list] : out.per_series) {
    for (const DatedEvent& e : list) names.insert(e.name);
  }
  out.names.assign(names.begin(), names.end());
  return true;
}

void events_span(const std::vector<Series>& series, int step_days, int future, cal::Date& from, cal::Date& to) {
  from = series.front().first;
  to = series.front().last();
  for (const Series& s : series) {
    from = std::min(from, s.first - step_days);
    to = std::max(to, s.last());
  }
  to = to + future * step_days;
}

void add_event_covariates(const Events& events, const Series& x, int step_days, int length, int future,
                          forecasting::Covariates& covariates, std::size_t first, Eigen::Index column) {
  const int skip = static_cast<int>(x.values.size()) - length;  // as in global_inputs
  std::vector<double> values(static_cast<std::size_t>(length), std::numeric_limits<double>::quiet_NaN());
  for (int t = 0; t < length; ++t) {
    if (skip + t >= 0) values[static_cast<std::size_t>(t)] = x.values[static_cast<std::size_t>(skip + t)];
  }
  const std::vector<double> rows =
      event_covariates(events.of(x.id), x.first + skip * step_days, length + future, step_days, values.data(), length);
  for (int t = 0; t < length + future; ++t) {
    for (int c = 0; c < kEventCovariates; ++c)
      covariates[first + static_cast<std::size_t>(c)](t, column) =
          rows[static_cast<std::size_t>(t * kEventCovariates + c)];
  }
}

forecasting::EventSteps event_steps(const Events& events, const std::vector<const Series*>& group, int step_days,
                                    int length, int horizon) {
  forecasting::EventSteps out(length + horizon, static_cast<Eigen::Index>(group.size()));
  for (std::size_t k = 0; k < group.size(); ++k) {
    const Series& x = *group[k];
    const int skip = static_cast<int>(x.values.size()) - length;
    const std::vector<int> index =
        event_index(events.of(x.id), events.names, x.first + skip * step_days, length + horizon, step_days);
    for (int t = 0; t < length + horizon; ++t)
      out(t, static_cast<Eigen::Index>(k)) = index[static_cast<std::size_t>(t)];
  }
  return out;
}

}  // namespace peaksim::cli
