// The parameter table. Add a scenario key here and it is validated, defaulted, written to the
// resolved YAML and documented; then read it in build.cpp.
#include "sim/scenario/schema.hpp"

#include <algorithm>

#include "sim/scenario/choices.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/signals.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

Param row(std::string path, Type type, std::string meaning) {
  Param p;
  const auto dot = path.rfind('.');
  p.parent = dot == std::string::npos ? "" : path.substr(0, dot);
  p.key = dot == std::string::npos ? path : path.substr(dot + 1);
  p.path = std::move(path);
  p.type = type;
  p.meaning = std::move(meaning);
  if (type == Type::section) p.fallback = "{}";  // absent sections get their keys' defaults
  if (type == Type::list || type == Type::named_map) p.fallback = type == Type::list ? "[]" : "{}";
  return p;
}

Param aliased(Param p, std::string alias) {
  p.alias = std::move(alias);
  return p;
}

// "required by sS, sQ": the policy types whose descriptor needs `key` (sim/scenario/policy_types.cpp).
std::string required_by(const std::string& key) {
  return "required by " + join(policy_type_words([&key](const PolicyTypeInfo& info) {
           return std::find(info.needs.begin(), info.needs.end(), key) != info.needs.end();
         }));
}

// Shipping cut-offs, a warehouse's or an outbound carrier's: one form, one range.
Param cutoffs_row(std::string path, std::string meaning) {
  return row(std::move(path), Type::numbers, std::move(meaning))
      .unit_of("hour of day")
      .optional()
      .at_least(0)
      .at_most(23);
}

