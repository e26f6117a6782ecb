// Validation: daily base stock with a constant lead time L, Poisson demand,
// backorders (scenarios/validation/base_stock.yaml, which derives the timing). Under docs/model.md's
// day, the end-of-day net inventory is NI_t = S - (D_{t-L+1} + ... + D_t): L days of demand. The
// derivation is checked twice before it is trusted: on a tiny deterministic world worked out by
// hand, and day by day on every SKU of a stochastic run. Then the stationary on-hand, backorders,
// cycle service level and fill rate are compared with the Poisson oracle. Little's law on the same
// scenario (case 7) is in test_little.cpp.
#include "base_stock_setup.hpp"
#include "discrete_laws.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

// The oracle: X = D_{t-L+1} + ... + D_t ~ Poisson(L lambda), NI = S - X at the count; the stock
// that meets day t's demand is (S - Y)^+ with Y ~ Poisson((L-1) lambda) independent of D_t.
struct Theory {
  double on_hand = 0, backorders = 0, no_backorder = 0, fill_rate = 0;
};

Theory base_stock_theory(double lambda, int lead, int S) {
  Theory t;
  const Pmf x = poisson_pmf(lead * lambda);
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double net = double(S) - double(k);
    t.on_hand += x[k] * std::max(net, 0.0);
    t.backorders += x[k] * std::max(-net, 0.0);
    if (net >= 0) t.no_backorder += x[k];
  }
  const Pmf y = poisson_pmf((lead - 1) * lambda), d = poisson_pmf(lambda);
  double served = 0;
  for (std::size_t j = 0; j < y.size(); ++j)
    for (std::size_t k = 0; k < d.size(); ++k)
      served += y[j] * d[k] * std::min(double(k), std::max(double(S) - double(j), 0.0));
  t.fill_rate = served / lambda;
  return t;
}

// The description every base-stock check carries into docs/validation.md.
void describe(CaseReport& c, const BaseStockSetup& s) {
  c.source =
      "stationary base-stock analysis (Zipkin, Foundations of Inventory Management, ch. 6; Axsater, "
      "Inventory Control, ch. 5), timing re-derived for peaksim's day and checked on its sample paths";
  report(c, "periodic-review base stock (order up to S daily), constant lead time L, Poisson demand, backorders",
         fmt::format("lambda={}/day, L={} days, S={}, {} SKUs x {} days", s.lambda, s.lead, s.S, s.skus, s.days),
         "day: receive 00:00 (order of day t-L), demand 06:00, review 18:00 (IP = S restored), count 23:00; "
         "NI_t = S - (D_{t-L+1}+...+D_t), days before 0 having no demand; the stationary averages drop days 0..L-2 "
         "(started at S with an empty pipeline) and are taken per SKU-day at the count; fill rate = sales / demand "
         "per replication");
}

}  // namespace

TEST_CASE("a tiny deterministic base-stock world ends every day at S minus the last L days of demand") {
  // S = 10, L = 3, 4 units a day, worked out by hand: the pipeline fills in 3 days, then the order of
  // day t-3 arrives at dawn, fills the 2 backordered units, and day t's demand leaves 2 backordered.
  const Runs runs = run_replications(scenario_path(kBaseStockFile),
                                     {"sites.regions.0.demand=deterministic", "catalog.generate.count=1",
                                      "catalog.generate.rate=4", "policy.S=10", "horizon=7d"},
                                     1, true);
  const DailyArrays a(runs.results.at(0));
  const std::map<std::string, std::vector<std::int64_t>> expected = {
      {"on_hand", {6, 2, 0, 0, 0, 0, 0}},
      {"backorders", {0, 0, 2, 2, 2, 2, 2}},
      {"on_order", {4, 8, 12, 12, 12, 12, 12}},
      {"sales", {4, 4, 2, 2, 2, 2, 2}},
      {"backorders_filled", {0, 0, 0, 2, 2, 2, 2}},
      {"receipts", {0, 0, 0, 4, 4, 4, 4}},
      {"orders", {4, 4, 4, 4, 4, 4, 4}},
      {"demand", {4, 4, 4, 4, 4, 4, 4}},
  };
  REQUIRE(a.days() == 7);
  check_days(a, expected);
  for (int t = 2; t < a.days(); ++t) CHECK(a["on_hand"](t, 0) - a["backorders"](t, 0) == 10 - 3 * 4);
}

TEST_CASE("on every simulated day and SKU, base-stock net inventory is S minus the last L days of demand") {
  const BaseStockSetup s = read_base_stock_setup();
  REQUIRE(s.lead >= 1);
  const Runs runs = run_replications(scenario_path(kBaseStockFile), {}, 4, true);
  std::int64_t wrong_level = 0, wrong_order = 0, checked = 0;
  CaseReport c;  // for docs/validation.md: SKU-days breaking either identity, per replication
  for (const ReplicationResult& r : runs.results) {
    const std::int64_t before = wrong_level + wrong_order;
    const DailyArrays a(r);
    const auto oh = a["on_hand"], bo = a["backorders"], dem = a["demand"], ord = a["orders"];
    for (int k = 0; k < a.skus(); ++k)
      for (int t = 0; t < a.days(); ++t) {
        std::int64_t window = 0;  // D_{t-L+1} + ... + D_t, days before 0 count as no demand
        for (int u = std::max(0, t - s.lead + 1); u <= t; ++u) window += dem(u, k);
        wrong_level += oh(t, k) - bo(t, k) != s.S - window;
        wrong_order += ord(t, k) != dem(t, k);
        ++checked;
      }
    c.samples.push_back(double(wrong_level + wrong_order - before));
  }
  CHECK(checked == 4 * std::int64_t(s.skus) * s.days);
  CHECK(wrong_level == 0);
  CHECK(wrong_order == 0);
  c.case_id = "base_stock/net_inventory_window";
  c.formula =
      "count of SKU-days with NI_t != S - (D_{max(0,t-L+1)}+...+D_t) or order_t != D_t (must be 0); "
      "also checked on a hand-worked deterministic world";
  describe(c, s);
}

TEST_CASE("base-stock on-hand, backorders, cycle service level and fill rate match the stationary Poisson law") {
  const BaseStockSetup s = read_base_stock_setup();
  const Theory th = base_stock_theory(s.lambda, s.lead, s.S);
  const Runs runs = run_replications(scenario_path(kBaseStockFile), {}, 30, true);
  std::vector<Averages> reps;
  for (const ReplicationResult& r : runs.results) reps.push_back(averages(r, s.lead - 1));
  struct Row {
    const char* id;
    const char* formula;
    double theory;
    double Averages::*field;
  };
  const Row rows[] = {
      {"expected_on_hand", "E[(S - X)^+], X ~ Poisson(L lambda)", th.on_hand, &Averages::on_hand},
      {"expected_backorders", "E[(X - S)^+], X ~ Poisson(L lambda)", th.backorders, &Averages::backorders},
      {"cycle_service_level", "P(X <= S): no backorder open at the day's count", th.no_backorder,
       &Averages::no_backorder},
      {"fill_rate", "E[min(D, (S - Y)^+)] / lambda, Y ~ Poisson((L-1) lambda), D ~ Poisson(lambda)", th.fill_rate,
       &Averages::fill_rate},
  };
  for (const Row& r : rows) {
    CaseReport c;
    c.case_id = "base_stock/" + std::string(r.id);
    c.formula = r.formula;
    c.theory = r.theory;
    c.samples = column(reps, r.field);
    describe(c, s);
  }
}
