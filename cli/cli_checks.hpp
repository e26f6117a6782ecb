// Checks of the command line shared by the subcommands: whole numbers in a documented range, the nearest
// subcommand to a mistyped one, input paths that are folders. Messages follow docs/reliability.md.
#pragma once
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <limits>
#include <string>
#include <system_error>
#include <vector>

namespace peaksim::cli {

// A validator for a whole number option from `min` to `max`: refuses what the option's type would wrap or round
// (-1 for an unsigned seed, 1e3, 0x10), with the range in plain digits.
template <class T>
CLI::Validator whole_number(T min, T max = std::numeric_limits<T>::max()) {
  const std::string range = max == std::numeric_limits<T>::max()
                                ? fmt::format("a whole number >= {}", min)
                                : fmt::format("a whole number from {} to {}", min, max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        T value{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
          return fmt::format("expected {}, got '{}'", range, text);
        return {};
      },
      range);
}

// The subcommand nearest to `typed` by edit distance, or "" when none is close (more than half its letters off).
std::string nearest_name(const std::string& typed, const std::vector<std::string>& names);

// The reason `path` cannot be read as a file ("is a folder", "is a device": /dev/zero would be read without end),
// or "" for a file, a pipe or a path that does not exist (the reader reports that).
std::string not_a_file(const std::string& path);

// True, after one message on stderr ("PATH: is a folder; expected WHAT"), when not_a_file(path) says why.
bool refuse_folder(const std::string& path, const std::string& what);

// With PEAKSIM_RUN_STATS set: the peak resident memory of this process (VmHWM) and of the largest worker, and the
// CPU time (user + system) of this process and of its workers, on stderr, so that a benchmark can tell the
// parent's share from the workers' (`run` and `experiment`).
void report_memory_when_asked();

}  // namespace peaksim::cli
