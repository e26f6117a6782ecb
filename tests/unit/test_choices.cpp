// The word tables of the scenario's enums (sim/scenario/choices.hpp) and the policy-type table.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/schema.hpp"

using namespace peaksim;
using namespace peaksim::scn;

namespace {

// Each value 0 .. n-1 of the enum has exactly one word, and word -> value -> word round-trips.
template <class Enum>
void check_round_trip(int n) {
  CAPTURE(n);
  CHECK(words<Enum>().size() == std::size_t(n));
  std::set<std::string> seen;
  for (int i = 0; i < n; ++i) {
    const Enum value = static_cast<Enum>(i);
    const std::string word = word_of(value);
    CHECK(seen.insert(word).second);
    CHECK(from_word<Enum>(word) == value);
    CHECK(!std::string(words<Enum>()[std::size_t(i)].meaning).empty());
  }
  CHECK_FALSE(from_word<Enum>("no_such_word").has_value());
}

}  // namespace

TEST_CASE("every scenario enum value has one word that round-trips, and unknown words are refused") {
  // The counts are the enums' sizes as they stand: an enumerator inserted before the last one without a row
  // makes its table shorter than this; one appended after it must be added here too (C++ cannot count them).
  check_round_trip<DemandModel>(int(DemandModel::normal) + 1);
  check_round_trip<UnmetDemand>(int(UnmetDemand::backorder) + 1);
  check_round_trip<Arrivals>(int(Arrivals::continuous) + 1);
  check_round_trip<PolicyType>(int(PolicyType::echelon_base_stock) + 1);
  check_round_trip<SafetyStock>(int(SafetyStock::errors) + 1);
  check_round_trip<Allocation>(int(Allocation::priority) + 1);
  check_round_trip<ReorderTrigger>(int(ReorderTrigger::at_or_below) + 1);
  check_round_trip<RecordLevel>(int(RecordLevel::kpi_only) + 1);
  check_round_trip<EventShape::Profile>(int(EventShape::Profile::linear) + 1);
  check_round_trip<ForecastModel>(int(ForecastModel::global) + 1);
  check_round_trip<ForecastObserve>(int(ForecastObserve::demand) + 1);
  check_round_trip<Unconstrain>(int(Unconstrain::max_forecast) + 1);
  check_round_trip<RobotMode>(int(RobotMode::person_to_goods) + 1);
  check_round_trip<Slotting>(int(Slotting::velocity) + 1);
  check_round_trip<Weekday>(int(Weekday::sunday) + 1);
  check_round_trip<Sourcing>(int(Sourcing::reliability_weighted) + 1);
  check_round_trip<PriceForm>(int(PriceForm::logit) + 1);
  check_round_trip<PricingPolicy>(int(PricingPolicy::dynamic) + 1);
  check_round_trip<rng::DistributionSpec::Kind>(int(rng::DistributionSpec::Kind::exponential) + 1);
}

TEST_CASE("a choice key of the parameter table offers exactly its enum's words") {
  CHECK(find_param("policy.type")->choices == choices<PolicyType>());
  CHECK(find_param("sites.regions[].demand")->choices == choices<DemandModel>());
  CHECK(find_param("forecast.model")->choices == choices<ForecastModel>());
  CHECK(find_param("record.level")->choices == choices<RecordLevel>());
  CHECK(find_param("sites.warehouses[].allocation")->choices == choices<Allocation>());
  CHECK(find_param("lanes[].carriers[].pickup_days")->choices == choices<Weekday>());
  CHECK(find_param("sites.warehouses[].sourcing")->choices == choices<Sourcing>());
  CHECK(find_param("policy.type")->choice_meanings.size() == choices<PolicyType>().size());
}

TEST_CASE("every policy type has one descriptor, in enum order, whose keys are policy keys") {
  const auto& keys = policy_level_keys();
  REQUIRE(policy_types().size() == choices<PolicyType>().size());
  for (std::size_t i = 0; i < policy_types().size(); ++i) {
    const PolicyTypeInfo& info = policy_types()[i];
    CHECK(int(info.type) == int(i));
    for (const auto& k : info.needs) CHECK(std::find(keys.begin(), keys.end(), k) != keys.end());
    for (const auto& k : info.takes) CHECK(std::find(keys.begin(), keys.end(), k) != keys.end());
    for (const auto& k : keys) CHECK(find_param("policy." + k) != nullptr);
  }
  CHECK(required_policy_keys(policy_type(PolicyType::forecast_order_up_to), "errors") == std::vector<std::string>{"z"});
  CHECK(required_policy_keys(policy_type(PolicyType::sS), "quantile") == std::vector<std::string>{"s", "S"});
}
