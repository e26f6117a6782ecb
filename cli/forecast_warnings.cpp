#include "cli/forecast_warnings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/frequency.hpp"

namespace peaksim::cli {

namespace fc = peaksim::forecasting;

double forecast_floor(const Series& series, bool nonnegative) {
  if (nonnegative) return 0.0;
  double least = 0.0;
  for (const double v : series.values) {
    if (v < least) least = v;  // false for NaN
  }
  return least;
}

std::string used_name(fc::Method asked, fc::Method used) {
  if (asked == fc::Method::kSeasonalNaive && used == fc::Method::kSes) return "naive";
  return fc::method_key(used);
}

std::string fallback_warning(const Series& series, fc::Method asked, const std::string& used, std::uint32_t flags) {
  std::string out;
  const std::string name = fc::method_key(asked);
  if (flags & fc::kFlagNonPositive)
    add_warning(out, fmt::format("a value <= 0 rules out {}: fell back to {}", name, used));
  if (flags & fc::kFlagShortSeries) {
    add_warning(out, fmt::format("too short for {} ({} points): fell back to {}", name, series.values.size(), used));
  }
  if (flags & fc::kFlagNumerical) add_warning(out, fmt::format("{} gave a non-finite value: fell back to ses", name));
  return out;
}

std::string data_warning(const Series& series, const SeriesForecast& forecast, std::uint32_t flags) {
  std::string out;
  if (series.missing > 0) {
    add_warning(out, fmt::format("{} of {} steps missing", series.missing, series.values.size()));
  }
  const std::size_t observed = series.values.size() - static_cast<std::size_t>(series.missing);
  if (flags & fc::kFlagFewResiduals) {
    add_warning(out, fmt::format("{} observation{}: Normal interval from the size of the one-step errors", observed,
                                 observed == 1 ? "" : "s"));
  }
  if (forecast.quantiles.size() > 1 && !forecast.mean.empty() &&
      forecast.quantiles.front().front() == forecast.quantiles.back().front()) {
    add_warning(out, "zero-width interval: no one-step error in the history");
  }
  return out;
}

void add_warning(std::string& warning, const std::string& more) {
  if (more.empty()) return;
  if (!warning.empty()) warning += "; ";
  warning += more;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : separator) + parts[i];
  return out;
}

std::string steps_summary(const std::map<int, std::size_t>& steps) {
  if (steps.size() == 1) return frequency_name(steps.begin()->first);
  std::vector<std::string> parts;
  for (const auto& [days, count] : steps) parts.push_back(fmt::format("{} {}", frequency_name(days), count));
  return join(parts, ", ");
}

void WarningTally::add(const Series& series, const SeriesForecast& forecast) {
  ++series_;
  models_[forecast.model] += 1;
  if (series.missing > 0) {
    ++with_missing_;
    missing_ += static_cast<std::size_t>(series.missing);
  }
  if (forecast.warning.empty()) return;
  if (++warned_ <= kNotices) std::cerr << fmt::format("notice: series '{}': {}\n", series.id, forecast.warning);
}

void WarningTally::print(std::ostream& err) const {
  if (warned_ == 0) return;
  std::string line = fmt::format("warnings: {} of {} series (the warning column says why", warned_, series_);
  if (warned_ > kNotices) line += fmt::format("; the first {} are above", kNotices);
  line += ")";
  if (with_missing_ > 0) line += fmt::format("; {} missing steps in {} series", missing_, with_missing_);
  err << line << '\n';
}

std::string WarningTally::models() const {
  std::vector<std::string> parts;
  for (const auto& [name, count] : models_) parts.push_back(fmt::format("{} {}", name, count));
  return join(parts, ", ");
}

}  // namespace peaksim::cli
