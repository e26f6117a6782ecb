#include "sim/scenario/policy_types.hpp"

#include <stdexcept>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim {
namespace {

std::vector<PolicyTypeInfo> make_table() {
  using T = PolicyType;
  std::vector<PolicyTypeInfo> t(9);
  t[0] = {.type = T::sS, .needs = {"s", "S"}, .reorder_key = "s"};
  t[1] = {.type = T::RS, .needs = {"S"}};
  t[2] = {.type = T::sQ, .needs = {"s", "Q"}, .reorder_key = "s", .fixed_quantity = true};
  t[3] = {.type = T::base_stock, .needs = {"S"}};
  t[4] = {.type = T::moving_average,
          .needs = {"window"},
          .takes = {"z"},
          .level_S = LevelS::moving_average,
          .demand_history = true};
  t[5] = {.type = T::rQ,
          .needs = {"r", "Q"},
          .reorder_key = "r",
          .fixed_quantity = true,
          .review = Review::continuous,
          .exact_lead_time = true};
  t[6] = {.type = T::forecast_order_up_to, .takes = {"safety"}, .level_S = LevelS::forecast, .forecasts = true};
  t[7] = {.type = T::newsvendor_preseason, .level_S = LevelS::newsvendor_buy, .review = Review::none};
  t[8] = {.type = T::echelon_base_stock, .needs = {"S"}, .echelon = true};
  for (std::size_t i = 0; i < t.size(); ++i)
    if (int(t[i].type) != int(i)) throw std::logic_error("policy_types: table out of enum order");
  return t;
}

}  // namespace

const std::vector<PolicyTypeInfo>& policy_types() {
  static const std::vector<PolicyTypeInfo> table = make_table();
  return table;
}

const PolicyTypeInfo& policy_type(PolicyType type) { return policy_types().at(std::size_t(type)); }

std::vector<std::string> required_policy_keys(const PolicyTypeInfo& info, const std::string& safety) {
  std::vector<std::string> keys = info.needs;
  if (info.forecasts) keys.push_back(safety == scn::word_of(SafetyStock::errors) ? "z" : "service_level");
  return keys;
}

const std::vector<std::string>& policy_level_keys() {
  static const std::vector<std::string> keys = {"s", "S", "Q", "r", "window", "z", "safety", "service_level"};
  return keys;
}

std::string policy_rules_markdown() {
  std::string out = "- Policy type and levels:";
  const auto quoted = [](const std::vector<std::string>& keys) {
    std::vector<std::string> q;
    for (const auto& k : keys) q.push_back("`" + k + "`");
    return scn::join_and(q);
  };
  for (const PolicyTypeInfo& info : policy_types()) {
    out += std::string(" ") + scn::word_of(info.type);
    if (!info.needs.empty()) out += " needs " + quoted(info.needs);
    if (info.forecasts)
      out +=
          " takes `safety` (default quantile) and needs `service_level` with safety quantile, `z` with safety errors";
    else if (!info.takes.empty())
      out += std::string(info.needs.empty() ? "" : " and") + " takes " + quoted(info.takes);
    if (info.needs.empty() && info.takes.empty() && !info.forecasts) out += " needs no level";
    out += ";";
  }
  out.back() = '.';
  out += " A level or key the type does not use is an error.";
  for (const PolicyTypeInfo& info : policy_types())
    if (info.demand_history)
      out += std::string(" With ") + scn::word_of(info.type) + ", `z` > 0 needs a `window` of at least 2d.";
  out += "\n";
  for (const PolicyTypeInfo& info : policy_types())
    if (info.exact_lead_time)
      out += std::string("- When any SKU's policy is ") + scn::word_of(info.type) +
             ", every supplier-to-warehouse lane needs a constant `lead_time` and every supplier that feeds a "
             "warehouse an unlimited `capacity_per_day`.\n";
  return out;
}

std::vector<std::string> policy_type_words(const std::function<bool(const PolicyTypeInfo&)>& has) {
  std::vector<std::string> words;
  for (const PolicyTypeInfo& info : policy_types())
    if (has(info)) words.emplace_back(scn::word_of(info.type));
  return words;
}

}  // namespace peaksim
