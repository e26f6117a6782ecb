// Parsing of numbers and durations as written in scenarios, and "did you mean" suggestions.
#include "sim/scenario/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace peaksim::scn {

std::optional<double> parse_real(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // from_chars rejects a leading '+'
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(x)) return {};
  return x;
}

std::optional<long long> parse_integer(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return {};
  return x;
}

std::optional<double> parse_duration_days(std::string_view text) {
  if (text.size() < 2) return {};
  double per_unit = 0;
  switch (text.back()) {
    case 's':
      per_unit = 1.0 / 86400;
      break;
    case 'm':
      per_unit = 1.0 / 1440;
      break;
    case 'h':
      per_unit = 1.0 / 24;
      break;
    case 'd':
      per_unit = 1;
      break;
    case 'w':
      per_unit = 7;
      break;
    default:
      return {};
  }
  const auto number = parse_real(text.substr(0, text.size() - 1));
  if (!number) return {};
  return *number * per_unit;
}

bool is_whole(double x) { return std::fabs(x - std::round(x)) < 1e-9; }

bool is_name(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' || c == '-';
  });
}

std::string suggestion(std::string_view word, const std::vector<std::string>& known, std::string_view what) {
  if (auto guess = nearest(word, known)) return "; did you mean '" + *guess + "'?";
  // A list of thousands (SKU categories, sites) would drown the message: the first few and the count.
  constexpr std::size_t kListed = 30;
  if (known.size() > kListed)
    return " (" + std::string(what) + ": " + join({known.begin(), known.begin() + kListed}) + ", ... " +
           std::to_string(known.size()) + " in all)";
  return " (" + std::string(what) + ": " + join(known) + ")";
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string lower_word = lower(word);
  for (const auto& c : candidates)
    if (c.size() == word.size() && lower(c) == lower_word) return c;
  std::optional<std::string> best;
  std::size_t best_distance = 4;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: a long word against many names costs nothing.
    const std::size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap >= best_distance) continue;
    const std::size_t d = edit_distance(word, c);
    // A suggestion that rewrites every letter is noise, not a typo ("moq" for "xyz").
    if (d < best_distance && d < std::max(word.size(), c.size())) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

std::string join_and(const std::vector<std::string>& items) {
  if (items.size() < 2) return join(items);
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head) + " and " + items.back();
}

std::string number_text(double x) { return fmt::format("{}", x); }

}  // namespace peaksim::scn
