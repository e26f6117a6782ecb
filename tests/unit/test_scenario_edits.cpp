// Scenario edits from the command line (sim/scenario/overrides.cpp): a flow value replaces a whole map or list,
// --unset deletes, [+] appends; each mistake is one message at the edit that made it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"

using peaksim::load_scenario;
using peaksim::PolicyType;
using peaksim::Scenario;
using peaksim::ScenarioError;

namespace {

const std::string kReference = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/reference/single_sS.yaml";

std::string error_of(const std::vector<std::string>& edits) {
  try {
    load_scenario(kReference, edits);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a flow map given to --set replaces the whole policy, so the old type's keys do not linger") {
  // The reference's policy is sS with s, S, trigger and review_period; base_stock takes none of s and trigger.
  const Scenario sc = load_scenario(kReference, {"policy={type: base_stock, S: 40}"});
  CHECK(sc.policy.type == PolicyType::base_stock);
  CHECK(sc.policy.S == "40");
  // Setting the type alone keeps s, which base_stock refuses: the message names the leftover key.
  CHECK(error_of({"policy.type=base_stock"}) ==
        kReference + ":25:3: policy.s: key 's' is not used by policy type base_stock");
}

TEST_CASE("a flow list given to --set replaces the whole list") {
  const Scenario sc = load_scenario(kReference, {"lanes=[{from: supplier, to: warehouse, lead_time: 5d}, "
                                                 "{from: warehouse, to: customers}]"});
  REQUIRE(sc.lanes.size() == 2);
  CHECK(sc.lanes[0].lead_time_days.value == 5);
  const Scenario none = load_scenario(kReference, {"calendar.events=[]"});
  CHECK(none.calendar.events.empty());
}

TEST_CASE("--unset deletes a key, so its default applies, and a list item, so later items move up") {
  const Scenario base = load_scenario(kReference);
  REQUIRE(base.costs.order_fixed == 10);
  const Scenario sc = load_scenario(kReference, {"--unset costs.order_fixed", "--unset calendar.events[0]"});
  CHECK(sc.costs.order_fixed == 0);  // the table's default
  CHECK(sc.calendar.events.empty());
  // Edits apply in order: deleting the policy and then setting one key leaves only that key (and defaults).
  const Scenario fresh = load_scenario(kReference, {"--unset policy", "policy.type=base_stock", "policy.S=30"});
  CHECK(fresh.policy.type == PolicyType::base_stock);
  CHECK(fresh.policy.S == "30");
}

TEST_CASE("[+] appends an item to a list, and creates a list that is missing") {
  const Scenario sc = load_scenario(kReference, {"calendar.events[+]={name: summer, date: 2025-06-18, multiplier: 2}",
                                                 "calendar.events[+]={name: "
                                                 "autumn, date: 2025-09-10, "
                                                 "multiplier: 3}"});
  REQUIRE(sc.calendar.events.size() == 3);
  CHECK(sc.calendar.events[1].name == "summer");
  CHECK(sc.calendar.events[2].name == "autumn");
  const Scenario created = load_scenario(kReference, {"--unset calendar.events",
                                                      "calendar.events[+]={name: summer, "
                                                      "date: 2025-06-18, multiplier: 2}"});
  REQUIRE(created.calendar.events.size() == 1);
  CHECK(created.calendar.events[0].name == "summer");
}

TEST_CASE("each mistake in an edit is one message naming the edit and the key") {
  CHECK(error_of({"--unset polcy"}) ==
        "--unset polcy: polcy: nothing to delete: the scenario has no key 'polcy' here; did you mean 'policy'?");
  CHECK(error_of({"--unset lanes[5]"}) == "--unset lanes[5]: lanes[5]: index 5 is beyond the end of 'lanes' (2 items)");
  CHECK(error_of({"lanes[5].from=x"}) ==
        "--set lanes[5].from=x: lanes[5]: index 5 is beyond the end of 'lanes' (2 items)");
  CHECK(error_of({"policy[+]=3"}) ==
        "--set policy[+]=3: policy: cannot append to 'policy': it holds a map, not a list");
  CHECK(error_of({"lanes[]={from: a, to: b}"}) ==
        "--set lanes[]={from: a, to: b}: '[]' in 'lanes[]' names no item; address one by index, such as lanes[0], or "
        "append one with lanes[+]=VALUE");
  CHECK(error_of({"lanes[+].from=a"}) ==
        "--set lanes[+].from=a: '[+]' appends an item and must end the key; give the whole item as its value, such as "
        "lanes[+]={from: a, to: b}");
  CHECK(error_of({"--unset policy.s=3"}) ==
        "--unset policy.s=3: --unset takes a key and no value, such as --unset policy.s");
  CHECK(error_of({"[+]=3"}) == "--set [+]=3: '[+]' appends to a list and needs its key, such as lanes[+]=VALUE");
  CHECK(error_of({"--unset lanes[+]"}) == "--unset lanes[+]: '[+]' appends; --unset deletes an existing key or item");
  // An appended item is checked like any other, and located at its edit.
  CHECK(error_of({"calendar.events[+]={name: x, date: 2025-06-18, multiplyer: 2}"}) ==
        "--set calendar.events[+]={name: x, date: 2025-06-18, multiplyer: 2}: calendar.events[1].multiplyer: unknown "
        "key 'multiplyer'; did you mean 'multiplier'?");
}

TEST_CASE("--set KEY=~ is refused with the way to delete a key, since a null value deletes nothing") {
  CHECK(error_of({"policy.s=~"}) ==
        "--set policy.s=~: policy.s: a null value (~, null or nothing) is not a value; to delete the key use --unset "
        "policy.s, and for empty text write policy.s=''");
  CHECK(error_of({"description="}) ==
        "--set description=: description: a null value (~, null or nothing) is not a value; to delete the key use "
        "--unset description, and for empty text write description=''");
  CHECK(load_scenario(kReference, {"description=''"}).description.empty());
}

TEST_CASE("deleting a required key is reported at the --unset that deleted it") {
  CHECK(error_of({"--unset horizon"}) ==
        "--unset horizon: horizon: missing required key 'horizon' (a duration with a unit, such as 3d or 12h)");
  CHECK(error_of({"--unset policy.s"}) ==
        "--unset policy.s: policy.s: missing required key 's' (policy type sS needs s and S)");
}
