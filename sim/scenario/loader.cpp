// load_scenario: read, apply --set, validate against the parameter table, build. The steps live
// in overrides.cpp, validate.cpp, values.cpp, build.cpp, sites.cpp and catalog.cpp.
#include "sim/scenario/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/scenario/checks.hpp"

namespace peaksim {
namespace {

// Where each document of a YAML text starts, up to three, read by yaml-cpp's parser without building nodes.
class DocumentStarts : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

std::string mark_of(const std::string& path, const YAML::Mark& m) {
  return path + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

// A scenario file is one YAML document. yaml-cpp's LoadAll never ends on a token that cannot begin a document (a
// ',' at the top level): it yields empty documents at that place without end. So the documents are counted
// first, three at most, and two that start at one place are that token.
void check_one_document(const std::string& text, const std::string& path) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts d;
  while (d.starts.size() < 3 && parser.HandleNextDocument(d)) {
  }
  const auto& m = d.starts;
  for (std::size_t i = 0; i + 1 < m.size(); ++i)
    if (m[i + 1].pos == m[i].pos) {
      const std::size_t at = std::size_t(m[i].pos);
      const std::string token = at < text.size() ? std::string(1, text[at]) : std::string("end of file");
      throw ScenarioError(mark_of(path, m[i]), "",
                          "invalid YAML: '" + token +
                              "' cannot begin a value here (a ',' separates items only "
                              "inside [...] or {...})");
    }
  if (m.size() > 1)
    throw ScenarioError(mark_of(path, m[1]), "", "a second YAML document (after '---'); a scenario file holds one");
}

}  // namespace

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
    check_one_document(text, path);
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
