// The reference (s,S) model: peaksim against a plain loop of the same model, and
// against values computed independently of peaksim.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "bench/plain_reference.hpp"
#include "model/network_plan.hpp"
#include "model/replication.hpp"
#include "sim/montecarlo/worker_pool.hpp"
#include "sim/scenario/loader.hpp"

using namespace peaksim;

namespace {

const std::string kReference = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/reference/single_sS.yaml";

std::map<std::uint64_t, std::map<std::string, double>> run_reference(int skus, int replications) {
  const Scenario sc = load_scenario(
      kReference, {"catalog.generate.count=" + std::to_string(skus), "replications=" + std::to_string(replications)});
  const NetworkPlan plan = make_network_plan(sc);
  std::vector<std::uint64_t> ids;
  for (int r = 0; r < replications; ++r) ids.push_back(std::uint64_t(r));
  std::map<std::uint64_t, std::map<std::string, double>> kpis;
  run_in_workers(batch_runner(plan), ids, {2, 1}, [&](ReplicationResult&& r) {
    for (std::size_t k = 0; k < r.kpi_names.size(); ++k) kpis[r.replication][r.kpi_names[k]] = r.kpi_values[k];
  });
  return kpis;
}

}  // namespace

TEST_CASE("peaksim reproduces a plain loop of the reference model exactly, replication by replication") {
  const int skus = 300;
  const auto kpis = run_reference(skus, 3);
  const std::uint64_t seed = load_scenario(kReference).seed;
  for (const auto& [rep, k] : kpis) {
    const bench::PlainTotals plain = bench::plain_reference(skus, seed, rep);
    INFO("replication " << rep);
    CHECK(k.at("demand") == plain.demand);
    CHECK(k.at("sales") == plain.sales);
    CHECK(k.at("lost_sales") == plain.lost);
    CHECK(k.at("orders_placed") == plain.orders);
    CHECK(k.at("avg_on_hand") * 365 == doctest::Approx(plain.on_hand_days).epsilon(1e-12));
    CHECK(k.at("total_cost") == doctest::Approx(plain.total_cost()).epsilon(1e-12));
  }
}

TEST_CASE(
    "the reference model's fill rate and cost per SKU-day match the independent values within 4 standard errors") {
  // An independent computation of the same model: fill rate 0.98809 (sd 0.00012 for one N=1000
  // run), total cost 7.5699 per SKU-day (sd 0.0069).
  const int replications = 20;
  const auto kpis = run_reference(1000, replications);
  double fill = 0, cost = 0;
  for (const auto& [rep, k] : kpis) {
    fill += k.at("fill_rate") / replications;
    cost += k.at("cost_per_sku_day") / replications;
  }
  const double se_fill = 0.00012 / std::sqrt(double(replications)), se_cost = 0.0069 / std::sqrt(double(replications));
  INFO("fill rate " << fill << " vs 0.98809, tolerance " << 4 * se_fill);
  CHECK(std::abs(fill - 0.98809) <= 4 * se_fill);
  INFO("cost per SKU-day " << cost << " vs 7.5699, tolerance " << 4 * se_cost);
  CHECK(std::abs(cost - 7.5699) <= 4 * se_cost);
}
