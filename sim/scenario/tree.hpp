// The scenario as a plain tree of maps, lists and scalars. Unlike YAML::Node it remembers where
// every key and value came from (a file position or a --set argument), keeps map order, and can
// be reordered and extended freely while defaults are filled.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace peaksim::scn {

struct Entry;

struct Tree {
  enum class Kind { null, scalar, map, list };
  Kind kind = Kind::null;
  std::string text;            // scalars only, as written
  bool quoted = false;         // scalar was quoted in the source: always a string
  std::string where;           // "FILE:LINE:COLUMN" or "--set KEY=VALUE"
  std::vector<Entry> entries;  // maps, in order
  std::vector<Tree> items;     // lists

  static Tree map(std::string where);
  bool is_map() const { return kind == Kind::map; }
  bool is_list() const { return kind == Kind::list; }
  bool is_scalar() const { return kind == Kind::scalar; }

  Tree* find(std::string_view key);
  const Tree* find(std::string_view key) const;
  const Entry* entry(std::string_view key) const;
  const Tree& at(std::string_view key) const;  // key must exist (the tree has been validated)
  const std::string& str(std::string_view key) const { return at(key).text; }
};

struct Entry {
  std::string key;
  std::string where;  // of the key
  Tree value;
};

// The most values (scalars, maps, lists) a scenario file or one --set value may hold, once YAML aliases are
// expanded, and the largest scenario file: both keep memory and time of a load in bounds (docs/reliability.md).
inline constexpr std::size_t kMaxScenarioValues = 2'000'000;
inline constexpr std::size_t kMaxScenarioFileBytes = 16u << 20;
// Lists and maps within each other once aliases are expanded (the parser stops the text itself at 499).
inline constexpr std::size_t kMaxScenarioDepth = 500;

// Refuses text that is not UTF-8 or holds control characters besides tab and line ends (a NUL would cut messages
// short; such bytes would reach the results' strings), at its line and column in `where` (a file) or at `where`
// itself (a --set argument). Throws ScenarioError.
void check_text(std::string_view text, const std::string& where);

// Converts a parsed YAML document. Every node gets `where` from its mark in `file`, or the fixed
// text `fixed_where` when that is not empty (values given with --set). Throws ScenarioError on
// duplicate or non-scalar keys, and on more than kMaxScenarioValues values.
Tree from_yaml(const YAML::Node& node, const std::string& file, const std::string& fixed_where = "",
               const std::string& path = "");

// Parses YAML text given on the command line or as a table default.
Tree parse_fixed(const std::string& yaml_text, const std::string& where, const std::string& path = "");

// Stable YAML text of the tree (map order as stored).
std::string emit_yaml(const Tree& tree);
// The same on one line, in flow form ({a: 1, b: [2, 3]}): a value as --set takes it.
std::string emit_flow_yaml(const Tree& tree);

// What a node holds, for "got ..." in messages: 'text', a map, a list, nothing.
std::string found(const Tree& node);

std::string join_path(const std::string& path, std::string_view key);
std::string index_path(const std::string& path, std::size_t index);

}  // namespace peaksim::scn
