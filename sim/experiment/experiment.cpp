// load_experiment: the experiment file's top level (experiment.hpp); the arms and sweeps are read in arms.cpp.
#include "sim/experiment/experiment.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <optional>

#include "sim/experiment/arms.hpp"
#include "sim/experiment/reading.hpp"
#include "sim/kernel/kpis.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/text.hpp"
#include "sim/scenario/yaml_file.hpp"

namespace peaksim::experiment {
namespace {

using namespace reading;
using scn::fail;
using scn::found;
using scn::index_path;
using scn::join_path;

// The design seed when the file gives none: fixed, so that a new simulation `seed` keeps the same arms.
constexpr std::uint64_t kDefaultDesignSeed = 1;
// Compared when the file has no `compare`: KPIs every run reports, with a known better side.
const std::vector<std::string> kDefaultCompare = {"total_cost", "fill_rate", "profit"};
// The stopping rule's defaults (docs/experiments.md).
constexpr std::int64_t kDefaultMinReplications = 10, kDefaultMaxReplications = 1000, kDefaultBlock = 10;

const std::vector<std::string> kTopKeys = {"experiment",   "scenario", "seed", "design_seed",
                                           "replications", "stopping", "set",  "unset",
                                           "baseline",     "compare",  "arms", "sweeps"};

std::string scenario_path(const Tree& node, const std::string& file) {
  const std::string written = text(node, "scenario", "the path of the base scenario, relative to this file");
  const std::filesystem::path path = std::filesystem::path(file).parent_path() / written;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    fail(node.where, "scenario",
         "no scenario file '" + written + "' (looked for " + path.string() + ", relative to the experiment file)");
  if (std::filesystem::is_directory(status))
    fail(node.where, "scenario", "'" + written + "' is a folder; expected a scenario file");
  return path.string();
}

// A KPI's better side, from the side of its tail a risk team watches (sim/kernel/kpis.hpp): an upper tail is a
// loss (lower is better), a lower tail is profit or service (higher is better); other KPIs have none.
std::optional<Goal> known_goal(const KpiDef& def) {
  if (def.tail == KpiTail::upper) return Goal::minimize;
  if (def.tail == KpiTail::lower) return Goal::maximize;
  return std::nullopt;
}

Comparison read_comparison(const Tree& item, const std::string& path) {
  const Tree* name_node = &item;
  std::string name_path = path;
  const Tree* goal = nullptr;
  if (item.is_map()) {
    only_keys(item, path, {"kpi", "goal"});
    name_node = &required(item, path, "kpi", "a KPI name, such as total_cost");
    name_path = join_path(path, "kpi");
    goal = item.find("goal");
  } else if (!item.is_scalar()) {
    fail(item.where, path, "expected a KPI name or {kpi: NAME, goal: min or max}; got " + found(item));
  }
  Comparison c;
  c.kpi = text(*name_node, name_path, "a KPI name, such as total_cost");
  std::vector<std::string> names;
  const KpiDef* def = nullptr;
  for (const KpiDef& d : kpi_table()) {
    names.push_back(d.name);
    if (d.name == c.kpi) def = &d;
  }
  if (!def)
    fail(name_node->where, name_path, "unknown KPI '" + c.kpi + "'" + scn::suggestion(c.kpi, names, "known KPIs"));
  if (goal) {
    if (!goal->is_scalar() || (goal->text != "min" && goal->text != "max"))
      fail(goal->where, join_path(path, "goal"), scn::not_one_of(*goal, {"min", "max"}));
    c.goal = goal->text == "min" ? Goal::minimize : Goal::maximize;
  } else if (const auto known = known_goal(*def)) {
    c.goal = *known;
  } else {
    fail(name_node->where, name_path,
         "KPI '" + c.kpi + "' has no known better side; write {kpi: " + c.kpi + ", goal: min} or goal: max");
  }
  return c;
}

void read_compare(const Tree* node, Experiment& e) {
  if (!node) {
    for (const auto& kpi : kDefaultCompare) {
      Tree t;
      t.kind = Tree::Kind::scalar;
      t.text = kpi;
      e.compare.push_back(read_comparison(t, "compare"));
    }
    return;
  }
  if (!node->is_list() || node->items.empty())
    fail(node->where, "compare",
         "expected a non-empty list of KPIs, such as [total_cost, fill_rate]; got " + found(*node));
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    Comparison c = read_comparison(node->items[i], index_path("compare", i));
    for (const Comparison& before : e.compare)
      if (before.kpi == c.kpi)
        fail(node->items[i].where, index_path("compare", i), "KPI '" + c.kpi + "' is compared twice");
    e.compare.push_back(std::move(c));
  }
}

StoppingRule read_stopping(const Tree& node, const Experiment& e) {
  const std::string path = "stopping";
  require_map(node, path, "a map with keys kpi, half_width, min_replications, max_replications, block");
  only_keys(node, path, {"kpi", "half_width", "min_replications", "max_replications", "block"});
  StoppingRule rule;
  rule.kpi = e.compare.front().kpi;
  if (const Tree* kpi = node.find("kpi")) {
    rule.kpi = text(*kpi, join_path(path, "kpi"), "a compared KPI");
    std::vector<std::string> compared;
    for (const auto& c : e.compare) compared.push_back(c.kpi);
    if (std::find(compared.begin(), compared.end(), rule.kpi) == compared.end())
      fail(kpi->where, join_path(path, "kpi"),
           "the stopping rule's KPI must be compared; '" + rule.kpi + "' is not in compare (" + scn::join(compared) +
               ")");
  }
  const Tree& target =
      required(node, path, "half_width", "the target 95% half-width: a number, or a percentage of |mean| such as 2%");
  const std::string target_path = join_path(path, "half_width");
  if (target.is_scalar() && !target.text.empty() && target.text.back() == '%') {
    const auto percent = scn::parse_real(std::string_view(target.text).substr(0, target.text.size() - 1));
    if (!percent || *percent <= 0 || *percent > 100)
      fail(target.where, target_path, "expected a percentage above 0% and at most 100%; got " + found(target));
    rule.relative = *percent / 100;
  } else {
    const double value = number(target, target_path);
    if (value <= 0) fail(target.where, target_path, "expected a half-width above 0; got " + found(target));
    rule.half_width = value;
  }
  const auto count = [&](const char* key, std::int64_t fallback, std::int64_t at_least, std::int64_t at_most) {
    const Tree* v = node.find(key);
    return v ? integer(*v, join_path(path, key), at_least, at_most) : fallback;
  };
  rule.min_replications = count("min_replications", kDefaultMinReplications, 2, scn::kMaxReplications);
  rule.max_replications = count("max_replications", std::max(kDefaultMaxReplications, rule.min_replications),
                                rule.min_replications, scn::kMaxReplications);
  rule.block = count("block", kDefaultBlock, 1, scn::kMaxReplications);
  return rule;
}

std::uint64_t seed(const Tree& node, const std::string& path) {
  return std::uint64_t(integer(node, path, 0, std::numeric_limits<long long>::max()));
}

}  // namespace

