// The walker: follows the parameter table through the tree, reports the first problem, fills
// defaults and sorts keys in table order (so the resolved YAML is stable).
#include <algorithm>
#include <utility>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

class Walker {
public:
  explicit Walker(std::string stem) : stem_(std::move(stem)) {}

  // `what` says what the map should be, for "expected ...; got ..." when it is not a map.
  void section(Tree& node, const std::string& schema, const std::string& path, const std::string& what) {
    if (!node.is_map()) fail(node.where, path, "expected " + what + "; got " + found(node));
    const auto kids = children(schema);
    const auto keys = child_keys(schema);
    for (auto& e : node.entries) {
      auto it = std::find(keys.begin(), keys.end(), e.key);
      if (it == keys.end()) fail(e.where, join_path(path, e.key), unknown_key(e.key, keys));
      value(e.value, *kids[static_cast<std::size_t>(it - keys.begin())], join_path(path, e.key));
    }
    for (const Param* p : kids) {
      if (node.find(p->key)) continue;
      const std::string key_path = join_path(path, p->key);
      if (p->required) fail(node.where, key_path, "missing required key '" + p->key + "' (" + expected(*p) + ")");
      Tree fill;
      if (p->stem_default) {
        fill.kind = Tree::Kind::scalar;
        fill.text = stem_;
        fill.quoted = true;
        fill.where = node.where;
      } else if (p->fallback) {
        fill = parse_fixed(*p->fallback, node.where, key_path);
      } else {
        continue;  // optional without a default, or required depending on other keys (rules below)
      }
      value(fill, *p, key_path);
      node.entries.push_back({p->key, node.where, std::move(fill)});
    }
    rules(node, schema, path);
    std::stable_sort(node.entries.begin(), node.entries.end(), [&](const Entry& a, const Entry& b) {
      return std::find(keys.begin(), keys.end(), a.key) < std::find(keys.begin(), keys.end(), b.key);
    });
  }

private:
  static std::string map_of(const std::string& schema) { return "a map with keys " + join(child_keys(schema)); }

  void value(Tree& node, const Param& p, const std::string& path) {
    const std::string schema = p.alias.empty() ? p.path : p.alias;
    switch (p.type) {
      case Type::section:
        section(node, schema, path, expected(p));
        return;
      case Type::list:
        if (!node.is_list()) fail(node.where, path, "expected " + expected(p) + "; got " + found(node));
        if (p.required && node.items.empty()) fail(node.where, path, "expected at least one item; got an empty list");
        if (p.max_items && node.items.size() > p.max_items)
          fail(node.where, path,
               "expected at most " + std::to_string(p.max_items) + " items; got " + std::to_string(node.items.size()));
        for (std::size_t i = 0; i < node.items.size(); ++i)
          section(node.items[i], p.path + "[]", index_path(path, i), map_of(p.path + "[]"));
        return;
      case Type::named_map:
        if (!node.is_map()) fail(node.where, path, "expected " + expected(p) + "; got " + found(node));
        for (auto& e : node.entries) {
          if (!is_name(e.key))
            fail(e.where, join_path(path, e.key),
                 "expected a name made of letters, digits, _ . : or -; got '" + e.key + "'");
          section(e.value, schema, join_path(path, e.key), map_of(schema));
        }
        return;
      default:
        check_value(node, p, path);
    }
  }

  // Rules that tie one key to another within the same map.
  static void rules(Tree& node, const std::string& schema, const std::string& path) {
    if (schema == "policy") policy_rules(node, path);
    if (schema == "sites.regions[]") {
      // A demand model's own parameter is required with that model and an error with any other.
      const std::string demand = node.str("demand");
      for (const ModelKey& mk : demand_model_keys()) {
        const std::string key = mk.key, model = word_of(mk.model);
        const Entry* e = node.entry(key);
        if (demand == model && !e)
          fail(node.where, join_path(path, key),
               "missing required key '" + key + "' (a number > 0; demand " + model + " needs it)");
        if (demand != model && e)
          fail(e->where, join_path(path, key),
               "key '" + key + "' is only used with demand " + model + "; this region's demand is " + demand);
      }
    }
    if (schema == "forecast") forecast_rules(node, path);
    if (schema == "catalog.generate" && parse_integer(node.str("count")).value_or(0) > 0 && !node.find("rate"))
      fail(node.where, join_path(path, "rate"),
           "missing required key 'rate' (the mean demand per day of each generated SKU; needed when count > 0)");
  }

