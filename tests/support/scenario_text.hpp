// Scenarios written inline in a test: load them, run one replication in the real engine (in a
// worker process, as `peaksim run` does), and read what it recorded.
#pragma once
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/support/results.hpp"

namespace peaksim::test {

// Writes the text to a temporary file (removed again, also on error) and loads it.
inline Scenario load_scenario_text(const std::string& text, const std::vector<std::string>& overrides = {}) {
  static int calls = 0;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / fmt::format("peaksim-test-{}-{}.yaml", getpid(), calls++);
  std::ofstream(path) << text;
  try {
    Scenario sc = load_scenario(path.string(), overrides);
    std::filesystem::remove(path);
    return sc;
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
}

inline ReplicationResult run_one_replication(const std::string& text, const std::vector<std::string>& overrides = {}) {
  const Scenario sc = load_scenario_text(text, overrides);
  const NetworkPlan plan = make_network_plan(sc);
  ReplicationResult out;
  run_in_workers(batch_runner(plan), {0}, {1, 1}, [&](ReplicationResult&& r) { out = std::move(r); });
  return out;
}

// A recorded array's values (for one SKU at one site: one value per day).
inline std::vector<std::int32_t> series(const ReplicationResult& r, const std::string& name) {
  for (const RecordedArray& a : r.arrays)
    if (a.name == name) return a.values;
  FAIL("no recorded array " << name);
  return {};
}

}  // namespace peaksim::test
