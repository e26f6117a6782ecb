// Named arms and sweeps -> the arms' edits (arms.hpp). A sweep point's name is "<sweep>[key=value,...]" with the
// values as the edits write them, so the name says exactly what the point changes.
#include "sim/experiment/arms.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "sim/experiment/latin_hypercube.hpp"
#include "sim/experiment/reading.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::experiment {
namespace {

using namespace reading;
using scn::fail;
using scn::found;
using scn::index_path;
using scn::join_path;

// Where each arm name was first given, to report a name given twice.
class ArmList {
public:
  explicit ArmList(Experiment& e) : e_(e) {}
  void add(Arm arm, const std::string& where, const std::string& path) {
    if (const auto it = first_.find(arm.name); it != first_.end())
      fail(where, path, "the arm name '" + arm.name + "' is used twice (first at " + it->second + ")");
    if (e_.arms.size() >= kMaxArms)
      fail(where, path, "more than " + std::to_string(kMaxArms) + " arms; an experiment compares at most that many");
    first_.emplace(arm.name, where);
    e_.arms.push_back(std::move(arm));
  }

private:
  Experiment& e_;
  std::map<std::string, std::string> first_;
};

// a.b is set twice by a sweep that also sets a.b, or a (which holds a.b), or a.b.c.
bool overlaps(const std::string& a, const std::string& b) {
  const auto inside = [](const std::string& outer, const std::string& inner) {
    return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
           (inner[outer.size()] == '.' || inner[outer.size()] == '[');
  };
  return a == b || inside(a, b) || inside(b, a);
}

void note_parameter(Experiment& e, const std::string& key) {
  if (std::find(e.parameters.begin(), e.parameters.end(), key) == e.parameters.end()) e.parameters.push_back(key);
}

// The sweep's parameters against each other and against the keys its own `set`/`unset` edit.
void check_distinct(const std::vector<std::pair<std::string, std::string>>& keys, const std::string& path) {
  for (std::size_t i = 0; i < keys.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (overlaps(keys[i].first, keys[j].first))
        fail(keys[i].second, path,
             keys[i].first == keys[j].first
                 ? "the sweep sets '" + keys[i].first + "' twice (also at " + keys[j].second + ")"
                 : "the sweep sets both '" + keys[j].first + "' (at " + keys[j].second + ") and '" + keys[i].first +
                       "', one inside the other");
}

std::string edit_key(const Edit& edit) {
  if (edit.text.rfind(kUnsetPrefix, 0) == 0) return edit.text.substr(kUnsetPrefix.size());
  return edit.text.substr(0, edit.text.find('='));
}

void read_named(const Tree& list, ArmList& arms) {
  const std::string path = "arms";
  if (!list.is_list()) fail(list.where, path, "expected a list of arms, each {name, set, unset}; got " + found(list));
  if (list.items.empty())
    fail(list.where, path, "expected at least one arm; got an empty list (leave `arms` out to compare sweep points)");
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Tree& item = list.items[i];
    const std::string at = index_path(path, i);
    require_map(item, at, "an arm: a map with keys name, set, unset");
    only_keys(item, at, {"name", "set", "unset"});
    const Tree& name_node = required(item, at, "name", "the arm's name");
    Arm arm;
    arm.name = name(name_node, join_path(at, "name"), "the arm's name");
    arm.edits = edits_of(item, at);
    arms.add(std::move(arm), name_node.where, join_path(at, "name"));
  }
}

// Grid points, the first key's values outermost: {a: [1, 2], b: [3, 4]} -> a=1,b=3; a=1,b=4; a=2,b=3; a=2,b=4.
// A sweep point's name, "<sweep>[key=value,...]", refused past the arm-name limit.
std::string point_name(const std::string& sweep, const std::string& label, const Tree& sweep_node,
                       const std::string& path) {
  std::string name = sweep + "[" + label + "]";
  if (name.size() > kMaxArmNameBytes)
    fail(sweep_node.where, path,
         "the point name '" + name + "' is longer than " + std::to_string(kMaxArmNameBytes) +
             " bytes; use a shorter sweep name or fewer parameters");
  return name;
}

void read_grid(const Tree& grid, const std::string& path, const std::string& sweep, const Tree& sweep_node,
               const std::vector<Edit>& common, ArmList& arms) {
  require_map(grid, path, "a map of key paths to lists of values, such as {policy.s: [10, 20]}");
  if (grid.entries.empty()) fail(grid.where, path, "expected at least one parameter; got an empty map");
  std::size_t points = 1;
  for (const auto& entry : grid.entries) {
    const std::string at = join_path(path, entry.key);
    key_path(entry.key, entry.where, at);
    const Tree& values = entry.value;
    if (!values.is_list() || values.items.empty())
      fail(values.where, at, "expected a non-empty list of values, such as [10, 20]; got " + found(values));
    for (std::size_t i = 0; i < values.items.size(); ++i) {
      const Tree& v = values.items[i];
      if (!v.is_scalar())
        fail(v.where, index_path(at, i),
             "a grid value is a number or a text; got " + found(v) + " (a whole map or list goes in a named arm)");
      for (std::size_t j = 0; j < i; ++j)
        if (values.items[j].text == v.text)
          fail(v.where, index_path(at, i), "'" + v.text + "' is listed twice (first at " + values.items[j].where + ")");
    }
    points = std::min(points * values.items.size(), kMaxArms + 1);  // stays small: no overflow
  }
  if (points > kMaxArms)
    fail(grid.where, path,
         "the grid has more than " + std::to_string(kMaxArms) +
             " points; an experiment compares at most that many arms");
  std::vector<std::size_t> at(grid.entries.size(), 0);  // the odometer: one index per parameter, the last fastest
  for (std::size_t p = 0; p < points; ++p) {
    Arm arm;
    arm.sweep = sweep;
    arm.edits = common;
    std::string label;
    for (std::size_t k = 0; k < grid.entries.size(); ++k) {
      const auto& entry = grid.entries[k];
      const Tree& value = entry.value.items[at[k]];
      arm.edits.push_back(set_edit(entry.key, value, index_path(join_path(path, entry.key), at[k])));
      label += (k ? "," : "") + entry.key + "=" + value.text;
    }
    arm.name = point_name(sweep, label, sweep_node, path);
    arms.add(std::move(arm), sweep_node.where, path);
    for (std::size_t k = grid.entries.size(); k-- > 0;) {
      if (++at[k] < grid.entries[k].value.items.size()) break;
      at[k] = 0;
    }
  }
}

LatinRange read_range(const scn::Entry& entry, const std::string& at) {
  LatinRange range;
  range.key = key_path(entry.key, entry.where, at);
  const Tree& v = entry.value;
  const char* form = "[from, to] or {from: F, to: T, integer: true}";
  const Tree *from = nullptr, *to = nullptr;
  std::string from_path = index_path(at, 0), to_path = index_path(at, 1);
  if (v.is_list() && v.items.size() == 2) {
    from = &v.items[0];
    to = &v.items[1];
  } else if (v.is_map()) {
    only_keys(v, at, {"from", "to", "integer"});
    from = &required(v, at, "from", "the range's low end");
    to = &required(v, at, "to", "the range's high end");
    from_path = join_path(at, "from");
    to_path = join_path(at, "to");
    if (const Tree* integer = v.find("integer")) {
      if (!integer->is_scalar() || (integer->text != "true" && integer->text != "false"))
        fail(integer->where, join_path(at, "integer"), "expected true or false; got " + found(*integer));
      range.integer = integer->text == "true";
    }
  } else {
    fail(v.where, at,
         std::string("expected a range, ") + form + "; got " +
             (v.is_list() ? "a list of " + std::to_string(v.items.size()) : found(v)));
  }
  range.from = number(*from, from_path);
  range.to = number(*to, to_path);
  if (range.integer) {
    if (!scn::is_whole(range.from))
      fail(from->where, from_path, "an integer range has whole ends; got " + found(*from));
    if (!scn::is_whole(range.to)) fail(to->where, to_path, "an integer range has whole ends; got " + found(*to));
  }
  if (!(range.from < range.to))
    fail(to->where, to_path,
         "the range ends at or below where it starts (" + scn::number_text(range.from) + " to " +
             scn::number_text(range.to) + "); write [low, high]");
  return range;
}

void read_latin(const Tree& node, const std::string& path, const std::string& sweep, const Tree& sweep_node,
                const std::vector<Edit>& common, Experiment& e, ArmList& arms,
                std::vector<std::pair<std::string, std::string>>& keys) {
  require_map(node, path, "a map with keys samples, parameters");
  only_keys(node, path, {"samples", "parameters"});
  const std::int64_t n =
      integer(required(node, path, "samples", "the number of points"), join_path(path, "samples"), 1, kMaxLatinSamples);
  const std::string params_path = join_path(path, "parameters");
  const Tree& params = required(node, path, "parameters", "a map of key paths to ranges");
  require_map(params, params_path, "a map of key paths to ranges, such as {policy.s: [5, 30]}");
  if (params.entries.empty()) fail(params.where, params_path, "expected at least one parameter; got an empty map");
  std::vector<LatinRange> ranges;
  for (const auto& entry : params.entries) {
    ranges.push_back(read_range(entry, join_path(params_path, entry.key)));
    keys.emplace_back(entry.key, entry.where);
  }
  check_distinct(keys, params_path);
  if (e.arms.size() + std::size_t(n) > kMaxArms)
    fail(
        node.where, join_path(path, "samples"),
        "more than " + std::to_string(kMaxArms) + " arms with these samples; an experiment compares at most that many");
  const auto values = latin_hypercube(ranges, n, e.design_seed, sweep);
  for (std::size_t i = 0; i < std::size_t(n); ++i) {
    Arm arm;
    arm.sweep = sweep;
    arm.edits = common;
    std::string label;
    for (std::size_t k = 0; k < ranges.size(); ++k) {
      const std::string value = scn::number_text(values[k][i]);
      arm.edits.push_back({ranges[k].key + "=" + value, params.entries[k].where});
      label += (k ? "," : "") + ranges[k].key + "=" + value;
    }
    arm.name = point_name(sweep, label, sweep_node, path);
    arms.add(std::move(arm), sweep_node.where, path);
  }
}

void read_sweeps(const Tree& list, Experiment& e, ArmList& arms) {
  const std::string path = "sweeps";
  if (!list.is_list() || list.items.empty())
    fail(list.where, path,
         "expected a non-empty list of sweeps, each {name, grid or latin_hypercube}; got " + found(list));
  std::map<std::string, std::string> sweep_names;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Tree& item = list.items[i];
    const std::string at = index_path(path, i);
    require_map(item, at, "a sweep: a map with keys name, set, unset and grid or latin_hypercube");
    only_keys(item, at, {"name", "set", "unset", "grid", "latin_hypercube"});
    const Tree& name_node = required(item, at, "name", "the sweep's name, which starts its points' names");
    const std::string sweep = name(name_node, join_path(at, "name"), "the sweep's name");
    if (const auto [it, fresh] = sweep_names.emplace(sweep, name_node.where); !fresh)
      fail(name_node.where, join_path(at, "name"),
           "the sweep name '" + sweep + "' is used twice (first at " + it->second + ")");
    const Tree *grid = item.find("grid"), *latin = item.find("latin_hypercube");
    if (!grid == !latin)
      fail(item.where, at,
           grid ? "a sweep has either grid or latin_hypercube, not both; write two sweeps"
                : "missing key 'grid' or 'latin_hypercube' (the points of the sweep)");
    const std::vector<Edit> common = edits_of(item, at);
    std::vector<std::pair<std::string, std::string>> keys;  // (key path, where) of everything the sweep sets
    for (const Edit& edit : common) keys.emplace_back(edit_key(edit), edit.origin);
    if (grid) {
      for (const auto& entry : grid->entries) keys.emplace_back(entry.key, entry.where);
      check_distinct(keys, join_path(at, "grid"));
      read_grid(*grid, join_path(at, "grid"), sweep, name_node, common, arms);
      for (const auto& entry : grid->entries) note_parameter(e, entry.key);
    } else {
      read_latin(*latin, join_path(at, "latin_hypercube"), sweep, name_node, common, e, arms, keys);
      for (const auto& entry : latin->at("parameters").entries) note_parameter(e, entry.key);
    }
  }
}

