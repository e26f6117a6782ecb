// Validation: the tail of a run across replications (/tail, docs/output.md: P95 and CVaR95 of the tail KPIs,
// the probability of a stock-out on a peak day) against exact laws. One replication of
// scenarios/validation/tail_lost_sales.yaml sells from a stock S without replenishment while demand
// D = D1 + D2 arrives, D1 ~ Poisson before the event and D2 ~ Poisson during it, so
//   lost_sales = (D - S)^+,  profit = (p - c) min(D, S),  stock-out on a peak day <=> D > S and D2 > 0.
// The replications are cut into independent batches of m; each batch's tail is computed by the code that
// `peaksim run` uses for /tail (cli::TailInputs), so the batches' mean has a confidence interval, which must
// cover (1) the exact expectation of the estimator for m replications, with no tolerance, and (2) the value
// the estimator converges to (VaR and the tail average), within the estimator's exact bias at m.
#include "cli/tail_report.hpp"
#include "discrete_laws.hpp"
#include "tail_laws.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

const std::string kFile = "tail_lost_sales.yaml";
constexpr int kReplications = 20000;
constexpr int kSmallBatch = 50;   // 0.95 m = 47.5 and 0.05 m = 2.5: the rounding of both rules shows
constexpr int kLargeBatch = 500;  // close to the limit: the estimator's bias is small
// The backorder world: unmet demand waits, and the lead time outlasts the horizon, so nothing arrives; other
// demand draws (its own seed) than the lost-sales world's.
const std::vector<std::string> kBackorderWorld = {"sites.regions.0.unmet=backorder", "lanes.0.lead_time=10d",
                                                  "seed=3062"};
constexpr int kBackorderReplications = 10000;

// The scenario's own numbers, read back through the loader and the plan.
struct World {
  double mean_before = 0, mean_during = 0;  // of D1 and D2
  std::vector<double> daily_mean;           // of each day's demand
  double stock = 0, margin = 0;             // S and p - c
  std::vector<std::string> regions;
};

World read_world() {
  const Scenario sc = load_scenario(scenario_path(kFile), {});
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.skus.size() == 1);
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(plan.warehouses.size() == 1);
  const RegionSpec& r = sc.regions[0];
  REQUIRE(r.unmet == UnmetDemand::lost);
  REQUIRE(r.demand == DemandModel::poisson);
  REQUIRE(r.shocks.probability_per_day == 0);
  REQUIRE(plan.warehouses[0].levels[0].S == 0);  // no replenishment
  World w;
  for (std::size_t t = 0; t < plan.profile.factor.size(); ++t) {
    w.daily_mean.push_back(plan.warehouses[0].mean_demand[0] * plan.profile.factor[t]);
    (plan.profile.peak[t] ? w.mean_during : w.mean_before) += w.daily_mean.back();
  }
  w.stock = double(plan.warehouses[0].initial_stock[0]);
  w.margin = sc.skus[0].price - sc.skus[0].cost;
  w.regions.push_back(r.name);
  return w;
}

// The laws of the bad side: lost sales (upper tail) and -profit (profit's lower tail as an upper one), from
// D ~ Poisson(mean_before + mean_during).
DiscreteLaw lost_sales_law(const World& w) {
  std::map<double, double> p;
  const Pmf d = poisson_pmf(w.mean_before + w.mean_during);
  for (std::size_t k = 0; k < d.size(); ++k) p[std::max(double(k) - w.stock, 0.0)] += d[k];
  return law_of(p);
}
DiscreteLaw negative_profit_law(const World& w) {
  std::map<double, double> p;
  const Pmf d = poisson_pmf(w.mean_before + w.mean_during);
  for (std::size_t k = 0; k < d.size(); ++k) p[-w.margin * std::min(double(k), w.stock)] += d[k];
  return law_of(p);
}

// The backorder world: the end-of-day backorders of day t are (C_t - S)^+, C_t the demand of days 0..t, and
// avg_backorders = sum_t (C_t - S)^+ / T. Its law by dynamic programming over (C_t, the running sum).
DiscreteLaw average_backorders_law(const World& w) {
  std::map<std::pair<long, long>, double> state{{{0, 0}, 1.0}};
  for (const double mean : w.daily_mean) {
    const Pmf d = poisson_pmf(mean);
    std::map<std::pair<long, long>, double> next;
    for (const auto& [cs, p] : state)
      for (std::size_t k = 0; k < d.size(); ++k) {
        const long c = cs.first + long(k);
        next[{c, cs.second + std::max(c - long(w.stock), 0L)}] += p * d[k];
      }
    state = std::move(next);
  }
  std::map<double, double> p;
  for (const auto& [cs, q] : state) p[double(cs.second) / double(w.daily_mean.size())] += q;
  return law_of(p);
}

