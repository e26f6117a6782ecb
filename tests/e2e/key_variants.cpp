// The world, bases and per-key variants of test_every_key_is_read (see key_variants.hpp).
#include "tests/e2e/key_variants.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "forecasting/global_weights_hdf5.hpp"
#include "sim/kernel/demand_profile.hpp"

namespace peaksim::test {
namespace {

// The shipped global weights, and a copy with shifted input normalisation: a different file must forecast,
// and so order, differently.
const std::string kShippedWeights = std::string(PEAKSIM_SOURCE_DIR) + "/forecasting/pretrained/global_daily.h5";

struct ShiftedWeights {
  std::string path =
      (std::filesystem::temp_directory_path() / ("peaksim-keywalk-" + std::to_string(getpid()) + ".h5")).string();
  ShiftedWeights() {
    forecasting::GlobalModel model = forecasting::load_global_model(kShippedWeights);
    model.input_mean().array() += 0.5f;
    forecasting::save_global_model(model, path, {{"data", "test_every_key_is_read: shipped, input_mean + 0.5"}});
  }
  ~ShiftedWeights() { std::filesystem::remove(path); }
};

const std::string& shifted_weights() {
  static const ShiftedWeights file;
  return file.path;
}

}  // namespace

// Two SKUs (one generated, one listed), two suppliers, warehouses and regions, 30 days from a Monday, random
// demand and lead times, every optional section present with non-default values, so that each key has
// something to change.
const std::string& keywalk_world() {
  static const std::string text = R"~(start_date: 2026-11-02
horizon: 30d
calendar:
  weekly: [1, 1, 1, 1, 1, 1, 1]
  yearly: {amplitude: 0.3, period: 20d, phase: 0d}
  events:
    - {name: bf, date: black_friday, multiplier: 2, before: 2d, after: 1d, profile: flat,
       pull_forward: {days: 2d, factor: 0.7}, hangover: {days: 2d, factor: 0.7}}
catalog:
  generate:
    count: 1
    id_prefix: gen
    rate: 6
    price: 12
    cost: 5
    categories: [{name: fast, min_rate: 5}, {name: steady, min_rate: 0}]
  skus: [{id: widget, category: fast, rate: 4, price: 10, cost: 4, salvage: 1}]
policy: {type: sS, s: "m*(L+R)", S: "m*(L+R+3)"}
sites:
  suppliers:
    - {name: vendor, on_time_probability: 0.7, late_by: 2d, fill_rate: 0.9,
       price_breaks: [{min_units: 10, unit_cost_factor: 0.9}]}
    - {name: maker}
  warehouses:
    - {name: fc, picking: {robots: 1, pick_time: 0.04d}}
    - {name: depot, initial_stock: "S/2"}
  regions:
    - {name: town, unmet: lost, promise: 1d, shocks: {probability_per_day: 0.2, multiplier: 2, duration: 2d}}
    - {name: city, scale: 1.5, unmet: backorder}
lanes:
  - from: vendor
    to: fc
    lead_time: {dist: discrete, values: [1d, 3d], probabilities: [0.5, 0.5]}
    carriers:
      - {name: truck, capacity_per_day: 12, pickup_days: [monday, wednesday, thursday, friday], cost_per_shipment: 30,
         cost_per_unit: 0.5, peak_surcharge: 2, outage_days: [8], outage_probability_per_day: 0.1}
      - {name: van, capacity_per_day: 5, cost_per_shipment: 10, cost_per_unit: 1}
  - {from: maker, to: depot, lead_time: 2d}
  - {from: fc, to: town, lead_time: {dist: discrete, values: [0d, 2d], probabilities: [0.5, 0.5]}}
  - {from: depot, to: city, lead_time: 1d}
disruptions: [{supplier: vendor, days: [3], probability_per_day: 0.1}]
costs: {holding_per_unit_day: 0.1, lost_sale_per_unit: 2, backorder_per_unit_day: 0.5, order_fixed: 3}
record: {level: sku_daily}
)~";
  return text;
}