Experiment load_experiment(const std::string& path) {
  scn::YamlFile file = scn::read_yaml_file(path, "experiment", "");
  const Tree& root = file.root;
  if (root.kind == Tree::Kind::null)
    fail(path + ":1:1", "", "the file holds no experiment; expected a map of keys such as experiment, scenario, arms");
  require_map(root, "", "a map of keys such as experiment, scenario, arms at the top level");
  if (!root.find("scenario") && (root.find("start_date") || root.find("sites")))
    fail(root.where, "",
         "this is a scenario file; an experiment file names its base scenario with `scenario:` and lists the arms "
         "to compare (docs/experiments.md)");
  only_keys(root, "", kTopKeys);

  Experiment e;
  e.file = path;
  e.text = std::move(file.text);
  e.name = name(required(root, "", "experiment", "the experiment's name"), "experiment", "the experiment's name");
  e.scenario_path =
      scenario_path(required(root, "", "scenario", "the base scenario's path, relative to this file"), path);
  if (const Tree* s = root.find("seed")) e.seed = seed(*s, "seed");
  e.design_seed = kDefaultDesignSeed;
  if (const Tree* s = root.find("design_seed")) e.design_seed = seed(*s, "design_seed");
  e.base_edits = edits_of(root, "");
  read_compare(root.find("compare"), e);

  const Tree *replications = root.find("replications"), *stopping = root.find("stopping");
  if (replications && stopping)
    fail(stopping->where, "stopping",
         "give either replications or stopping, not both (replications is at " + replications->where + ")");
  if (!replications && !stopping)
    fail(root.where, "replications",
         "missing key 'replications' or 'stopping' (a fixed number of replications, or a rule that stops when the "
         "confidence intervals are narrow enough)");
  if (replications) e.replications = integer(*replications, "replications", 2, scn::kMaxReplications);
  if (stopping) e.stopping = read_stopping(*stopping, e);

  read_arms(root, e);
  e.baseline = e.arms.front().name;
  if (const Tree* b = root.find("baseline")) {
    e.baseline = text(*b, "baseline", "an arm's name");
    std::vector<std::string> names;
    for (const Arm& arm : e.arms) names.push_back(arm.name);
    if (std::find(names.begin(), names.end(), e.baseline) == names.end())
      fail(b->where, "baseline", "no arm is named '" + e.baseline + "'" + scn::suggestion(e.baseline, names, "arms"));
  }
  return e;
}

}  // namespace peaksim::experiment
