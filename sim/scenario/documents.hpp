// A scenario file, and a --set value, is one YAML document. Declared apart from tree.hpp, which most of the loader
// includes, since only the two readers of YAML text need it.
#pragma once
#include <string>
#include <string_view>

namespace peaksim::scn {

// Refuses a YAML text of more than one document (the second named at its '---'; `holder` holds one: "a scenario
// file") and a token that cannot begin a document (a ',' at the top level), at its line and column in `file` or at
// `fixed_where` when that is not empty. Throws ScenarioError, or YAML::ParserException on other invalid YAML.
void check_one_document(const std::string& text, const std::string& file, const std::string& fixed_where,
                        const std::string& path, std::string_view holder);

}  // namespace peaksim::scn
