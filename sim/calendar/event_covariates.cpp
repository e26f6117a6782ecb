#include "sim/calendar/event_covariates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace peaksim {
namespace {

constexpr int kReach = 10;     // days: farther events contribute nothing
constexpr int kYearGap = 180;  // days: the previous occurrence of an event is at least this much earlier

// One occurrence: consecutive days of one name.
struct Run {
  std::string name;
  cal::Date start, end;
};

std::vector<Run> runs_of(std::vector<DatedEvent> events) {
  std::sort(events.begin(), events.end(), [](const DatedEvent& a, const DatedEvent& b) {
    return std::tie(a.name, a.date) < std::tie(b.name, b.date);
  });
  std::vector<Run> runs;
  for (const DatedEvent& e : events) {
    if (!runs.empty() && runs.back().name == e.name && e.date - runs.back().end <= 1) {
      runs.back().end = std::max(runs.back().end, e.date);
    } else {
      runs.push_back({e.name, e.date, e.date});
    }
  }
  return runs;
}

// Floor division, for step indices of days before the first step.
int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

std::vector<double> event_covariates(const std::vector<DatedEvent>& events, cal::Date first_end, int steps,
                                     int step_days, const double* values, int observed) {
  std::vector<double> out(static_cast<std::size_t>(steps) * kEventCovariates, 0.0);
  const std::vector<Run> runs = runs_of(events);
  // The step holding a day, or -1 when it is not among the observed steps.
  const auto step_of = [&](cal::Date d) {
    const int t = floor_div(d - first_end + step_days - 1, step_days);
    return t >= 0 && t < observed ? t : -1;
  };
  const auto value = [&](int t) { return t < 0 ? std::numeric_limits<double>::quiet_NaN() : values[t]; };
  // log((y + 1) / (mean + 1)) of the day `d` against the steps before the occurrence starting on `start`.
  const auto lift = [&](cal::Date d, cal::Date start) {
    const double y = value(step_of(d));
    if (std::isnan(y)) return 0.0;
    double sum = 0;
    int n = 0;
    for (int t = std::max(step_of(start - (21 + step_days)), 0); t < observed; ++t) {
      const cal::Date end = first_end + t * step_days;
      if (end > start - 8) break;
      if (end < start - (21 + step_days) || std::isnan(values[t])) continue;
      sum += values[t];
      ++n;
    }
    if (n == 0) return 0.0;
    return std::clamp(std::log((std::max(y, 0.0) + 1) / (std::max(sum / n, 0.0) + 1)), -3.0, 3.0);
  };
  for (int t = 0; t < steps; ++t) {
    const cal::Date last = first_end + t * step_days;
    const cal::Date first = last - (step_days - 1);
    double* row = out.data() + static_cast<std::size_t>(t) * kEventCovariates;
    const Run* nearest = nullptr;
    int nearest_gap = kReach + 1;
    for (const Run& r : runs) {
      const int ahead = r.start - last;  // > 0: the occurrence starts after this step
      const int behind = first - r.end;  // > 0: it ended before this step
      if (ahead <= 0 && behind <= 0) row[0] = 1;
      if (ahead >= 1 && ahead <= kReach) row[1] = std::max(row[1], std::exp(-ahead / 3.0));
      if (behind >= 1 && behind <= kReach) row[2] = std::max(row[2], std::exp(-behind / 3.0));
      const int gap = std::max({ahead, behind, 0});
      if (gap < nearest_gap) {
        nearest_gap = gap;
        nearest = &r;
      }
    }
    if (!nearest) continue;
    // The step's day that stands for it: its first event day, else its day nearest the occurrence.
    const cal::Date day = std::clamp(nearest->start, first, last);
    const Run* previous = nullptr;
    for (const Run& r : runs) {
      if (r.name == nearest->name && r.start <= nearest->start - kYearGap && (!previous || r.start > previous->start))
        previous = &r;
    }
    if (previous) row[3] = lift(previous->start + (day - nearest->start), previous->start);
  }
  return out;
}

std::vector<int> event_index(const std::vector<DatedEvent>& events, const std::vector<std::string>& names,
                             cal::Date first_end, int steps, int step_days) {
  std::vector<int> out(static_cast<std::size_t>(steps), -1);
  std::vector<DatedEvent> sorted = events;
  std::sort(sorted.begin(), sorted.end());
  for (const DatedEvent& e : sorted) {
    const int t = floor_div(e.date - first_end + step_days - 1, step_days);
    if (t < 0 || t >= steps) continue;  // the latest event day of a step names it (sorted by date)
    const auto at = std::find(names.begin(), names.end(), e.name);
    if (at != names.end()) out[static_cast<std::size_t>(t)] = static_cast<int>(at - names.begin());
  }
  return out;
}

}  // namespace peaksim
