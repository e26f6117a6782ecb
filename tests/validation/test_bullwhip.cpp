// Case 6: the bullwhip effect of the moving_average policy against Chen, Drezner, Ryan &
// Simchi-Levi (2000), "Quantifying the bullwhip effect in a simple supply chain", Management
// Science 46(3).
//
// Timing. peaksim reviews at 18:00, after the day's demand, and an order placed on day t is on
// the shelf before day t+L's demand: Chen et al.'s "order at the end of period t, received at the
// start of period t+L". With daily reviews the level must cover P = max(L, 1) days (an L = 0
// order arrives at the close, in time for tomorrow, as L = 1 would), so their L is our P, and the
// policy orders up to S_t = P mean_t + z sqrt(P) sd_t over the last p days, demand of day t included.
//
// Theory. While no order is cut at 0, IP after ordering is S_t, so q_t = S_t - S_{t-1} + D_t. With
// z = 0 and k = P/p: q_t = (1 + k) D_t - k D_{t-p}, and for i.i.d. demand
//   Var(q) / Var(D) = (1 + k)^2 + k^2 = 1 + 2P/p + 2P^2/p^2   exactly.
// With z > 0 the extra term z sqrt(P) (sd_t - sd_{t-1}) is uncorrelated with the demand terms for
// a symmetric demand (Chen et al.), so the ratio is at least that value: their lower bound.
//
// Measure. After a warm-up of p + L days, per replication, the ratio of the sums over SKUs and
// days of (q - m)^2 and (D - m)^2. E[D] = E[q] = m exactly (a Normal around a whole m stays
// symmetric when rounded; no order is cut), so each sum is unbiased however orders are correlated.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "daily_arrays.hpp"
#include "validation_case.hpp"

using namespace peaksim;

namespace {

const std::string kScenario = validation::scenario_path("bullwhip.yaml");
constexpr int kReplications = 16;

struct Setting {
  int L;     // lead time, days
  int p;     // moving-average window, days
  double z;  // safety factor
};

// Days of demand an order must cover in peaksim's timing (daily reviews): Chen et al.'s L.
double protection(int L) { return std::max(L, 1); }

double chen_ratio(double P, int p) { return 1 + 2 * P / p + 2 * P * P / (double(p) * p); }

struct Measured {
  std::vector<double> ratio;  // one per replication
  std::int64_t zero_orders = 0, orders = 0;
};

// m per SKU, from the scenario as the test runs it (one warehouse).
std::vector<double> baseline_means(const std::vector<std::string>& overrides) {
  const Scenario sc = load_scenario(kScenario, overrides);
  return make_network_plan(sc).warehouses.at(0).mean_demand;
}

Measured measure(const Setting& s, const std::vector<std::string>& overrides) {
  const std::vector<double> m = baseline_means(overrides);
  const validation::Runs runs = validation::run_replications(kScenario, overrides, kReplications, true);
  Measured out;
  for (const ReplicationResult& r : runs.results) {
    const validation::DailyArrays a(r);
    const auto demand = a["demand"], orders = a["orders"];
    REQUIRE(std::size_t(a.skus()) == m.size());
    double sq_orders = 0, sq_demand = 0;
    for (int t = s.p + s.L; t < a.days(); ++t)
      for (int k = 0; k < a.skus(); ++k) {
        const double q = double(orders(t, k)) - m[std::size_t(k)], d = double(demand(t, k)) - m[std::size_t(k)];
        sq_orders += q * q;
        sq_demand += d * d;
        // An order that would have been negative is recorded as 0; with demand ~ 20 sd above 0
        // a true order of exactly 0 does not happen, so zero orders count the cut ones.
        out.zero_orders += orders(t, k) == 0;
        ++out.orders;
      }
    out.ratio.push_back(sq_orders / sq_demand);
  }
  return out;
}

std::vector<std::string> overrides_of(const Setting& s) {
  return {fmt::format("lanes.0.lead_time={}d", s.L), fmt::format("policy.window={}d", s.p),
          fmt::format("policy.z={}", s.z)};
}

// Rounding S_t to whole units adds e_t - e_{t-1} to q_t with |e| <= 1/2, so the root mean square
// of q - m moves by at most 1: the ratio moves by at most 2 sqrt(r) / sd + 1 / sd^2.
double rounding_allowance(double ratio, double sd) { return 2 * std::sqrt(ratio) / sd + 1 / (sd * sd); }

double demand_sd(const std::vector<std::string>& overrides) {
  const Scenario sc = load_scenario(kScenario, overrides);
  return sc.regions.at(0).cv * baseline_means(overrides).at(0);
}

}  // namespace

TEST_CASE("without a safety term the order variance ratio is exactly 1 + 2P/p + 2P^2/p^2") {
  for (const Setting& s :
       {Setting{0, 2, 0}, Setting{1, 5, 0}, Setting{2, 4, 0}, Setting{3, 7, 0}, Setting{4, 2, 0}, Setting{6, 4, 0}}) {
    const auto overrides = overrides_of(s);
    const Measured got = measure(s, overrides);
    const double P = protection(s.L), theory = chen_ratio(P, s.p);
    const double truncated = double(got.zero_orders) / double(got.orders);
    MESSAGE(fmt::format("L = {}, p = {}: orders cut at 0: {} of {}", s.L, s.p, got.zero_orders, got.orders));
    CHECK(truncated <= 1e-4);  // the exact formula assumes none
    validation::CaseReport c;
    c.case_id = fmt::format("bullwhip/L{}_p{}_z0", s.L, s.p);
    c.model = "moving_average order-up-to, daily review, i.i.d. Normal demand, backorders, constant lead time";
    c.formula = "Var(q)/Var(D) = 1 + 2P/p + 2P^2/p^2, P = max(L, 1)";
    c.source =
        "Chen, Drezner, Ryan & Simchi-Levi (2000), Management Science 46(3); exact when z = 0 and no order "
        "is cut at 0";
    c.parameters = fmt::format("L={}d, p={}d, z=0, m=10000, cv=0.05, 100 SKUs x 360 days, warm-up p+L", s.L, s.p);
    c.conventions = fmt::format(
        "order at the 18:00 review of day t is on the shelf before day t+L's demand "
        "(Chen's end of period t to start of t+L), so Chen's L is P = max(L,1) = {}; "
        "L+1 would give {:.4g}; orders cut at 0: {:.2g}",
        P, chen_ratio(s.L + 1, s.p), truncated);
    c.theory = theory;
    c.samples = got.ratio;
    c.tolerance = rounding_allowance(theory, demand_sd(overrides));
    validation::check_against_theory(c);
  }
}

TEST_CASE("with a safety term the order variance ratio is at least the Chen et al. bound") {
  for (const Setting& s : {Setting{0, 3, 2}, Setting{1, 5, 1}, Setting{2, 4, 1.65}}) {
    const auto overrides = overrides_of(s);
    const Measured got = measure(s, overrides);
    const double bound = chen_ratio(protection(s.L), s.p);
    const stats::Summary sum = stats::summarize(got.ratio, 0.99);
    const double tolerance = rounding_allowance(bound, demand_sd(overrides));
    MESSAGE(
        fmt::format("L = {}, p = {}, z = {}: ratio {:.4f} +/- {:.4f} (99% CI, n = {}), bound {:.4f}; "
                    "orders cut at 0: {} of {}",
                    s.L, s.p, s.z, sum.mean, sum.half_width, sum.n, bound, got.zero_orders, got.orders));
    CHECK(double(got.zero_orders) / double(got.orders) <= 1e-4);
    CHECK(sum.mean + sum.half_width + tolerance >= bound);
  }
}