const std::map<std::string, std::vector<std::string>>& keywalk_bases() {
  static const std::map<std::string, std::vector<std::string>> bases = {
      {"world", {}},
      {"by_category", {R"~(policy_by_category={fast: {type: RS, S: "m*(L+R+6)"}})~"}},
      // A stress section with every spell present, so that each of its keys has something to change.
      {"stress",
       {"stress={recovery: {fill_rate: 0.9}, supply: {capacity_cuts: {probability_per_day: 0.2}, "
        "lead_time_stretches: {probability_per_day: 0.2}}}",
        "sites.suppliers[0].capacity_per_day=40"}},
      {"sQ", {R"~(policy={type: sQ, s: "m*(L+R)", Q: "m*4"})~"}},
      // rQ needs constant supplier lead times and unlimited capacity.
      // ... and suppliers and carriers that ship at once (it bypasses them).
      {"rQ",
       {R"~(policy={type: rQ, r: "m*L", Q: "m*4"})~", "lanes[0].lead_time=2d", "lanes[0].carriers=[]",
        "sites.suppliers[0]={name: vendor}"}},
      // A second supplier lane into fc, so that the warehouse chooses between vendor and maker.
      {"sourcing",
       {"sites.warehouses[0].sourcing=primary_backup",
        "lanes=[{from: vendor, to: fc, lead_time: 1d}, {from: maker, to: depot, lead_time: 2d}, "
        "{from: fc, to: town, lead_time: 1d}, {from: depot, to: city, lead_time: 1d}, {from: maker, to: fc, lead_time: "
        "3d}]"}},
      {"sourcing_by_category",
       {"sites.warehouses[0].sourcing=primary_backup",
        "sites.warehouses[0].sourcing_by_category=[{category: fast, sourcing: reliability_weighted}]",
        "lanes=[{from: vendor, to: fc, lead_time: 1d}, {from: maker, to: depot, lead_time: 2d}, "
        "{from: fc, to: town, lead_time: 1d}, {from: depot, to: city, lead_time: 1d}, {from: maker, to: fc, lead_time: "
        "3d}]"}},
      // A second event to buy for, and a prebuy for Black Friday (day 25) at day 15's review.
      {"prebuy",
       {"calendar.events=[{name: bf, date: black_friday, multiplier: 2, before: 2d, after: 1d}, "
        "{name: sale, date: \"11-20\", multiplier: 3, after: 1d}]",
        "policy.prebuy=[{event: bf, days_before: 10d}]"}},
      {"moving_average", {"policy={type: moving_average, window: 5d, z: 1}"}},
      {"negative_binomial", {"sites.regions[0].demand=negative_binomial", "sites.regions[0].dispersion=5"}},
      {"normal", {"sites.regions[0].demand=normal", "sites.regions[0].cv=0.3"}},
      {"forecast", {"policy={type: forecast_order_up_to, service_level: 0.9}", "forecast={model: ses, history: 7d}"}},
      {"forecast_seasonal",
       {"policy={type: forecast_order_up_to, service_level: 0.9}",
        "forecast={model: seasonal_naive, period: 7d, history: 14d}"}},
      {"forecast_moving_average",
       {"policy={type: forecast_order_up_to, service_level: 0.9}",
        "forecast={model: moving_average, window: 7d, history: 7d}"}},
      // A distribution centre (dc, sites.warehouses[2]) replenishes fc and depot from little stock, so that its
      // allocation matters: fifo serves fc first (it reviews first), priority serves depot (its lane comes first).
      {"echelon",
       {"sites.suppliers=[{name: vendor}]",  // every supplier needs a lane, and dc has one: from vendor
        R"~(sites.warehouses=[{name: fc}, {name: depot}, {name: dc, initial_stock: "S/8"}])~",
        R"~(lanes=[{from: vendor, to: dc, lead_time: 3d}, {from: dc, to: depot, lead_time: 1d},)~"
        R"~( {from: fc, to: town}, {from: depot, to: city, lead_time: 1d}, {from: dc, to: fc, lead_time: 1d}])~"}},
      // A robot fleet at the depot with every optional part present, so that each of its keys has something to
      // change: failures and charges happen, tasks wait overnight for the shift, and the event brings peak days.
      {"robots",
       {"sites.warehouses[1].robots={count: 2, layout: {aisles: 3, bays: 4, levels: 2}, stations: 2, "
        "station_time: 30s, lift_time: 5s, congestion: 1, battery: {work: 2h, charge: 30m}, "
        "failures: {mtbf: 1h, mttr: 20m}, shifts: [{start: 6h, end: 22h}], peak_extra: 1}"}},
      // The same fleet re-slotted 3 days before Black Friday's peak, so that the move time has moves to cost.
      {"robots_reslot",
       {"sites.warehouses[1].robots={count: 2, layout: {aisles: 3, bays: 4, levels: 2}, stations: 2, "
        "station_time: 30s, lift_time: 5s, congestion: 1, battery: {work: 2h, charge: 30m}, "
        "failures: {mtbf: 1h, mttr: 20m}, shifts: [{start: 6h, end: 22h}], peak_extra: 1, reslot_before_peak: 3d}"}},
      // Customer orders; town is also served by depot (after fc), so that the fulfilment keys have a choice; the
      // SKUs are in two categories (co-purchase), and town's same-day promise makes late orders to cancel.
      {"orders",
       {"orders={lines: [0.5, 0.5], same_category: 0.3, cancel_late: 0.5}", "sites.warehouses[0].cutoffs=[12, 20]",
        "catalog.skus[0].category=steady", "sites.regions[0].promise=0d",
        "lanes=[{from: vendor, to: fc, lead_time: {dist: discrete, values: [1d, 3d], probabilities: [0.5, 0.5]}}, "
        "{from: maker, to: depot, lead_time: 2d}, {from: fc, to: town, lead_time: 2d}, "
        "{from: depot, to: city, lead_time: 1d}, {from: depot, to: town, lead_time: 1d}]"}},
      // The orders base with the depot's robot fleet, released in two waves a day, so that the wave hours move
      // pick and ship instants and batching merges the depot's tasks (pick_tasks).
      {"order_waves",
       {"orders={lines: [0.5, 0.5], same_category: 0.3, cancel_late: 0.5, release: waves, waves: [9, 15]}",
        "sites.warehouses[0].cutoffs=[12, 20]", "catalog.skus[0].category=steady", "sites.regions[0].promise=0d",
        "sites.warehouses[1].robots={count: 1, stations: 1, station_time: 2m}",
        "lanes=[{from: vendor, to: fc, lead_time: {dist: discrete, values: [1d, 3d], probabilities: [0.5, 0.5]}}, "
        "{from: maker, to: depot, lead_time: 2d}, {from: fc, to: town, lead_time: 2d}, "
        "{from: depot, to: city, lead_time: 1d}, {from: depot, to: town, lead_time: 1d}]"}},
      // The orders base with fc's parts packed at one station and loaded at one dock, slow enough that they queue.
      {"packing",
       {"orders={lines: [0.5, 0.5], same_category: 0.3, cancel_late: 0.5}", "sites.warehouses[0].cutoffs=[12, 20]",
        "catalog.skus[0].category=steady", "sites.regions[0].promise=0d",
        "sites.warehouses[0].packing={stations: 1, time: 3h}", "sites.warehouses[0].outbound={docks: 1, load_time: 2h}",
        "lanes=[{from: vendor, to: fc, lead_time: {dist: discrete, values: [1d, 3d], probabilities: [0.5, 0.5]}}, "
        "{from: maker, to: depot, lead_time: 2d}, {from: fc, to: town, lead_time: 2d}, "
        "{from: depot, to: city, lead_time: 1d}, {from: depot, to: town, lead_time: 1d}]"}},
      // The orders base with two carriers on fc's lane to town, the first with little capacity, so that the
      // second's cut-offs move what it carries.
      {"outbound_carriers",
       {"orders={lines: [0.5, 0.5], same_category: 0.3, cancel_late: 0.5}", "sites.warehouses[0].cutoffs=[12, 20]",
        "catalog.skus[0].category=steady", "sites.regions[0].promise=0d",
        "lanes=[{from: vendor, to: fc, lead_time: {dist: discrete, values: [1d, 3d], probabilities: [0.5, 0.5]}}, "
        "{from: maker, to: depot, lead_time: 2d}, {from: fc, to: town, lead_time: 2d, carriers: [{name: parcel, "
        "capacity_per_day: 2}, {name: express}]}, {from: depot, to: city, lead_time: 1d}, "
        "{from: depot, to: town, lead_time: 1d}]"}},
      // Receiving docks at the depot: with one dock its second shipment line of a day misses 06:00.
      {"receiving", {"sites.warehouses[1].receiving={docks: 1, unload_time: 3h, put_away: 2h}"}},
      // The world's van as two trucks of 2 units a day, each with a cost: size, number and cost all bind.
      {"trucks",
       {"lanes[0].carriers[1]={name: van, trucks: {size: 2, per_day: 2, cost_each: 7}, cost_per_shipment: 10, "
        "cost_per_unit: 1}"}},
      // Pricing agents (docs/pricing.md): the widget (fc and depot sell it) priced weekly by the markdown DP, by
      // a static price, or daily by the markdown rule with a low cover factor and one change a week, so that the
      // rule's keys bind; demand follows the price (constant elasticity, or logit).
      {"pricing_dp",
       {"catalog.price_response={form: constant_elasticity, elasticity: -2}",
        "pricing=[{name: promo, skus: [widget], policy: markdown_dp, ladder: [0, 0.2, 0.4]}]"}},
      // With 300 units more at fc than the policy's level, stock is ample early, and revenue at ample stock grows
      // down the ladder (exponential, slope 2): free to raise the price again later, the DP marks down sooner.
      {"pricing_dp_exponential",
       {"sites.warehouses[0].initial_stock=\"S+300\"", "catalog.price_response={form: exponential, slope: 2}",
        "pricing=[{name: promo, skus: [widget], policy: markdown_dp, review_period: 2d, ladder: [0, 0.2, 0.4]}]"}},
      // The markdown rule, daily, with the forecast service's policies present (so the forecast section is in use
      // either way): demand at city is 0.3 of the demand model's (a level shift the model leaves out) and fc holds
      // 300 units more, so the forecast sees more weeks of supply than the model (the rule marks down more).
      {"pricing_rule_forecast",
       {"policy={type: forecast_order_up_to, service_level: 0.9}", "forecast={model: ses, history: 7d}",
        "sites.warehouses[0].initial_stock=\"S+300\"",
        "sites.regions[0].shocks={level_shift: {on: 2026-11-02, size: 0.3}}",
        "catalog.price_response={form: constant_elasticity, elasticity: -2}",
        "pricing=[{name: promo, skus: [widget], policy: markdown_rule, review_period: 1d, cover_factor: 2, "
        "ladder: [0, 0.1, 0.2, 0.3, 0.4, 0.5]}]"}},
      {"pricing_static",
       {"catalog.price_response={form: constant_elasticity, elasticity: -2}",
        "pricing=[{name: promo, skus: [widget], policy: static, ladder: [0, 0.2, 0.4]}]"}},
      {"pricing_rule",
       {"catalog.price_response={form: constant_elasticity, elasticity: -2}",
        "pricing=[{name: promo, skus: [widget], policy: markdown_rule, review_period: 1d, cover_factor: 0.1, "
        "ladder: [0, 0.1, 0.2, 0.3, 0.4, 0.5]}]"}},
      // Policy dynamic on the replenished widget: daily reviews in a narrow band of cover (4 to 6 days, about the
      // (s,S) levels' range), so that each of its keys moves the price.
      {"pricing_dynamic",
       {"catalog.price_response={form: constant_elasticity, elasticity: -2}",
        "pricing=[{name: promo, skus: [widget], policy: dynamic, review_period: 1d, ladder: [-0.2, 0, 0.2], "
        "initial_discount: 0, markdown_only: false, max_changes_per_week: 3, low_cover: 4d, high_cover: 6d}]"}},
      {"pricing_logit",
       {"catalog.price_response={form: logit, slope: 2, share: 0.3}",
        "pricing=[{name: promo, skus: [widget], policy: static, ladder: [0, 0.2], initial_discount: 0.2, "
        "markdown_only: false}]"}},
      // A week's promotion on the widget (docs/pricing.md, Promotions), with a reference price that it lowers.
      {"promotion",
       {"catalog.price_response={form: constant_elasticity, elasticity: -2, reference: {memory: 0.5, gain: 1, loss: "
        "3}}",
        "promotions=[{name: sale, skus: [widget], from: 2026-11-05, to: 2026-11-12, discount: 0.2, lift: 1.5}]"}},
      // Demand shocks beyond the flat ones; widget is in category steady, so that a category has a choice.
      {"spikes", {"sites.regions[0].shocks.spikes={probability_per_day: 0.3, size: 2, decay: 2d}"}},
      {"level_shift", {"sites.regions[0].shocks.level_shift={on: 2026-11-10, size: 2}"}},
      {"level_shifts", {"sites.regions[0].shocks.level_shift={probability_per_day: 0.2, size: 1.5}"}},
      {"what_if",
       {"catalog.skus[0].category=steady",
        "sites.regions[0].shocks.what_if=[{factor: 2, from: 11-05, to: 11-15, category: fast}]"}},
      {"category_shocks",
       {"catalog.skus[0].category=steady",
        "category_shocks=[{category: fast, probability_per_day: 0.3, multiplier: 2, duration: 2d, "
        "spikes: {probability_per_day: 0.3, size: 2, decay: 2d}, level_shift: {probability_per_day: 0.2, size: "
        "1.5}}]"}},
      // town's customers substitute within category fast (gen and widget); two more SKUs make a category steady.
      {"substitution",
       {"catalog.skus=[{id: widget, category: fast, rate: 4, price: 10, cost: 4, salvage: 1}, "
        "{id: gizmo, category: steady, rate: 3, price: 8, cost: 3}, {id: doohickey, category: steady, rate: 5, "
        "price: 9, cost: 4}]",
        "substitution=[{category: fast, probability: 0.5}]"}},
      // Returns need every region to lose unmet demand; a drawn delay and a peak rate of their own.
      {"returns",
       {"sites.regions[1].unmet=lost",
        "returns={rate: 0.3, peak_rate: 0.5, delay: {dist: discrete, values: [2d, 4d], probabilities: [0.5, 0.5]}, "
        "restock_probability: 0.6, inspection: 1d}"}},
      {"category_shift_on", {"category_shocks=[{category: fast, level_shift: {on: 2026-11-10, size: 2}}]"}},
      {"forecast_global",
       {"horizon=70d", "policy={type: forecast_order_up_to, service_level: 0.9}",
        "forecast={model: global, history: 56d, weights: \"" + kShippedWeights + "\"}"}},
  };
  return bases;
}

