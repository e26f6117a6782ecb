// load_scenario: read, apply --set, validate against the parameter table, build. The steps live
// in overrides.cpp, validate.cpp, values.cpp, build.cpp, sites.cpp and catalog.cpp.
#include "sim/scenario/loader.hpp"

#include <filesystem>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/yaml_file.hpp"

namespace peaksim {

ScenarioError::ScenarioError(std::string location, std::string key_path, std::string message)
    : std::runtime_error(location + ": " + (key_path.empty() ? "" : key_path + ": ") + message),
      location_(std::move(location)),
      key_path_(std::move(key_path)),
      message_(std::move(message)) {}

const PolicyParams& Scenario::policy_for(const Sku& sku) const {
  if (sku.policy) return *sku.policy;
  if (auto it = policy_by_category.find(sku.category); it != policy_by_category.end()) return it->second;
  return policy;
}

const PolicyParams& Scenario::policy_for(const Sku& sku, std::size_t w) const {
  const WarehouseSpec& wh = warehouses[w];
  if (auto it = wh.policy_by_category.find(sku.category); it != wh.policy_by_category.end()) return it->second;
  if (wh.policy) return *wh.policy;
  return policy_for(sku);
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  scn::Tree root =
      scn::read_yaml_file(path, "scenario", "(a catalog of many SKUs is best generated: catalog.generate)").root;
  if (root.kind == scn::Tree::Kind::null)
    throw ScenarioError(path + ":1:1", "",
                        "the file holds no scenario; expected a map of keys such as start_date, horizon, catalog");
  if (!root.is_map())
    throw ScenarioError(root.where, "",
                        "expected a map of keys such as start_date, horizon, catalog at the top "
                        "level; got " +
                            scn::found(root));

  const auto deleted = scn::apply_overrides(root, overrides);
  Scenario sc;
  try {
    scn::validate(root, std::filesystem::path(path).stem().string());
    sc = scn::build_scenario(root);
  } catch (const ScenarioError& e) {
    // A required key that --unset deleted is reported at that --unset, not at the map it was deleted from.
    for (const auto& [key_path, edit] : deleted)
      if (e.key_path() == key_path && e.message().rfind("missing required key", 0) == 0)
        throw ScenarioError(edit, e.key_path(), e.message());
    throw;
  }
  sc.source_path = path;
  sc.resolved_yaml = scn::emit_yaml(root);
  return sc;
}

}  // namespace peaksim
