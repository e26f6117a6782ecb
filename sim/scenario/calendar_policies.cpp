// Policies that look at the calendar: each prebuy names an event of the calendar and is placed inside the horizon,
// by the planner (so not on a continuous-review policy); rQ levels, evaluated once for the warehouse's own reviews
// after each demand event, cannot use the window variables of the planner's reviews.
#include <algorithm>
#include <cmath>
#include <functional>

#include "sim/expr/expression.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

// Every policy map of the tree with its key path.
void each_policy(const Tree& root, const std::function<void(const Tree&, const std::string&)>& visit) {
  visit(root.at("policy"), "policy");
  for (const Entry& e : root.at("policy_by_category").entries) visit(e.value, join_path("policy_by_category", e.key));
  if (const Tree* skus = root.at("catalog").find("skus"))
    for (std::size_t i = 0; i < skus->items.size(); ++i)
      if (const Tree* p = skus->items[i].find("policy")) visit(*p, index_path("catalog.skus", i) + ".policy");
  const auto& warehouses = root.at("sites").at("warehouses").items;
  for (std::size_t i = 0; i < warehouses.size(); ++i) {
    const std::string path = index_path("sites.warehouses", i);
    if (const Tree* p = warehouses[i].find("policy")) visit(*p, path + ".policy");
    if (const Tree* by = warehouses[i].find("policy_by_category"))
      for (const Entry& e : by->entries) visit(e.value, join_path(path + ".policy_by_category", e.key));
  }
}

void check_prebuy(const Tree& item, const std::string& path, const Scenario& sc) {
  std::vector<std::string> names;
  for (const FestivalEvent& ev : sc.calendar.events) names.push_back(ev.name);
  const Tree& name = item.at("event");
  const auto it = std::find(names.begin(), names.end(), name.text);
  if (it == names.end())
    fail(name.where, path + ".event",
         "unknown event '" + name.text + "'" +
             (names.empty() ? " (calendar.events is empty)" : suggestion(name.text, names, "calendar events")));
  const FestivalEvent& ev = sc.calendar.events[std::size_t(it - names.begin())];
  const Tree& before = item.at("days_before");
  const int days_before = int(std::lround(to_days(before)));
  // An occurrence on day e is bought for on day e - days_before, which must be a day of the horizon.
  const cal::Date first = sc.start + days_before, last = sc.start + (sc.horizon_days - 1 + days_before);
  if (!cal::occurrences(ev.date, first, last).empty()) return;
  const auto next = cal::occurrences(ev.date, sc.start, sc.start + (sc.horizon_days + 400));
  const std::string next_one = next.empty() ? ""
                                            : " (the next, " + next.front().to_string() + ", would be bought for on " +
                                                  (next.front() - days_before).to_string() + ")";
  fail(before.where, path + ".days_before",
       "a prebuy " + before.text + " before event '" + ev.name + "' falls outside the horizon " + sc.start.to_string() +
           " .. " + (sc.start + (sc.horizon_days - 1)).to_string() + " for every occurrence" + next_one);
}

void check_policy(const Tree& policy, const std::string& path, const Scenario& sc) {
  const std::string& type = policy.str("type");
  const PolicyTypeInfo& info = policy_type(*from_word<PolicyType>(type));
  if (const Tree* prebuy = policy.find("prebuy")) {
    if (info.review != Review::periodic && !prebuy->items.empty())
      fail(prebuy->where, path + ".prebuy",
           "prebuy needs a policy that the planner reviews periodically (" +
               join(policy_type_words([](const PolicyTypeInfo& i) { return i.review == Review::periodic; })) +
               "); this policy's type is " + type);
    for (std::size_t i = 0; i < prebuy->items.size(); ++i)
      check_prebuy(prebuy->items[i], index_path(path + ".prebuy", i), sc);
  }
  if (info.review != Review::continuous) return;
  std::vector<std::string> vars = policy_variables();
  vars.push_back("s");
  for (const std::string key : {"r", "Q"})
    if (const Tree* f = policy.find(key))
      for (const std::string var : {"mu_window", "sd_window"})
        if (expr::Expression(f->text, vars).uses(var))
          fail(f->where, join_path(path, key),
               var + " is the demand over a periodic review's window; policy type " + type +
                   " reviews after every demand event, so its levels cannot use it");
}

}  // namespace

void check_calendar_policies(const Tree& root, const Scenario& sc) {
  each_policy(root, [&](const Tree& policy, const std::string& path) { check_policy(policy, path, sc); });
}

}  // namespace peaksim::scn
