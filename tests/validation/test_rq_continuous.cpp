// Validation: continuous-review (r,Q) with unit Poisson demand in continuous time,
// a constant lead time L = 2.5 days and backorders (scenarios/validation/rq_continuous.yaml). Hadley
// and Whitin's law is exact here: in steady state the inventory position IP is uniform on
// {r+1..r+Q} and independent of the next L days' demand, so NI(t) = IP(t-L) - D(t-L, t] with
// D ~ Poisson(lambda L). The trigger and the exact-instant receipt are first checked on a tiny
// deterministic world worked out by hand, and IP at every count on every stochastic path.
#include "daily_arrays.hpp"
#include "discrete_laws.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

const std::string kFile = "rq_continuous.yaml";
constexpr int kWarmUp = 20;  // days dropped from the averages (bias bound in the third test)

struct Setup {
  double lambda = 0, lead = 0;  // per SKU-day; days
  int r = 0, Q = 0, skus = 0, days = 0;
};

Setup read_setup() {
  const Scenario sc = load_scenario(scenario_path(kFile));
  const NetworkPlan plan = make_network_plan(sc);
  REQUIRE(sc.regions.size() == 1);
  REQUIRE(sc.regions[0].arrivals == Arrivals::continuous);
  REQUIRE(sc.regions[0].unmet == UnmetDemand::backorder);
  REQUIRE(sc.regions[0].demand == DemandModel::poisson);
  for (double f : plan.profile.factor) REQUIRE(f == 1.0);
  const WarehousePlan& wp = plan.warehouses.at(0);
  REQUIRE(wp.inbound->lead_time_days.kind == rng::DistributionSpec::Kind::constant);
  Setup s{wp.mean_demand[0],   wp.inbound->lead_time_days.value,
          int(wp.levels[0].s), int(wp.levels[0].Q),
          int(sc.skus.size()), sc.horizon_days};
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    REQUIRE(wp.params[k]->type == PolicyType::rQ);
    REQUIRE((wp.mean_demand[k] == s.lambda && wp.levels[k].s == s.r && wp.levels[k].Q == s.Q));
    REQUIRE(wp.initial_stock[k] == s.r + s.Q);
  }
  return s;
}

// Hadley-Whitin, backorders: E[on hand], E[backorders], and P(NI > 0), which by PASTA is the share
// of unit demands served at once (the fill rate).
struct Theory {
  double on_hand = 0, backorders = 0, fill_rate = 0;
};

Theory hadley_whitin(const Setup& s) {
  Theory t;
  const Pmf d = poisson_pmf(s.lambda * s.lead);
  for (int y = s.r + 1; y <= s.r + s.Q; ++y)
    for (std::size_t k = 0; k < d.size(); ++k) {
      const double net = double(y) - double(k), w = d[k] / s.Q;
      t.on_hand += w * std::max(net, 0.0);
      t.backorders += w * std::max(-net, 0.0);
      if (net > 0) t.fill_rate += w;
    }
  return t;
}

}  // namespace

TEST_CASE("a tiny deterministic rQ world orders at IP <= r and receives 2.5 days later at 18:00") {
  // r = 5, Q = 8, start at r + Q = 13, 4 units at 06:00 every day (daily arrivals), L = 2.5 d.
  // Day 1: 13 - 8 = 5 <= r, order 8 at 06:00 on day 1, on the shelf at 18:00 on day 3 (rounding
  // L to 3 days would bring it on day 4). Day 3: 1 on hand, 3 backordered, IP = 5, order again;
  // at 18:00 the receipt fills the 3 backorders and 5 are counted. Period 2 from then on.
  const Runs runs = run_replications(
      scenario_path(kFile),
      {"sites.regions.0.demand=deterministic", "sites.regions.0.arrivals=daily", "catalog.generate.count=1",
       "catalog.generate.rate=4", "policy.r=5", "policy.Q=8", "horizon=7d"},
      1, true);
  const DailyArrays a(runs.results.at(0));
  const std::map<std::string, std::vector<std::int64_t>> expected = {
      {"on_hand", {9, 5, 1, 5, 1, 5, 1}},
      {"backorders", {0, 0, 0, 0, 0, 0, 0}},
      {"on_order", {0, 8, 8, 8, 8, 8, 8}},
      {"sales", {4, 4, 4, 1, 4, 1, 4}},
      {"backorders_filled", {0, 0, 0, 3, 0, 3, 0}},
      {"receipts", {0, 0, 0, 8, 0, 8, 0}},
      {"orders", {0, 8, 0, 8, 0, 8, 0}},
      {"demand", {4, 4, 4, 4, 4, 4, 4}},
  };
  REQUIRE(a.days() == 7);
  check_days(a, expected);
}

