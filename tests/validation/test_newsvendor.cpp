// Validation: the single-period newsvendor. One replication of
// scenarios/validation/newsvendor*.yaml is one selling period (horizon 1 day, stock Q, lost sales);
// the oracle below gives the critical-ratio quantity Q* and the expected sales, leftover, lost sales
// and profit at Q*. It works on the law peaksim actually draws: for Normal demand that is the
// discretised D = max(0, round(X)), X ~ N(mu, sigma^2), so no rounding tolerance is needed; the
// textbook continuous formulas (loss function L(z)) are checked against it separately.
#include "discrete_laws.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

struct Money {
  double price = 0, cost = 0, salvage = 0;
  double critical_ratio() const { return (price - cost) / (price - salvage); }
};

struct Outcome {
  double sales = 0, leftover = 0, lost = 0, profit = 0, stockout = 0;  // stockout: P(D >= Q), nothing left
};

// The smallest Q with F(Q) >= (p - c) / (p - v): raising Q by one unit gains (p - c) - (p - v) F(Q).
int critical_quantity(const Pmf& pmf, const Money& m) {
  double cdf = 0;
  for (std::size_t q = 0; q < pmf.size(); ++q)
    if ((cdf += pmf[q]) >= m.critical_ratio()) return int(q);
  return int(pmf.size()) - 1;
}

Outcome expected_at(const Pmf& pmf, const Money& m, int q) {
  Outcome o;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    const double d = double(k);
    o.sales += pmf[k] * std::min(d, double(q));
    o.leftover += pmf[k] * std::max(double(q) - d, 0.0);
    o.lost += pmf[k] * std::max(d - double(q), 0.0);
    if (int(k) >= q) o.stockout += pmf[k];
  }
  o.profit = m.price * o.sales + m.salvage * o.leftover - m.cost * double(q);
  return o;
}

// One newsvendor scenario, read back so the oracle uses the file's own numbers.
struct Setup {
  std::string file;
  Money money;
  Pmf pmf;
  double mu = 0, sigma = 0;  // of the demand before rounding (Normal) or the Poisson mean (sigma 0)
  std::string law;           // for the report
};

Setup read_setup(const std::string& file, double salvage) {
  const Scenario sc = load_scenario(scenario_path(file), {});
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.horizon_days == 1);
  REQUIRE(sc.skus.size() == 1);
  REQUIRE(sc.regions.size() == 1);
  const RegionSpec& r = sc.regions[0];
  REQUIRE(r.unmet == UnmetDemand::lost);
  REQUIRE(r.shocks.probability_per_day == 0);
  REQUIRE(plan.profile.factor.at(0) == 1.0);
  REQUIRE(plan.warehouses[0].levels[0].S == 0);  // no replenishment within the period
  const double mu = plan.warehouses[0].mean_demand[0];
  Setup s{file, {sc.skus[0].price, sc.skus[0].cost, salvage}, {}, mu, 0, {}};
  if (r.demand == DemandModel::normal) {
    s.sigma = r.cv * mu;
    s.pmf = rounded_normal_pmf(mu, s.sigma);
    s.law = fmt::format("D = max(0, round(N({}, {}^2)))", mu, r.cv * mu);
  } else {
    REQUIRE(r.demand == DemandModel::poisson);
    s.pmf = poisson_pmf(mu);
    s.law = fmt::format("D ~ Poisson({})", mu);
  }
  return s;
}

Runs run_with_stock(const Setup& s, int q, int replications) {
  return run_replications(scenario_path(s.file), {"sites.warehouses.0.initial_stock=" + std::to_string(q)},
                          replications);
}

std::vector<double> profits(const Runs& runs, const Money& m, int q) {
  std::vector<double> out;
  const auto& sales = runs.kpi.at("sales");
  const auto& leftover = runs.kpi.at("avg_on_hand");  // one day: the end-of-day count itself
  for (std::size_t r = 0; r < sales.size(); ++r)
    out.push_back(m.price * sales[r] + m.salvage * leftover[r] - m.cost * double(q));
  return out;
}

