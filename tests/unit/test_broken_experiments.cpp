// Loads every experiment file of tests/broken_experiments/ and compares the loader's message with the .expected
// file next to it (tests/broken_experiments/README.md).
#include <doctest/doctest.h>

#include "sim/experiment/experiment.hpp"
#include "tests/support/message_corpus.hpp"

TEST_CASE("the broken-experiment corpus has at least 25 cases, each with its expected message") {
  peaksim::testing::MessageCorpus("broken_experiments").check_complete(25);
}

TEST_CASE("every broken experiment fails to load with exactly the expected message") {
  peaksim::testing::MessageCorpus("broken_experiments").check_messages([](const std::string& path) {
    peaksim::experiment::load_experiment(path);
  });
}