// P(D1 + D2 > S, D2 > 0) / P(D2 > 0): some unit demanded on a peak day finds no stock, among the replications
// with peak demand (those without do not count).
double stockout_peak_probability(const World& w) {
  const Pmf before = poisson_pmf(w.mean_before), during = poisson_pmf(w.mean_during);
  double out = 0;
  for (std::size_t a = 0; a < before.size(); ++a)
    for (std::size_t b = 1; b < during.size(); ++b)
      if (double(a + b) > w.stock) out += before[a] * during[b];
  return out / (1 - during[0]);
}

// Each batch of m consecutive replications through the /tail code of `peaksim run`.
std::vector<TailTables> batch_tails(const Runs& runs, const World& w, int m) {
  std::vector<TailTables> out;
  for (std::size_t first = 0; first + std::size_t(m) <= runs.results.size(); first += std::size_t(m)) {
    cli::TailInputs in;
    for (std::size_t r = first; r < first + std::size_t(m); ++r) in.add(runs.results[r]);
    out.push_back(in.tables(w.regions, {}));
  }
  return out;
}

// A KPI's P95 (or CVaR95) of each batch, on the KPI's own scale.
std::vector<double> column(const std::vector<TailTables>& tails, const std::string& kpi, bool cvar) {
  std::vector<double> out;
  for (const TailTables& t : tails) {
    const auto k = std::size_t(std::find(t.kpi.begin(), t.kpi.end(), kpi) - t.kpi.begin());
    REQUIRE(k < t.kpi.size());
    out.push_back(cvar ? t.cvar95[k] : t.p95[k]);
  }
  return out;
}

std::string parameters(const World& w, int m, int replications = kReplications) {
  return fmt::format("D1 ~ Poisson({}), D2 ~ Poisson({}), S = {}, p - c = {}, {} replications in batches of m = {}",
                     w.mean_before, w.mean_during, w.stock, w.margin, replications, m);
}

const char* kModel =
    "one SKU, stock S, no replenishment, lost sales, Poisson demand before (D1) and during (D2) a 2-day event";
const char* kBackorderModel =
    "one SKU, stock S, unmet demand backordered, orders due after the horizon (lead time 10 d), Poisson demand "
    "before (D1) and during (D2) a 2-day event";
const char* kConventions =
    "P95 = x(ceil(0.95 m)) on the bad side (nearest rank), CVaR95 = mean of the worst ceil(0.05 m) of m "
    "replications (docs/output.md, Tail); profit's bad side is its lower tail, taken as the upper tail of -profit; "
    "one sample per batch of m replications, batches independent";

CaseReport row(const std::string& id, const std::string& formula, double theory, std::vector<double> samples) {
  CaseReport c;
  c.case_id = "tail_lost_sales/" + id;
  c.formula = formula;
  c.source =
      "order statistics of a discrete law: P(X(i) <= x) = P(Bin(m, F(x)) >= i) (David and Nagaraja, Order "
      "Statistics, 2.1); tail average as in Acerbi and Tasche (2002); laws by exact summation over the Poisson pmf";
  c.theory = theory;
  c.samples = std::move(samples);
  return c;
}

struct Metric {
  const char* kpi;  // in /tail
  const char* bad;  // the quantity whose upper tail is taken, "Y = ...", for the formulas
  double sign;      // +1: upper tail of the KPI; -1: lower tail, taken on -KPI
  DiscreteLaw law;  // of sign x KPI
  bool neighbours;  // also check that the neighbouring rules are rejected
};

// "-" for a lower tail: its figures are those of -Y.
std::string minus(const Metric& x) { return x.sign < 0 ? "-" : ""; }

