// Validation: periodic-review (s,S) with i.i.d. Poisson demand and lead time 0 (and 1),
// against the exact Markov chain of markov_sS.hpp. The chain is checked first on its own (a chain
// worked out by hand, then a long plain simulation of the day's rules); then peaksim's cost
// components, fill rate and order frequency are compared with the chain's long-run averages.
// The grid optimum and its neighbours are in sS_optimum.cpp.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>

#include "sS_setup.hpp"

using namespace peaksim;
using namespace peaksim::validation;

TEST_CASE("the (s,S) chain reproduces a two-level chain worked out by hand") {
  // (s,S) = (1,2), trigger "below", lead time 0: levels 1 and 2 at the count.
  // From 2: D = 0 stays at 2, D = 1 ends at 1, D >= 2 falls below 1 and orders back to 2.
  // From 1: D = 0 stays at 1, D >= 1 orders back to 2. Lost sales give the same chain.
  const double lambda = 0.7, e = std::exp(-lambda);
  const double up = 1 - e, down = lambda * e;  // P(1 -> 2), P(2 -> 1)
  const double pi1 = down / (down + up), pi2 = 1 - pi1;
  for (Unmet unmet : {Unmet::backorder, Unmet::lost}) {
    SsModel m{.rate = lambda, .s = 1, .S = 2, .unmet = unmet, .holding = 1, .lost_sale = 1, .order_fixed = 1};
    const SsChain chain(m);
    REQUIRE(chain.states() == 2);
    const Eigen::MatrixXd& P = chain.transition();
    CHECK(P(0, 1) == doctest::Approx(up).epsilon(1e-14));
    CHECK(P(1, 0) == doctest::Approx(down).epsilon(1e-14));
    CHECK(P.rowwise().sum().maxCoeff() == doctest::Approx(1).epsilon(1e-14));
    const Eigen::VectorXd pi = chain.stationary();
    CHECK(pi(0) == doctest::Approx(pi1).epsilon(1e-13));
    CHECK(chain.order_probability(1) == doctest::Approx(1 - e).epsilon(1e-14));
    CHECK(chain.order_probability(2) == doctest::Approx(1 - e - lambda * e).epsilon(1e-14));
    CHECK(chain.expected_sales(2) == doctest::Approx((1 - e) + (1 - e - lambda * e)).epsilon(1e-14));
    const DailyAverages a = chain.long_run();
    CHECK(a.on_hand == doctest::Approx(pi1 + 2 * pi2).epsilon(1e-13));
    CHECK(a.backorders == 0);
    CHECK(a.orders == doctest::Approx(pi1 * (1 - e) + pi2 * (1 - e - lambda * e)).epsilon(1e-13));
    // Lost units E(D - x)^+ = lambda - E min(D, x); none are lost when demand is backordered.
    const double lost = pi1 * (lambda - (1 - e)) + pi2 * (lambda - (1 - e) - (1 - e - lambda * e));
    CHECK(a.lost == doctest::Approx(unmet == Unmet::lost ? lost : 0).epsilon(1e-13));
  }
}

TEST_CASE("the stationary (s,S) chain balances and matches a long plain simulation of the same days") {
  // Backorders and lost sales, both triggers, both receipt times. 400 batches of 5000 days each;
  // a chain value must lie within 4.5 batch-means standard errors (two-sided chance ~7e-6 each).
  std::vector<SsModel> models;
  for (Unmet u : {Unmet::backorder, Unmet::lost})
    for (bool at_or_below : {false, true})
      for (Receipt r : {Receipt::same_day_close, Receipt::next_morning})
        models.push_back({.rate = 5, .s = 3, .S = 15, .at_or_below = at_or_below, .unmet = u, .receipt = r});
  std::uint64_t seed = 1;
  for (const SsModel& m : models) {
    const SsChain chain(m);
    const Eigen::VectorXd pi = chain.stationary();
    CHECK(pi.sum() == doctest::Approx(1).epsilon(1e-14));
    CHECK(pi.minCoeff() > 0);
    CHECK((pi.transpose() * chain.transition() - pi.transpose()).lpNorm<Eigen::Infinity>() < 1e-13);
    const DailyAverages theory = chain.long_run();
    const std::vector<DailyAverages> batches = plain_simulation(m, 400, 5000, seed++);
    auto field = [&](double DailyAverages::*f, const char* name) {
      std::vector<double> v;
      for (const DailyAverages& b : batches) v.push_back(b.*f);
      const stats::Summary s = stats::summarize(v, 0.99);
      const double se = s.sd / std::sqrt(double(s.n));
      INFO(fmt::format("{} {} {} lead {}: chain {:.6f}, plain {:.6f} +/- {:.2g} (se)", name,
                       m.unmet == Unmet::lost ? "lost" : "backorder", m.at_or_below ? "<=" : "<",
                       m.receipt == Receipt::same_day_close ? 0 : 1, theory.*f, s.mean, se));
      CHECK(std::abs(theory.*f - s.mean) <= 4.5 * se + 1e-12);
    };
    field(&DailyAverages::on_hand, "on_hand");
    field(&DailyAverages::backorders, "backorders");
    field(&DailyAverages::lost, "lost");
    field(&DailyAverages::sales, "sales");
    field(&DailyAverages::orders, "orders");
  }
}

