// Validation: Little's law on the replenishment pipeline. The average number of
// units on order at the day's count equals the order rate times the mean lead time in whole days:
// statistically on daily base stock (scenarios/validation/base_stock.yaml) with a constant and with a
// gamma lead time, whose rounding to days the oracle sums exactly; and exactly, on every recorded
// sample path, for the reference (s,S) model.
#include "base_stock_setup.hpp"
#include "discrete_laws.hpp"

using namespace peaksim;
using namespace peaksim::validation;

TEST_CASE("units on order average the order rate times the mean lead time (Little's law)") {
  const std::string model = "replenishment pipeline of daily base stock, Poisson demand (order rate = demand rate)";
  const std::string source = "Little's law L = lambda W (Little 1961), W = lead time in whole days";
  {  // constant lead time: the pipeline holds exactly the last L days' orders
    const BaseStockSetup s = read_base_stock_setup();
    const Runs runs = run_replications(scenario_path(kBaseStockFile), {}, 10, true);
    std::vector<Averages> reps;
    for (const ReplicationResult& r : runs.results) reps.push_back(averages(r, s.lead - 1));
    CaseReport c;
    c.case_id = "little/constant_lead_time";
    c.formula = "E[on_order at the count] = lambda x L";
    c.source = source;
    c.theory = s.lambda * s.lead;
    c.samples = column(reps, &Averages::on_order);
    report(c, model,
           fmt::format("lambda={}/day, L={} days, S={}, {} SKUs x {} days", s.lambda, s.lead, s.S, s.skus, s.days),
           "an order placed at 18:00 on day t is on order at the counts of days t..t+L-1; days 0..L-2 dropped");
    CaseReport rate = c;
    rate.case_id = "little/order_rate";
    rate.formula = "E[units ordered per day] = lambda (base stock reorders each day's demand)";
    rate.theory = s.lambda;
    rate.samples = column(reps, &Averages::orders);
    report(rate, model, c.parameters, c.conventions);
  }
  {  // gamma lead times, rounded to whole days by the supplier; orders may cross. With mean 1 day and
     // cv 1 (exponential), 39% of orders take 0 days and E[round(G)] = e^0.5 / (e - 1) = 0.96, not 1.
    const double mean = 1, cv = 1;
    const std::string lead = fmt::format("lanes.0.lead_time={{dist: gamma, mean: {}d, cv: {}}}", mean, cv);
    const BaseStockSetup s = read_base_stock_setup({lead});
    const Pmf days = rounded_gamma_pmf(mean, cv);
    // Exponential: E[round(G)] = sum over k >= 1 of P(G > k - 1/2) = e^0.5 / (e - 1).
    CHECK(mean_of(days) == doctest::Approx(std::exp(0.5) / (std::exp(1.0) - 1)).epsilon(1e-12));
    const int warm_up = int(days.size());  // P(lead >= warm_up days) < 1e-15: the pipeline is full
    const Runs runs = run_replications(scenario_path(kBaseStockFile), {lead}, 10, true);
    std::vector<Averages> reps;
    for (const ReplicationResult& r : runs.results) reps.push_back(averages(r, warm_up));
    CaseReport c;
    c.case_id = "little/gamma_lead_time";
    c.formula =
        "E[on_order at the count] = lambda x E[max(0, round(G))], G ~ gamma(mean, cv); "
        "E[round(G)] by summing P(k - 1/2 < G < k + 1/2)";
    c.source = source;
    c.theory = s.lambda * mean_of(days);
    c.samples = column(reps, &Averages::on_order);
    MESSAGE(fmt::format("E[round(G)] = {:.6f} days for a gamma of mean {} and cv {}", mean_of(days), mean, cv));
    report(c, model,
           fmt::format("lambda={}/day, lead time gamma(mean {} d, cv {}) rounded to days, S={}, {} SKUs x "
                       "{} days (first {} dropped)",
                       s.lambda, mean, cv, s.S, s.skus, s.days, warm_up),
           "lead time drawn per order and rounded to the nearest day (0 days: received at the day's close, never "
           "counted on order); orders may cross");
  }
}

TEST_CASE("Little's law holds exactly on the recorded paths of the reference (s,S) model") {
  // Lead time 3 days: an order of day u is counted on order at the closes of days u..u+2 that exist,
  // so the sum over days of on_order equals the sum over orders of q x min(3, T - u).
  const std::string file = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/reference/single_sS.yaml";
  const std::vector<std::string> overrides = {"catalog.generate.count=40", "record.level=sku_daily"};
  const Scenario sc = load_scenario(file, overrides);
  const NetworkPlan plan = make_network_plan(sc);
  const rng::DistributionSpec& lead = plan.warehouses[0].inbound->lead_time_days;
  REQUIRE(lead.kind == rng::DistributionSpec::Kind::constant);
  REQUIRE(std::isinf(sc.suppliers[0].capacity_per_day));
  const int L = int(std::lround(lead.value));
  const Runs runs = run_replications(file, overrides, 2, true);
  CaseReport c;
  for (const ReplicationResult& r : runs.results) {
    const DailyArrays a(r);
    const auto oo = a["on_order"], ord = a["orders"];
    std::int64_t pipeline = 0, little = 0, ordered = 0;
    for (int k = 0; k < a.skus(); ++k)
      for (int t = 0; t < a.days(); ++t) {
        pipeline += oo(t, k);
        little += ord(t, k) * std::min(L, a.days() - t);
        ordered += ord(t, k);
      }
    CHECK(ordered > 0);
    CHECK(pipeline == little);
    c.samples.push_back(double(pipeline - little) / a.days());
  }
  c.case_id = "little/reference_model_paths";
  c.formula = "(sum_t on_order_t - sum_u q_u min(L, T - u)) / T per replication (must be 0)";
  c.source = "Little's law on a finite sample path: each order is counted on order at L daily counts";
  report(c, "replenishment pipeline of the reference (s,S) model (seasonal Poisson demand, peak)",
         fmt::format("scenarios/reference/single_sS.yaml, {} SKUs x {} days, L={} days", sc.skus.size(),
                     sc.horizon_days, L),
         "orders counted at the closes of days u..u+L-1 that fall inside the horizon T");
}
