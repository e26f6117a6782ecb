// Validation of the experiment statistics (sim/experiment/comparison.hpp) against theory, on synthetic arms drawn
// from known Normal laws, and on the simulator: two base-stock arms of scenarios/validation/base_stock.yaml whose
// paired difference of average on hand is known exactly.
//   - pairing: with arms correlated rho (common random numbers), the paired half-width is sqrt(1 - rho) times the
//     unpaired one (equal variances);
//   - coverage: the paired 95% Student-t interval covers the true difference in 95% of experiments (a z interval
//     would cover about 92% with 10 replications, outside the bounds);
//   - P(best): the bootstrap's share of resamples in which an arm is best is Phi(-D sqrt(n) / s) for the observed
//     mean difference D and the plug-in sd s of the paired differences (the same resample for both arms; resampling
//     them apart would give the unpaired sd), and its expectation over experiments, for the arm better by d, is
//     Phi(delta / sqrt(2)), delta = d sqrt(n) / sigma_d;
//   - the stopping rule: every arm within its target when it stops, and the coverage of the final interval.
#include <unistd.h>

#include <boost/math/distributions/normal.hpp>
#include <filesystem>
#include <fstream>

#include "base_stock_setup.hpp"
#include "discrete_laws.hpp"
#include "sim/experiment/comparison.hpp"
#include "sim/random/distributions.hpp"

using namespace peaksim;
using namespace peaksim::validation;
using namespace peaksim::experiment;

namespace {

double phi(double x) { return boost::math::cdf(boost::math::normal_distribution<double>(), x); }

// Two arms of n replications: x ~ N(mu_x, sd_x), y ~ N(mu_y, sd_y), correlation rho, from the stream of `draw`.
std::vector<ArmValues> normal_pair(std::uint64_t draw, std::size_t n, double mu_x, double sd_x, double mu_y,
                                   double sd_y, double rho) {
  rng::Stream s({2024, draw, "test", "normal_pair", 0});
  std::vector<ArmValues> arms = {{"x", {}, {{}}}, {"y", {}, {{}}}};
  for (std::size_t i = 0; i < n; ++i) {
    const double z1 = rng::standard_normal(s), z2 = rng::standard_normal(s);
    for (auto& a : arms) a.replications.push_back(i);
    arms[0].values[0].push_back(mu_x + sd_x * z1);
    arms[1].values[0].push_back(mu_y + sd_y * (rho * z1 + std::sqrt(1 - rho * rho) * z2));
  }
  return arms;
}

Experiment synthetic() {
  Experiment e;
  e.baseline = "x";
  e.compare = {{"total_cost", Goal::minimize}};
  return e;
}

}  // namespace

TEST_CASE("the paired half-width is sqrt(1 - rho) times the unpaired one") {
  const std::size_t n = 4000;
  for (double rho : {0.0, 0.5, 0.8, 0.95}) {
    const ComparisonTables t =
        compare_arms(synthetic(), normal_pair(std::uint64_t(rho * 100), n, 100, 10, 102, 10, rho));
    const double t_quantile = stats::student_t_quantile(0.975, double(n - 1));
    const double unpaired =
        t_quantile * std::sqrt((std::pow(t.summary[0].sd, 2) + std::pow(t.summary[1].sd, 2)) / double(n));
    const double ratio = t.paired[0].half_width / unpaired;
    // Each sd is estimated within about 1 / sqrt(2n) = 1.1% (one sigma): 5% is over four sigma.
    MESSAGE("rho " << rho << ": paired / unpaired half-width " << ratio << ", theory " << std::sqrt(1 - rho));
    CHECK(ratio == doctest::Approx(std::sqrt(1 - rho)).epsilon(0.05));
  }
}

TEST_CASE("the paired 95% interval covers the true difference in 95% of experiments") {
  const int experiments = 2000;
  const double d = 3;
  CaseReport c;
  for (int m = 0; m < experiments; ++m) {
    const ComparisonTables t = compare_arms(synthetic(), normal_pair(std::uint64_t(m), 10, 50, 5, 50 + d, 8, 0.6));
    c.samples.push_back(std::abs(t.paired[0].mean - d) <= t.paired[0].half_width ? 1.0 : 0.0);
  }
  c.case_id = "experiment/paired_ci_coverage";
  c.formula = "P(|mean(y - x) - d| <= t(0.975, n-1) sd(y - x) / sqrt(n)) = 0.95";
  c.source = "Student's t interval on paired differences";
  c.theory = 0.95;
  c.confidence = 0.999;
  report(c, "synthetic paired arms: 2000 experiments of 10 replications", "x ~ N(50, 5), y ~ N(53, 8), correlation 0.6",
         "one sample per experiment: 1 when the interval covers d");
}