  // A key that only matters with another key's value would be ignored without it: refused unless it holds its
  // default (which the resolved YAML of every scenario writes, so that it loads again).
  static bool at_default(const Tree& node, const std::string& schema, const std::string& key) {
    const Param& p = *find_param(schema + "." + key);
    const std::string fallback = parse_fixed(*p.fallback, node.where).text;  // as the defaults were filled in
    const std::string& text = node.str(key);
    if (p.type == Type::duration) return parse_duration_days(text) == parse_duration_days(fallback);
    return text == fallback;
  }

  static void forecast_rules(const Tree& node, const std::string& path) {
    const std::string model = node.str("model");
    for (auto [key, user] : {std::pair{"weights", ForecastModel::global}, {"window", ForecastModel::moving_average}})
      if (model != word_of(user) && !at_default(node, "forecast", key))
        fail(node.entry(key)->where, join_path(path, key),
             std::string("key '") + key + "' is only used with model " + word_of(user) + "; this forecast's model is " +
                 model);
    if (model == word_of(ForecastModel::global) && !at_default(node, "forecast", "refit_every"))
      fail(node.entry("refit_every")->where, join_path(path, "refit_every"),
           "key 'refit_every' is not used with model global (its weights are trained beforehand, never refitted)");
  }

  static void policy_rules(Tree& node, const std::string& path) {
    const std::string type = node.str("type");
    const PolicyTypeInfo& info = policy_type(*from_word<PolicyType>(type));
    // A key only some types read: refused for the others unless it holds its default.
    const auto only_for = [&](const char* key, const std::string& types_word, bool uses,
                              const std::function<bool(const PolicyTypeInfo&)>& has) {
      if (uses || at_default(node, "policy", key)) return;
      fail(node.entry(key)->where, join_path(path, key),
           std::string("key '") + key + "' is only used by policy types " + types_word + " (" +
               join(policy_type_words(has)) + "); this policy's type is " + type);
    };
    only_for("trigger", "with a reorder point", !info.reorder_key.empty(),
             [](const PolicyTypeInfo& i) { return !i.reorder_key.empty(); });
    only_for("review_period", "that review periodically", info.review == Review::periodic,
             [](const PolicyTypeInfo& i) { return i.review == Review::periodic; });
    if (info.forecasts && !node.find("safety"))  // the safety choice decides which parameter is needed
      node.entries.push_back(
          {"safety", node.where, parse_fixed(word_of(SafetyStock::quantile), node.where, join_path(path, "safety"))});
    const std::string safety = info.forecasts ? node.str("safety") : "";
    const std::vector<std::string> used = required_policy_keys(info, safety);
    const std::string what = info.forecasts ? type + " with safety " + safety : type;
    for (const std::string& key : policy_level_keys()) {
      const Entry* e = node.entry(key);
      const bool uses = std::find(used.begin(), used.end(), key) != used.end() ||
                        std::find(info.takes.begin(), info.takes.end(), key) != info.takes.end();
      if (e && !uses) fail(e->where, join_path(path, key), "key '" + key + "' is not used by policy type " + what);
    }
    for (const auto& key : used)
      if (!node.find(key))
        fail(node.where, join_path(path, key),
             "missing required key '" + key + "' (policy type " + what + " needs " + join_and(used) + ")");
    if (info.demand_history) {
      // z is filled so that the resolved scenario says what ran; a standard deviation needs two days.
      if (const Entry* z = node.entry("z")) {
        if (*parse_real(z->value.text) > 0 && *parse_duration_days(node.str("window")) < 2)
          fail(z->where, join_path(path, "z"), "z > 0 needs a window of at least 2d; got window " + node.str("window"));
      } else {
        node.entries.push_back({"z", node.where, parse_fixed("0", node.where, join_path(path, "z"))});
      }
    }
    // Without a reorder point, S cannot refer to s; say so, since the table lists s for S.
    if (std::find(used.begin(), used.end(), "s") == used.end())
      if (const Tree* f = node.find("S")) try {
          check_formula(*f, policy_variables(), join_path(path, "S"));
        } catch (const ScenarioError& e) {
          throw ScenarioError(e.location(), e.key_path(), e.message() + "; policy type " + type + " has no s");
        }
  }

  std::string stem_;
};

}  // namespace

void validate(Tree& root, const std::string& stem) { Walker(stem).section(root, "", "", "a map of scenario keys"); }

}  // namespace peaksim::scn
