// The experiment loader's readers of one value (reading.hpp).
#include "sim/experiment/reading.hpp"

#include <algorithm>
#include <cmath>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::experiment::reading {

using scn::fail;
using scn::found;

void require_map(const Tree& node, const std::string& path, const std::string& what) {
  if (!node.is_map()) fail(node.where, path, "expected " + what + "; got " + found(node));
}

void only_keys(const Tree& node, const std::string& path, const std::vector<std::string>& known) {
  for (const auto& e : node.entries)
    if (std::find(known.begin(), known.end(), e.key) == known.end())
      fail(e.where, scn::join_path(path, e.key), scn::unknown_key(e.key, known));
}

const Tree& required(const Tree& node, const std::string& path, const std::string& key, const std::string& what) {
  const Tree* value = node.find(key);
  if (!value) fail(node.where, scn::join_path(path, key), "missing required key '" + key + "' (" + what + ")");
  return *value;
}

std::int64_t integer(const Tree& node, const std::string& path, std::int64_t at_least, std::int64_t at_most) {
  const std::string expected = "an integer from " + std::to_string(at_least) + " to " + std::to_string(at_most);
  if (!node.is_scalar() || node.quoted) fail(node.where, path, "expected " + expected + "; got " + found(node));
  const auto value = scn::parse_integer(node.text);
  if (!value || *value < at_least || *value > at_most)
    fail(node.where, path, "expected " + expected + "; got " + found(node));
  return *value;
}

double number(const Tree& node, const std::string& path) {
  const auto value = node.is_scalar() && !node.quoted ? scn::parse_real(node.text) : std::nullopt;
  if (!value) fail(node.where, path, "expected a number; got " + found(node));
  if (std::abs(*value) > scn::kMaxMagnitude)
    fail(node.where, path, "expected a number at most 1e12 in size; got " + found(node));
  return *value;
}

std::string text(const Tree& node, const std::string& path, const std::string& what) {
  if (!node.is_scalar() || node.text.empty()) fail(node.where, path, "expected " + what + "; got " + found(node));
  return node.text;
}

std::string name(const Tree& node, const std::string& path, const std::string& what) {
  const std::string value = text(node, path, what);
  if (value.find('/') != std::string::npos)
    fail(node.where, path, "a name cannot hold '/' (it names a group of the results file); got " + found(node));
  if (value == "." || value == "..") fail(node.where, path, "'" + value + "' is not a name");
  if (value.size() > kMaxArmNameBytes)
    fail(node.where, path,
         "a name is at most " + std::to_string(kMaxArmNameBytes) + " bytes; got " + std::to_string(value.size()));
  return value;
}

std::string key_path(const std::string& key, const std::string& where, const std::string& path) {
  if (key.empty() || key.find_first_of("= \t") != std::string::npos)
    fail(where, path, "expected a key path such as policy.s or sites.warehouses[0].name; got '" + key + "'");
  return key;
}

Edit set_edit(const std::string& key, const Tree& value, const std::string& path) {
  // A null value would be a key present with nothing in it (the scenario refuses it at a --set too).
  if (value.kind == Tree::Kind::null)
    fail(value.where, path, "a null value (~, null or nothing) is not a value; to delete the key list it in unset");
  return {key + "=" + scn::emit_flow_yaml(value), value.where};
}

std::vector<Edit> edits_of(const Tree& owner, const std::string& path) {
  std::vector<Edit> edits;
  for (const auto& e : owner.entries) {
    const std::string at = scn::join_path(path, e.key);
    if (e.key == "set") {
      require_map(e.value, at, "a map of key paths to values, such as {policy.s: 20}");
      for (const auto& s : e.value.entries)
        edits.push_back(set_edit(key_path(s.key, s.where, at), s.value, scn::join_path(at, s.key)));
    } else if (e.key == "unset") {
      if (!e.value.is_list()) fail(e.value.where, at, "expected a list of key paths; got " + found(e.value));
      for (std::size_t i = 0; i < e.value.items.size(); ++i) {
        const Tree& item = e.value.items[i];
        const std::string item_path = scn::index_path(at, i);
        const std::string key = key_path(text(item, item_path, "a key path"), item.where, item_path);
        edits.push_back({std::string(kUnsetPrefix) + key, item.where});
      }
    }
  }
  return edits;
}

}  // namespace peaksim::experiment::reading
