// Prints a libFuzzer dictionary for fuzz_scenario from the parameter table (sim/scenario/schema.cpp), so that it
// never goes stale: every key (alone, as "key: " and as a --set path), every enum word, formula variable and
// distribution key, plus the YAML syntax and typical values the mutator cannot guess.
#include <cstdio>
#include <set>
#include <string>

#include "sim/random/distributions.hpp"
#include "sim/scenario/schema.hpp"

namespace {

std::string quoted(const std::string& token) {
  std::string out = "\"";
  for (unsigned char c : token) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

// "sites.warehouses[].policy" -> "sites.warehouses.0.policy", as --set addresses list items.
std::string set_path(std::string path) {
  for (std::size_t at; (at = path.find("[]")) != std::string::npos;) path.replace(at, 2, ".0");
  return path;
}

}  // namespace

int main() {
  using namespace peaksim;
  std::set<std::string> tokens;
  for (const scn::Param& p : scn::parameters()) {
    tokens.insert(p.key);
    tokens.insert(p.key + ": ");
    tokens.insert("#--set " + set_path(p.path) + "=");
    for (const auto& c : p.choices) tokens.insert(c);
    for (const auto& v : p.variables) tokens.insert(v);
  }
  for (const auto& kind : scn::choices<rng::DistributionSpec::Kind>()) {
    tokens.insert(kind);
    for (const auto& k : scn::distribution_keys(kind)) tokens.insert(k + ": ");
  }
  // YAML syntax and value shapes (dates, durations, the word 'unlimited', aliases, tags, flow collections).
  for (const char* t : {"\n",
                        "\n  ",
                        "\n    ",
                        "- ",
                        ": ",
                        "{",
                        "}",
                        "[",
                        "]",
                        ", ",
                        "&a ",
                        "*a",
                        "<<: *a",
                        "!!str ",
                        "!!int ",
                        "~",
                        "null",
                        "true",
                        "false",
                        "\"",
                        "'",
                        "|",
                        ">",
                        "#",
                        "---",
                        "...",
                        "1e12",
                        "1e13",
                        "-1",
                        "0",
                        "0.5",
                        "1e-310",
                        ".nan",
                        ".inf",
                        "-.inf",
                        "2147483648",
                        "9223372036854775808",
                        "2024-11-11",
                        "9999-12-31",
                        "0001-01-01",
                        "1d",
                        "1s",
                        "1h",
                        "1w",
                        "36500d",
                        "unlimited"}) {
    tokens.insert(t);
  }
  for (const auto& t : tokens) std::printf("%s\n", quoted(t).c_str());
  return 0;
}