// Checks (1): the batch means against the estimators' exact expectations for m replications, and that the
// interval is narrow enough to reject the neighbouring rules (rank r - 1 or r + 1, k - 1 or k + 1 worst values).
void check_expectations(const Metric& x, const std::vector<TailTables>& tails, const World& w, int m,
                        int replications = kReplications, const char* model = kModel) {
  const int r = nearest_rank_95(m), k = worst_count_5(m);
  const TailValues e = expected_estimates(x.law, m);
  for (const bool cvar : {false, true}) {
    CaseReport c = row(
        fmt::format("{}_{}_m{}", x.kpi, cvar ? "cvar95" : "p95", m),
        cvar ? fmt::format("{}E[mean of the k = {} largest of m draws of Y] = {}(1/k) sum_i E[Y(i)], {}", minus(x), k,
                           minus(x), x.bad)
             : fmt::format("{}E[Y(r)], r = ceil(0.95 m) = {}, E[Y(r)] = y_1 + sum_j (y_j+1 - y_j) P(Bin(m, F(y_j)) < "
                           "r), {}",
                           minus(x), r, x.bad),
        x.sign * (cvar ? e.cvar95 : e.p95), column(tails, x.kpi, cvar));
    report(c, model, parameters(w, m, replications), kConventions);
    // The neighbouring rules' expectations lie outside the interval: the case tells the documented rule apart.
    const stats::Summary s = stats::summarize(c.samples, c.confidence);
    double below = 0, above = 0;
    if (cvar) {
      for (int i = m - k + 2; i <= m; ++i) below += expected_order_statistic(x.law, m, i) / (k - 1);
      for (int i = m - k; i <= m; ++i) above += expected_order_statistic(x.law, m, i) / (k + 1);
    } else {
      below = expected_order_statistic(x.law, m, r - 1);
      above = expected_order_statistic(x.law, m, r + 1);
    }
    for (const double other : {below, above}) {
      if (!x.neighbours) break;
      INFO(fmt::format("{}: a neighbouring rule's expectation {:.4f} against {:.4f} +/- {:.4f}", c.case_id,
                       x.sign * other, s.mean, s.half_width));
      CHECK(std::abs(x.sign * other - s.mean) > s.half_width);
    }
  }
}

// Checks (2): the batch means against VaR and the tail average, within the estimators' exact bias at m.
void check_limits(const Metric& x, const std::vector<TailTables>& tails, const World& w, int m) {
  const TailValues limit = population_values(x.law), e = expected_estimates(x.law, m);
  for (const bool cvar : {false, true}) {
    CaseReport c = row(
        fmt::format("{}_{}", x.kpi, cvar ? "cvar95" : "p95"),
        cvar ? fmt::format("{}(1/0.05) int_0.95^1 F^-1(u) du = {}(E[Y 1{{Y > VaR}}] + VaR (F(VaR) - 0.95)) / 0.05, {}",
                           minus(x), minus(x), x.bad)
             : fmt::format("{}VaR, VaR = min{{y : P(Y <= y) >= 0.95}}, {}", minus(x), x.bad),
        x.sign * (cvar ? limit.cvar95 : limit.p95), column(tails, x.kpi, cvar));
    c.tolerance = std::abs(cvar ? e.cvar95 - limit.cvar95 : e.p95 - limit.p95);
    report(c, kModel, parameters(w, m),
           std::string(kConventions) + "; tolerance: the estimator's exact bias for m replications");
  }
}

}  // namespace

TEST_CASE("the tail oracle's order statistics and tail averages agree with their definitions on a small law") {
  // Y uniform on {0, 1}: the largest of 2 draws is 1 unless both are 0, so E[Y(2)] = 3/4 and E[Y(1)] = 1/4.
  const DiscreteLaw coin = law_of({{0.0, 0.5}, {1.0, 0.5}});
  CHECK(expected_order_statistic(coin, 2, 2) == doctest::Approx(0.75).epsilon(1e-12));
  CHECK(expected_order_statistic(coin, 2, 1) == doctest::Approx(0.25).epsilon(1e-12));
  // Y in {0, 10} with P(10) = 0.02: VaR = 0 (F(0) = 0.98), the tail average puts 0.02 of the 0.05 on 10.
  const DiscreteLaw rare = law_of({{0.0, 0.98}, {10.0, 0.02}});
  CHECK(population_values(rare).p95 == 0);
  CHECK(population_values(rare).cvar95 == doctest::Approx(4).epsilon(1e-12));
  // The rules' rounding: 21 replications give rank 20 and the worst 2; 20 give rank 19 and the worst 1.
  CHECK(nearest_rank_95(21) == 20);
  CHECK(worst_count_5(21) == 2);
  CHECK(nearest_rank_95(20) == 19);
  CHECK(worst_count_5(20) == 1);
  // The expected order statistics sum to n E[Y] (the sum of the sorted draws is the sum of the draws).
  const World w = read_world();
  const DiscreteLaw lost = lost_sales_law(w);
  double mean = 0, sum = 0;
  for (std::size_t j = 0; j < lost.value.size(); ++j) mean += lost.value[j] * lost.prob[j];
  for (int i = 1; i <= kSmallBatch; ++i) sum += expected_order_statistic(lost, kSmallBatch, i);
  CHECK(sum == doctest::Approx(kSmallBatch * mean).epsilon(1e-9));
  // The dynamic programme's mean of avg_backorders is (1/T) sum_t E[(C_t - S)^+], C_t ~ Poisson(mean to day t).
  const DiscreteLaw average = average_backorders_law(w);
  double dp_mean = 0, direct = 0, cumulative = 0;
  for (std::size_t j = 0; j < average.value.size(); ++j) dp_mean += average.value[j] * average.prob[j];
  for (const double day : w.daily_mean) {
    const Pmf c = poisson_pmf(cumulative += day);
    for (std::size_t k = 0; k < c.size(); ++k) direct += c[k] * std::max(double(k) - w.stock, 0.0);
  }
  CHECK(dp_mean == doctest::Approx(direct / double(w.daily_mean.size())).epsilon(1e-9));
  // The mean of the worst k >= 0.05 n of n draws lies on average below the tail average (Rockafellar and Uryasev:
  // the sample's own tail average is a minimum over c of an unbiased mean, and averaging more values lowers it),
  // as docs/output.md says; with 0.05 n whole and n large the gap closes.
  for (const int n : {2, 19, 20, 21, kSmallBatch, kLargeBatch})
    CHECK(expected_estimates(lost, n).cvar95 <= population_values(lost).cvar95);
  CHECK(population_values(lost).cvar95 - expected_estimates(lost, 2000).cvar95 < 0.05);
}

