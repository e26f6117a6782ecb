// Validation: a two-stage serial system (supplier -> dc -> fc -> customers) under echelon base stock,
// Poisson demand, backorders, constant lead times (scenarios/validation/two_echelon.yaml, which
// derives the timing). The expected cost per day and the fc's fill rate are compared with the exact
// Chen-Zheng / Shang-Song recursion (clark_scarf.hpp); the recursion's optimal levels, which the
// scenario holds, beat a perturbed pair in theory and in simulation.
//
// peaksim has one holding cost per unit-day for every site, so the echelon costs h1 (dc) and h2 (fc)
// are applied here to the recorded daily arrays: at each count, h1 x (dc on hand + fc on order, which
// is the stock in transit from dc) + (h1 + h2) x fc on hand + b x fc backorders.
#include "clark_scarf.hpp"
#include "daily_arrays.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

const std::string kFile = "two_echelon.yaml";
constexpr int kDc = 0, kFc = 1;  // sites, in scenario order
constexpr int kWarmUp = 10;      // days dropped: the pipelines start empty (L1 + L2 = 5 days)

struct Setup {
  SerialSystem system;
  int S1 = 0, S2 = 0;
  int skus = 0, days = 0;
};

// The recursion's parameters, read back from the scenario, with what the recursion assumes required.
Setup read_setup(const std::vector<std::string>& overrides = {}) {
  const Scenario sc = load_scenario(scenario_path(kFile), overrides);
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.warehouses.size() == 2);
  const WarehousePlan &dc = plan.warehouses[kDc], &fc = plan.warehouses[kFc];
  REQUIRE(dc.supplier >= 0);
  REQUIRE(fc.source == kDc);
  REQUIRE(dc.regions.empty());
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(sc.regions[0].unmet == UnmetDemand::backorder);
  REQUIRE(sc.regions[0].demand == DemandModel::poisson);
  REQUIRE(sc.regions[0].shocks.probability_per_day == 0);
  for (double f : plan.profile.factor) REQUIRE(f == 1.0);
  const SupplierSpec& supplier = sc.suppliers[std::size_t(dc.supplier)];
  REQUIRE((std::isinf(supplier.capacity_per_day) && supplier.moq <= 1 && supplier.case_pack == 1));
  for (const LaneSpec* lane : {dc.inbound, fc.inbound})
    REQUIRE(lane->lead_time_days.kind == rng::DistributionSpec::Kind::constant);
  Setup s;
  s.system = {fc.mean_demand[0],
              int(std::lround(dc.inbound->lead_time_days.value)),
              int(std::lround(fc.inbound->lead_time_days.value)),
              1.0,
              1.0,
              9.0};
  s.S1 = int(dc.levels[0].S);
  s.S2 = int(fc.levels[0].S);
  s.skus = int(sc.skus.size());
  s.days = sc.horizon_days;
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    for (const WarehousePlan* wp : {&dc, &fc}) {
      REQUIRE(wp->params[k]->type == PolicyType::echelon_base_stock);
      REQUIRE(wp->params[k]->review_period_days == 1);
    }
    REQUIRE(dc.mean_demand[k] == s.system.lambda);  // a dc's m is the m of what it serves
    REQUIRE(dc.levels[k].S == s.S1);
    REQUIRE(fc.levels[k].S == s.S2);
    REQUIRE(fc.initial_stock[k] == s.S2);  // every echelon starts at its level
    REQUIRE(dc.initial_stock[k] == s.S1 - s.S2);
  }
  return s;
}

struct PerReplication {
  std::vector<double> cost, fill_rate;
};

PerReplication simulate(const Setup& s, const std::vector<std::string>& overrides, int replications) {
  const Runs runs = run_replications(scenario_path(kFile), overrides, replications, true);
  const SerialSystem& m = s.system;
  PerReplication out;
  for (const ReplicationResult& r : runs.results) {
    const DailyArrays a(r);
    REQUIRE(a.sites() == 2);
    const auto oh = a["on_hand"], oo = a["on_order"], bo = a["backorders"], dem = a["demand"], sal = a["sales"];
    double cost = 0, demand = 0, sales = 0, n = 0;
    for (int t = kWarmUp; t < a.days(); ++t)
      for (int k = 0; k < a.skus(); ++k) {
        cost += m.h_dc * double(oh(t, k, kDc) + oo(t, k, kFc)) + (m.h_dc + m.h_fc) * double(oh(t, k, kFc)) +
                m.b * double(bo(t, k, kFc));
        demand += double(dem(t, k, kFc));
        sales += double(sal(t, k, kFc));
        ++n;
      }
    out.cost.push_back(cost / n);
    out.fill_rate.push_back(sales / demand);
  }
  return out;
}

