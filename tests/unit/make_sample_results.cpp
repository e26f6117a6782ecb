// Writes a small, deterministic results file for tests/python/test_read_results.py, which expects exactly
// these values: keep the two in step.
//   replications 2, 0, 1 (added out of order); KPIs fill_rate = 0.95 + 0.01 r, total_cost = 2,762,000 + 1,000 r
//   on_hand[day][sku][site] = 1000 r + 100 day + 10 sku + site, shape 4 x 3 x 2
//   shipments[day] = r + day, shape 4
#include <cstdio>
#include <exception>

#include "sim/output/chunks.hpp"
#include "sim/output/results_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.h5\n", argv[0]);
    return 2;
  }
  using namespace peaksim;
  try {
    Provenance provenance{"sample",
                          "scenarios/sample.yaml",
                          "name: sample\nseed: 42\nhorizon_days: 4\n",
                          "peaksim run scenarios/sample.yaml --replications 3 --set horizon_days=4",
                          {"horizon_days=4", "sites[0].capacity=500"},
                          42};
    Axes axes{{"2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"},
              {"SKU-A", "SKU-B", "SKU-C"},
              {"toys", "toys", "garden"},
              {"north", "south"},
              {"garden", "toys"}};
    ResultsWriter writer(argv[1], true, provenance, axes);
    for (const int r : {2, 0, 1}) {
      ReplicationResult result;
      result.replication = static_cast<std::uint64_t>(r);
      result.kpi_names = {"fill_rate", "total_cost"};
      result.kpi_values = {0.95 + 0.01 * r, 2762000.0 + 1000.0 * r};
      RecordedArray on_hand{"on_hand", {"day", "sku", "site"}, {4, 3, 2}, {}};
      RecordedArray shipments{"shipments", {"day"}, {4}, {}};
      for (int day = 0; day < 4; ++day) {
        shipments.values.push_back(r + day);
        for (int sku = 0; sku < 3; ++sku) {
          for (int site = 0; site < 2; ++site) on_hand.values.push_back(1000 * r + 100 * day + 10 * sku + site);
        }
      }
      result.arrays = {on_hand, shipments};
      if (r == 1)  // stored from chunks compressed as `peaksim run`'s workers do, so Python reads that path too
        for (RecordedArray& a : result.arrays) compress_chunks(a);
      writer.add(result);
    }
    writer.commit();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_sample_results: %s\n", e.what());
    return 1;
  }
  return 0;
}
