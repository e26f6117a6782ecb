// Conversion between yaml-cpp nodes and our located tree, and emitting the resolved text.
#include "sim/scenario/tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "sim/scenario/loader.hpp"

namespace peaksim::scn {
namespace {

// An alias inside the node it names (`a: &x [1, *x]`) makes the tree infinite. Thrown where the node recurs and
// unwound to the top, each level adding its key or index, innermost first.
struct RecursiveAlias {
  YAML::Mark anchor;  // the node that holds an alias to itself
  YAML::Mark where;   // the alias's key, or the list holding it (an alias has no mark of its own)
  std::vector<std::pair<bool, std::string>> segments;  // (is an index, key or index), innermost first
};

// How many values (scalars, maps, lists, empties) a node stands for once its aliases are expanded, stopping
// early past kMaxScenarioValues, and how deep it nests then. yaml-cpp gives an alias the very node of its anchor,
// which keeps the anchor's mark: counting each (position, kind) once makes this linear in the file even for nested
// aliases ("billion laughs"), where the expansion is exponential. An anchor precedes its aliases, so a node is
// counted before any alias to it, and the recursion here is no deeper than the text; a node met again while it is
// still being counted is an alias inside its own anchor (RecursiveAlias), which would expand without end.
class ExpandedSize {
public:
  struct Size {
    std::size_t values = 1, depth = 1;
  };
  Size of(const YAML::Node& node) {
    if (!node.IsMap() && !node.IsSequence()) return {};
    const auto key = std::pair{node.Mark().pos, int(node.Type())};
    if (const auto it = memo_.find(key); it != memo_.end()) {
      if (!it->second) throw RecursiveAlias{node.Mark(), YAML::Mark::null_mark(), {}};
      return *it->second;
    }
    memo_.emplace(key, std::nullopt);  // being counted
    Size n;
    const auto add = [&n](Size child) {
      n.values += child.values;
      n.depth = std::max(n.depth, child.depth + 1);
    };
    std::size_t index = 0;
    for (auto it = node.begin(); it != node.end() && n.values <= kMaxScenarioValues; ++it, ++index) {
      try {
        if (node.IsMap()) add(of(it->first));
        add(node.IsMap() ? of(it->second) : of(*it));
      } catch (RecursiveAlias& r) {
        if (r.segments.empty()) r.where = node.IsMap() ? it->first.Mark() : node.Mark();
        if (!node.IsMap())
          r.segments.emplace_back(true, std::to_string(index));
        else
          r.segments.emplace_back(false, it->first.IsScalar() ? it->first.Scalar() : "?");
        throw;
      }
    }
    memo_[key] = n;
    return n;
  }

private:
  std::map<std::pair<int, int>, std::optional<Size>> memo_;
};

std::string mark_text(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return file;
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

// `fallback` is used when yaml-cpp has no useful mark: an empty value's mark points past it.
Tree convert(const YAML::Node& node, const std::string& file, const std::string& fixed, const std::string& path,
             const std::string& fallback) {
  Tree t;
  t.where = !fixed.empty() ? fixed : node.Mark().is_null() ? fallback : mark_text(file, node.Mark());
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      t.kind = Tree::Kind::scalar;
      t.text = node.Scalar();
      t.quoted = node.Tag() == "!";
      break;
    case YAML::NodeType::Sequence:
      t.kind = Tree::Kind::list;
      for (std::size_t i = 0; i < node.size(); ++i)
        t.items.push_back(convert(node[i], file, fixed, index_path(path, i), t.where));
      break;
    case YAML::NodeType::Map: {
      t.kind = Tree::Kind::map;
      std::unordered_map<std::string, std::size_t> index;
      for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key_where = fixed.empty() ? mark_text(file, it->first.Mark()) : fixed;
        if (!it->first.IsScalar())  // said without converting it: a key may itself be a huge alias
          throw ScenarioError(key_where, path,
                              std::string("expected a key name; got ") + (it->first.IsMap()        ? "a map"
                                                                          : it->first.IsSequence() ? "a list"
                                                                                                   : "nothing"));
        const std::string key = it->first.Scalar();
        // A hash of the keys so far: a map of a million keys is checked in linear time.
        if (const auto [at, fresh] = index.try_emplace(key, t.entries.size()); !fresh)
          throw ScenarioError(key_where, join_path(path, key),
                              "duplicate key '" + key + "' (first defined at " + t.entries[at->second].where + ")");
        Tree value = convert(it->second, file, fixed, join_path(path, key), key_where);
        if (value.kind == Tree::Kind::null) value.where = key_where;
        t.entries.push_back({key, key_where, std::move(value)});
      }
      break;
    }
    default:
      t.kind = Tree::Kind::null;
      break;
  }
  return t;
}

void emit(YAML::Emitter& out, const Tree& t) {
  switch (t.kind) {
    case Tree::Kind::null:
      out << YAML::Null;
      break;
    case Tree::Kind::scalar:
      if (t.quoted) out << YAML::DoubleQuoted;
      out << t.text;
      break;
    case Tree::Kind::list: {
      bool flat = true;  // lists of plain values read best on one line
      for (const auto& item : t.items) flat = flat && item.is_scalar();
      if (flat) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : t.items) emit(out, item);
      out << YAML::EndSeq;
      break;
    }
    case Tree::Kind::map:
      if (t.entries.empty()) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& e : t.entries) {
        out << YAML::Key << e.key << YAML::Value;
        emit(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

Tree Tree::map(std::string where) {
  Tree t;
  t.kind = Kind::map;
  t.where = std::move(where);
  return t;
}

const Entry* Tree::entry(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const Tree* Tree::find(std::string_view key) const {
  const Entry* e = entry(key);
  return e ? &e->value : nullptr;
}

Tree* Tree::find(std::string_view key) { return const_cast<Tree*>(std::as_const(*this).find(key)); }

const Tree& Tree::at(std::string_view key) const {
  if (const Tree* t = find(key)) return *t;
  throw std::logic_error("scenario tree: no key '" + std::string(key) + "' after validation");
}

Tree from_yaml(const YAML::Node& node, const std::string& file, const std::string& fixed_where,
               const std::string& path) {
  const std::string top = fixed_where.empty() ? file + ":1:1" : fixed_where;
  ExpandedSize::Size n;
  try {
    n = ExpandedSize().of(node);
  } catch (const RecursiveAlias& r) {
    std::string at = path;
    for (auto s = r.segments.rbegin(); s != r.segments.rend(); ++s)
      at = s->first ? at + "[" + s->second + "]" : join_path(at, s->second);
    // In a --set value, lines and columns of the value would only confuse.
    const std::string anchored = fixed_where.empty() ? " (anchored at line " + std::to_string(r.anchor.line + 1) +
                                                           ", column " + std::to_string(r.anchor.column + 1) + ")"
                                                     : "";
    throw ScenarioError(
        fixed_where.empty() ? mark_text(file, r.where) : fixed_where, at,
        "a YAML alias (*name) refers to a map or list that holds it" + anchored + "; the scenario would be infinite");
  }
  if (n.values > kMaxScenarioValues)
    throw ScenarioError(top, path,
                        "the scenario holds more than " + std::to_string(kMaxScenarioValues) +
                            " values once its YAML aliases (*name) are expanded; write a smaller scenario (a "
                            "catalog of many SKUs is best generated: catalog.generate)");
  // The parser's own limit on nesting, kept once aliases are expanded: every later step recurses as deep.
  if (n.depth > kMaxScenarioDepth)
    throw ScenarioError(top, path,
                        "invalid YAML: nested too deeply once its aliases (*name) are expanded (more than " +
                            std::to_string(kMaxScenarioDepth) + " lists and maps within each other)");
  return convert(node, file, fixed_where, path, top);
}

Tree parse_fixed(const std::string& yaml_text, const std::string& where, const std::string& path) {
  check_text(yaml_text, where);
  try {
    return from_yaml(YAML::Load(yaml_text), "", where, path);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(where, path, "invalid YAML: " + e.msg);
  }
}

void check_text(std::string_view text, const std::string& where) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    // The length of a well-formed UTF-8 sequence starting here (0: not one), overlong forms and surrogates aside.
    std::size_t n = c < 0x80                   ? 1
                    : (c >= 0xC2 && c <= 0xDF) ? 2
                    : (c >= 0xE0 && c <= 0xEF) ? 3
                    : (c >= 0xF0 && c <= 0xF4) ? 4
                                               : 0;
    for (std::size_t k = 1; k < n; ++k)
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) n = 0;
    const bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    if (n == 0 || control || c == 0x7F) {
      const std::string at =
          where.rfind("--set", 0) == 0 ? where : where + ":" + std::to_string(line) + ":" + std::to_string(column);
      throw ScenarioError(at, "",
                          fmt::format("{} (byte 0x{:02X}); a scenario is UTF-8 text without control characters",
                                      n == 0 ? "not UTF-8 text" : "a control character", c));
    }
    if (c == '\n')
      line += 1, column = 1;
    else
      column += 1;
    i += n;
  }
}

std::string emit_yaml(const Tree& tree) {
  YAML::Emitter out;
  emit(out, tree);
  return std::string(out.c_str()) + "\n";
}

std::string emit_flow_yaml(const Tree& tree) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);  // emit() never asks for block form, so these hold at every level
  out.SetSeqFormat(YAML::Flow);
  emit(out, tree);
  return out.c_str();
}

std::string found(const Tree& node) {
  switch (node.kind) {
    case Tree::Kind::null:
      return "nothing";
    case Tree::Kind::map:
      return "a map";
    case Tree::Kind::list:
      return "a list";
    case Tree::Kind::scalar:
      break;
  }
  return "'" + node.text + "'";
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_path(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

}  // namespace peaksim::scn
