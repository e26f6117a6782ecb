// Loads every experiment file of tests/broken_experiments/ and compares the loader's message with the .expected
// file next to it (tests/broken_experiments/README.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/experiment/experiment.hpp"
#include "sim/scenario/loader.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(PEAKSIM_SOURCE_DIR) / "tests" / "broken_experiments";

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

std::string without_folder(std::string text) {
  const std::string folder = kCorpus.string() + "/";
  for (auto at = text.find(folder); at != std::string::npos; at = text.find(folder)) text.erase(at, folder.size());
  return text;
}

}  // namespace

TEST_CASE("the broken-experiment corpus has at least 25 cases, each with its expected message") {
  const auto stems = corpus_stems();
  CHECK(stems.size() >= 25);
  for (const auto& stem : stems) {
    INFO("case " << stem);
    CHECK(fs::exists(kCorpus / (stem + ".expected")));
  }
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.path().extension() == ".expected") {
      INFO("expected file without an experiment: " << entry.path().filename().string());
      CHECK(fs::exists(fs::path(entry.path()).replace_extension(".yaml")));
    }
}

TEST_CASE("every broken experiment fails to load with exactly the expected message") {
  for (const auto& stem : corpus_stems()) {
    SUBCASE(stem.c_str()) {
      std::string expected = read_text(kCorpus / (stem + ".expected"));
      while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
      std::string actual = "(loaded without an error)";
      try {
        peaksim::experiment::load_experiment((kCorpus / (stem + ".yaml")).string());
      } catch (const peaksim::ScenarioError& e) {
        actual = without_folder(e.what());
      }
      const bool matches = actual == expected;
      CHECK_MESSAGE(matches, "tests/broken_experiments/" << stem << ".yaml\n  expected: " << expected
                                                         << "\n  actual:   " << actual);
    }
  }
}
