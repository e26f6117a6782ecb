// Validation: the newsvendor_preseason policy. One replication of
// scenarios/validation/newsvendor_preseason.yaml is one season sold from one pre-season buy (see the
// file's header). The oracle is the newsvendor of test_newsvendor.cpp on the exact law of the season's
// demand, the sum of the daily rounded Normal counts (a convolution of their pmfs): the critical-ratio
// quantity Q* and the expected profit at Q*. The policy computes its buy from a Normal approximation of
// the season (mean and variance of the daily laws, continuity-corrected); the test checks it buys Q*,
// that the simulated season profit's CI covers the expected profit, and that the textbook continuous
// Normal formula agrees with the exact one.
#include <boost/math/distributions/normal.hpp>

#include "discrete_laws.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

Pmf convolve(const Pmf& a, const Pmf& b) {
  Pmf out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  return out;
}

struct Money {
  double price, cost, salvage;
  double ratio() const { return (price - cost) / (price - salvage); }
};

int critical_quantity(const Pmf& pmf, double ratio) {
  double cdf = 0;
  for (std::size_t q = 0; q < pmf.size(); ++q)
    if ((cdf += pmf[q]) >= ratio) return int(q);
  return int(pmf.size()) - 1;
}

double expected_profit(const Pmf& pmf, const Money& m, int q) {
  double profit = -m.cost * q;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    const double d = double(k);
    profit += pmf[k] * (m.price * std::min(d, double(q)) + m.salvage * std::max(double(q) - d, 0.0));
  }
  return profit;
}

}  // namespace

TEST_CASE("newsvendor_preseason buys the critical-ratio quantile of season demand, and earns its expected profit") {
  const std::string file = "newsvendor_preseason.yaml";
  const Scenario sc = load_scenario(scenario_path(file), {});
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.skus.size() == 1);
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(sc.regions[0].demand == DemandModel::normal);
  REQUIRE(sc.regions[0].unmet == UnmetDemand::lost);
  for (double f : plan.profile.factor) REQUIRE(f == 1.0);
  const Money money{sc.skus[0].price, sc.skus[0].cost, sc.skus[0].salvage};
  const double mu = plan.warehouses[0].mean_demand[0], sigma = sc.regions[0].cv * mu;

  Pmf season{1.0};
  const Pmf day = rounded_normal_pmf(mu, sigma);
  for (int t = 0; t < sc.horizon_days; ++t) season = convolve(season, day);
  const int q_star = critical_quantity(season, money.ratio());
  const std::int64_t bought = plan.warehouses[0].initial_stock[0];
  MESSAGE(fmt::format("season of {} days: exact Q* = {}, the policy buys {}", sc.horizon_days, q_star, bought));
  CHECK(bought == q_star);

  const Runs runs = run_replications(scenario_path(file), {}, 2000);
  CaseReport c;
  c.case_id = "newsvendor_preseason/expected_season_profit";
  c.model = "newsvendor_preseason: one pre-season buy, a season of daily Normal demand rounded to units, lost sales";
  c.formula =
      "E[p min(D,Q*) + v (Q*-D)^+ - c Q*], D = sum of the season's daily demands, Q* = min{Q : F(Q) >= "
      "(p-c)/(p-v)}";
  c.source = "critical-ratio solution (Nahmias, ch. 5), on the exact law of D (convolution of the daily pmfs)";
  c.parameters = fmt::format("{} days of max(0, round(N({}, {}^2))), p={}, c={}, v={}, Q*={}", sc.horizon_days, mu,
                             sigma, money.price, money.cost, money.salvage, q_star);
  c.conventions = "initial stock = the policy's buy; leftover sold at salvage at the end; KPI season_profit";
  c.theory = expected_profit(season, money, q_star);
  c.samples = runs.kpi.at("season_profit");
  const stats::Summary sm = stats::summarize(c.samples, 0.99);
  MESSAGE(fmt::format("{}: theory {:.4f}, simulation {:.4f} +/- {:.4f} (99%, n={})", c.case_id, c.theory, sm.mean,
                      sm.half_width, sm.n));
  check_against_theory(c);

  // The textbook closed form: D ~ N(T mu, T (sigma^2 + 1/12)) (rounding each day's draw adds 1/12 to
  // its variance), E[min(D, Q)] = mean - sd L(z), L(z) = phi(z) - z (1 - Phi(z)), z = (Q - mean) / sd.
  // The simulated profit's interval must cover it too, and it must agree with the exact law.
  const double mean_d = mu * sc.horizon_days;
  const double sd_d = std::sqrt(sc.horizon_days * (sigma * sigma + 1.0 / 12));
  const boost::math::normal_distribution<double> n01;
  const double z = (q_star - mean_d) / sd_d;
  const double loss = boost::math::pdf(n01, z) - z * (1 - boost::math::cdf(n01, z));
  const double sales = mean_d - sd_d * loss;
  CaseReport closed = c;
  closed.case_id = "newsvendor_preseason/expected_season_profit_normal_closed_form";
  closed.formula =
      "p (mean - sd L(z)) + v (Q* - mean + sd L(z)) - c Q*, z = (Q* - mean) / sd, D ~ N(T mu, T (sigma^2 + 1/12))";
  closed.theory = money.price * sales + money.salvage * (q_star - sales) - money.cost * q_star;
  MESSAGE(fmt::format("continuous Normal closed form {:.4f} vs exact {:.4f}", closed.theory, c.theory));
  CHECK(std::abs(closed.theory - c.theory) < 0.5);
  check_against_theory(closed);
  int not_one_buy = 0;
  for (std::size_t r = 0; r < c.samples.size(); ++r)
    not_one_buy += runs.kpi.at("units_ordered")[r] != 0 ||
                   runs.kpi.at("sales")[r] + runs.kpi.at("salvage_value")[r] / money.salvage != double(q_star) ||
                   runs.kpi.at("preseason_units")[r] != double(q_star);
  CHECK(not_one_buy == 0);
}
