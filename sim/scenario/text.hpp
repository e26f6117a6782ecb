// Small text utilities for the loader: number and duration parsing, suggestions, joining.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/common/edit_distance.hpp"

namespace peaksim::scn {

std::optional<double> parse_real(std::string_view text);  // finite numbers only
std::optional<long long> parse_integer(std::string_view text);
// "3d", "12h", "1.5d", "90m", "2w", "30s" -> days. Empty if there is no unit.
std::optional<double> parse_duration_days(std::string_view text);
bool is_whole(double x);
bool is_name(std::string_view text);  // [A-Za-z0-9_.:-]+

// The candidate closest to `word`: a case-insensitive match, else one within 3 edits.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);
// What follows "unknown X 'word'": "; did you mean 'near'?" when one is near, else " (<what>: a, b, c)".
std::string suggestion(std::string_view word, const std::vector<std::string>& known, std::string_view what);

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");
// "a and b", "a, b and c"
std::string join_and(const std::vector<std::string>& items);
std::string number_text(double x);  // shortest text that reads back as x

}  // namespace peaksim::scn
