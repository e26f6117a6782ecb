// load_scenario: read, apply --set, validate against the parameter table, build. The steps live
// in overrides.cpp, validate.cpp, values.cpp, build.cpp, sites.cpp and catalog.cpp.
#include "sim/scenario/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/documents.hpp"

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
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ScenarioError(path, "",
                        std::string("cannot open the scenario file") +
                            (err ? std::string(" (") + std::strerror(err) + ")" : std::string()));
  }
  // yaml-cpp holds some 70 bytes per byte of text: a bound on the file bounds the memory of the parse. Read in
  // pieces, so that a pipe or a device is bounded as well as a plain file.
  std::string text;
  std::vector<char> piece(1 << 16);
  while (in.read(piece.data(), std::streamsize(piece.size())) || in.gcount() > 0) {
    text.append(piece.data(), std::size_t(in.gcount()));
    if (text.size() > scn::kMaxScenarioFileBytes)
      throw ScenarioError(path, "",
                          "the scenario file holds more than " + std::to_string(scn::kMaxScenarioFileBytes >> 20) +
                              " MiB; scenario files are limited to that (a catalog of many SKUs is best generated: "
                              "catalog.generate)");
  }

  scn::check_text(text, path);
  YAML::Node doc;
  try {
    // Every document is read: one after the first would otherwise be dropped unread.
    scn::check_one_document(text, path, "", "", "a scenario file");
    doc = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    const std::string where =
        e.mark.is_null() ? path
                         : path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    // yaml-cpp stops at a fixed depth of nesting, saying only "bad file".
    const bool deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    throw ScenarioError(where, "",
                        deep ? std::string("invalid YAML: nested too deeply (lists and maps within each other)")
                             : "invalid YAML: " + e.msg);
  }
  scn::Tree root = scn::from_yaml(doc, path);
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
