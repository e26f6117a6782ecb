// Runs every scenario in tests/broken_scenarios/ through the loader and the network plan (what `peaksim validate`
// does) and compares the message with the .expected file next to it (see tests/broken_scenarios/README.md).
#include <doctest/doctest.h>

#include "model/network_plan.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/message_corpus.hpp"

TEST_CASE("the broken-scenario corpus has at least 30 cases, each with its expected message") {
  peaksim::testing::MessageCorpus("broken_scenarios").check_complete(30);
}

TEST_CASE("every broken scenario fails to load with exactly the expected message") {
  peaksim::testing::MessageCorpus("broken_scenarios").check_messages([](const std::string& path) {
    // The plan too: `peaksim validate` refuses what its formulas and limits cannot run (model/run_limits.hpp).
    peaksim::make_network_plan(peaksim::load_scenario(path));
  });
}