CaseReport report(const Setup& s, int q, const std::string& id, const std::string& formula) {
  CaseReport c;
  c.case_id = s.file.substr(0, s.file.find('.')) + "/" + id;
  c.model = "single-period newsvendor: stock Q* on the shelf, one day of demand, unmet demand lost";
  c.formula = formula;
  c.source =
      "critical-ratio solution (e.g. Nahmias, Production and Operations Analysis, ch. 5; Zipkin, "
      "Foundations of Inventory Management, ch. 6), expectations by exact summation over the pmf";
  c.parameters = fmt::format("{}, p={}, c={}, v={}, critical ratio {:.4f}, Q*={}", s.law, s.money.price, s.money.cost,
                             s.money.salvage, s.money.critical_ratio(), q);
  c.conventions =
      "horizon 1 day = one period; leftover = end-of-day on hand (KPI avg_on_hand); salvage v applied in "
      "the test: profit = p sales + v leftover - c Q; oracle on the discrete law peaksim draws";
  return c;
}

// Runs the scenario at Q* and compares each KPI with the oracle.
void compare_at_optimum(const Setup& s, int replications) {
  const int q = critical_quantity(s.pmf, s.money);
  const Outcome e = expected_at(s.pmf, s.money, q);
  const Runs runs = run_with_stock(s, q, replications);
  int not_one_period = 0;  // every unit of Q is either sold or left over, and nothing else arrives
  const auto &sales = runs.kpi.at("sales"), &leftover = runs.kpi.at("avg_on_hand");
  for (std::size_t r = 0; r < sales.size(); ++r)
    not_one_period += sales[r] + leftover[r] != q || runs.kpi.at("units_received")[r] != 0;
  CHECK(not_one_period == 0);
  struct Row {
    const char* id;
    const char* formula;
    double theory;
    std::vector<double> samples;
  };
  const Row rows[] = {
      {"expected_profit", "E[p min(D,Q*) + v (Q*-D)^+ - c Q*], Q* = min{Q : F(Q) >= (p-c)/(p-v)}", e.profit,
       profits(runs, s.money, q)},
      {"expected_sales", "E[min(D, Q*)]", e.sales, runs.kpi.at("sales")},
      {"expected_leftover", "E[(Q* - D)^+]", e.leftover, runs.kpi.at("avg_on_hand")},
      {"expected_lost_sales", "E[(D - Q*)^+]", e.lost, runs.kpi.at("lost_sales")},
      {"stockout_probability", "P(D >= Q*) = 1 - F(Q* - 1): the period ends with nothing left", e.stockout,
       runs.kpi.at("stockout_rate")},
      {"expected_demand", "E[D] = sum k P(D = k)", mean_of(s.pmf), runs.kpi.at("demand")},
  };
  for (const Row& r : rows) {
    CaseReport c = report(s, q, r.id, r.formula);
    c.theory = r.theory;
    c.samples = r.samples;
    const stats::Summary sm = stats::summarize(c.samples, 0.99);
    MESSAGE(fmt::format("{:<42} theory {:.5f}  simulation {:.5f} +/- {:.5f} (99%, n={})", c.case_id, c.theory, sm.mean,
                        sm.half_width, sm.n));
    check_against_theory(c);
  }
}

// Common random numbers: the same replication ids draw the same demand whatever Q is, so the profit
// lost by ordering Q* +- delta is measured on paired periods.
void compare_neighbours(const Setup& s, int delta, int replications) {
  const int q = critical_quantity(s.pmf, s.money);
  const std::vector<double> at_q = profits(run_with_stock(s, q, replications), s.money, q);
  for (int other : {q - delta, q + delta}) {
    const std::vector<double> at_other = profits(run_with_stock(s, other, replications), s.money, other);
    CaseReport c = report(s, q, fmt::format("profit_gain_over_Q{:+}", other - q),
                          "E[profit(Q*)] - E[profit(Q)] > 0 for Q != Q* (expected profit is concave in Q)");
    c.theory = expected_at(s.pmf, s.money, q).profit - expected_at(s.pmf, s.money, other).profit;
    for (std::size_t r = 0; r < at_q.size(); ++r) c.samples.push_back(at_q[r] - at_other[r]);
    c.conventions += "; paired replications (same demand draws at both quantities)";
    const stats::Summary sm = stats::summarize(c.samples, 0.99);
    MESSAGE(fmt::format("{:<42} theory {:.5f}  simulation {:.5f} +/- {:.5f} (99%, n={})", c.case_id, c.theory, sm.mean,
                        sm.half_width, sm.n));
    CHECK(c.theory > 0);
    CHECK(sm.mean - sm.half_width > 0);  // the simulator itself ranks Q* first
    check_against_theory(c);
  }
}