std::vector<Param> make_table() {
  using T = Type;
  const std::vector<std::string> level_vars = policy_variables();
  std::vector<std::string> with_s = level_vars;
  with_s.push_back("s");
  std::vector<std::string> stock_vars = with_s;
  stock_vars.push_back("S");
  const std::vector<std::string> record_vars = recordable_signal_names();
  std::vector<std::string> record_meanings;  // "on_hand": what it counts, and which agent emits it
  for (const SignalInfo& s : recordable_signals())
    record_meanings.push_back(s.meaning + "; emitted by the " + s.source);
  const std::string events = "calendar.events[]";
  const std::string regions = "sites.regions[]";
  return {
      row("name", T::string, "Name of the scenario, used in results").from_stem(),
      row("description", T::string, "Free text, kept with the results").by_default("\"\""),
      row("start_date", T::date, "Date of day 0 of the simulation").needed(),
      row("horizon", T::duration, "Length of a run")
          .unit_of("days")
          .needed()
          .at_least(1)
          .at_most(kMaxHorizonDays)
          .whole("the horizon"),
      row("seed", T::integer, "Master seed; every random stream derives from it").by_default("1").at_least(0),
      row("replications", T::integer, "Independent runs, each with its own streams")
          .by_default("1")
          .at_least(1)
          .at_most(kMaxReplications),

      row("calendar", T::section, "Demand seasonality, multiplied into every SKU's rate"),
      row("calendar.weekly", T::numbers, "Day-of-week factors, Monday to Sunday")
          .unit_of("factor")
          .by_default("[1, 1, 1, 1, 1, 1, 1]")
          .at_least(0)
          .count(7),
      row("calendar.yearly", T::section,
          "Yearly wave: factor(t) = 1 + amplitude * sin(2π (t − phase) / period), "
          "t in days since start_date"),
      row("calendar.yearly.amplitude", T::real, "Height of the yearly wave")
          .unit_of("factor")
          .by_default("0")
          .at_least(0)
          .below(1),
      row("calendar.yearly.period", T::duration, "Length of one wave").unit_of("days").by_default("365d").above(0),
      row("calendar.yearly.phase", T::duration, "Shift of the wave").unit_of("days").by_default("0d"),
      row("calendar.events", T::list, "Festivals and promotions that multiply demand around a date")
          .at_most_items(1000),
      row(events + ".name", T::name, "Name of the event, used in results").needed(),
      row(events + ".date", T::date_rule, "When the event happens (see Date rules)").needed(),
      row(events + ".multiplier", T::real, "Demand factor on the event day").unit_of("factor").needed().above(0),
      row(events + ".before", T::duration, "Days before the event day that also get the multiplier")
          .unit_of("days")
          .by_default("0d")
          .at_least(0)
          .whole("the days before an event"),
      row(events + ".after", T::duration, "Days after the event day that also get the multiplier")
          .unit_of("days")
          .by_default("0d")
          .at_least(0)
          .whole("the days after an event"),
      row(events + ".profile", T::choice, "How the multiplier spreads over the peak window")
          .by_default(word_of(EventShape::Profile::flat))
          .of_words<EventShape::Profile>(),
      row(events + ".pull_forward", T::section, "Demand held back just before the peak window"),
      row(events + ".pull_forward.days", T::duration, "Length of the pull-forward window")
          .unit_of("days")
          .by_default("0d")
          .at_least(0)
          .whole("the pull-forward window"),
      row(events + ".pull_forward.factor", T::real, "Demand factor in that window")
          .unit_of("factor")
          .by_default("1")
          .above(0),
      row(events + ".hangover", T::section, "Demand depressed just after the peak window"),
      row(events + ".hangover.days", T::duration, "Length of the hangover window")
          .unit_of("days")
          .by_default("0d")
          .at_least(0)
          .whole("the hangover window"),
      row(events + ".hangover.factor", T::real, "Demand factor in that window")
          .unit_of("factor")
          .by_default("1")
          .above(0),

      row("catalog", T::section, "The SKUs: generated ones first, then listed ones; at least one overall").needed(),
      row("catalog.generate", T::section, "Generates SKUs from formulas or distributions"),
      row("catalog.generate.count", T::integer, "Number of SKUs to generate")
          .by_default("0")
          .at_least(0)
          .at_most(kMaxGeneratedSkus),
      row("catalog.generate.id_prefix", T::name,
          "Ids are the prefix and the index, zero-padded to the width "
          "of count − 1 (sku0007)")
          .by_default("sku"),
      row("catalog.generate.rate", T::value_source,
          "Baseline mean demand per day of SKU i, before calendar "
          "and region scale")
          .unit_of("units/day")
          .when("required when "
                "count > 0")
          .at_least(0)
          .at_most(kMaxRatePerDay)
          .vars({"i"}),
      row("catalog.generate.price", T::value_source, "Selling price per unit")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0)
          .vars({"i", "rate"}),
      row("catalog.generate.cost", T::value_source, "Purchase cost per unit")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0)
          .vars({"i", "rate", "price"}),
      row("catalog.generate.categories", T::list,
          "Each SKU gets the category with the largest min_rate <= its "
          "rate; none given (or none matches): default")
          .at_most_items(10'000),
      row("catalog.generate.categories[].name", T::name, "Category name").needed(),
      row("catalog.generate.categories[].min_rate", T::real, "Smallest rate in the category")
          .unit_of("units/day")
          .needed()
          .at_least(0),
      row("catalog.skus", T::list, "SKUs listed one by one").at_most_items(kMaxGeneratedSkus),
      row("catalog.skus[].id", T::name, "Unique SKU id (also unique against generated ids)").needed(),
      row("catalog.skus[].category", T::name, "Category, for policy_by_category and results").by_default("default"),
      row("catalog.skus[].rate", T::real, "Baseline mean demand per day")
          .unit_of("units/day")
          .needed()
          .at_least(0)
          .at_most(kMaxRatePerDay),
      row("catalog.skus[].price", T::real, "Selling price per unit")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0),
      row("catalog.skus[].cost", T::real, "Purchase cost per unit")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0),
      row("catalog.skus[].salvage", T::real,
          "Value of a unit left over at the end of the horizon "
          "(newsvendor_preseason: critical ratio (price − cost) / (price − salvage))")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0),
      aliased(row("catalog.skus[].policy", T::section, "This SKU's own policy; same keys as policy").optional(),
              "policy"),

      row("policy", T::section, "The default replenishment policy of every SKU at every warehouse").needed(),
      row("policy.type", T::choice, "The replenishment policy (see model.md)")
          .by_default(word_of(PolicyType::sS))
          .of_words<PolicyType>(),
      row("policy.review_period", T::duration, "Days between reviews of the inventory position (R)")
          .unit_of("days")
          .by_default("1d")
          .at_least(1)
          .whole("the review period"),
      row("policy.trigger", T::choice, "Whether reaching the reorder point exactly triggers an order")
          .by_default(word_of(ReorderTrigger::below))
          .of_words<ReorderTrigger>(),
      row("policy.s", T::formula, "Reorder point").unit_of("units").when(required_by("s")).vars(level_vars),
      row("policy.S", T::formula, "Order-up-to level").unit_of("units").when(required_by("S")).vars(with_s),
      row("policy.Q", T::formula, "Order quantity").unit_of("units").when(required_by("Q")).vars(with_s),
      row("policy.r", T::formula, "Continuous-review reorder point: order when IP <= r (s in Q's formula is r)")
          .unit_of("units")
          .when(required_by("r"))
          .vars(level_vars),
      row("policy.window", T::duration,
          "Days p of warehouse demand in the moving mean and standard deviation; "
          "order up to P·mean + z·√P·sd, P = R + max(L, 1) − 1 (see model.md)")
          .unit_of("days")
          .when(required_by("window"))
          .at_least(1)
          .whole("the window"),
      row("policy.z", T::real,
          "moving_average: safety factor on the moving standard deviation (z > 0 needs "
          "window >= 2d); forecast_order_up_to with safety errors: safety stock is mean + z·sd "
          "of the tracked cover errors")
          .unit_of("factor")
          .when("moving_average (0 when absent); required by safety errors")
          .at_least(0),
      row("policy.safety", T::choice,
          "forecast_order_up_to: safety stock from the forecast quantile at "
          "service_level (quantile) or from tracked forecast errors over the cover "
          "(errors; see model.md)")
          .when("forecast_order_up_to only; quantile when absent")
          .of_words<SafetyStock>(),
      row("policy.service_level", T::real,
          "forecast_order_up_to with safety quantile: order up to this quantile "
          "of the cover's demand")
          .unit_of("probability")
          .when("required by safety quantile")
          .above(0)
          .below(1),
      row("policy.prebuy", T::list,
          "Advance orders for calendar events, placed at the review of the day `days_before` each occurrence "
          "(see model.md, Peak-aware replenishment)")
          .optional(),
      row("policy.prebuy[].event", T::name, "The calendar event (a calendar.events[].name)").needed(),
      row("policy.prebuy[].days_before", T::duration, "Days before the event day that the order is placed")
          .unit_of("days")
          .needed()
          .at_least(0)
          .whole("the days before an event"),
      row("policy.prebuy[].quantity", T::formula,
          "Units ordered (below 0: none); newsvendor is the critical-ratio quantile of the demand from the next "
          "day to the end of the event's peak window, less the inventory position")
          .unit_of("units")
          .by_default("newsvendor")
          .vars(prebuy_variables()),
      aliased(row("policy_by_category", T::named_map, "Policy per category name; same keys as policy"), "policy"),

      row("sites", T::section, "Suppliers, warehouses and customer regions; names unique across all three").needed(),
      row("sites.suppliers", T::list, "At least one supplier").needed().at_most_items(1000),
      row("sites.suppliers[].name", T::name, "Site name").needed(),
      row("sites.suppliers[].capacity_per_day", T::real, "Units shipped per day, all SKUs together")
          .unit_of("units/day")
          .by_default("unlimited")
          .above(0)
          .or_unlimited(),
      row("sites.suppliers[].moq", T::integer, "Minimum order quantity per SKU order")
          .unit_of("units")
          .by_default("0")
          .at_least(0),
      row("sites.suppliers[].case_pack", T::integer, "Orders are rounded up to a multiple of this")
          .unit_of("units")
          .by_default("1")
          .at_least(1),
      row("sites.suppliers[].on_time_probability", T::real,
          "Chance that a shipped part of an order line arrives after the lane's lead time alone; otherwise it is "
          "late by late_by more")
          .unit_of("probability")
          .by_default("1")
          .at_least(0)
          .at_most(1),
      row("sites.suppliers[].late_by", T::distribution,
          "Extra days of a late shipment, drawn per late shipment (with on_time_probability below 1)")
          .unit_of("days")
          .by_default("1d")
          .at_least(0)
          .durations(),
      row("sites.suppliers[].fill_rate", T::real,
          "Chance that each unit of an order line is confirmed (a Binomial fill); the rest is cancelled at once "
          "and leaves the warehouse's on-order")
          .unit_of("probability")
          .by_default("1")
          .above(0)
          .at_most(1),
      row("sites.suppliers[].price_breaks", T::list,
          "Discounts by order-line size: a line gets the factor of the largest min_units it reaches; stock stays "
          "valued at cost, the discount is the KPI purchase_discount"),
      row("sites.suppliers[].price_breaks[].min_units", T::integer, "Smallest line this factor applies to")
          .unit_of("units")
          .needed()
          .at_least(1),
      row("sites.suppliers[].price_breaks[].unit_cost_factor", T::real, "Price paid per unit / the SKU's cost")
          .unit_of("factor")
          .needed()
          .above(0)
          .at_most(1),
      row("sites.warehouses", T::list, "At least one warehouse").needed().at_most_items(1000),
      row("sites.warehouses[].name", T::name, "Site name").needed(),
      row("sites.warehouses[].initial_stock", T::formula, "On-hand stock of each SKU on day 0")
          .unit_of("units")
          .by_default("S")
          .vars(stock_vars),
      row("sites.warehouses[].sourcing", T::choice,
          "Which supplier lane gets each order of a warehouse with several (see model.md, Suppliers)")
          .by_default(word_of(Sourcing::single))
          .of_words<Sourcing>(),
      row("sites.warehouses[].sourcing_by_category", T::list,
          "Sourcing rules for the SKUs of some categories, instead of the warehouse's sourcing"),
      row("sites.warehouses[].sourcing_by_category[].category", T::name, "A category of the catalog").needed(),
      row("sites.warehouses[].sourcing_by_category[].sourcing", T::choice,
          "The rule for that category's SKUs (any but single)")
          .needed()
          .of_words<Sourcing>(),
      row("sites.warehouses[].picking", T::section,
          "Robotic picking station: every unit shipped is a pick job, "
          "served FIFO by identical robots; measured only, it does not "
          "delay shipments (with orders: every order line shipped is a job, and shipping waits for it)")
          .optional(),
      row("sites.warehouses[].picking.robots", T::integer, "Identical robots, each picking one job at a time")
          .unit_of("robots")
          .needed()
          .at_least(1)
          .at_most(100'000),
      row("sites.warehouses[].picking.pick_time", T::distribution, "Time a robot spends on one job, drawn per job")
          .unit_of("days")
          .needed()
          .at_least(0)
          .durations(),
      aliased(row("sites.warehouses[].policy", T::section,
                  "This warehouse's own policy, overriding the scenario-wide policy, policy_by_category and SKU "
                  "policies here; same keys as policy")
                  .optional(),
              "policy"),
      aliased(row("sites.warehouses[].policy_by_category", T::named_map,
                  "This warehouse's policy per category name, before its own policy; same keys as policy")
                  .optional(),
              "policy"),
      row("sites.warehouses[].allocation", T::choice,
          "How a warehouse that replenishes other warehouses shares scarce stock among their waiting orders "
          "(see model.md, Multi-echelon)")
          .when("warehouses with a lane to a warehouse only; fifo when absent")
          .of_words<Allocation>(),
      cutoffs_row("sites.warehouses[].cutoffs",
                  "With orders: shipping cut-offs, hours of the day (12.5 is 12:30); an order ships at the first "
                  "cut-off at or after its last line is picked. Absent: one cut-off at 23 (the close); refused "
                  "without orders"),
      row("sites.regions", T::list, "At least one customer region").needed().at_most_items(10'000),
      row(regions + ".name", T::name, "Site name").needed(),
      row(regions + ".scale", T::real, "Multiplies every SKU's rate in this region")
          .unit_of("factor")
          .by_default("1")
          .at_least(0),
      row(regions + ".demand", T::choice, "Daily demand count model")
          .by_default(word_of(DemandModel::poisson))
          .of_words<DemandModel>(),
      row(regions + ".dispersion", T::real, "Negative binomial size k: variance = mean + mean²/k")
          .when("required iff demand is negative_binomial")
          .above(0),
      row(regions + ".cv", T::real, "Normal demand: standard deviation / mean, before clamping at 0 and rounding")
          .unit_of("factor")
          .when("required iff demand is normal")
          .above(0),
      row(regions + ".arrivals", T::choice,
          "How a day's demand arrives (continuous: for small catalogues and validation)")
          .by_default(word_of(Arrivals::daily))
          .of_words<Arrivals>(),
      row(regions + ".unmet", T::choice, "What happens to demand that finds no stock")
          .by_default(word_of(UnmetDemand::lost))
          .of_words<UnmetDemand>(),
      row(regions + ".promise", T::duration,
          "Delivery promise: units whose transit (the warehouse -> region lane's lead_time) is at most this "
          "count as on time in the on_time_share KPI")
          .unit_of("days")
          .optional()
          .at_least(0),
      row(regions + ".shocks", T::section, "Random region-wide demand shocks"),
      row(regions + ".shocks.probability_per_day", T::real, "Chance that a shock starts on a day")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row(regions + ".shocks.multiplier", T::distribution, "Demand factor while a shock lasts, drawn per shock")
          .unit_of("factor")
          .by_default("1")
          .at_least(0),
      row(regions + ".shocks.duration", T::duration, "Length of a shock")
          .unit_of("days")
          .by_default("1d")
          .at_least(1)
          .whole("the shock duration"),

      row("lanes", T::list,
          "Transport links: one into each warehouse, from a supplier or from another warehouse (no cycles), "
          "and one from a warehouse to each region")
          .needed()
          .at_most_items(20'000),
      row("lanes[].from", T::name, "Site the goods leave").needed(),
      row("lanes[].to", T::name, "Site the goods reach").needed(),
      row("lanes[].lead_time", T::distribution,
          "Supplier to warehouse: time from order to arrival, drawn per shipped order line; warehouse to "
          "warehouse: transit of a replenishment shipment, drawn per shipment; warehouse to "
          "region: transit from shipment to the customer, drawn per order line (region, SKU, day)")
          .unit_of("days")
          .by_default("0d")
          .at_least(0)
          .durations(),

      row("lanes[].carriers", T::list,
          "Supplier or warehouse to warehouse, or warehouse to region with orders: carriers in order of preference; "
          "what one refuses goes to the next, what all refuse waits (at the supplier or shipping warehouse for the "
          "next day; at the centre for the next cut-off) (none: unlimited, free, every day)"),
      row("lanes[].carriers[].name", T::name, "Carrier name, for messages and random streams").needed(),
      row("lanes[].carriers[].capacity_per_day", T::real, "Units it takes per pickup, all SKUs together")
          .unit_of("units/day")
          .by_default("unlimited")
          .above(0)
          .or_unlimited(),
      row("lanes[].carriers[].trucks", T::section,
          "Capacity in trucks instead of units: per_day trucks of size units each pickup day (refused with "
          "capacity_per_day); each truck that leaves with units costs cost_each")
          .optional(),
      row("lanes[].carriers[].trucks.size", T::integer, "Units one truck carries")
          .unit_of("units")
          .needed()
          .at_least(1),
      row("lanes[].carriers[].trucks.per_day", T::integer, "Trucks it sends each pickup day")
          .unit_of("trucks/day")
          .needed()
          .at_least(1),
      row("lanes[].carriers[].trucks.cost_each", T::real,
          "Cost of each truck that leaves with units (ceil(units of the day / size) trucks); times peak_surcharge "
          "on peak days")
          .unit_of("currency/truck")
          .by_default("0")
          .at_least(0),
      row("lanes[].carriers[].pickup_days", T::choice_list, "Weekdays it picks up on")
          .by_default("[" + join(choices<Weekday>()) + "]")
          .of_words<Weekday>(),
      row("lanes[].carriers[].cost_per_shipment", T::real, "Cost of each pickup that carries units")
          .unit_of("currency/shipment")
          .by_default("0")
          .at_least(0),
      row("lanes[].carriers[].cost_per_unit", T::real, "Cost of each unit carried")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0),
      row("lanes[].carriers[].peak_surcharge", T::real, "Multiplies both costs on peak days (calendar events)")
          .unit_of("factor")
          .by_default("1")
          .at_least(1),
      row("lanes[].carriers[].outage_days", T::numbers, "Days it takes nothing, as day indices (0-based)")
          .unit_of("day index")
          .by_default("[]")
          .at_least(0),
      row("lanes[].carriers[].outage_probability_per_day", T::real,
          "Chance of an outage on any other day, drawn per day from the stream "
          "(seed, replication, carrier:<from>-><to>:<name>, outage)")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      cutoffs_row("lanes[].carriers[].cutoffs",
                  "Warehouse to region only: the hours this carrier collects at (same form as the warehouse's "
                  "cutoffs); a part leaves with it at its first cut-off at or after the part is ready, within its "
                  "daily capacity, shared by its cut-offs. Absent: the shipping centre's cut-offs"),

      row("disruptions", T::list, "Supplier outages: on an outage day the supplier ships nothing; orders wait")
          .at_most_items(1000),
      row("disruptions[].supplier", T::name, "The supplier that stops shipping").needed(),
      row("disruptions[].days", T::numbers, "Outage days, as day indices from start_date (0-based)")
          .unit_of("day index")
          .by_default("[]")
          .at_least(0),
      row("disruptions[].probability_per_day", T::real,
          "Chance of an outage on any other day, drawn per day from the stream "
          "(seed, replication, disruption:<supplier>, outage)")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),

      // The stress test (sim/scenario/stress.cpp, agents/supply_stress.*): shocks on demand and supply, and the
      // recovery of service after each.
      row("stress", T::section,
          "Stress test: harsher demand shocks and supply shocks, and the recovery KPIs (see model.md, Stress)")
          .optional(),
      row("stress.recovery", T::section, "When service counts as recovered after a shock (recovery_days_mean)"),
      row("stress.recovery.fill_rate", T::real,
          "Daily fill rate (of the shocked region, or the network after a supply shock) that counts as recovered")
          .unit_of("share")
          .by_default("0.95")
          .at_least(0)
          .at_most(1),
      row("stress.recovery.days", T::integer, "Consecutive days at or above that fill rate that end the recovery")
          .unit_of("days")
          .by_default("3")
          .at_least(1),
      row("stress.demand", T::section, "Applied to every region's shocks (sites.regions[].shocks)"),
      row("stress.demand.probability_per_day", T::real,
          "Extra chance that a shock starts on a day: a region's chance p becomes 1 - (1 - p)(1 - this), on the "
          "region's own shock_timing stream")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row("stress.demand.multiplier", T::distribution, "Replaces every region's shock multiplier, drawn per shock")
          .unit_of("factor")
          .optional()
          .at_least(0),
      row("stress.demand.duration", T::duration, "Replaces every region's shock duration")
          .unit_of("days")
          .optional()
          .at_least(1)
          .whole("the shock duration"),
      row("stress.supply", T::section, "Shocks on every supplier"),
      row("stress.supply.outage_probability_per_day", T::real,
          "Extra chance of an outage day for every supplier (disruptions): a disruption's chance p becomes "
          "1 - (1 - p)(1 - this); a supplier without one gets one, on the stream (seed, replication, "
          "disruption:<supplier>, outage)")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row("stress.supply.capacity_cuts", T::section, "Spells of reduced capacity_per_day of every supplier"),
      row("stress.supply.capacity_cuts.probability_per_day", T::real,
          "Chance that a cut starts on a day, drawn per supplier from (seed, replication, stress:<supplier>, "
          "capacity_cut_timing)")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row("stress.supply.capacity_cuts.multiplier", T::distribution,
          "Share of capacity_per_day left while a cut lasts, drawn per cut (capacity_cut_size)")
          .unit_of("factor")
          .by_default("0.5")
          .at_least(0)
          .at_most(1),
      row("stress.supply.capacity_cuts.duration", T::duration, "Length of a cut")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("the cut duration"),
      row("stress.supply.lead_time_stretches", T::section,
          "Spells in which every supplier's lead times (lanes[].lead_time) are longer"),
      row("stress.supply.lead_time_stretches.probability_per_day", T::real,
          "Chance that a stretch starts on a day, drawn per supplier from (seed, replication, stress:<supplier>, "
          "lead_time_timing)")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row("stress.supply.lead_time_stretches.multiplier", T::distribution,
          "Factor on the lead time drawn for a line shipped while a stretch lasts, drawn per stretch "
          "(lead_time_size)")
          .unit_of("factor")
          .by_default("2")
          .at_least(1),
      row("stress.supply.lead_time_stretches.duration", T::duration, "Length of a stretch")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("the stretch duration"),
      row("stress.carriers", T::section, "Shocks on every carrier (lanes[].carriers)"),
      row("stress.carriers.outage_probability_per_day", T::real,
          "Extra chance of an outage day for every carrier: its outage_probability_per_day p becomes "
          "1 - (1 - p)(1 - this), on its own outage stream")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),

      row("orders", T::section,
          "Customers place multi-line orders instead of independent units per SKU; each SKU's expected units are "
          "unchanged (see model.md, Orders)")
          .optional(),
      row("orders.lines", T::numbers, "Probabilities of 1, 2, 3, ... lines per order (normalised)")
          .unit_of("weights")
          .by_default("[1]")
          .at_least(0)
          .at_most_items(1000),
      row("orders.units_per_line", T::numbers, "Probabilities of 1, 2, 3, ... units per order line (normalised)")
          .unit_of("weights")
          .by_default("[1]")
          .at_least(0)
          .at_most_items(1000),
      row("orders.same_category", T::real,
          "Chance that each line after the first is drawn from the first line's category (co-purchase); "
          "0: every line by popularity alone")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row("orders.intraday", T::numbers, "Weights of the 24 hours of the day in which orders are placed")
          .unit_of("weights")
          .by_default("[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]")
          .at_least(0)
          .count(24),
      row("orders.split", T::boolean,
          "Whether an order may be served by several centres (false: one centre serves it whole)")
          .by_default("true"),
      row("orders.fulfilment", T::choice, "Which of the region's centres serves an order")
          .by_default(word_of(Fulfilment::primary_first))
          .of_words<Fulfilment>(),
      row("orders.cancel_late", T::real,
          "Chance that a customer whose order has not shipped by the end of its promised day (placement day + "
          "the region's promise) cancels it then; its units go back on the shelf (needs a region promise)")
          .unit_of("probability")
          .by_default("0")
          .at_least(0)
          .at_most(1),
      row("orders.release", T::choice, "When an order's lines are released to the centre's picker")
          .by_default(word_of(Release::continuous))
          .of_words<Release>(),
      row("orders.waves", T::numbers,
          "With release waves: the release instants of every day, hours of the day (12.5 is 12:30); an order's "
          "lines are released at the first wave at or after its placement (after the last: the next day's first)")
          .unit_of("hour of day")
          .when("required with release waves; refused otherwise")
          .at_least(0)
          .below(24),
      row("orders.batch", T::integer,
          "With release waves: the lines of one SKU from up to this many orders released at the same wave to the "
          "same centre are picked as one task (1: every line is its own task)")
          .unit_of("orders")
          .by_default("1")
          .at_least(1),

      row("costs", T::section, "Cost rates for the KPIs"),
      row("costs.holding_per_unit_day", T::real, "Cost of a unit on hand for a day")
          .unit_of("currency/unit/day")
          .by_default("0")
          .at_least(0),
      row("costs.lost_sale_per_unit", T::real, "Cost of a unit of lost demand")
          .unit_of("currency/unit")
          .by_default("0")
          .at_least(0),
      row("costs.backorder_per_unit_day", T::real, "Cost of a unit backordered for a day")
          .unit_of("currency/unit/day")
          .by_default("0")
          .at_least(0),
      row("costs.order_fixed", T::real, "Cost of each SKU order line placed")
          .unit_of("currency/order")
          .by_default("0")
          .at_least(0),
      row("costs.purchase_cost_in_total", T::boolean, "Add purchase_cost (units ordered × SKU cost) to total_cost")
          .by_default("false"),

      row("forecast", T::section,
          "The forecast service: at each review instant it forecasts, in one batch, every "
          "(site, SKU) series whose policy is forecast_order_up_to (see model.md), and the SKUs of pricing groups "
          "with expected_demand forecast or forecast_with_calendar (docs/pricing.md)")
          .optional(),
      row("forecast.model", T::choice,
          "Forecasting method of the library (docs/forecasting.md); global: the "
          "learned global model (weights below), one batch a day, never refitted")
          .by_default(word_of(ForecastModel::ses))
          .of_words<ForecastModel>(),
      row("forecast.weights", T::string,
          "model global: HDF5 weights file (relative to the working directory); "
          "empty: the shipped pretrained/global_daily.h5")
          .by_default("\"\""),
      row("forecast.period", T::duration, "Season length of seasonal_naive and Holt-Winters")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("the forecast period"),
      row("forecast.window", T::duration, "Days in the moving_average model's mean")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("the forecast window"),
      row("forecast.refit_every", T::duration,
          "Days between parameter fits; in between, forecasts reuse each "
          "series' last fitted parameters")
          .unit_of("days")
          .by_default("7d")
          .at_least(1)
          .whole("refit_every"),
      row("forecast.history", T::duration,
          "Days of observations each forecast uses; until that many days are "
          "observed, policies use their warm-start level")
          .unit_of("days")
          .by_default("28d")
          .at_least(2)
          .whole("the forecast history"),
      row("forecast.quantiles", T::numbers, "Quantile levels scored by the wQL KPI")
          .unit_of("probability")
          .by_default("[0.1, 0.5, 0.9]")
          .above(0)
          .below(1),
      row("forecast.observe", T::choice,
          "What the service sees: sales (honest: demand minus lost sales, censored "
          "by stock-outs) or demand (oracle, for experiments)")
          .by_default(word_of(ForecastObserve::sales))
          .of_words<ForecastObserve>(),
      row("forecast.unconstrain", T::choice,
          "none, or max_forecast: a day that ends the review with nothing on "
          "hand is observed as max(observed, the day's forecast mean)")
          .by_default(word_of(Unconstrain::none))
          .of_words<Unconstrain>(),
      row("forecast.backend", T::choice,
          "Where the fits' batched filters and the global model's network run (docs/forecasting.md, Backends); "
          "cpu by default: the same results on every machine; a device's agree within the documented tolerance. "
          "The run records what was asked and what ran")
          .by_default(word_of(ForecastBackend::cpu))
          .of_words<ForecastBackend>(),

      row("record", T::section, "What a run writes"),
      row("record.level", T::choice, "Granularity of the recorded time series")
          .by_default(word_of(RecordLevel::sku_daily))
          .of_words<RecordLevel>(),
      row("record.variables", T::choice_list,
          "Daily signals to record (the forecast_cover_* pair: forecast scenarios at sku_daily only; docs/output.md)")
          .by_default("[" + join(record_vars) + "]")
          .of(record_vars, record_meanings),
      row("record.kpi_by_sku", T::boolean, "Also write every SKU's KPIs, /kpi_by/sku (docs/output.md)")
          .by_default("false"),
  };
}

}  // namespace

