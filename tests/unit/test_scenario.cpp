// The scenario loader: the reference scenario, --set overrides, defaults and the resolved YAML,
// the generated catalog, and the generated reference docs.
#include <doctest/doctest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/signals.hpp"
#include "tests/support/minimal_scenario.hpp"

namespace fs = std::filesystem;
using peaksim::load_scenario;
using peaksim::Scenario;
using peaksim::ScenarioError;

namespace {

const std::string kReference = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/reference/single_sS.yaml";

const std::string& kMinimal = peaksim::test::kMinimalScenario;

std::string write_temp(const std::string& file, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("peaksim_test_scenario_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / file) << text;
  return (dir / file).string();
}

std::string error_of(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario(path, overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

bool same(const peaksim::rng::DistributionSpec& a, const peaksim::rng::DistributionSpec& b) {
  return a.kind == b.kind && a.value == b.value && a.mean == b.mean && a.cv == b.cv && a.min == b.min &&
         a.max == b.max && a.values == b.values && a.probabilities == b.probabilities;
}

bool same(const peaksim::PolicyParams& a, const peaksim::PolicyParams& b) {
  return a.type == b.type && a.s == b.s && a.S == b.S && a.Q == b.Q && a.review_period_days == b.review_period_days &&
         a.trigger == b.trigger;
}

// Scenario has no operator== (it is frozen), so compare what a run depends on, field by field.
void check_equal(const Scenario& a, const Scenario& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CHECK(a.start == b.start);
  CHECK(a.horizon_days == b.horizon_days);
  CHECK(a.seed == b.seed);
  CHECK(a.replications == b.replications);
  CHECK(a.calendar.weekly == b.calendar.weekly);
  CHECK(a.calendar.yearly_amplitude == b.calendar.yearly_amplitude);
  CHECK(a.calendar.yearly_period_days == b.calendar.yearly_period_days);
  CHECK(a.calendar.yearly_phase_days == b.calendar.yearly_phase_days);
  REQUIRE(a.calendar.events.size() == b.calendar.events.size());
  for (std::size_t k = 0; k < a.calendar.events.size(); ++k) {
    const auto &x = a.calendar.events[k], &y = b.calendar.events[k];
    CHECK(x.name == y.name);
    CHECK(x.date.text == y.date.text);
    CHECK(x.multiplier == y.multiplier);
    CHECK(x.shape.days_before == y.shape.days_before);
    CHECK(x.shape.days_after == y.shape.days_after);
    CHECK(x.shape.profile == y.shape.profile);
  }
  REQUIRE(a.skus.size() == b.skus.size());
  for (std::size_t k = 0; k < a.skus.size(); ++k) {
    CHECK(a.skus[k].id == b.skus[k].id);
    CHECK(a.skus[k].category == b.skus[k].category);
    CHECK(a.skus[k].rate == b.skus[k].rate);
    CHECK(a.skus[k].price == b.skus[k].price);
    CHECK(a.skus[k].cost == b.skus[k].cost);
    CHECK(a.skus[k].policy.has_value() == b.skus[k].policy.has_value());
  }
  CHECK(same(a.policy, b.policy));
  CHECK(a.policy_by_category.size() == b.policy_by_category.size());
  REQUIRE(a.suppliers.size() == b.suppliers.size());
  for (std::size_t k = 0; k < a.suppliers.size(); ++k) {
    CHECK(a.suppliers[k].name == b.suppliers[k].name);
    CHECK(a.suppliers[k].capacity_per_day == b.suppliers[k].capacity_per_day);
    CHECK(a.suppliers[k].moq == b.suppliers[k].moq);
    CHECK(a.suppliers[k].case_pack == b.suppliers[k].case_pack);
  }
  REQUIRE(a.warehouses.size() == b.warehouses.size());
  for (std::size_t k = 0; k < a.warehouses.size(); ++k)
    CHECK(a.warehouses[k].initial_stock == b.warehouses[k].initial_stock);
  REQUIRE(a.regions.size() == b.regions.size());
  for (std::size_t k = 0; k < a.regions.size(); ++k) {
    CHECK(a.regions[k].name == b.regions[k].name);
    CHECK(a.regions[k].scale == b.regions[k].scale);
    CHECK(a.regions[k].demand == b.regions[k].demand);
    CHECK(a.regions[k].dispersion == b.regions[k].dispersion);
    CHECK(a.regions[k].cv == b.regions[k].cv);
    CHECK(a.regions[k].unmet == b.regions[k].unmet);
    CHECK(same(a.regions[k].shocks.multiplier, b.regions[k].shocks.multiplier));
  }
  REQUIRE(a.lanes.size() == b.lanes.size());
  for (std::size_t k = 0; k < a.lanes.size(); ++k) {
    CHECK(a.lanes[k].from == b.lanes[k].from);
    CHECK(a.lanes[k].to == b.lanes[k].to);
    CHECK(same(a.lanes[k].lead_time_days, b.lanes[k].lead_time_days));
  }
  CHECK(a.costs.holding_per_unit_day == b.costs.holding_per_unit_day);
  CHECK(a.costs.lost_sale_per_unit == b.costs.lost_sale_per_unit);
  CHECK(a.costs.order_fixed == b.costs.order_fixed);
  CHECK(a.costs.purchase_cost_in_total == b.costs.purchase_cost_in_total);
  CHECK(a.record.level == b.record.level);
  CHECK(a.record.variables == b.record.variables);
  CHECK(a.resolved_yaml == b.resolved_yaml);
}

}  // namespace

TEST_CASE("the reference scenario loads with 1000 SKUs whose rates are 1 + (i mod 20)") {
  const Scenario sc = load_scenario(kReference);
  CHECK(sc.name == "reference_single_sS");
  CHECK(sc.start.to_string() == "2025-01-01");
  CHECK(sc.horizon_days == 365);
  CHECK(sc.seed == 20250101);
  CHECK(sc.replications == 20);
  REQUIRE(sc.skus.size() == 1000);
  for (std::size_t i = 0; i < sc.skus.size(); ++i) CHECK(sc.skus[i].rate == static_cast<double>(1 + i % 20));
  CHECK(sc.skus[7].id == "sku007");
  CHECK(sc.skus[999].id == "sku999");
  CHECK(sc.skus[0].category == "default");
  CHECK(sc.calendar.yearly_amplitude == doctest::Approx(0.3));
  CHECK(sc.calendar.yearly_period_days == 365);

  REQUIRE(sc.calendar.events.size() == 1);
  const auto& bf = sc.calendar.events[0];
  CHECK(bf.multiplier == 4);
  CHECK(bf.shape.days_before == 2);
  CHECK(bf.shape.days_after == 2);
  const auto days = peaksim::cal::occurrences(bf.date, sc.start, sc.start + (sc.horizon_days - 1));
  REQUIRE(days.size() == 1);
  CHECK(days[0] - sc.start == 331);  // as the scenario's comment says

  CHECK(sc.policy.type == peaksim::PolicyType::sS);
  CHECK(sc.policy.s == "ceil(4*m + 4*sqrt(m))");
  CHECK(sc.policy.S == "s + 5*m");
  CHECK(sc.policy.Q.empty());
  REQUIRE(sc.lanes.size() == 2);
  CHECK(sc.lanes[0].from == "supplier");
  CHECK(sc.lanes[0].to == "warehouse");
  CHECK(sc.lanes[0].lead_time_days.kind == peaksim::rng::DistributionSpec::Kind::constant);
  CHECK(sc.lanes[0].lead_time_days.value == 3);
  CHECK(sc.lanes[1].lead_time_days.value == 0);
  CHECK(std::isinf(sc.suppliers.at(0).capacity_per_day));
  CHECK(sc.warehouses.at(0).initial_stock == "S");
  CHECK(sc.regions.at(0).demand == peaksim::DemandModel::poisson);
  CHECK(sc.costs.holding_per_unit_day == doctest::Approx(0.1));
  CHECK(sc.costs.lost_sale_per_unit == 5);
  CHECK(sc.costs.order_fixed == 10);
  CHECK(sc.record.level == peaksim::RecordLevel::kpi_only);
}

TEST_CASE("--set changes values, creates missing keys and maps, and addresses list items by index") {
  const Scenario sc = load_scenario(kReference, {"catalog.generate.count=50", "calendar.weekly=[1,1,1,1,1,1.2,1.2]",
                                                 "sites.regions[0].shocks.probability_per_day=0.1",
                                                 "sites.warehouses.0.initial_stock=2*S", "lanes.0.lead_time=12h"});
  CHECK(sc.skus.size() == 50);
  CHECK(sc.skus[49].id == "sku49");
  CHECK(sc.calendar.weekly[5] == doctest::Approx(1.2));
  CHECK(sc.calendar.weekly[0] == 1);
  CHECK(sc.regions[0].shocks.probability_per_day == doctest::Approx(0.1));
  CHECK(sc.regions[0].shocks.duration_days == 1);  // the created map got its defaults
  CHECK(sc.warehouses[0].initial_stock == "2*S");
  CHECK(sc.lanes[0].lead_time_days.value == doctest::Approx(0.5));
}

TEST_CASE("errors in --set values point at the --set argument") {
  CHECK(error_of(kReference, {"horizon=3"}) ==
        "--set horizon=3: horizon: expected a duration with a unit, such as 3d or 12h; got '3'");
  CHECK(error_of(kReference, {"calendar.weekley=[1]"}) ==
        "--set calendar.weekley=[1]: calendar.weekley: unknown key 'weekley'; did you mean 'weekly'?");
  CHECK(error_of(kReference, {"calendar.weekly=[1, 1]"}) ==
        "--set calendar.weekly=[1, 1]: calendar.weekly: expected a list of 7 numbers >= 0; got a list of 2");
  CHECK(error_of(kReference, {"sites.regions.0.dispersion=2"}) ==
        "--set sites.regions.0.dispersion=2: sites.regions[0].dispersion: key 'dispersion' is only used with demand "
        "negative_binomial; this region's demand is poisson");
  // A missing key is reported at the map that lacks it, here the file's region.
  CHECK(error_of(kReference, {"sites.regions.0.demand=negative_binomial"}) ==
        kReference +
            ":34:7: sites.regions[0].dispersion: missing required key 'dispersion' (a number > 0; demand "
            "negative_binomial needs it)");
  CHECK(error_of(kReference, {"horizon"}) == "--set horizon: expected KEY=VALUE, such as catalog.generate.count=50");
  CHECK(error_of(kReference, {"=3"}) == "--set =3: expected KEY=VALUE, such as catalog.generate.count=50");
  CHECK(error_of(kReference, {"sites.warehouses.1.name=east"}) ==
        "--set sites.warehouses.1.name=east: sites.warehouses[1]: index 1 is beyond the end of 'sites.warehouses' "
        "(1 item)");
  CHECK(error_of(kReference, {"lanes.first.from=x"}) ==
        "--set lanes.first.from=x: lanes: 'lanes' is a list; address its items by index, such as lanes.0");
  CHECK(error_of(kReference, {"horizon.days=3"}) ==
        "--set horizon.days=3: horizon: cannot set a key under 'horizon': it holds '365d', not a map");
  CHECK(error_of(kReference, {"seed=[1"}).rfind("--set seed=[1: seed: invalid YAML: ", 0) == 0);
  // A value the file gave keeps its file location even when another key was overridden.
  CHECK(error_of(kReference, {"seed=2", "replications=0"}) ==
        "--set replications=0: replications: expected an integer >= 1 and <= 100000; got '0'");
}

TEST_CASE("a --set value is one YAML document: a second one or a stray ',' is refused, not dropped") {
  // yaml-cpp reads the first document of a text: the 50 after '---' would be dropped, and ',1' read as null.
  CHECK(error_of(kReference, {"catalog.generate.count=5\n---\n50"}) ==
        "--set catalog.generate.count=5\n---\n50: catalog.generate.count: a second YAML document (after '---'); a "
        "value holds one");
  CHECK(error_of(kReference, {"seed=,1"}) ==
        "--set seed=,1: seed: invalid YAML: ',' cannot begin a value here (a "
        "',' separates items only inside [...] or {...})");
  CHECK(error_of(kReference, {"seed=7\n..."}) == "(no error)");  // the end of a document is no second one
}

TEST_CASE("defaults are filled in and appear in the resolved YAML in table order") {
  const std::string path = write_temp("minimal_case.yaml", kMinimal);
  const Scenario sc = load_scenario(path);
  CHECK(sc.name == "minimal_case");  // the file stem
  CHECK(sc.seed == 1);
  CHECK(sc.replications == 1);
  CHECK(sc.policy.review_period_days == 1);
  CHECK(sc.policy.trigger == peaksim::ReorderTrigger::below);
  CHECK(sc.suppliers[0].case_pack == 1);
  CHECK(sc.record.variables == peaksim::recordable_signal_names());  // every recordable signal by default
  CHECK(!sc.record.kpi_by_sku);

  const YAML::Node resolved = YAML::Load(sc.resolved_yaml);
  CHECK(resolved["name"].as<std::string>() == "minimal_case");
  CHECK(resolved["seed"].as<int>() == 1);
  CHECK(resolved["calendar"]["weekly"].size() == 7);
  CHECK(resolved["calendar"]["yearly"]["period"].as<std::string>() == "365d");
  CHECK(resolved["sites"]["suppliers"][0]["capacity_per_day"].as<std::string>() == "unlimited");
  CHECK(resolved["sites"]["regions"][0]["shocks"]["duration"].as<std::string>() == "1d");
  CHECK(resolved["policy"]["type"].as<std::string>() == "sS");
  CHECK(!resolved["policy"]["Q"]);  // optional keys without a default stay out
  CHECK(!resolved["sites"]["regions"][0]["dispersion"]);
  std::vector<std::string> keys;
  for (const auto& kv : resolved) keys.push_back(kv.first.as<std::string>());
  CHECK(keys == std::vector<std::string>{"name", "description", "start_date", "horizon", "seed", "replications",
                                         "calendar", "catalog", "policy", "policy_by_category", "sites", "lanes",
                                         "disruptions", "costs", "record"});
}

TEST_CASE("the resolved YAML loads again to an equal scenario") {
  const Scenario first = load_scenario(kReference, {"sites.regions.0.shocks.multiplier={dist: gamma, mean: 2, cv: 0.5}",
                                                    "lanes.0.lead_time={dist: uniform, min: 12h, max: 3d}"});
  CHECK(first.lanes[0].lead_time_days.min == doctest::Approx(0.5));
  CHECK(first.lanes[0].lead_time_days.max == 3);
  const Scenario again = load_scenario(write_temp("resolved.yaml", first.resolved_yaml));
  check_equal(first, again);
  const Scenario normal = load_scenario(kReference, {"sites.regions.0.demand=normal", "sites.regions.0.cv=0.3"});
  CHECK(normal.regions[0].demand == peaksim::DemandModel::normal);
  CHECK(normal.regions[0].cv == 0.3);
  check_equal(normal, load_scenario(write_temp("resolved_normal.yaml", normal.resolved_yaml)));
}

TEST_CASE("a random catalog is the same in every load, changes with the seed, and its attributes draw independently") {
  const std::string generated = kMinimal + R"(seed: 7
)";
  const std::vector<std::string> random = {
      "catalog.generate={count: 200, rate: {dist: gamma, mean: 5, cv: 1}, "
      "price: {dist: uniform, min: 1, max: 9}, cost: \"0.6*price\", "
      "categories: [{name: slow, min_rate: 0}, {name: fast, min_rate: 5}]}"};
  const std::string path = write_temp("random_catalog.yaml", generated);
  const Scenario a = load_scenario(path, random);
  const Scenario b = load_scenario(path, random);
  REQUIRE(a.skus.size() == 201);  // 200 generated, then the listed one
  CHECK(a.skus.back().id == "a");
  check_equal(a, b);
  for (const auto& sku : a.skus) {
    if (sku.id == "a") continue;
    CHECK(sku.category == (sku.rate >= 5 ? "fast" : "slow"));
    CHECK(sku.cost == doctest::Approx(0.6 * sku.price));
  }

  auto with_seed = random;
  with_seed.push_back("seed=8");
  const Scenario c = load_scenario(path, with_seed);
  int differing = 0;
  for (std::size_t i = 0; i < 200; ++i) differing += a.skus[i].rate != c.skus[i].rate;
  CHECK(differing > 190);

  // A different price distribution leaves every rate as it was.
  auto other_price = random;
  other_price.push_back("catalog.generate.price={dist: normal, mean: 20, cv: 0.1}");
  const Scenario d = load_scenario(path, other_price);
  for (std::size_t i = 0; i < 200; ++i) CHECK(a.skus[i].rate == d.skus[i].rate);
}

TEST_CASE("a SKU's policy is its own, else its category's, else the default") {
  const std::string text = kMinimal + R"(policy_by_category:
  fast: {type: RS, S: "10*m"}
)";
  const Scenario sc = load_scenario(write_temp("policies.yaml", text),
                                    {"catalog.skus=[{id: a, rate: 1}, {id: b, rate: 9, category: fast}, "
                                     "{id: c, rate: 9, category: fast, policy: {type: base_stock, S: 7}}]"});
  REQUIRE(sc.skus.size() == 3);
  CHECK(sc.policy_for(sc.skus[0]).S == "s + 10");
  CHECK(sc.policy_for(sc.skus[1]).type == peaksim::PolicyType::RS);
  CHECK(sc.policy_for(sc.skus[2]).type == peaksim::PolicyType::base_stock);
  CHECK(sc.policy_for(sc.skus[2]).S == "7");
}

TEST_CASE("a file that cannot be opened is reported with its path alone") {
  const std::string missing = std::string(PEAKSIM_SOURCE_DIR) + "/no/such/scenario.yaml";
  CHECK(error_of(missing) == missing + ": cannot open the scenario file (No such file or directory)");
}

TEST_CASE("docs/scenarios.md is the text generated from the parameter table") {
  std::ifstream in(std::string(PEAKSIM_SOURCE_DIR) + "/docs/scenarios.md");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string generated = peaksim::scenario_reference_markdown();
  CHECK(generated.find("| `sites.regions[].dispersion` |") != std::string::npos);
  // Name the first line that differs rather than printing both texts.
  std::istringstream have(text.str()), want(generated);
  std::string have_line, want_line;
  int line = 0;
  bool more_have = true, more_want = true;
  while (more_have || more_want) {
    ++line;
    more_have = static_cast<bool>(std::getline(have, have_line));
    more_want = static_cast<bool>(std::getline(want, want_line));
    if (!more_have) have_line = "(end of file)";
    if (!more_want) want_line = "(end of text)";
    if (have_line != want_line) break;
  }
  const bool up_to_date = text.str() == generated;
  CHECK_MESSAGE(up_to_date,
                "docs/scenarios.md is out of date with the parameter table (sim/scenario/schema.cpp); "
                "regenerate it with `make docs` (scripts/update-docs). First difference, line "
                    << line << ":\n  file:      " << have_line << "\n  generated: " << want_line);
}
