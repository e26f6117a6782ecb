// A corpus of broken input files (tests/broken_scenarios, tests/broken_experiments): each NN_name.yaml holds one
// problem and NN_name.expected the exact message its loader must give, on one line, with the bare file name.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"

namespace peaksim::testing {

class MessageCorpus {
public:
  explicit MessageCorpus(const std::string& folder)
      : name_(folder), path_(std::filesystem::path(PEAKSIM_SOURCE_DIR) / "tests" / folder) {}

  std::vector<std::string> stems() const {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(path_))
      if (entry.path().extension() == ".yaml") out.push_back(entry.path().stem().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  // At least `minimum` cases, and every .yaml has its .expected and every .expected its .yaml.
  void check_complete(std::size_t minimum) const {
    const auto all = stems();
    CHECK(all.size() >= minimum);
    for (const auto& stem : all) {
      INFO("case " << stem);
      CHECK(std::filesystem::exists(path_ / (stem + ".expected")));
    }
    for (const auto& entry : std::filesystem::directory_iterator(path_))
      if (entry.path().extension() == ".expected") {
        INFO(".expected file without its .yaml: " << entry.path().filename().string());
        CHECK(std::filesystem::exists(std::filesystem::path(entry.path()).replace_extension(".yaml")));
      }
  }

  // One subcase per file: `load` reads it and must throw the ScenarioError whose message is the .expected line.
  void check_messages(const std::function<void(const std::string& path)>& load) const {
    for (const auto& stem : stems()) {
      SUBCASE(stem.c_str()) {
        std::string expected = read_text(path_ / (stem + ".expected"));
        while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
        std::string actual = "(loaded without an error)";
        try {
          load((path_ / (stem + ".yaml")).string());
        } catch (const ScenarioError& e) {
          actual = without_folder(e.what());
        }
        const bool matches = actual == expected;
        CHECK_MESSAGE(matches, "tests/" << name_ << "/" << stem << ".yaml\n  expected: " << expected
                                        << "\n  actual:   " << actual);
      }
    }
  }

private:
  static std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Messages name the file by the path given to the loader; the corpus writes just the file name.
  std::string without_folder(std::string text) const {
    const std::string folder = path_.string() + "/";
    for (auto at = text.find(folder); at != std::string::npos; at = text.find(folder)) text.erase(at, folder.size());
    return text;
  }

  std::string name_;
  std::filesystem::path path_;
};

}  // namespace peaksim::testing
