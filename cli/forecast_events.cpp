#include "cli/forecast_events.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <limits>
#include <set>

#include "cli/csv_fields.hpp"
#include "sim/scenario/event_days.hpp"
#include "sim/scenario/loader.hpp"

namespace peaksim::cli {
namespace {

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
      fields_wanted = split_commas(text).size();
      continue;
    }
    if (text.empty()) continue;
    const std::vector<std::string> f = split_commas(text);
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
      std::cerr << fmt::format(
          "{}:{}:3 (series_id): expected a series id, got nothing (leave the column out for an "
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

// A scenario: its calendar, whose rules are resolved per series.
bool read_scenario(const std::string& path, Events& out) {
  try {
    out.scenario = load_scenario(path).calendar;
    for (const FestivalEvent& e : out.scenario->events) out.common.push_back({cal::Date{}, e.name});  // names only
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

std::vector<DatedEvent> Events::of(const Series& x, int future) const {
  if (scenario) return scenario_event_days(*scenario, x.first - 400, x.last() + (future * x.step + 10));
  std::vector<DatedEvent> all = common;
  if (const auto it = per_series.find(x.id); it != per_series.end())
    all.insert(all.end(), it->second.begin(), it->second.end());
  return all;
}

bool load_events(const std::string& path, Events& out) {
  out = {};
  const bool ok = ends_with(path, ".yaml") || ends_with(path, ".yml") ? read_scenario(path, out) : read_csv(path, out);
  if (!ok) return false;
  std::set<std::string> names;
  for (const DatedEvent& e : out.common) names.insert(e.name);
  for (const auto& [id, list] : out.per_series) {
    for (const DatedEvent& e : list) names.insert(e.name);
  }
  out.names.assign(names.begin(), names.end());
  if (out.scenario) out.common.clear();  // it held the names only
  return true;
}

void add_event_covariates(const Events& events, const Series& x, int length, int future,
                          forecasting::Covariates& covariates, std::size_t first, Eigen::Index column) {
  const int skip = static_cast<int>(x.values.size()) - length;  // as in global_inputs
  std::vector<double> values(static_cast<std::size_t>(length), std::numeric_limits<double>::quiet_NaN());
  for (int t = 0; t < length; ++t) {
    if (skip + t >= 0) values[static_cast<std::size_t>(t)] = x.values[static_cast<std::size_t>(skip + t)];
  }
  const std::vector<double> rows =
      event_covariates(events.of(x, future), x.date(skip), length + future, x.step, values.data(), length);
  for (int t = 0; t < length + future; ++t) {
    for (int c = 0; c < kEventCovariates; ++c)
      covariates[first + static_cast<std::size_t>(c)](t, column) =
          rows[static_cast<std::size_t>(t * kEventCovariates + c)];
  }
}

forecasting::EventSteps event_steps(const Events& events, const std::vector<const Series*>& group, int length,
                                    int horizon) {
  forecasting::EventSteps out(length + horizon, static_cast<Eigen::Index>(group.size()));
  for (std::size_t k = 0; k < group.size(); ++k) {
    const Series& x = *group[k];
    const int skip = static_cast<int>(x.values.size()) - length;
    const std::vector<int> index =
        event_index(events.of(x, horizon), events.names, x.date(skip), length + horizon, x.step);
    for (int t = 0; t < length + horizon; ++t)
      out(t, static_cast<Eigen::Index>(k)) = index[static_cast<std::size_t>(t)];
  }
  return out;
}

}  // namespace peaksim::cli