TEST_CASE("continuous arrivals keep the daily demand draws and the inventory position stays in r+1..r+Q") {
  // Same streams, same counts: only the instants move, so a day's units cross the 23:00 count and
  // the last day's units after its count fall outside the run.
  const Setup s = read_setup();
  const std::vector<std::string> shorter = {"horizon=60d"};
  const Runs daily = run_replications(scenario_path(kFile), {"horizon=60d", "sites.regions.0.arrivals=daily"}, 2);
  const Runs continuous = run_replications(scenario_path(kFile), shorter, 2, true);
  for (std::size_t rep = 0; rep < 2; ++rep) {
    const DailyArrays a(continuous.results[rep]);
    const auto dem = a["demand"], oh = a["on_hand"], oo = a["on_order"], bo = a["backorders"];
    std::int64_t last_day = 0, outside = 0;
    for (int k = 0; k < a.skus(); ++k)
      for (int t = 0; t < a.days(); ++t) {
        const std::int64_t ip = oh(t, k) + oo(t, k) - bo(t, k);
        outside += ip <= s.r || ip > s.r + s.Q;
        if (t == a.days() - 1) last_day += dem(t, k);
      }
    CHECK(outside == 0);
    const double gap = daily.kpi.at("demand")[rep] - continuous.kpi.at("demand")[rep];
    CHECK(gap >= 0);
    CHECK(gap <= double(last_day) + 3 * std::sqrt(s.lambda * s.skus) + 1);  // about 1/24 of a day's units
  }
}

TEST_CASE("rQ on-hand, backorders and fill rate match Hadley-Whitin for unit Poisson demand") {
  const Setup s = read_setup();
  const Theory th = hadley_whitin(s);
  // IP(t) = r + 1 + ((Q - 1 - N(t)) mod Q) from IP(0) = r + Q; N(t) mod Q is uniform up to
  // exp(-lambda t (1 - cos(2 pi / Q))) per mode (1e-7 after 17.5 days), and NI(t) needs IP(t - L):
  // the warm-up bias on the averages is below Q x 1e-7, far below the CI.
  REQUIRE(s.lambda * (kWarmUp - s.lead) * (1 - std::cos(2 * M_PI / s.Q)) > 15);
  const Runs runs = run_replications(scenario_path(kFile), {}, 30, true);
  std::vector<Averages> reps;
  for (const ReplicationResult& r : runs.results) reps.push_back(averages(r, kWarmUp));
  const struct {
    const char* id;
    const char* formula;
    double theory;
    double Averages::*field;
  } rows[] = {
      {"expected_on_hand", "(1/Q) sum_{y=r+1}^{r+Q} E[(y - D)^+], D ~ Poisson(lambda L)", th.on_hand,
       &Averages::on_hand},
      {"expected_backorders", "(1/Q) sum_{y=r+1}^{r+Q} E[(D - y)^+], D ~ Poisson(lambda L)", th.backorders,
       &Averages::backorders},
      {"fill_rate", "(1/Q) sum_{y=r+1}^{r+Q} P(D <= y - 1) (PASTA: P(NI > 0))", th.fill_rate, &Averages::fill_rate},
  };
  for (const auto& row : rows) {
    CaseReport c;
    c.case_id = "rq_continuous/" + std::string(row.id);
    c.formula = row.formula;
    c.source =
        "Hadley and Whitin, Analysis of Inventory Systems (1963), ch. 4; Zipkin, Foundations of Inventory "
        "Management, ch. 6 (exact for unit demands)";
    c.theory = row.theory;
    c.samples = column(reps, row.field);
    report(c, "continuous-review (r,Q), unit Poisson demand in continuous time, constant lead time L, backorders",
           fmt::format("lambda={}/day, L={} days, r={}, Q={}, {} SKUs x {} days", s.lambda, s.lead, s.r, s.Q, s.skus,
                       s.days),
           fmt::format("on hand and backorders counted at 23:00 each day (a sample of the time-stationary "
                       "process, so its mean is the time average), days 0..{} dropped as warm-up; fill "
                       "rate = sales / demand over the same days per replication",
                       kWarmUp - 1));
  }
}
