// Hostile scenario input is answered at once, with one message: huge files, alias bombs, maps of a hundred
// thousand keys, sizes past the documented limits (docs/reliability.md, Scenario input). None of these asserts a
// time: ctest's TIMEOUT on this test (tests/unit/CMakeLists.txt) catches a load that would hang.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "model/network_plan.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/tree.hpp"
#include "tests/support/minimal_scenario.hpp"

namespace fs = std::filesystem;
using peaksim::load_scenario;
using peaksim::ScenarioError;

namespace {

const std::string& kMinimal = peaksim::test::kMinimalScenario;

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("peaksim_limits_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path) << text;
  }
  ~TempFile() { fs::remove(path); }
};

std::string error_of(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    const peaksim::Scenario sc = load_scenario(path, overrides);
    peaksim::make_network_plan(sc);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

// Ten levels of ten aliases each: 10^10 values from a few hundred bytes.
std::string alias_bomb() {
  std::string text = "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n";
  for (int k = 1; k <= 9; ++k) {
    text += "x" + std::to_string(k) + ": &x" + std::to_string(k) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *x" : "*x") + std::to_string(k - 1);
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a scenario file over the size limit is refused before it is parsed") {
  std::string text = kMinimal;
  const std::string comment = "# " + std::string(1000, 'x') + "\n";
  while (text.size() <= peaksim::scn::kMaxScenarioFileBytes) text += comment;
  const TempFile big("big.yaml", text);
  CHECK(error_of(big.path.string()) ==
        big.path.string() +
            ": the scenario file holds more than 16 MiB; scenario files are limited to that (a catalog of many SKUs "
            "is best generated: catalog.generate)");
}

TEST_CASE("a file just under the size limit is read to its end") {
  // The limit is on the bytes read, not a guess from the first piece: a duplicate key at the very end is found.
  std::string text = kMinimal;
  const std::string comment = "# " + std::string(1000, 'x') + "\n";
  while (text.size() + comment.size() + 64 < peaksim::scn::kMaxScenarioFileBytes) text += comment;
  const auto lines = std::count(text.begin(), text.end(), '\n');
  text += "horizon: 31d\n";
  const TempFile big("almost.yaml", text);
  CHECK(error_of(big.path.string()) == big.path.string() + ":" + std::to_string(lines + 1) +
                                           ":1: horizon: duplicate key 'horizon' (first defined at " +
                                           big.path.string() + ":2:1)");
}

TEST_CASE("nested aliases that would expand to billions of values are refused, in a file and in --set") {
  const TempFile bomb("bomb.yaml", alias_bomb());
  CHECK(error_of(bomb.path.string()) ==
        bomb.path.string() +
            ":1:1: the scenario holds more than 2000000 values once its YAML aliases (*name) are expanded; write a "
            "smaller scenario (a catalog of many SKUs is best generated: catalog.generate)");
  const TempFile ok("ok.yaml", kMinimal);
  std::string flow = alias_bomb();  // as one flow map on the command line
  CHECK(error_of(ok.path.string(), {"description={" +
                                    [&] {
                                      std::string f;
                                      for (char c : flow) f += c == '\n' ? ',' : c;
                                      f.pop_back();
                                      return f;
                                    }() +
                                    "}"})
            .find(": description: the scenario holds more than 2000000 values") != std::string::npos);
}

TEST_CASE("an alias inside the map or list it names is refused, in a file and in --set") {
  // Such a tree is infinite: counting its values used to recurse until the stack overflowed.
  const TempFile loop("loop.yaml", kMinimal + "description: {a: &m {b: *m}}\n");
  const std::string line = std::to_string(std::count(kMinimal.begin(), kMinimal.end(), '\n') + 1);
  CHECK(error_of(loop.path.string()) == loop.path.string() + ":" + line +
                                            ":22: description.a.b: a YAML alias (*name) refers to a map or list that "
                                            "holds it (anchored at line " +
                                            line + ", column 18); the scenario would be infinite");
  const TempFile ok("ok.yaml", kMinimal);
  CHECK(error_of(ok.path.string(), {"description=&l [1, *l]"}) ==
        "--set description=&l [1, *l]: description[1]: a YAML alias (*name) refers to a map or list that holds it; "
        "the scenario would be infinite");
}

TEST_CASE("a --set value that is not UTF-8 text or holds a control character is refused") {
  const TempFile ok("ok.yaml", kMinimal);
  CHECK(error_of(ok.path.string(), {"description=caf\xe9"}) ==
        "--set description=caf\xe9: not UTF-8 text (byte 0xE9); a scenario is UTF-8 text without control characters");
  CHECK(error_of(ok.path.string(), {"description=a\x01"
                                    "b"}) ==
        "--set description=a\x01"
        "b: a control character (byte 0x01); a scenario is UTF-8 text without control "
        "characters");
  CHECK(error_of(ok.path.string(), {"description=caf\xc3\xa9 \xe6\x9c\x88"}) == "(no error)");  // UTF-8 loads
}

TEST_CASE("aliases that expand within the limit load as if written out") {
  const TempFile small("aliases.yaml",
                       kMinimal + "calendar:\n  yearly: {amplitude: 0.1, period: &p 100d, phase: *p}\n");
  CHECK(error_of(small.path.string()) == "(no error)");
  const peaksim::Scenario sc = load_scenario(small.path.string());
  CHECK(sc.calendar.yearly_phase_days == 100);
}

TEST_CASE("a map of 100,000 keys is checked whole: a duplicate last key is found") {
  // Each key used to be compared with every key before it: quadratic, minutes for such a map.
  std::string text = "start_date: 2025-01-01\nblock:\n";
  const int keys = 100'000;
  for (int i = 0; i < keys; ++i) text += "  junk" + std::to_string(i) + ": 1\n";
  text += "  junk0: 2\n";
  const TempFile wide("wide.yaml", text);
  CHECK(error_of(wide.path.string()) == wide.path.string() + ":" + std::to_string(keys + 3) +
                                            ":3: block.junk0: duplicate key 'junk0' (first defined at " +
                                            wide.path.string() + ":3:3)");
}

TEST_CASE("100,000 SKUs each in its own category check the categories in linear time") {
  // A policy for a category no SKU has, named by 100,000 letters (an explicit key: YAML's plain keys stop at 1,024):
  // the search for a near name skips every category by its length (an edit distance each would take 10^11 steps),
  // and the message lists a few of them.
  std::string text = R"(start_date: 2025-01-01
horizon: 30d
catalog:
  skus:
)";
  const int skus = 100'000;
  for (int i = 0; i < skus; ++i)
    text += "    - {id: s" + std::to_string(i) + ", rate: 1, category: c" + std::to_string(i) + "}\n";
  text += R"(policy: {s: "m", S: "s + 10"}
policy_by_category:
  ? )" + std::string(100'000, 'x') +
          R"(
  : {s: "1", S: "2"}
sites:
  suppliers: [{name: supplier}]
  warehouses: [{name: warehouse}]
  regions: [{name: customers}]
lanes:
  - {from: supplier, to: warehouse, lead_time: 2d}
  - {from: warehouse, to: customers}
)";
  const TempFile many("many.yaml", text);
  const std::string error = error_of(many.path.string());
  const std::string key(100'000, 'x');
  CHECK(error == many.path.string() + ":" + std::to_string(skus + 7) + ":5: policy_by_category." + key +
                     ": no SKU has category '" + key +
                     "' (SKU categories: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, "
                     "c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, "
                     "c29, ... 100000 in all)");
}
