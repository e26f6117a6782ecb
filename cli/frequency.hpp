// The step between a history's values (its frequency) and what follows from it: the season length in steps and
// the names used in messages. The one place for these rules (docs/forecasting.md, "Frequency").
#pragma once
#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>
#include <string>

namespace peaksim::cli {

// Days per step of daily and weekly data.
inline constexpr int kDaily = 1;
inline constexpr int kWeekly = 7;
inline constexpr int kMaxStepDays = 366;  // --freq Nd: N in 1..366

// The season of the seasonal models, in steps: the week for daily data (7), otherwise the year (52 for weekly data,
// round(365.25 / N) for a step of N days; at least 1).
inline int season_steps(int step_days) {
  if (step_days == kDaily) return 7;
  return std::max(1, static_cast<int>(std::lround(365.25 / step_days)));
}

// "daily", "weekly", "every 14 days".
inline std::string frequency_name(int step_days) {
  if (step_days == kDaily) return "daily";
  if (step_days == kWeekly) return "weekly";
  return "every " + std::to_string(step_days) + " days";
}

// The unit of --horizon and --period in messages: "day", "week", "step of 14 days".
inline std::string step_unit(int step_days) {
  if (step_days == kDaily) return "day";
  if (step_days == kWeekly) return "week";
  return "step of " + std::to_string(step_days) + " days";
}

// --freq: "day", "week" or "Nd" (N days, 1..366); nullopt for anything else.
inline std::optional<int> parse_frequency(const std::string& text) {
  if (text == "day") return kDaily;
  if (text == "week") return kWeekly;
  if (text.size() < 2 || text.back() != 'd' || text.size() > 4) return std::nullopt;
  int days = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    days = days * 10 + (text[i] - '0');
  }
  if (days < 1 || days > kMaxStepDays || text[0] == '0') return std::nullopt;
  return days;
}

// The --freq option: nullopt when not given; else the step, or the message for a word it does not take.
struct FrequencyOption {
  std::optional<int> step;
  std::string error;
};
inline FrequencyOption read_frequency_option(const std::string& text) {
  if (text.empty()) return {};
  if (const std::optional<int> step = parse_frequency(text)) return {step, ""};
  return {std::nullopt, "--freq " + text + ": expected day, week or Nd (a step of N days, N from 1 to " +
                            std::to_string(kMaxStepDays) + "), e.g. 14d"};
}

// Reads --freq into `step` (days between values), leaving it as it is when --freq is not given. False, after the
// message on stderr, for a word --freq does not take.
inline bool apply_frequency_option(const std::string& text, int& step) {
  const FrequencyOption freq = read_frequency_option(text);
  if (!freq.error.empty()) {
    std::cerr << freq.error << '\n';
    return false;
  }
  if (freq.step) step = *freq.step;
  return true;
}

}  // namespace peaksim::cli
