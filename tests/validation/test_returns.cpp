// Validation: customer returns (scenarios/validation/returns.yaml) against their probabilities. Given the units
// sold that can come back within the run, the units returned are Binomial(sold, rate) and, given those, the
// units restocked Binomial(returned, restock_probability): each replication's shares have exactly these
// expectations. The parameters are read back from the loaded scenario.
#include <cmath>
#include <numeric>

#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

const std::string kFile = "returns.yaml";

// The units sold on the days whose returns end their inspection within the horizon (site_daily: one site).
double returnable_sales(const ReplicationResult& r, int last_day) {
  for (const RecordedArray& a : r.arrays)
    if (a.name == "sales")
      return double(std::accumulate(a.values.begin(), a.values.begin() + last_day + 1, std::int64_t{0}));
  FAIL("no recorded sales");
  return 0;
}

}  // namespace

TEST_CASE("the returned share of the units sold has expectation returns.rate, the restocked share its probability") {
  const Scenario sc = load_scenario(scenario_path(kFile));
  REQUIRE(sc.returns.has_value());
  REQUIRE(sc.calendar.events.empty());  // no peak days: every unit at returns.rate
  REQUIRE(sc.returns->delay_days.kind == rng::DistributionSpec::Kind::constant);
  const ReturnsSpec& spec = *sc.returns;
  const int back = int(spec.delay_days.value) + spec.inspection_days;
  const Runs runs = run_replications(scenario_path(kFile), {}, sc.replications, true);
  CaseReport returned, restocked;
  for (const ReplicationResult& r : runs.results) {
    double returns = 0, kept = 0;
    for (std::size_t k = 0; k < r.kpi_names.size(); ++k) {
      if (r.kpi_names[k] == "returns") returns = r.kpi_values[k];
      if (r.kpi_names[k] == "returns_restocked") kept = r.kpi_values[k];
    }
    REQUIRE(returns > 0);
    returned.samples.push_back(returns / returnable_sales(r, sc.horizon_days - 1 - back));
    restocked.samples.push_back(kept / returns);
  }
  const std::string params =
      fmt::format("{} SKUs x {}/day Poisson, {} days, delay {} d + inspection {} d", sc.skus.size(), sc.skus[0].rate,
                  sc.horizon_days, spec.delay_days.value, spec.inspection_days);
  returned.case_id = "returns/returned_share";
  returned.formula = "E[returns / units sold on days 0 .. H - 1 - (delay + inspection)] = rate";
  returned.source = "Binomial(sold, rate) per sale (docs/model.md, Returns)";
  returned.theory = spec.rate;
  report(returned, "share of the units sold that customers return", params + fmt::format(", rate {}", spec.rate),
         "only units whose inspection ends within the horizon are counted; no peak days");
  restocked.case_id = "returns/restocked_share";
  restocked.formula = "E[returns_restocked / returns] = restock_probability";
  restocked.source = "Binomial(returned, restock_probability) per delay (docs/model.md, Returns)";
  restocked.theory = spec.restock_probability;
  report(restocked, "share of the returned units put back on the shelf",
         params + fmt::format(", restock_probability {}", spec.restock_probability),
         "restocked at the end of inspection; the rest written off");
}