// The number a parameter holds in an arm after the base edits and the arm's own: the last edit of exactly that
// key decides; NaN when none sets it, when one deletes it, or when its value is not a number.
void fill_design(Experiment& e) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (Arm& arm : e.arms) {
    arm.design.assign(e.parameters.size(), nan);
    for (const auto* list : {&e.base_edits, &arm.edits})
      for (const Edit& edit : *list)
        for (std::size_t p = 0; p < e.parameters.size(); ++p) {
          if (edit_key(edit) != e.parameters[p]) continue;
          const bool unset = edit.text.rfind(kUnsetPrefix, 0) == 0;
          const auto value = unset ? std::nullopt : scn::parse_real(edit.text.substr(edit.text.find('=') + 1));
          arm.design[p] = value ? *value : nan;
        }
  }
}

}  // namespace

void read_arms(const Tree& root, Experiment& e) {
  ArmList arms(e);
  const Tree* named = root.find("arms");
  const Tree* sweeps = root.find("sweeps");
  if (named) read_named(*named, arms);
  if (sweeps) read_sweeps(*sweeps, e, arms);
  if (e.arms.size() < 2)
    fail(named    ? named->where
         : sweeps ? sweeps->where
                  : root.where,
         named || sweeps ? (named ? "arms" : "sweeps") : "arms",
         "an experiment compares at least two arms; got " + std::to_string(e.arms.size()) +
             " (list them under arms, or make them with sweeps)");
  fill_design(e);
}

}  // namespace peaksim::experiment
