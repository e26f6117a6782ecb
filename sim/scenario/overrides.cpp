// --set KEY=VALUE: edits the tree before validation, so overridden values get the same checks
// as the file's. Every node an override creates is located at its --set argument.
#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

// "sites.warehouses[0].name" and "sites.warehouses.0.name" -> {sites, warehouses, 0, name}
std::vector<std::string> split_key(const std::string& key, const std::string& where) {
  std::vector<std::string> parts;
  std::string current;
  auto push = [&] {
    if (current.empty()) fail(where, "", "empty key segment in '" + key + "'; keys read like sites.warehouses.0.name");
    parts.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == '.') {
      if (i > 0 && key[i - 1] == ']') continue;  // "[0].name": the segment was pushed at ']'
      push();
    } else if (c == '[') {
      if (!current.empty()) push();
      const auto close = key.find(']', i);
      if (close == std::string::npos) fail(where, "", "missing ']' in '" + key + "'");
      current = key.substr(i + 1, close - i - 1);
      push();
      i = close;
    } else {
      current += c;
    }
  }
  if (!current.empty() || key.empty() || key.back() == '.') push();
  return parts;
}

// The node at `part` below `node`, created as an empty map when missing (except in lists).
Tree& step(Tree& node, const std::string& part, const std::string& path, const std::string& where) {
  if (node.kind == Tree::Kind::null) node = Tree::map(where);  // "calendar:" with nothing under it
  if (node.is_list()) {
    const auto index = parse_integer(part);
    if (!index || *index < 0)
      fail(where, path, "'" + path + "' is a list; address its items by index, such as " + path + ".0");
    if (static_cast<std::size_t>(*index) >= node.items.size())
      fail(where, index_path(path, static_cast<std::size_t>(*index)),
           "index " + part + " is beyond the end of '" + path + "' (" + std::to_string(node.items.size()) +
               (node.items.size() == 1 ? " item)" : " items)"));
    return node.items[static_cast<std::size_t>(*index)];
  }
  if (!node.is_map())
    fail(where, path, "cannot set a key under '" + path + "': it holds " + found(node) + ", not a map");
  if (Tree* child = node.find(part)) return *child;
  node.entries.push_back({part, where, Tree::map(where)});
  return node.entries.back().value;
}

// The key path of `part` below `node`: "a[0]" in lists, "a.b" in maps.
std::string extend(const std::string& path, const Tree& node, const std::string& part) {
  return node.is_list() ? index_path(path, static_cast<std::size_t>(*parse_integer(part))) : join_path(path, part);
}

}  // namespace

void apply_overrides(Tree& root, const std::vector<std::string>& overrides) {
  for (const std::string& arg : overrides) {
    const std::string where = "--set " + arg;
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) fail(where, "", "expected KEY=VALUE, such as catalog.generate.count=50");
    const std::string key = arg.substr(0, eq);
    const auto parts = split_key(key, where);
    Tree* node = &root;
    std::string path;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      Tree& next = step(*node, parts[k], path, where);
      path = extend(path, *node, parts[k]);
      node = &next;
    }
    // The last step replaces (or adds) the value itself; parse it as YAML so lists and maps work.
    Tree& target = step(*node, parts.back(), path, where);
    target = parse_fixed(arg.substr(eq + 1), where, extend(path, *node, parts.back()));
  }
}

}  // namespace peaksim::scn