Param table_row(std::string path, Type type, std::string meaning) {
  return row(std::move(path), type, std::move(meaning));
}

namespace {

// The table with the robot rows after the warehouse's picking rows.
std::vector<Param> with_robot_rows(std::vector<Param> table) {
  const auto regions =
      std::find_if(table.begin(), table.end(), [](const Param& p) { return p.path == "sites.regions"; });
  std::vector<Param> robots = robot_rows();
  const std::vector<Param> receiving = receiving_rows();
  robots.insert(robots.end(), receiving.begin(), receiving.end());
  const std::vector<Param> packing = packing_rows();
  robots.insert(robots.end(), packing.begin(), packing.end());
  table.insert(regions, robots.begin(), robots.end());
  return table;
}

// The price-response rows after the catalog's, the pricing and promotions sections before record.
std::vector<Param> with_pricing_rows(std::vector<Param> table) {
  const auto at = [&table](const char* path) {
    return std::find_if(table.begin(), table.end(), [path](const Param& p) { return p.path == path; });
  };
  const std::vector<Param> catalog = pricing_catalog_rows(), groups = pricing_rows(), promotions = promotion_rows();
  table.insert(at("policy"), catalog.begin(), catalog.end());
  table.insert(at("record"), groups.begin(), groups.end());
  table.insert(at("record"), promotions.begin(), promotions.end());
  return table;
}

// The demand rows: a region's shocks after its flat shock's; the category shocks, then substitution, after the
// disruptions.
std::vector<Param> with_shock_rows(std::vector<Param> table) {
  const auto after = [&table](const char* path) {
    return std::find_if(table.begin(), table.end(), [path](const Param& p) { return p.path == path; }) + 1;
  };
  const std::vector<Param> region = region_shock_rows(), category = category_shock_rows();
  const std::vector<Param> substitution = substitution_rows(), returns = returns_rows();
  table.insert(after("sites.regions[].shocks.duration"), region.begin(), region.end());
  table.insert(after("disruptions[].probability_per_day"), returns.begin(), returns.end());
  table.insert(after("disruptions[].probability_per_day"), substitution.begin(), substitution.end());
  table.insert(after("disruptions[].probability_per_day"), category.begin(), category.end());
  return table;
}

}  // namespace

