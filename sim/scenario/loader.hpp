// Reads a scenario file, applies --set overrides, checks every key against the parameter table
// (sim/scenario/schema.cpp) and returns the frozen Scenario.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim {

// One clear message about bad input. what() reads
//   FILE:LINE:COLUMN: KEY.PATH: MESSAGE
// (line and column 1-based); for a value given with --set, the location is "--set KEY=VALUE".
class ScenarioError : public std::runtime_error {
public:
  ScenarioError(std::string location, std::string key_path, std::string message);
  const std::string& location() const { return location_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

private:
  std::string location_, key_path_, message_;
};

// An edit that deletes a key: kUnsetPrefix + "KEY", as `--unset KEY` is recorded among the overrides.
inline constexpr std::string_view kUnsetPrefix = "--unset ";

// overrides: the command line's edits in order: "key.path=value" as given to --set (list items addressed by index,
// "sites.warehouses.0.name=east"; "lanes[+]=value" appends) and "--unset key.path". Throws ScenarioError.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// Markdown reference of every parameter (docs/scenarios.md is this text).
std::string scenario_reference_markdown();

}  // namespace peaksim