constexpr double kNormalSalvage = 1;   // stated in newsvendor.yaml
constexpr double kPoissonSalvage = 2;  // stated in newsvendor_poisson.yaml

}  // namespace

TEST_CASE("the newsvendor oracle finds the best integer stock and agrees with the textbook Normal formulas") {
  for (const auto& [file, salvage] :
       {std::pair{"newsvendor.yaml", kNormalSalvage}, std::pair{"newsvendor_poisson.yaml", kPoissonSalvage}}) {
    const Setup s = read_setup(file, salvage);
    double total = 0;
    for (double p : s.pmf) total += p;
    CHECK(total == doctest::Approx(1).epsilon(1e-12));
    // Brute force: Q* maximises the expected profit over every stock level the pmf covers.
    const int q = critical_quantity(s.pmf, s.money);
    for (int other = 0; other < int(s.pmf.size()); ++other)
      CHECK(expected_at(s.pmf, s.money, other).profit <= expected_at(s.pmf, s.money, q).profit + 1e-9);
    const Outcome e = expected_at(s.pmf, s.money, q);
    CHECK(e.sales + e.lost == doctest::Approx(mean_of(s.pmf)).epsilon(1e-12));
    CHECK(e.sales + e.leftover == doctest::Approx(double(q)).epsilon(1e-12));
  }
  // Normal: Q = mu + sigma z with z = Phi^-1(ratio), E[lost] = sigma L(z), L(z) = phi(z) - z (1 - Phi(z)).
  // Rounding X to whole units adds variance 1/12 to sigma^2 = 400: the discrete law's values differ from
  // the continuous ones at the same Q by far less than 0.01 units, which bounds the "rounding" effect.
  const Setup s = read_setup("newsvendor.yaml", kNormalSalvage);
  const double mu = s.mu, sigma = s.sigma;
  REQUIRE(sigma > 0);
  const boost::math::normal_distribution<double> n01;
  const double z_star = boost::math::quantile(n01, s.money.critical_ratio());
  const int q = critical_quantity(s.pmf, s.money);
  CHECK(std::abs(double(q) - (mu + sigma * z_star)) < 1);
  const double z = (double(q) - mu) / sigma;
  const double loss = boost::math::pdf(n01, z) - z * (1 - boost::math::cdf(n01, z));
  const Outcome e = expected_at(s.pmf, s.money, q);
  CHECK(std::abs(e.lost - sigma * loss) < 0.01);
  CHECK(std::abs(e.sales - (mu - sigma * loss)) < 0.01);
  CHECK(std::abs(e.leftover - (double(q) - mu + sigma * loss)) < 0.01);
  MESSAGE(
      fmt::format("Normal newsvendor: z* = {:.4f}, continuous Q = {:.3f}, integer Q* = {}; E[lost] discrete {:.5f}"
                  " vs sigma L(z) {:.5f}",
                  z_star, mu + sigma * z_star, q, e.lost, sigma * loss));
}

TEST_CASE("one-day peaksim runs with Normal demand match the newsvendor's expectations at Q*") {
  compare_at_optimum(read_setup("newsvendor.yaml", kNormalSalvage), 10000);
}

TEST_CASE("one-day peaksim runs with Poisson demand match the newsvendor's expectations at Q*") {
  compare_at_optimum(read_setup("newsvendor_poisson.yaml", kPoissonSalvage), 10000);
}

TEST_CASE("stocking Q* +- a few units earns less than Q* on the same simulated demand") {
  compare_neighbours(read_setup("newsvendor.yaml", kNormalSalvage), 10, 2000);
  compare_neighbours(read_setup("newsvendor_poisson.yaml", kPoissonSalvage), 5, 2000);
}