namespace {

// Runs a scenario and compares every component per SKU-day with the chain's long-run value. A run
// starts from S, not from the stationary law: the exact start-up bias (chain average over the
// horizon from S minus the long-run value) is the documented tolerance of each comparison.
void compare_components(const std::string& name) {
  const SsSetup setup = read_setup(name + ".yaml");
  const SsModel& m = setup.model;
  const SsChain chain(m);
  const DailyAverages lr = chain.long_run(), fh = chain.finite_horizon(setup.days);
  const Runs runs = run_replications(scenario_path(name + ".yaml"), {}, setup.replications);
  const std::string params = fmt::format(
      "lambda={}/day, s={}, S={}, h={}, b={}, p={}, K={}, {} SKUs x {} days, trigger {}", m.rate, m.s, m.S, m.holding,
      m.backorder, m.lost_sale, m.order_fixed, setup.skus, setup.days, m.at_or_below ? "IP<=s" : "IP<s");
  struct Row {
    const char* id;
    const char* kpi;
    double per;
    double theory, horizon;
  };
  const Row rows[] = {
      {"holding_cost_per_sku_day", "holding_cost", 1, lr.holding, fh.holding},
      {"shortage_cost_per_sku_day", "shortage_cost", 1, lr.shortage, fh.shortage},
      {"ordering_cost_per_sku_day", "fixed_ordering_cost", 1, lr.ordering, fh.ordering},
      {"total_cost_per_sku_day", "total_cost", 1, lr.total(), fh.total()},
      {"fill_rate", "sales", m.rate, lr.sales / m.rate, fh.sales / m.rate},
      {"orders_per_sku_day", "orders_placed", 1, lr.orders, fh.orders},
  };
  for (const Row& r : rows) {
    CaseReport c;
    c.case_id = name + "/" + r.id;
    c.model = fmt::format("periodic-review (s,S), i.i.d. Poisson demand, lead time {}, {}",
                          m.receipt == Receipt::same_day_close ? "0" : "1 day",
                          m.unmet == Unmet::lost ? "lost sales" : "backorders");
    c.formula =
        "stationary law pi of the chain X_t = T(X_{t-1} - D_t) on levels after receipt; E_pi of the day's "
        "cost (fill rate: E_pi min(D, X) / lambda)";
    c.source = "exact Markov chain (tests/validation/markov_sS.hpp), solved with Eigen";
    c.parameters = params;
    c.conventions = fmt::format(
        "order at the 18:00 review arrives {}; costs on end-of-day stock; per SKU-day; "
        "fill rate = sales / (lambda x SKU-days); tolerance = exact start-up bias from S",
        m.receipt == Receipt::same_day_close ? "at 23:00, before the count" : "next day at 00:00");
    c.theory = r.theory;
    c.samples = per_sku_day(runs, r.kpi, setup, r.per);
    c.tolerance = std::abs(r.horizon - r.theory) + 1e-12;
    const stats::Summary s = stats::summarize(c.samples, 0.99);
    MESSAGE(fmt::format("{:<40} theory {:.6f}  simulation {:.6f} +/- {:.6f} (99%, n={})  start-up bias {:.2e}",
                        c.case_id, c.theory, s.mean, s.half_width, s.n, r.horizon - r.theory));
    check_against_theory(c);
  }
  const stats::Summary fill = stats::summarize(runs.kpi.at("fill_rate"), 0.99);
  MESSAGE(fmt::format("{} KPI fill_rate (sales/demand per replication): {:.6f} +/- {:.6f}", name, fill.mean,
                      fill.half_width));
}

}  // namespace

TEST_CASE("peaksim's backorder (s,S) costs, fill rate and order frequency match the exact chain") {
  compare_components("sS_backorder");
}

TEST_CASE("peaksim's lost-sales (s,S) costs, fill rate and order frequency match the exact chain") {
  compare_components("sS_lost_sales");
}

TEST_CASE("peaksim's backorder (s,S) with next-morning delivery matches the exact chain, backorder penalty included") {
  compare_components("sS_backorder_next_day");
}
