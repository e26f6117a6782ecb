// Speed of the reference (s,S) model: peaksim (SimGrid engine, agents, recorder, one worker
// process) against a plain C++ loop of the same model on the same random streams.
// Usage: reference_bench [N ...]   (default: 1000 10000). Prints SKU-days per second.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/plain_reference.hpp"
#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/scenario/loader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Best of `repeats` timings, to keep the machine's noise out of the comparison.
template <class F>
double best_time(int repeats, F&& f) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {1000, 10000};
  const std::string path = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/reference/single_sS.yaml";

  fmt::print("{:>8} {:>6} {:>14} {:>14} {:>16} {:>16} {:>8}\n", "SKUs", "batch", "peaksim s/rep", "plain s/rep",
             "peaksim SKU-d/s", "plain SKU-d/s", "ratio");
  for (int n : sizes) {
    const peaksim::Scenario sc =
        peaksim::load_scenario(path, {"catalog.generate.count=" + std::to_string(n), "replications=1"});
    const peaksim::NetworkPlan plan = peaksim::make_network_plan(sc);
    const int repeats = n <= 1000 ? 5 : 2;
    double checksum = 0;
    const double t_plain =
        best_time(repeats, [&] { checksum += peaksim::bench::plain_reference(n, sc.seed, 0).sales; });
    const double sku_days = double(n) * sc.horizon_days;
    // batch 1: a worker process and an engine per replication; batch 8: both shared by 8.
    for (int batch : {1, 8}) {
      std::vector<std::uint64_t> ids(static_cast<std::size_t>(batch));
      for (int b = 0; b < batch; ++b) ids[std::size_t(b)] = std::uint64_t(b);
      const double t_sim =
          best_time(repeats,
                    [&] {
                      peaksim::run_in_workers(peaksim::batch_runner(plan), ids, {1, batch},
                                              [&](peaksim::ReplicationResult&& r) { checksum += r.kpi_values[0]; });
                    }) /
          batch;
      fmt::print("{:>8} {:>6} {:>14.4f} {:>14.4f} {:>16.3e} {:>16.3e} {:>8.2f}\n", n, batch, t_sim, t_plain,
                 sku_days / t_sim, sku_days / t_plain, t_sim / t_plain);
    }
    if (checksum == -1) fmt::print("(unreachable: keeps the work from being optimised away)\n");
  }
  return 0;
}