TEST_CASE("the tail of lost sales and profit and the peak stock-out probability match their exact laws") {
  const World w = read_world();
  const Runs runs = run_replications(scenario_path(kFile), {}, kReplications, true);
  // Each replication is the world of the oracle: stock S, nothing received, profit (p - c) sales.
  int not_the_world = 0;
  const auto &demand = runs.kpi.at("demand"), &sales = runs.kpi.at("sales"), &lost = runs.kpi.at("lost_sales");
  for (std::size_t r = 0; r < demand.size(); ++r)
    not_the_world += sales[r] != std::min(demand[r], w.stock) || lost[r] != std::max(demand[r] - w.stock, 0.0) ||
                     runs.kpi.at("units_received")[r] != 0 || runs.kpi.at("profit")[r] != w.margin * sales[r];
  CHECK(not_the_world == 0);

  const Metric metrics[] = {{"lost_sales", "Y = lost_sales = (D - S)^+", 1, lost_sales_law(w), true},
                            {"profit", "Y = -profit = -(p - c) min(D, S)", -1, negative_profit_law(w), true}};
  const std::vector<TailTables> small = batch_tails(runs, w, kSmallBatch), large = batch_tails(runs, w, kLargeBatch);
  for (const Metric& x : metrics) {
    check_expectations(x, small, w, kSmallBatch);
    check_limits(x, large, w, kLargeBatch);
  }

  CaseReport c =
      row("stockout_peak_probability", "P(D1 + D2 > S, D2 > 0) / P(D2 > 0)", stockout_peak_probability(w), {});
  for (const TailTables& t : small) c.samples.push_back(t.stockout_peak_probability);
  report(c, kModel, parameters(w, kSmallBatch),
         "a stock-out on a peak day: fill_rate_peak < 1, among the replications with peak demand; one share per batch");
}

TEST_CASE("the tail of backorders, at the end and averaged over the days, matches its exact law") {
  const World w = read_world();
  const Runs runs = run_replications(scenario_path(kFile), kBackorderWorld, kBackorderReplications, true);
  int not_the_world = 0;  // nothing arrives: what is not sold from stock stays backordered to the end
  const auto &demand = runs.kpi.at("demand"), &sales = runs.kpi.at("sales");
  for (std::size_t r = 0; r < demand.size(); ++r)
    not_the_world += sales[r] != std::min(demand[r], w.stock) ||
                     runs.kpi.at("backorders_end")[r] != std::max(demand[r] - w.stock, 0.0) ||
                     runs.kpi.at("units_received")[r] != 0 || runs.kpi.at("lost_sales")[r] != 0;
  CHECK(not_the_world == 0);
  // backorders_end = (D - S)^+ has the law of the lost-sales world's lost_sales.
  const Metric metrics[] = {
      {"backorders_end", "Y = backorders_end = (D - S)^+", 1, lost_sales_law(w), true},
      {"avg_backorders", "Y = avg_backorders = sum_t (C_t - S)^+ / T", 1, average_backorders_law(w), false}};
  const std::vector<TailTables> small = batch_tails(runs, w, kSmallBatch);
  for (const Metric& x : metrics) check_expectations(x, small, w, kSmallBatch, kBackorderReplications, kBackorderModel);
}