TEST_CASE("P(best) follows the paired bootstrap: Phi(-D sqrt(n) / s) given the data, Phi(delta / sqrt 2) on average") {
  const std::size_t n = 100;
  const double rho = 0.9, sd = 10;
  const double sd_d = sd * std::sqrt(2 * (1 - rho));
  for (double delta : {0.0, 0.5, 1.0, 2.0}) {
    const double d = -delta * sd_d / std::sqrt(double(n));  // y lower by d: better for a cost
    CaseReport c;
    double worst_gap = 0, unpaired_gap = 0;
    for (int m = 0; m < 300; ++m) {
      const auto arms = normal_pair(std::uint64_t(1000 * delta) + std::uint64_t(m), n, 100, sd, 100 + d, sd, rho);
      const ComparisonTables t = compare_arms(synthetic(), arms);
      const RankRow& y = t.ranking[0].arm == "y" ? t.ranking[0] : t.ranking[1];
      const double plug_in = t.paired[0].sd * std::sqrt(double(n - 1) / double(n));
      const double given = phi(-t.paired[0].mean * std::sqrt(double(n)) / plug_in);
      const double unpaired = phi(-t.paired[0].mean * std::sqrt(double(n)) /
                                  std::sqrt(std::pow(t.summary[0].sd, 2) + std::pow(t.summary[1].sd, 2)));
      worst_gap = std::max(worst_gap, std::abs(y.probability_best - given));
      unpaired_gap += std::abs(y.probability_best - unpaired) / 300;
      c.samples.push_back(y.probability_best);
    }
    // Resampling error (sd at most 0.005 for 10,000 resamples) and the bootstrap's skew at n = 100.
    MESSAGE("delta " << delta << ": largest gap to Phi(-D sqrt(n) / s) " << worst_gap
                     << ", mean gap to the unpaired law " << unpaired_gap);
    CHECK(worst_gap < 0.03);
    // Resampling the arms apart would follow the unpaired law, sqrt(1 - rho) = 0.32 times as steep.
    CHECK(unpaired_gap > 0.05);
    c.case_id = "experiment/probability_best_delta_" + fmt::format("{}", delta);
    c.formula = "E[P(best)] = E[Phi(-D sqrt(n) / s)] = Phi(delta / sqrt(2)), delta = |d| sqrt(n) / sigma_d";
    c.source = "normal approximation of the bootstrap of a mean; D ~ N(d, sigma_d^2 / n)";
    c.theory = phi(delta / std::sqrt(2.0));
    c.tolerance = 0.01;  // the bootstrap's skew and the estimated s, at n = 100
    report(c, "synthetic paired arms: 300 experiments of 100 replications, 10,000 resamples each",
           fmt::format("x ~ N(100, 10), y ~ N(100 - {:.3g}, 10), correlation {}", -d, rho),
           "P(best) of y, the lower cost; one sample per experiment");
  }
}

