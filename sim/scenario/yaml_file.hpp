// Reading one YAML file into a located tree, with the bounds every input file of peaksim obeys: at most
// kMaxScenarioFileBytes, UTF-8 text without control characters, one YAML document, and the limits of from_yaml
// (values once aliases are expanded, nesting, no alias inside its own anchor). The scenario loader and the
// experiment loader (sim/experiment) share it.
#pragma once
#include <string>
#include <string_view>

#include "sim/scenario/tree.hpp"

namespace peaksim::scn {

struct YamlFile {
  std::string text;  // the file's text as read
  Tree root;         // null when the file holds nothing
};

// `noun` names the kind of file in messages ("scenario", "experiment"); `too_big_hint` ends the message about a
// file over the size limit. Throws ScenarioError naming the file (and line and column where there is one).
YamlFile read_yaml_file(const std::string& path, std::string_view noun, std::string_view too_big_hint);

// Refuses a YAML text of more than one document (the second named at its '---'; `holder` says what holds one: "a
// scenario file", "a value") and a token that cannot begin a document (a ',' at the top level), at its line and
// column in `file` or at `fixed_where` when that is not empty (a --set argument). Throws ScenarioError, or
// YAML::ParserException on other invalid YAML.
void check_one_document(const std::string& text, const std::string& file, const std::string& fixed_where,
                        const std::string& key_path, std::string_view holder);

}  // namespace peaksim::scn
