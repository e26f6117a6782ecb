// Internal steps of load_scenario, each in its own file.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/tree.hpp"

namespace peaksim::scn {

[[noreturn]] void fail(const std::string& where, const std::string& path, const std::string& message);
// "unknown key 'horizn'; did you mean 'horizon'?" or the list of known keys.
std::string unknown_key(std::string_view key, const std::vector<std::string>& known);
// "expected one of a, b; got 'x' (did you mean 'a'?)"
std::string not_one_of(const Tree& node, const std::vector<std::string>& choices);

// A validated choice as its enum value, by the enum's word table (choices.hpp); a word outside it
// is a bug (validation let it through), never a default.
template <class Enum>
Enum to_enum(const Tree& node) {
  if (const auto value = from_word<Enum>(node.text)) return *value;
  throw std::logic_error("scenario: unexpected value '" + node.text + "' after validation");
}

// overrides.cpp: applies the --set and --unset edits to the tree, in order, before validation. Returns the key path
// of each deleted key with its edit ("--unset KEY"), so that a required key found missing is reported there.
std::vector<std::pair<std::string, std::string>> apply_overrides(Tree& root, const std::vector<std::string>& edits);

// validate.cpp: checks the tree against the table, fills defaults, puts keys in table order.
void validate(Tree& root, const std::string& stem);

// values.cpp: checks one value of a leaf type (anything but section, list and named_map).
void check_value(Tree& node, const Param& p, const std::string& path);
void check_formula(const Tree& node, const std::vector<std::string>& variables, const std::string& path);

// build.cpp / sites.cpp / catalog.cpp: from the validated tree to the Scenario, with the checks
// that span several keys.
Scenario build_scenario(const Tree& root);
PolicyParams to_policy(const Tree& policy, const std::string& path);
rng::DistributionSpec to_distribution(const Tree& node, bool in_days);
double to_days(const Tree& node);
double to_real(const Tree& node);
void build_sites(const Tree& root, Scenario& sc);
// sites.cpp: a validated list of cut-off hours (a warehouse's or a carrier's) as seconds after midnight, sorted.
std::vector<double> to_cutoffs(const Tree& list);
void build_catalog(const Tree& root, Scenario& sc);
// robots.cpp: a warehouse's robot fleet (none without a robots section); `path` names the warehouse.
std::optional<RobotFleetSpec> build_robots(const Tree& warehouse, const std::string& path);
// receiving.cpp: each warehouse's receiving section, after the catalog and orders.
void build_receiving(const Tree& root, Scenario& sc);
// packing.cpp: each warehouse's packing and outbound sections, after the orders.
void build_packing(const Tree& root, Scenario& sc);
// pricing.cpp: each SKU's price response and the pricing groups, after the catalog.
void build_pricing(const Tree& root, Scenario& sc);
// promotions.cpp: the promotions, after the pricing groups (called by build_pricing).
void build_promotions(const Tree& root, Scenario& sc);
// pricing_forecast.cpp: groups with expected_demand forecast, after the forecast section.
bool pricing_uses_forecast(const Scenario& sc);
void check_pricing_forecast(const Tree& root, const Scenario& sc);
// shocks.cpp: regions' spikes, level shifts and what-ifs, and category shocks, after the catalog and orders.
void build_shocks(const Tree& root, Scenario& sc);
// substitution.cpp: substitution on stock-out, after the catalog and orders.
void build_substitution(const Tree& root, Scenario& sc);
// returns.cpp: customer returns, after the regions and orders.
void build_returns(const Tree& root, Scenario& sc);
// disruptions.cpp: supplier outages, after the sites.
void build_disruptions(const Tree& root, Scenario& sc);
void build_stress(const Tree& root, Scenario& sc);  // after build_disruptions and the lanes
// sites.cpp: an rQ policy ships at once with an exact lead time, so its lanes need a constant lead
// time and their suppliers unlimited capacity.
void check_continuous_review(const Tree& root, const Scenario& sc);
// echelons.cpp: a warehouse's own policies and allocation, after the catalog; and what the lanes say of it.
void build_echelons(const Tree& root, Scenario& sc);
bool replenishes_warehouses(const Scenario& sc, std::size_t warehouse);  // a lane goes from it to a warehouse
bool fed_by_warehouse(const Scenario& sc, std::size_t warehouse);        // its inbound lane comes from one
// orders.cpp: the orders section, after the sites and the catalog.
void build_orders(const Tree& root, Scenario& sc);
// supply.cpp: suppliers' reliability, fills and price breaks, lanes' carriers, warehouses' sourcing (after
// the sites and the catalog); and what rQ, which bypasses suppliers and carriers, cannot have of them.
void build_supply(const Tree& root, Scenario& sc);
void check_continuous_review_supply(const Tree& root, const Scenario& sc);
// calendar_policies.cpp: prebuys name an event and fall inside the horizon, on a policy the planner reviews;
// rQ levels cannot follow the calendar. After the catalog and the sites.
void check_calendar_policies(const Tree& root, const Scenario& sc);
// selections.cpp: the SKUs an item selects by `category` or `skus` (sorted, each once; `purpose` ends the message
// when neither is given), and an item's windows [first day, last day] of days from its `from` and `to` date rules
// (every occurrence of `from` to the first `to` on or after it, clipped to the horizon; `noun` names the item).
std::vector<int> selected_skus(const Tree& item, const std::string& path, const Scenario& sc,
                               const std::string& purpose);
std::vector<std::pair<int, int>> date_windows(const Tree& item, const std::string& path, const Scenario& sc,
                                              const std::string& noun);
// record_cells.cpp: a supplier's MOQ or case pack times the SKUs of one recorded cell beyond 32 bits.
void check_supplier_rounding(const Tree& root, const Scenario& sc);
// record_cells.cpp: a recorded price (hundredths) beyond 32 bits.
void check_price_cells(const Tree& root, const Scenario& sc);

}  // namespace peaksim::scn