TEST_CASE("two base-stock arms: the paired difference of average on hand covers the exact difference") {
  // The experiment as a planner writes it: S = 20 (the scenario's own level) against S = 23.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("peaksim_validation_experiment_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "base_stock_levels.yaml").string();
  std::ofstream(file) << "experiment: base_stock_levels\nscenario: " << scenario_path(kBaseStockFile)
                      << "\nreplications: 30\nset: {record.level: kpi_only}\n"
                         "compare: [{kpi: avg_on_hand, goal: min}, fill_rate]\n"
                         "arms:\n  - {name: S20, set: {policy.S: 20}}\n  - {name: S23, set: {policy.S: 23}}\n";
  const Experiment e = load_experiment(file);
  std::filesystem::remove_all(dir);
  std::vector<ArmValues> arms;
  std::vector<BaseStockSetup> setups;
  for (const Arm& arm : e.arms) {
    std::vector<std::string> edits;
    for (const auto* list : {&e.base_edits, &arm.edits})
      for (const Edit& edit : *list) edits.push_back(edit.text);
    setups.push_back(read_base_stock_setup(edits));
    const Runs runs = run_replications(e.scenario_path, edits, int(e.replications));
    ArmValues v{arm.name, {}, {runs.kpi.at("avg_on_hand"), runs.kpi.at("fill_rate")}};
    for (std::size_t r = 0; r < v.values[0].size(); ++r) v.replications.push_back(r);
    arms.push_back(std::move(v));
  }
  REQUIRE(setups[0].S == 20);
  REQUIRE(setups[1].S == 23);
  // avg_on_hand sums the SKUs' end-of-day on hand averaged over the days; day t holds S - X_t with X_t ~
  // Poisson(min(t + 1, L) lambda) (test_base_stock.cpp derives it), so its expectation is exact, warm-up included.
  const auto expected_on_hand = [](const BaseStockSetup& s) {
    double total = 0;
    for (int t = 0; t < s.days; ++t) {
      const Pmf x = poisson_pmf(std::min(t + 1, s.lead) * s.lambda);
      for (std::size_t k = 0; k < x.size(); ++k) total += x[k] * std::max(double(s.S) - double(k), 0.0);
    }
    return total / s.days * s.skus;
  };
  const double theory = expected_on_hand(setups[1]) - expected_on_hand(setups[0]);
  const ComparisonTables t = compare_arms(e, arms);
  REQUIRE(t.paired.size() == 2);
  const PairedDifference& p = t.paired[0];
  CHECK(p.arm == "S23");
  CHECK(p.n == 30);
  MESSAGE(
      fmt::format("S23 - S20, avg_on_hand: {:.4f} +/- {:.4f} (95%), theory {:.4f}; unpaired sd {:.3f}, paired {:.3f}",
                  p.mean, p.half_width, theory, std::hypot(t.summary[0].sd, t.summary[1].sd), p.sd));
  // Common random numbers: both arms see the same demand, so the difference varies far less than each arm.
  CHECK(p.sd < 0.5 * std::hypot(t.summary[0].sd, t.summary[1].sd));
  CHECK(p.better_share == 0);   // more stock on hand every replication: never better on a `min` goal
  CHECK(t.paired[1].mean > 0);  // and a higher fill rate
  CaseReport c;
  c.case_id = "experiment/base_stock_paired_on_hand";
  c.formula = "E[avg_on_hand(S23)] - E[avg_on_hand(S20)], sum over SKUs of mean over days of E[(S - X_t)^+]";
  c.source = "stationary base-stock analysis with the warm-up days exact (as test_base_stock)";
  c.theory = theory;
  for (std::size_t r = 0; r < arms[0].values[0].size(); ++r)
    c.samples.push_back(arms[1].values[0][r] - arms[0].values[0][r]);
  report(c, "an experiment of two base-stock arms on common random numbers, paired by replication",
         fmt::format("lambda={}/day, L={} days, S=20 vs 23, {} SKUs x {} days", setups[0].lambda, setups[0].lead,
                     setups[0].skus, setups[0].days),
         "the paired difference per replication; both arms draw the same demand");
}

TEST_CASE("the stopping rule: every arm within the target when it stops, and the final interval's coverage") {
  // Two arms of N(100, 10) and N(104, 10), correlation 0.5; target half-width 3 (about 45 replications), in blocks
  // of 10 from 10 to 200. Stopping when the interval looks narrow enough makes the 95% nominal: the coverage of the
  // final intervals is measured and reported, and required within 0.93 to 0.966 (0.95 within 3.3 binomial sd of
  // 2,000 experiments, and a loss of up to 0.02 that a sequential rule may cost).
  StoppingRule rule;
  rule.kpi = "total_cost";
  rule.half_width = 3;
  rule.min_replications = 10;
  rule.max_replications = 200;
  rule.block = 10;
  const int experiments = 2000;
  int covered = 0;
  double replications = 0;
  for (int m = 0; m < experiments; ++m) {
    const auto all = normal_pair(std::uint64_t(50000 + m), std::size_t(rule.max_replications), 100, 10, 104, 10, 0.5);
    std::vector<ArmValues> arms = {{"x", {}, {{}}}, {"y", {}, {{}}}};
    std::int64_t target = next_replication_target(rule, arms, 0);
    while (target > 0) {
      for (std::size_t a = 0; a < 2; ++a) {
        arms[a].replications.assign(all[a].replications.begin(), all[a].replications.begin() + target);
        arms[a].values[0].assign(all[a].values[0].begin(), all[a].values[0].begin() + target);
      }
      target = next_replication_target(rule, arms, 0);
    }
    const stats::Summary x = stats::summarize(arms[0].values[0]), y = stats::summarize(arms[1].values[0]);
    REQUIRE(x.half_width <= 3);
    REQUIRE(y.half_width <= 3);
    covered += std::abs(x.mean - 100) <= x.half_width ? 1 : 0;
    replications += double(x.n) / experiments;
  }
  const double coverage = double(covered) / experiments;
  MESSAGE("stopping rule: mean replications " << replications << ", coverage of the final 95% interval " << coverage);
  CHECK(coverage >= 0.93);
  CHECK(coverage <= 0.966);
}