const std::map<std::string, KeyVariant>& keywalk_variants() {
  static const std::map<std::string, KeyVariant> variants = {
      {"start_date", {"world", {"start_date=2026-11-09"}}},
      {"horizon", {"world", {"horizon=31d"}}},
      {"seed", {"world", {"seed=2"}}},

      {"calendar.weekly", {"world", {"calendar.weekly=[1, 1, 1, 1, 1, 1.5, 1.5]"}}},
      {"calendar.yearly.amplitude", {"world", {"calendar.yearly.amplitude=0.6"}}},
      {"calendar.yearly.period", {"world", {"calendar.yearly.period=13d"}}},
      {"calendar.yearly.phase", {"world", {"calendar.yearly.phase=5d"}}},
      {"calendar.events[].date", {"world", {"calendar.events[0].date=2026-11-16"}}},
      {"calendar.events[].multiplier", {"world", {"calendar.events[0].multiplier=4"}}},
      {"calendar.events[].before", {"world", {"calendar.events[0].before=4d"}}},
      {"calendar.events[].after", {"world", {"calendar.events[0].after=2d"}}},
      {"calendar.events[].profile", {"world", {"calendar.events[0].profile=linear"}}},
      {"calendar.events[].pull_forward.days", {"world", {"calendar.events[0].pull_forward.days=5d"}}},
      {"calendar.events[].pull_forward.factor", {"world", {"calendar.events[0].pull_forward.factor=0.3"}}},
      {"calendar.events[].hangover.days", {"world", {"calendar.events[0].hangover.days=1d"}}},
      {"calendar.events[].hangover.factor", {"world", {"calendar.events[0].hangover.factor=0.3"}}},

      {"catalog.generate.count", {"world", {"catalog.generate.count=2"}}},
      // Demand streams are keyed by the SKU id.
      {"catalog.generate.id_prefix", {"world", {"catalog.generate.id_prefix=item"}}},
      {"catalog.generate.rate", {"world", {"catalog.generate.rate=9"}}},
      {"catalog.generate.price", {"world", {"catalog.generate.price=15"}}},
      {"catalog.generate.cost", {"world", {"catalog.generate.cost=7"}}},
      // The generated SKU (rate 6) leaves category fast, and with it fast's policy.
      {"catalog.generate.categories[].name", {"by_category", {"catalog.generate.categories[0].name=quick"}}},
      {"catalog.generate.categories[].min_rate", {"by_category", {"catalog.generate.categories[0].min_rate=8"}}},
      {"catalog.skus[].id", {"world", {"catalog.skus[0].id=gizmo"}}},
      {"catalog.skus[].category", {"by_category", {"catalog.skus[0].category=other"}}},
      {"catalog.skus[].rate", {"world", {"catalog.skus[0].rate=7"}}},
      {"catalog.skus[].price", {"world", {"catalog.skus[0].price=13"}}},
      {"catalog.skus[].cost", {"world", {"catalog.skus[0].cost=3"}}},
      {"catalog.skus[].salvage", {"world", {"catalog.skus[0].salvage=2"}}},
      {"catalog.skus[].policy", {"world", {R"~(catalog.skus[0].policy={type: RS, S: "m*(L+R+6)"})~"}}},

      // RS takes no reorder point: s goes, S stays.
      {"policy.type", {"world", {R"~(policy={type: RS, S: "m*(L+R+3)"})~"}}},
      {"policy.review_period", {"world", {"policy.review_period=3d"}}},
      {"policy.trigger", {"world", {"policy.trigger=at_or_below"}}},
      {"policy.s", {"world", {"policy.s=m*(L+R)+3"}}},
      {"policy.S", {"world", {"policy.S=m*(L+R+6)"}}},
      {"policy.Q", {"sQ", {"policy.Q=m*8"}}},
      {"policy.r", {"rQ", {"policy.r=m*L+4"}}},
      {"policy.window", {"moving_average", {"policy.window=2d"}}},
      {"policy.z", {"moving_average", {"policy.z=2.5"}}},
      // errors needs z instead of service_level: the whole policy changes, the other keys stay as they were.
      {"policy.safety", {"forecast", {"policy={type: forecast_order_up_to, safety: errors, z: 1.28}"}}},
      {"policy.service_level", {"forecast", {"policy.service_level=0.6"}}},
      {"policy.prebuy[].event", {"prebuy", {"policy.prebuy[0].event=sale"}}},
      {"policy.prebuy[].days_before", {"prebuy", {"policy.prebuy[0].days_before=12d"}}},
      {"policy.prebuy[].quantity", {"prebuy", {"policy.prebuy[0].quantity=mu_event + 20"}}},
      {"policy_by_category", {"world", {R"~(policy_by_category={fast: {type: RS, S: "m*(L+R+6)"}})~"}}},

      // A renamed site is renamed where it is referred to too; its random streams are keyed by its name.
      {"sites.suppliers[].name",
       {"world", {"sites.suppliers[0].name=acme", "lanes[0].from=acme", "disruptions[0].supplier=acme"}}},
      {"sites.suppliers[].capacity_per_day", {"world", {"sites.suppliers[0].capacity_per_day=3"}}},
      {"sites.suppliers[].moq", {"world", {"sites.suppliers[0].moq=30"}}},
      {"sites.suppliers[].case_pack", {"world", {"sites.suppliers[0].case_pack=7"}}},
      {"sites.warehouses[].name", {"world", {"sites.warehouses[0].name=hub", "lanes[0].to=hub", "lanes[2].from=hub"}}},
      {"sites.warehouses[].initial_stock", {"world", {"sites.warehouses[0].initial_stock=2*S"}}},
      {"sites.warehouses[].policy", {"world", {R"~(sites.warehouses[1].policy={type: RS, S: "m*(L+R+6)"})~"}}},
      {"sites.warehouses[].policy_by_category",
       {"world", {R"~(sites.warehouses[0].policy_by_category={fast: {type: RS, S: "m*(L+R+6)"}})~"}}},
      {"sites.warehouses[].allocation", {"echelon", {"sites.warehouses[2].allocation=priority"}}},
      {"sites.warehouses[].picking.robots", {"world", {"sites.warehouses[0].picking.robots=2"}}},
      {"sites.warehouses[].picking.pick_time", {"world", {"sites.warehouses[0].picking.pick_time=0.08d"}}},
      {"sites.warehouses[].robots.count", {"robots", {"sites.warehouses[1].robots.count=3"}}},
      {"sites.warehouses[].robots.mode", {"robots", {"sites.warehouses[1].robots.mode=person_to_goods"}}},
      {"sites.warehouses[].robots.layout.aisles", {"robots", {"sites.warehouses[1].robots.layout.aisles=5"}}},
      {"sites.warehouses[].robots.layout.bays", {"robots", {"sites.warehouses[1].robots.layout.bays=6"}}},
      {"sites.warehouses[].robots.layout.levels", {"robots", {"sites.warehouses[1].robots.layout.levels=3"}}},
      {"sites.warehouses[].robots.layout.bay_width_m", {"robots", {"sites.warehouses[1].robots.layout.bay_width_m=2"}}},
      {"sites.warehouses[].robots.layout.aisle_width_m",
       {"robots", {"sites.warehouses[1].robots.layout.aisle_width_m=5"}}},
      {"sites.warehouses[].robots.layout.level_height_m",
       {"robots", {"sites.warehouses[1].robots.layout.level_height_m=1"}}},
      {"sites.warehouses[].robots.stations", {"robots", {"sites.warehouses[1].robots.stations=3"}}},
      {"sites.warehouses[].robots.station_time", {"robots", {"sites.warehouses[1].robots.station_time=45s"}}},
      {"sites.warehouses[].robots.speed_mps", {"robots", {"sites.warehouses[1].robots.speed_mps=1"}}},
      {"sites.warehouses[].robots.lift_time", {"robots", {"sites.warehouses[1].robots.lift_time=8s"}}},
      {"sites.warehouses[].robots.pick_time_per_unit",
       {"robots", {"sites.warehouses[1].robots.pick_time_per_unit=9s"}}},
      {"sites.warehouses[].robots.slotting", {"robots", {"sites.warehouses[1].robots.slotting=velocity"}}},
      {"sites.warehouses[].robots.congestion", {"robots", {"sites.warehouses[1].robots.congestion=2"}}},
      {"sites.warehouses[].robots.battery.work", {"robots", {"sites.warehouses[1].robots.battery.work=3h"}}},
      {"sites.warehouses[].robots.battery.charge", {"robots", {"sites.warehouses[1].robots.battery.charge=6h"}}},
      {"sites.warehouses[].robots.failures.mtbf", {"robots", {"sites.warehouses[1].robots.failures.mtbf=2h"}}},
      {"sites.warehouses[].robots.failures.mttr", {"robots", {"sites.warehouses[1].robots.failures.mttr=40m"}}},
      {"sites.warehouses[].robots.shifts[].start", {"robots", {"sites.warehouses[1].robots.shifts[0].start=7h"}}},
      {"sites.warehouses[].robots.shifts[].end", {"robots", {"sites.warehouses[1].robots.shifts[0].end=20h"}}},
      {"sites.warehouses[].receiving.docks", {"receiving", {"sites.warehouses[1].receiving.docks=2"}}},
      {"sites.warehouses[].receiving.unload_time", {"receiving", {"sites.warehouses[1].receiving.unload_time=4h"}}},
      {"sites.warehouses[].receiving.put_away", {"receiving", {"sites.warehouses[1].receiving.put_away=5h"}}},
      {"sites.warehouses[].packing.stations", {"packing", {"sites.warehouses[0].packing.stations=2"}}},
      {"sites.warehouses[].packing.time", {"packing", {"sites.warehouses[0].packing.time=5h"}}},
      {"sites.warehouses[].packing.time_per_unit", {"packing", {"sites.warehouses[0].packing.time_per_unit=1h"}}},
      {"sites.warehouses[].outbound.docks", {"packing", {"sites.warehouses[0].outbound.docks=2"}}},
      {"sites.warehouses[].outbound.load_time", {"packing", {"sites.warehouses[0].outbound.load_time=4h"}}},
      {"sites.warehouses[].robots.peak_extra", {"robots", {"sites.warehouses[1].robots.peak_extra=2"}}},
      {"sites.warehouses[].robots.reslot_before_peak",
       {"robots", {"sites.warehouses[1].robots.reslot_before_peak=3d"}}},
      {"sites.warehouses[].robots.reslot_time_per_sku",
       {"robots_reslot", {"sites.warehouses[1].robots.reslot_time_per_sku=1h"}}},
      {"sites.warehouses[].cutoffs", {"orders", {"sites.warehouses[0].cutoffs=[8]"}}},
      {"sites.regions[].name", {"world", {"sites.regions[0].name=village", "lanes[2].to=village"}}},
      {"sites.regions[].scale", {"world", {"sites.regions[0].scale=2"}}},
      {"sites.regions[].demand", {"world", {"sites.regions[0].demand=deterministic"}}},
      {"sites.regions[].dispersion", {"negative_binomial", {"sites.regions[0].dispersion=0.5"}}},
      {"sites.regions[].cv", {"normal", {"sites.regions[0].cv=0.8"}}},
      {"sites.regions[].arrivals", {"world", {"sites.regions[0].arrivals=continuous"}}},
      {"sites.regions[].unmet", {"world", {"sites.regions[0].unmet=backorder"}}},
      {"sites.regions[].promise", {"world", {"sites.regions[0].promise=2d"}}},
      {"sites.regions[].shocks.probability_per_day", {"world", {"sites.regions[0].shocks.probability_per_day=0.5"}}},
      {"sites.regions[].shocks.multiplier", {"world", {"sites.regions[0].shocks.multiplier=3"}}},
      {"sites.regions[].shocks.duration", {"world", {"sites.regions[0].shocks.duration=4d"}}},
      {"sites.regions[].shocks.spikes.probability_per_day",
       {"spikes", {"sites.regions[0].shocks.spikes.probability_per_day=0.6"}}},
      {"sites.regions[].shocks.spikes.size", {"spikes", {"sites.regions[0].shocks.spikes.size=4"}}},
      {"sites.regions[].shocks.spikes.decay", {"spikes", {"sites.regions[0].shocks.spikes.decay=5d"}}},
      {"sites.regions[].shocks.level_shift.on", {"level_shift", {"sites.regions[0].shocks.level_shift.on=2026-11-20"}}},
      {"sites.regions[].shocks.level_shift.probability_per_day",
       {"level_shifts", {"sites.regions[0].shocks.level_shift.probability_per_day=0.5"}}},
      {"sites.regions[].shocks.level_shift.size", {"level_shift", {"sites.regions[0].shocks.level_shift.size=0.5"}}},
      {"sites.regions[].shocks.what_if[].factor", {"what_if", {"sites.regions[0].shocks.what_if[0].factor=3"}}},
      {"sites.regions[].shocks.what_if[].from", {"what_if", {"sites.regions[0].shocks.what_if[0].from=11-10"}}},
      {"sites.regions[].shocks.what_if[].to", {"what_if", {"sites.regions[0].shocks.what_if[0].to=11-20"}}},
      {"sites.regions[].shocks.what_if[].category",
       {"what_if", {"sites.regions[0].shocks.what_if[0].category=steady"}}},
      {"substitution[].category", {"substitution", {"substitution[0].category=steady"}}},
      {"substitution[].probability", {"substitution", {"substitution[0].probability=1"}}},
      {"returns.rate", {"returns", {"returns.rate=0.1"}}},
      {"returns.peak_rate", {"returns", {"returns.peak_rate=0.9"}}},
      {"returns.delay", {"returns", {"returns.delay=5d"}}},
      {"returns.restock_probability", {"returns", {"returns.restock_probability=0.2"}}},
      {"returns.inspection", {"returns", {"returns.inspection=3d"}}},
      {"category_shocks[].category", {"category_shocks", {"category_shocks[0].category=steady"}}},
      {"category_shocks[].probability_per_day", {"category_shocks", {"category_shocks[0].probability_per_day=0.6"}}},
      {"category_shocks[].multiplier", {"category_shocks", {"category_shocks[0].multiplier=3"}}},
      {"category_shocks[].duration", {"category_shocks", {"category_shocks[0].duration=4d"}}},
      {"category_shocks[].spikes.probability_per_day",
       {"category_shocks", {"category_shocks[0].spikes.probability_per_day=0.6"}}},
      {"category_shocks[].spikes.size", {"category_shocks", {"category_shocks[0].spikes.size=4"}}},
      {"category_shocks[].spikes.decay", {"category_shocks", {"category_shocks[0].spikes.decay=5d"}}},
      {"category_shocks[].level_shift.on", {"category_shift_on", {"category_shocks[0].level_shift.on=2026-11-20"}}},
      {"category_shocks[].level_shift.probability_per_day",
       {"category_shocks", {"category_shocks[0].level_shift.probability_per_day=0.5"}}},
      {"category_shocks[].level_shift.size", {"category_shift_on", {"category_shocks[0].level_shift.size=0.5"}}},

      // The two warehouses swap regions (city is 1.5 times town).
      {"lanes[].from", {"world", {"lanes[2].from=depot", "lanes[3].from=fc"}}},
      {"lanes[].to", {"world", {"lanes[2].to=city", "lanes[3].to=town"}}},
      {"lanes[].lead_time", {"world", {"lanes[0].lead_time=4d"}}},

      {"sites.suppliers[].on_time_probability", {"world", {"sites.suppliers[0].on_time_probability=0.3"}}},
      {"sites.suppliers[].late_by", {"world", {"sites.suppliers[0].late_by=5d"}}},
      {"sites.suppliers[].fill_rate", {"world", {"sites.suppliers[0].fill_rate=0.5"}}},
      {"sites.suppliers[].price_breaks[].min_units", {"world", {"sites.suppliers[0].price_breaks[0].min_units=1000"}}},
      {"sites.suppliers[].price_breaks[].unit_cost_factor",
       {"world", {"sites.suppliers[0].price_breaks[0].unit_cost_factor=0.5"}}},
      {"sites.warehouses[].sourcing", {"sourcing", {"sites.warehouses[0].sourcing=fastest"}}},
      // Both SKUs are in category fast: moving the listed one to another category leaves it to the warehouse's rule.
      {"sites.warehouses[].sourcing_by_category[].category",
       {"sourcing_by_category",
        {"sites.warehouses[0].sourcing_by_category[0].category=steady", "catalog.skus[0].category=steady"}}},
      {"sites.warehouses[].sourcing_by_category[].sourcing",
       {"sourcing_by_category", {"sites.warehouses[0].sourcing_by_category[0].sourcing=cheapest"}}},
      {"lanes[].carriers[].name", {"world", {"lanes[0].carriers[0].name=lorry"}}},
      {"lanes[].carriers[].capacity_per_day", {"world", {"lanes[0].carriers[0].capacity_per_day=2"}}},
      {"lanes[].carriers[].pickup_days", {"world", {"lanes[0].carriers[0].pickup_days=[tuesday]"}}},
      {"lanes[].carriers[].trucks", {"world", {"lanes[0].carriers[1]={name: van, trucks: {size: 1, per_day: 2}}"}}},
      {"lanes[].carriers[].trucks.size", {"trucks", {"lanes[0].carriers[1].trucks.size=3"}}},
      {"lanes[].carriers[].trucks.per_day", {"trucks", {"lanes[0].carriers[1].trucks.per_day=1"}}},
      {"lanes[].carriers[].trucks.cost_each", {"trucks", {"lanes[0].carriers[1].trucks.cost_each=40"}}},
      {"lanes[].carriers[].cost_per_shipment", {"world", {"lanes[0].carriers[0].cost_per_shipment=60"}}},
      {"lanes[].carriers[].cost_per_unit", {"world", {"lanes[0].carriers[0].cost_per_unit=3"}}},
      {"lanes[].carriers[].peak_surcharge", {"world", {"lanes[0].carriers[0].peak_surcharge=3"}}},
      {"lanes[].carriers[].outage_days", {"world", {"lanes[0].carriers[0].outage_days=[1, 2, 3]"}}},
      {"lanes[].carriers[].cutoffs", {"outbound_carriers", {"lanes[2].carriers[1].cutoffs=[16]"}}},
      {"lanes[].carriers[].outage_probability_per_day",
       {"world", {"lanes[0].carriers[0].outage_probability_per_day=0.5"}}},
      {"disruptions[].supplier", {"world", {"disruptions[0].supplier=maker"}}},
      {"disruptions[].days", {"world", {"disruptions[0].days=[3, 4, 5, 6]"}}},
      {"disruptions[].probability_per_day", {"world", {"disruptions[0].probability_per_day=0.4"}}},
      {"stress", {"world", {"stress={recovery: {fill_rate: 0.9}}"}}},
      {"stress.recovery.fill_rate", {"stress", {"stress.recovery.fill_rate=0.5"}}},
      {"stress.recovery.days", {"stress", {"stress.recovery.days=1"}}},
      {"stress.demand.probability_per_day", {"stress", {"stress.demand.probability_per_day=0.5"}}},
      {"stress.demand.multiplier", {"stress", {"stress.demand.multiplier=4"}}},
      {"stress.demand.duration", {"stress", {"stress.demand.duration=5d"}}},
      {"stress.supply.outage_probability_per_day", {"stress", {"stress.supply.outage_probability_per_day=0.5"}}},
      {"stress.supply.capacity_cuts.probability_per_day",
       {"stress", {"stress.supply.capacity_cuts.probability_per_day=0.6"}}},
      {"stress.supply.capacity_cuts.multiplier", {"stress", {"stress.supply.capacity_cuts.multiplier=0"}}},
      {"stress.supply.capacity_cuts.duration", {"stress", {"stress.supply.capacity_cuts.duration=2d"}}},
      {"stress.supply.lead_time_stretches.probability_per_day",
       {"stress", {"stress.supply.lead_time_stretches.probability_per_day=0.6"}}},
      {"stress.supply.lead_time_stretches.multiplier", {"stress", {"stress.supply.lead_time_stretches.multiplier=4"}}},
      {"stress.supply.lead_time_stretches.duration", {"stress", {"stress.supply.lead_time_stretches.duration=2d"}}},
      {"stress.carriers.outage_probability_per_day", {"stress", {"stress.carriers.outage_probability_per_day=0.5"}}},

      {"orders.lines", {"orders", {"orders.lines=[0.2, 0.8]"}}},
      {"orders.units_per_line", {"orders", {"orders.units_per_line=[0.5, 0.5]"}}},
      {"orders.same_category", {"orders", {"orders.same_category=0.9"}}},
      {"orders.intraday",
       {"orders", {"orders.intraday=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]"}}},
      {"orders.split", {"orders", {"orders.split=false"}}},
      {"orders.fulfilment", {"orders", {"orders.fulfilment=nearest_with_stock"}}},
      {"orders.cancel_late", {"orders", {"orders.cancel_late=1"}}},
      {"orders.release", {"orders", {"orders.release=waves", "orders.waves=[10]"}}},
      {"orders.waves", {"order_waves", {"orders.waves=[6, 18]"}}},
      {"orders.batch", {"order_waves", {"orders.batch=4"}}},

      {"costs.holding_per_unit_day", {"world", {"costs.holding_per_unit_day=0.3"}}},
      {"costs.lost_sale_per_unit", {"world", {"costs.lost_sale_per_unit=5"}}},
      {"costs.backorder_per_unit_day", {"world", {"costs.backorder_per_unit_day=1.5"}}},
      {"costs.order_fixed", {"world", {"costs.order_fixed=7"}}},
      {"costs.purchase_cost_in_total", {"world", {"costs.purchase_cost_in_total=true"}}},

      {"forecast.model", {"forecast", {"forecast.model=holt_damped"}}},
      {"forecast.weights", {"forecast_global", {"forecast.weights=\"" + shifted_weights() + "\""}}},
      {"forecast.period", {"forecast_seasonal", {"forecast.period=5d"}}},
      {"forecast.window", {"forecast_moving_average", {"forecast.window=3d"}}},
      {"forecast.refit_every", {"forecast", {"forecast.refit_every=2d"}}},
      {"forecast.history", {"forecast", {"forecast.history=12d"}}},
      {"forecast.quantiles", {"forecast", {"forecast.quantiles=[0.25, 0.5, 0.75]"}}},
      {"forecast.observe", {"forecast", {"forecast.observe=demand"}}},
      {"forecast.unconstrain", {"forecast", {"forecast.unconstrain=max_forecast"}}},

      {"catalog.price_response.form", {"pricing_dp", {"catalog.price_response={form: exponential, slope: 2}"}}},
      {"catalog.price_response.elasticity", {"pricing_dp", {"catalog.price_response.elasticity=-4"}}},
      {"catalog.price_response.slope", {"pricing_logit", {"catalog.price_response.slope=4"}}},
      {"catalog.price_response.share", {"pricing_logit", {"catalog.price_response.share=0.7"}}},
      // gen0 shares category fast with the widget, sold 20% off all season.
      {"catalog.price_response.cross_elasticity", {"pricing_logit", {"catalog.price_response.cross_elasticity=0.8"}}},
      {"catalog.price_response_by_category",
       {"pricing_dp", {"catalog.price_response_by_category={fast: {form: constant_elasticity, elasticity: -5}}"}}},
      {"catalog.skus[].price_response",
       {"pricing_dp", {"catalog.skus[0].price_response={form: constant_elasticity, elasticity: -5}"}}},
      {"pricing[].category",
       {"pricing_dp", {"pricing[0]={name: promo, category: fast, policy: markdown_dp, ladder: [0, 0.2, 0.4]}"}}},
      {"pricing[].skus", {"pricing_dp", {"pricing[0].skus=[gen0, widget]"}}},
      {"pricing[].policy", {"pricing_dp", {"pricing[0].policy=static"}}},
      {"pricing[].review_period", {"pricing_dp", {"pricing[0].review_period=3d"}}},
      {"pricing[].ladder", {"pricing_dp", {"pricing[0].ladder=[0, 0.1, 0.5]"}}},
      {"pricing[].initial_discount",
       {"pricing_static", {"pricing[0].markdown_only=false", "pricing[0].initial_discount=0.2"}}},
      {"pricing[].markdown_only", {"pricing_dp_exponential", {"pricing[0].markdown_only=false"}}},
      {"pricing[].min_margin", {"pricing_dp", {"pricing[0].min_margin=1.2"}}},
      {"pricing[].max_changes_per_week", {"pricing_rule", {"pricing[0].max_changes_per_week=3"}}},
      {"pricing[].cover_factor", {"pricing_rule", {"pricing[0].cover_factor=0.5"}}},
      {"pricing[].low_cover", {"pricing_dynamic", {"pricing[0].low_cover=2d"}}},
      {"pricing[].high_cover", {"pricing_dynamic", {"pricing[0].high_cover=10d"}}},
      {"pricing[].cover_window", {"pricing_dynamic", {"pricing[0].cover_window=2d"}}},
      {"catalog.price_response.reference.memory", {"promotion", {"catalog.price_response.reference.memory=0.9"}}},
      {"catalog.price_response.reference.gain", {"promotion", {"catalog.price_response.reference.gain=3"}}},
      {"catalog.price_response.reference.loss", {"promotion", {"catalog.price_response.reference.loss=6"}}},
      {"promotions[].category",
       {"promotion",
        {"promotions[0]={name: sale, category: fast, from: 2026-11-05, to: 2026-11-12, discount: 0.2, lift: 1.5}"}}},
      {"promotions[].skus", {"promotion", {"promotions[0].skus=[gen0, widget]"}}},
      {"promotions[].from", {"promotion", {"promotions[0].from=2026-11-08"}}},
      {"promotions[].to", {"promotion", {"promotions[0].to=2026-11-20"}}},
      {"promotions[].discount", {"promotion", {"promotions[0].discount=0.3"}}},
      {"promotions[].lift", {"promotion", {"promotions[0].lift=2"}}},
      {"pricing[].expected_demand", {"pricing_rule_forecast", {"pricing[0].expected_demand=forecast"}}},

      // Outputs are results too: these change the arrays' shape, their set, or add the SKU breakdown.
      {"record.level", {"world", {"record.level=sku_weekly"}}},
      {"record.variables", {"world", {"record.variables=[sales, on_hand]"}}},
      {"record.kpi_by_sku", {"world", {"record.kpi_by_sku=true"}}},
  };
  return variants;
}