void describe(CaseReport& c, const Setup& s, const char* model) {
  c.source =
      "Clark & Scarf (1960); exact recursion of Chen & Zheng (1994) and Shang & Song (2003), as in Gallego & "
      "Zipkin (1999); timing derived for peaksim's day in scenarios/validation/two_echelon.yaml";
  report(c, model,
         fmt::format("lambda={}/day, L1={}d (supplier->dc), L2={}d (dc->fc), h1={} (echelon, dc), h2={} (echelon, "
                     "fc), b={}, S1={}, S2={}, {} SKUs x {} days",
                     s.system.lambda, s.system.L1, s.system.L2, s.system.h_dc, s.system.h_fc, s.system.b, s.S1, s.S2,
                     s.skus, s.days),
         "day: receive 00:00, demand 06:00 at fc, review 18:00 (fc orders S2 - IP from dc, dc orders S1 - echelon "
         "IP), supply 20:00 (supplier ships, then dc ships what it has), count 23:00; the lead times of the "
         "recursion are L1 and L2 exactly; cost per SKU-day at the count, h1 on dc stock and stock in transit to fc, "
         "h1+h2 on fc stock, b on fc backorders; days 0..9 dropped (empty pipelines)");
}

}  // namespace

TEST_CASE("the recursion's optimal echelon levels are the scenario's, and beat perturbed pairs in theory") {
  const Setup s = read_setup();
  const auto [S1, S2] = optimal_levels(s.system, 100);
  CHECK(S1 == s.S1);
  CHECK(S2 == s.S2);
  const double best = serial_theory(s.system, S1, S2).cost;
  for (const auto& [d1, d2] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {3, -3}})
    CHECK(serial_theory(s.system, S1 + d1, S2 + d2).cost > best);
}

TEST_CASE("two-echelon base-stock cost per day and fill rate match the Clark-Scarf recursion") {
  const Setup s = read_setup();
  const SerialTheory th = serial_theory(s.system, s.S1, s.S2);
  const PerReplication sim = simulate(s, {}, 30);
  const char* model =
      "two-stage serial system (supplier -> dc -> fc), echelon base stock at both, constant lead times, Poisson "
      "demand at fc, backorders";
  CaseReport cost;
  cost.case_id = "two_echelon/expected_cost";
  cost.formula = "C~2(S1) of the Chen-Zheng / Shang-Song recursion (tests/validation/clark_scarf.hpp)";
  cost.theory = th.cost;
  cost.samples = sim.cost;
  describe(cost, s, model);
  CaseReport fill;
  fill.case_id = "two_echelon/fc_fill_rate";
  fill.formula = "E[min(D, (min(S2, S1 - D^{L1}) - D^{L2-1})^+)] / lambda, D^L ~ Poisson(lambda L)";
  fill.theory = th.fill_rate;
  fill.samples = sim.fill_rate;
  describe(fill, s, model);
}

TEST_CASE("in simulation, the optimal echelon levels cost less than a perturbed pair, whose cost matches theory") {
  const std::vector<std::string> perturbed = {"sites.warehouses.0.policy.S=28", "policy.S=9",
                                              "sites.warehouses.0.initial_stock=19"};
  const Setup best = read_setup(), other = read_setup(perturbed);
  REQUIRE(other.S1 == best.S1 + 3);
  REQUIRE(other.S2 == best.S2 - 3);
  const PerReplication sim_best = simulate(best, {}, 30), sim_other = simulate(other, perturbed, 30);
  CaseReport c;
  c.case_id = "two_echelon/perturbed_cost";
  c.formula = "C~2(S1) at (S1 + 3, S2 - 3)";
  c.theory = serial_theory(other.system, other.S1, other.S2).cost;
  c.samples = sim_other.cost;
  describe(c, other, "the two-echelon case with perturbed echelon levels");
  const stats::Summary a = stats::summarize(sim_best.cost, 0.99), b = stats::summarize(sim_other.cost, 0.99);
  CHECK(a.mean + a.half_width < b.mean - b.half_width);
}
