// Seconds of compare_arms (sim/experiment/comparison.hpp) for one KPI, on synthetic arms: its bootstrap of
// P(best) costs B x arms x replications multiply-adds. Usage: comparison_bench [ARMSxREPLICATIONS ...].
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/experiment/comparison.hpp"
#include "sim/random/distributions.hpp"

using namespace peaksim;
using namespace peaksim::experiment;

int main(int argc, char** argv) {
  std::vector<std::pair<std::size_t, std::size_t>> sizes = {{2, 100}, {10, 1000}, {100, 1000}, {1000, 100}};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) {
      std::size_t arms = 0, reps = 0;
      if (std::sscanf(argv[i], "%zux%zu", &arms, &reps) != 2 || arms < 1 || reps < 1) {
        std::fprintf(stderr, "comparison_bench: expected ARMSxREPLICATIONS such as 10x1000; got '%s'\n", argv[i]);
        return 2;
      }
      sizes.emplace_back(arms, reps);
    }
  }
  fmt::print("{:>6} {:>12} {:>10} {:>22}\n", "arms", "replications", "seconds", "multiply-adds per ns");
  for (const auto& [arm_count, reps] : sizes) {
    Experiment e;
    e.baseline = "a0";
    e.compare = {{"total_cost", Goal::minimize}};
    rng::Stream s({1, 0, "bench", "values", 0});
    std::vector<ArmValues> arms(arm_count);
    for (std::size_t a = 0; a < arm_count; ++a) {
      arms[a].arm = "a" + std::to_string(a);
      arms[a].values.assign(1, {});
      for (std::size_t r = 0; r < reps; ++r) {
        arms[a].replications.push_back(r);
        arms[a].values[0].push_back(100 + double(a) * 0.01 + rng::standard_normal(s));
      }
    }
    const auto start = std::chrono::steady_clock::now();
    const ComparisonTables t = compare_arms(e, arms);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double work = double(kBootstrapResamples) * double(arm_count) * double(reps);
    fmt::print("{:>6} {:>12} {:>10.3f} {:>22.2f}\n", arm_count, reps, seconds, work / seconds / 1e9);
    if (t.ranking.size() != arm_count) return 1;
  }
  return 0;
}
