// One descriptor per replenishment policy type: the keys it reads, how its levels are set, how it
// reviews, and what it needs. Validation (required and refused keys), the network plan, the agents
// and the generated docs all read this table; only the policy classes (agents/policies.cpp) add
// behaviour. It lives in the core because the scenario loader, below the agents, checks it.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim {

enum class Review {
  periodic,    // at the planner's review instant every review_period days
  continuous,  // after every demand event, at the warehouse; orders ship at once
  none,        // never reorders
};

// Where the policy's order-up-to level S comes from.
enum class LevelS {
  formula,         // the S formula (0 when the type has none)
  moving_average,  // warm start P m + z sqrt(P m) until `window` days are seen
  forecast,        // warm start from the forecast level probability until the service is ready
  newsvendor_buy,  // the critical-ratio quantile of season demand (the initial stock)
};

struct PolicyTypeInfo {
  PolicyType type;
  std::vector<std::string> needs{};  // keys it requires (the safety-dependent one aside)
  std::vector<std::string> takes{};  // keys it accepts without requiring them
  std::string reorder_key{};         // the formula holding its reorder point ("s", "r"; "" for none)
  LevelS level_S = LevelS::formula;
  bool fixed_quantity = false;  // orders Q units: Q >= 1, and its order-up-to level is reorder point + Q
  Review review = Review::periodic;
  bool demand_history = false;   // the planner keeps `window` days of the warehouse's demand
  bool forecasts = false;        // orders from the forecast service; `safety` picks service_level or z
  bool exact_lead_time = false;  // its orders need constant-lead-time lanes and unlimited suppliers
  bool echelon = false;          // its position is the echelon inventory position (agents/planner.cpp)
};
// A type's KPIs are the rows of the KPI table (sim/kernel/kpis.cpp) whose group it makes present.

// Every type, in enum order.
const std::vector<PolicyTypeInfo>& policy_types();
const PolicyTypeInfo& policy_type(PolicyType type);

// The keys a policy map of this type requires, given its `safety` word (forecasting types only).
std::vector<std::string> required_policy_keys(const PolicyTypeInfo& info, const std::string& safety);

// Every key a policy map may hold besides type, review_period and trigger.
const std::vector<std::string>& policy_level_keys();

// The words of the policy types whose descriptor satisfies `has`, in enum order ("sS", "sQ", "rQ").
std::vector<std::string> policy_type_words(const std::function<bool(const PolicyTypeInfo&)>& has);

// The cross-key rules of the table, as docs bullet text.
std::string policy_rules_markdown();

}  // namespace peaksim