const std::vector<Param>& parameters() {
  static const std::vector<Param> table = with_shock_rows(with_pricing_rows(with_robot_rows(make_table())));
  return table;
}

const Param* find_param(std::string_view path) {
  for (const auto& p : parameters())
    if (p.path == path) return &p;
  return nullptr;
}

std::vector<const Param*> children(std::string_view parent) {
  std::vector<const Param*> out;
  for (const auto& p : parameters())
    if (p.parent == parent) out.push_back(&p);
  return out;
}

std::vector<std::string> child_keys(std::string_view parent) {
  std::vector<std::string> out;
  for (const auto* p : children(parent)) out.push_back(p->key);
  return out;
}

const std::vector<std::string>& policy_variables() {
  static const std::vector<std::string> vars = {"i", "m", "L", "R", "price", "cost", "mu_window", "sd_window"};
  return vars;
}

const std::vector<std::string>& prebuy_variables() {
  static const std::vector<std::string> vars = {"i",    "m",        "L",        "R",        "price",
                                                "cost", "mu_event", "sd_event", "position", "newsvendor"};
  return vars;
}

std::vector<std::string> distribution_keys(std::string_view dist) {
  for (const rng::KindWord& w : rng::kind_words())
    if (dist == w.word) return w.keys;
  return {};
}

}  // namespace peaksim::scn
