// Runs every scenario in tests/broken_scenarios/ through the loader and the network plan (what `peaksim validate`
// does) and compares the message with the .expected file next to it (see tests/broken_scenarios/README.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/network_plan.hpp"
#include "sim/scenario/loader.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(PEAKSIM_SOURCE_DIR) / "tests" / "broken_scenarios";

std::vector<std::string> corpus_stems() {
  std::vector<std::string> stems;
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.path().extension() == ".yaml") stems.push_back(entry.path().stem().string());
  std::sort(stems.begin(), stems.end());
  return stems;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Messages name the file by the path given to the loader; the corpus writes just the file name.
std::string without_folder(std::string text) {
  const std::string folder = kCorpus.string() + "/";
  for (auto at = text.find(folder); at != std::string::npos; at = text.find(folder)) text.erase(at, folder.size());
  return text;
}

}  // namespace

TEST_CASE("the broken-scenario corpus has at least 30 cases, each with its expected message") {
  const auto stems = corpus_stems();
  CHECK(stems.size() >= 30);
  for (const auto& stem : stems) {
    INFO("case " << stem);
    CHECK(fs::exists(kCorpus / (stem + ".expected")));
  }
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.path().extension() == ".expected") {
      INFO("expected file without a scenario: " << entry.path().filename().string());
      CHECK(fs::exists(fs::path(entry.path()).replace_extension(".yaml")));
    }
}

TEST_CASE("every broken scenario fails to load with exactly the expected message") {
  for (const auto& stem : corpus_stems()) {
    SUBCASE(stem.c_str()) {
      std::string expected = read_text(kCorpus / (stem + ".expected"));
      while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
      std::string actual = "(loaded without an error)";
      try {
        // The plan too: `peaksim validate` refuses what its formulas and limits cannot run (model/run_limits.hpp).
        const peaksim::Scenario sc = peaksim::load_scenario((kCorpus / (stem + ".yaml")).string());
        peaksim::make_network_plan(sc);
      } catch (const peaksim::ScenarioError& e) {
        actual = without_folder(e.what());
      }
      const bool matches = actual == expected;
      CHECK_MESSAGE(matches, "tests/broken_scenarios/" << stem << ".yaml\n  expected: " << expected
                                                       << "\n  actual:   " << actual);
    }
  }
}