const std::map<std::string, LabelKey>& keywalk_labels() {
  static const std::map<std::string, LabelKey> labels = {
      {"name",
       {"a label stored with the results (provenance)",
        {"name=other"},
        [](const Scenario&, const Scenario& v) { return v.name == "other"; }}},
      {"description",
       {"free text stored with the results (provenance)",
        {"description=\"some words\""},
        [](const Scenario&, const Scenario& v) { return v.description == "some words"; }}},
      {"replications",
       {"how many replications a run makes; each replication is the same whatever their number",
        {"replications=3"},
        [](const Scenario&, const Scenario& v) { return v.replications == 3; }}},
      {"pricing[].name",
       {"names the pricing group in messages; prices depend on its SKUs and rules",
        {"pricing[0].name=other"},
        [](const Scenario&, const Scenario& v) { return v.pricing.size() == 1 && v.pricing[0].name == "other"; },
        "pricing_dp"}},
      {"promotions[].name",
       {"names the promotion in messages; prices and demand depend on its SKUs, window, discount and lift",
        {"promotions[0].name=other"},
        [](const Scenario&, const Scenario& v) { return v.promotions.size() == 1 && v.promotions[0].name == "other"; },
        "promotion"}},
      {"calendar.events[].name",
       {"labels the days an event reaches in /days/events; demand depends on the date, not the name",
        {"calendar.events[0].name=sale"},
        [](const Scenario& w, const Scenario& v) {
          const auto days = [](const Scenario& s) {
            return build_demand_profile(s.calendar, s.start, s.horizon_days).events;
          };
          const auto named = [](const std::vector<std::string>& e, const std::string& n) {
            return std::count(e.begin(), e.end(), n);
          };
          return named(days(w), "bf") > 0 && named(days(v), "sale") == named(days(w), "bf");
        }}},
      {"forecast.backend",
       {"where the forecasts are computed: cpu, and auto on a machine without a device, are the same CPU code; a "
        "device agrees within the documented tolerance (test_cuda_parity); the provenance records what was asked "
        "and what ran (test_forecast_backend_cli)",
        {"forecast.backend=auto"},
        [](const Scenario&, const Scenario& v) {
          return v.forecast && v.forecast->backend == ForecastBackend::automatic;  // the default is cpu
        },
        "forecast"}},
  };
  return labels;
}

}  // namespace peaksim::test
