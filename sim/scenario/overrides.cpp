// Scenario edits from the command line (--set, --unset), applied to the tree in the order given and before
// validation, so edited values get the same checks as the file's. Every node an edit creates is located at its
// argument. The forms (docs/scenarios.md, Editing from the command line):
//   KEY=VALUE      VALUE is YAML and replaces what KEY holds: a flow map {..} or list [..] replaces the whole map
//                  or list, so no key of the old one is left over
//   KEY[+]=VALUE   appends VALUE to the list at KEY (a missing list is created)
//   --unset KEY    deletes KEY: a map's key or a list's item (kUnsetPrefix marks these in the list of edits)
#include <yaml-cpp/exceptions.h>

#include <algorithm>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/text.hpp"
#include "sim/scenario/yaml_file.hpp"

namespace peaksim::scn {
namespace {

constexpr std::string_view kAppend = "+";

// "sites.warehouses[0].name" and "sites.warehouses.0.name" -> {sites, warehouses, 0, name}; "a.b[+]" -> {a, b, +}
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
      // The reference writes list items as "[]", which names no one item here.
      if (current.empty())
        fail(where, "",
             "'[]' in '" + key + "' names no item; address one by index, such as " + key.substr(0, i) +
                 "[0], or append one with " + key.substr(0, i) + "[+]=VALUE");
      push();
      i = close;
    } else {
      current += c;
    }
  }
  if (!current.empty() || key.empty() || key.back() == '.') push();
  for (std::size_t k = 0; k + 1 < parts.size(); ++k)
    if (parts[k] == kAppend)
      fail(where, "",
           "'[+]' appends an item and must end the key; give the whole item as its value, such as "
           "lanes[+]={from: a, to: b}");
  return parts;
}

Tree empty_list(const std::string& where) {
  Tree list;
  list.kind = Tree::Kind::list;
  list.where = where;
  return list;
}

// The index `part` of the list at `path`, checked against its length.
std::size_t list_index(const Tree& list, const std::string& part, const std::string& path, const std::string& where) {
  const auto index = parse_integer(part);
  if (!index || *index < 0)
    fail(where, path, "'" + path + "' is a list; address its items by index, such as " + path + ".0");
  if (static_cast<std::size_t>(*index) >= list.items.size())
    fail(where, index_path(path, static_cast<std::size_t>(*index)),
         "index " + part + " is beyond the end of '" + path + "' (" + std::to_string(list.items.size()) +
             (list.items.size() == 1 ? " item)" : " items)"));
  return static_cast<std::size_t>(*index);
}

// The node at `part` below `node`, created as an empty map when missing (except in lists).
Tree& step(Tree& node, const std::string& part, const std::string& path, const std::string& where) {
  if (node.kind == Tree::Kind::null) node = Tree::map(where);  // "calendar:" with nothing under it
  if (node.is_list()) return node.items[list_index(node, part, path, where)];
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

// The value of an edit as a tree. A null value is refused: it would read as a key present with nothing in it,
// which is neither the key deleted nor an empty text.
Tree edit_value(const std::string& text, const std::string& where, const std::string& path) {
  // YAML::Load reads the first document only: a second one, or a stray ',', would be dropped unread. (Not in
  // parse_fixed, which also parses the table's defaults, once per map that lacks one.)
  check_text(text, where);
  try {
    check_one_document(text, "", where, path, "a value");
  } catch (const YAML::ParserException&) {
  }  // other invalid YAML: parse_fixed names it
  Tree value = parse_fixed(text, where, path);
  if (value.kind == Tree::Kind::null)
    fail(where, path,
         "a null value (~, null or nothing) is not a value; to delete the key use --unset " + path +
             ", and for empty text write " + path + "=''");
  return value;
}

void set(Tree& root, const std::string& arg) {
  const std::string where = "--set " + arg;
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) fail(where, "", "expected KEY=VALUE, such as catalog.generate.count=50");
  const auto parts = split_key(arg.substr(0, eq), where);
  const bool append = parts.back() == kAppend;
  if (append && parts.size() < 2) fail(where, "", "'[+]' appends to a list and needs its key, such as lanes[+]=VALUE");
  const std::size_t walk = parts.size() - (append ? 2 : 1);  // the steps to the parent of what is edited
  Tree* node = &root;
  std::string path;
  for (std::size_t k = 0; k < walk; ++k) {
    Tree& next = step(*node, parts[k], path, where);
    path = extend(path, *node, parts[k]);
    node = &next;
  }
  if (!append) {  // replaces (or adds) the value itself, whole
    Tree& target = step(*node, parts.back(), path, where);
    target = edit_value(arg.substr(eq + 1), where, extend(path, *node, parts.back()));
    return;
  }
  // A missing list is created empty, as a missing map is by a plain edit.
  if (node->is_map() && !node->find(parts[parts.size() - 2]))
    node->entries.push_back({parts[parts.size() - 2], where, empty_list(where)});
  Tree& list = step(*node, parts[parts.size() - 2], path, where);
  const std::string list_path = extend(path, *node, parts[parts.size() - 2]);
  if (list.kind == Tree::Kind::null) list = empty_list(where);
  if (!list.is_list())
    fail(where, list_path, "cannot append to '" + list_path + "': it holds " + found(list) + ", not a list");
  list.items.push_back(edit_value(arg.substr(eq + 1), where, index_path(list_path, list.items.size())));
}

// Deletes the key or item; returns its path. Nothing is created on the way: a missing key is an error.
std::string unset(Tree& root, const std::string& key) {
  const std::string where = std::string(kUnsetPrefix) + key;
  if (key.find('=') != std::string::npos) fail(where, "", "--unset takes a key and no value, such as --unset policy.s");
  const auto parts = split_key(key, where);
  if (parts.back() == kAppend) fail(where, "", "'[+]' appends; --unset deletes an existing key or item");
  Tree* node = &root;
  std::string path;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::string& part = parts[k];
    const bool last = k + 1 == parts.size();
    if (node->is_list()) {
      const std::size_t i = list_index(*node, part, path, where);
      if (last) {
        node->items.erase(node->items.begin() + std::ptrdiff_t(i));
        return index_path(path, i);
      }
      path = index_path(path, i);
      node = &node->items[i];
      continue;
    }
    const std::string child_path = join_path(path, part);
    if (!node->is_map())
      fail(where, child_path,
           "nothing to delete: '" + (path.empty() ? key : path) + "' holds " + found(*node) + ", not a map");
    auto it = std::find_if(node->entries.begin(), node->entries.end(), [&](const Entry& e) { return e.key == part; });
    if (it == node->entries.end()) {
      std::vector<std::string> present;
      for (const Entry& e : node->entries) present.push_back(e.key);
      fail(where, child_path,
           "nothing to delete: the scenario has no key '" + part + "' here" + suggestion(part, present, "keys here"));
    }
    if (last) {
      node->entries.erase(it);
      return child_path;
    }
    path = child_path;
    node = &it->value;
  }
  return path;  // not reached: the last part returns above
}

}  // namespace

std::vector<std::pair<std::string, std::string>> apply_overrides(Tree& root, const std::vector<std::string>& edits) {
  std::vector<std::pair<std::string, std::string>> deleted;
  for (const std::string& edit : edits) {
    if (edit.rfind(kUnsetPrefix, 0) == 0) {
      const std::string key = edit.substr(kUnsetPrefix.size());
      deleted.emplace_back(unset(root, key), edit);
    } else {
      set(root, edit);
    }
  }
  return deleted;
}

}  // namespace peaksim::scn
