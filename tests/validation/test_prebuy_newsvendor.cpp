// Validation: a newsvendor prebuy (docs/model.md, Peak-aware replenishment). One replication of
// scenarios/validation/prebuy_newsvendor.yaml sells one prebuy over its cover, days 1 .. 11 around 11.11, whose
// demand is Poisson with mean 100 (see the file's header). The oracle: the cover's mean from the calendar by hand,
// the policy's quantity Q by the continuity-corrected Normal rule, and E[min(D, Q)] on the exact Poisson law,
// which the simulated sales' interval must cover.
#include <boost/math/distributions/normal.hpp>

#include "discrete_laws.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

TEST_CASE("a newsvendor prebuy buys the critical-ratio quantity of its cover and sells E[min(D, Q)] of it") {
  const std::string file = "prebuy_newsvendor.yaml";
  const Scenario sc = load_scenario(scenario_path(file), {});
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(plan.warehouses[0].prebuys.size() == 1);
  const PrebuyOrder& order = plan.warehouses[0].prebuys[0];
  const double mean = 5.0 * (8 + 3 * 4);  // days 1..8 at the rate, days 9..11 at 4 times it
  CHECK(order.day == 0);
  CHECK(order.mu == doctest::Approx(mean));
  CHECK(order.sd == doctest::Approx(std::sqrt(mean)));  // Poisson
  const double ratio = (10.0 - 4.0) / 10.0;
  const double z = boost::math::quantile(boost::math::normal_distribution<>(), ratio);
  const auto q = std::int64_t(std::ceil(mean + std::sqrt(mean) * z - 0.5));
  CHECK(order.target == q);

  const Pmf demand = poisson_pmf(mean);
  double sold = 0;
  for (std::size_t d = 0; d < demand.size(); ++d) sold += demand[d] * std::min(double(d), double(q));
  const Runs runs = run_replications(scenario_path(file), {}, 2000);
  for (double units : runs.kpi.at("units_ordered")) REQUIRE(units == double(q));  // the one order: the prebuy
  CaseReport c;
  c.case_id = "prebuy_newsvendor/expected_sales";
  c.model = "a newsvendor prebuy 10 days before 11.11 as the only stock; Poisson demand lost when the shelf is empty";
  c.formula = "E[min(D, Q)], D ~ Poisson(mu_event), Q = ceil(mu + sqrt(mu) Phi^-1((p-c)/(p-v)) - 0.5)";
  c.source = "newsvendor on the exact Poisson law of the cover (sum of independent daily Poisson counts)";
  c.theory = sold;
  c.samples = runs.kpi.at("sales");
  report(c, c.model, fmt::format("mu_event = {}, p = 10, c = 4, v = 0, Q = {}", mean, q),
         "lead time 0: on the shelf at day 0's close; cover days 1..11; day 0's demand lost; KPI sales");
}
