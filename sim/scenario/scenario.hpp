// The frozen scenario: everything a run needs, parsed, validated and resolved (defaults filled,
// formulas compiled, the generated catalog drawn). Nothing changes it once a run starts.
#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/calendar/festivals.hpp"
#include "sim/random/distributions.hpp"
#include "sim/scenario/pricing_spec.hpp"
#include "sim/scenario/robot_spec.hpp"

namespace peaksim::forecasting {
class GlobalModel;
}

namespace peaksim {

enum class DemandModel { poisson, negative_binomial, deterministic, normal };
enum class UnmetDemand { lost, backorder };
enum class Arrivals { daily, continuous };  // one demand event per SKU-day, or per unit
enum class PolicyType {
  sS,
  RS,
  sQ,
  base_stock,
  moving_average,
  rQ,
  forecast_order_up_to,
  newsvendor_preseason,
  echelon_base_stock
};
// How a distribution centre shares scarce stock among the waiting orders of the warehouses it replenishes.
enum class Allocation { fifo, fair_share, priority };
enum class SafetyStock { quantile, errors };       // forecast_order_up_to: from forecast quantiles or tracked errors
enum class ReorderTrigger { below, at_or_below };  // IP < s, or IP <= s
enum class RecordLevel { sku_daily, sku_weekly, site_daily, category_daily, kpi_only };
enum class Fulfilment { primary_first, nearest_with_stock };  // which centre serves an order
enum class Release { continuous, waves };  // when an order's lines go to the picker: at placement, or at a wave
enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };  // ISO order, as Date::weekday
// How a warehouse with several supplier lanes picks the supplier of an order (agents/sourcing.hpp).
enum class Sourcing { single, primary_backup, cheapest, fastest, reliability_weighted };

// How demand rises and falls around a festival day (offsets in whole days from the event).
struct EventShape {
  int days_before = 0;  // peak multiplier also applies this many days before the event
  int days_after = 0;   // ... and after
  enum class Profile { flat, linear } profile = Profile::flat;  // linear: ramps to 1 at the edges
  int pull_forward_days = 0;                                    // before the peak window, demand is held back...
  double pull_forward_factor = 1;                               // ... by this factor
  int hangover_days = 0;                                        // after the peak window, demand is depressed...
  double hangover_factor = 1;                                   // ... by this factor
};

struct FestivalEvent {
  std::string name;
  cal::DateRule date;
  double multiplier = 1;  // on the event day
  EventShape shape;
};

// Where a value was written ("FILE:LINE:COLUMN" or "--set ...") and its key path, for errors found after the load
// (a formula that yields an unusable level for one SKU).
struct SourceAt {
  std::string where, path;
};

struct CalendarSpec {
  std::array<double, 7> weekly{1, 1, 1, 1, 1, 1, 1};  // Monday .. Sunday
  double yearly_amplitude = 0;                        // f(t) = 1 + A sin(2 pi (t - phase) / period)
  double yearly_period_days = 365;
  double yearly_phase_days = 0;
  std::vector<FestivalEvent> events;
  SourceAt at;  // the calendar section
};

// Viral spikes: each day one starts with a probability; it multiplies demand by 1 + size x exp(-(t - onset) / decay).
struct SpikeSpec {
  double probability_per_day = 0;
  rng::DistributionSpec size{rng::DistributionSpec::Kind::constant, 0};
  double decay_days = 1;
};

// Permanent level shifts: from a given day, or from each day with a probability, demand is multiplied by a size.
struct LevelShiftSpec {
  std::optional<int> day;  // a given day of the horizon
  double probability_per_day = 0;
  rng::DistributionSpec size{rng::DistributionSpec::Kind::constant, 1};
};

// A scheduled what-if: demand times `factor` on the days of `windows` (inclusive day ranges inside the horizon),
// for every SKU or only those of `category`.
struct WhatIfSpec {
  double factor = 1;
  std::string category;  // "" = every SKU
  std::vector<std::pair<int, int>> windows;
};

struct ShockSpec {  // random demand shocks of a region (every SKU) or of a category (every region)
  double probability_per_day = 0;
  rng::DistributionSpec multiplier{rng::DistributionSpec::Kind::constant, 1};
  int duration_days = 1;
  std::optional<SpikeSpec> spikes;
  std::optional<LevelShiftSpec> level_shift;
  std::vector<WhatIfSpec> what_if;  // regions only (sim/kernel/shock_path.hpp)
};

// Substitution on stock-out in a category (agents/substitution.hpp): the chance a missing unit is bought as another.
struct SubstitutionSpec {
  std::string category;
  double probability = 0;
};

// Customer returns (agents/customer_region.hpp, docs/model.md, Returns): a share of the units sold comes back
// after a delay; after inspection each is put back on the shelf with a probability, or written off.
struct ReturnsSpec {
  double rate = 0, peak_rate = 0;  // share of units sold returned: off-peak days, peak days
  rng::DistributionSpec delay_days{rng::DistributionSpec::Kind::constant, 1};  // sale to return, drawn per unit
  double restock_probability = 1;
  int inspection_days = 0;
};

// One shock path shared by every SKU of a category in every region (sim/kernel/shock_path.hpp).
struct CategoryShockSpec {
  std::string category;
  ShockSpec shocks;
  SourceAt at;  // the list item
};

// An advance order for a calendar event, placed by the planner `days_before` the event day (docs/model.md).
struct PrebuySpec {
  std::string event;  // a calendar.events[].name (checked at load)
  int days_before = 0;
  std::string quantity = "newsvendor";  // formula in prebuy_variables() (sim/scenario/schema.hpp)
};

struct PolicyParams {  // formulas in the SKU's variables (see docs/scenarios.md)
  PolicyType type = PolicyType::sS;
  std::string s, S, Q, r;              // which are used depends on type (rQ: r and Q)
  std::map<std::string, SourceAt> at;  // "s", "S", "Q", "r" -> where that formula was written
  int review_period_days = 1;
  ReorderTrigger trigger = ReorderTrigger::below;
  int window_days = 0;  // moving_average: days in the moving mean and standard deviation (p)
  double z = 0;         // moving_average, forecast_order_up_to (errors): safety factor on a standard deviation
  SafetyStock safety = SafetyStock::quantile;  // forecast_order_up_to
  double service_level = 0;                    // forecast_order_up_to (quantile): level of the cover quantile
  std::vector<PrebuySpec> prebuy{};            // advance orders for calendar events
};

struct Sku {
  std::string id;
  std::string category;
  double rate = 0;                     // baseline mean demand per day, before calendar and region scale
  double price = 0;                    // selling price per unit
  double cost = 0;                     // purchase cost per unit
  double salvage = 0;                  // value per unit left at the end of the horizon (newsvendor_preseason)
  SourceAt rate_at;                    // where its rate was written (catalog.skus[i].rate or catalog.generate.rate)
  std::optional<PolicyParams> policy;  // per-SKU override
  std::optional<PriceResponse> price_response;  // none: demand ignores price
};

struct SupplierSpec {
  std::string name;
  double capacity_per_day = std::numeric_limits<double>::infinity();  // units shipped per day
  int moq = 0;                                                        // minimum order quantity per SKU order
  int case_pack = 1;                                                  // orders are rounded up to a multiple
  double on_time_probability = 1;                                     // a shipped part of a line is late with 1 - p ...
  rng::DistributionSpec late_by_days{rng::DistributionSpec::Kind::constant, 0};  // ... by this many days more
  double fill_rate = 1;  // each unit of an order line is confirmed with this probability; the rest is cancelled
  struct PriceBreak {
    std::int64_t min_units = 0;   // an order line of at least this many units ...
    double unit_cost_factor = 1;  // ... is paid at this fraction of the SKU's cost
  };
  std::vector<PriceBreak> price_breaks{};  // by min_units, increasing ({} keeps brace-initialisation warning-free)
};

struct PickingSpec {  // robotic picking station of a warehouse (measured only; see docs/model.md)
  int robots = 1;
  rng::DistributionSpec pick_time_days;  // per job, in days like every duration
};

// Inbound docks of a warehouse (docs/model.md, Receiving).
struct ReceivingSpec {
  int docks = 1;
  double unload_seconds = 0;    // per shipment line
  double put_away_seconds = 0;  // from the end of unloading until the units can be sold
};

// Packing stations and outbound docks of a centre with customer orders (docs/model.md, Packing and outbound docks).
struct PackingSpec {
  int stations = 1;
  rng::DistributionSpec time_days;  // per order part
  double seconds_per_unit = 0;      // added per unit of the part
};
struct OutboundSpec {
  int docks = 1;
  rng::DistributionSpec load_time_days;  // per order part
};

struct WarehouseSpec {
  std::string name;
  std::string initial_stock = "S";  // formula; default: the policy's order-up-to level
  SourceAt initial_stock_at;
  std::optional<PickingSpec> picking;
  // This warehouse's own policy and policy per category, overriding the scenario-wide ones here.
  std::optional<PolicyParams> policy;
  std::map<std::string, PolicyParams> policy_by_category;
  Allocation allocation = Allocation::fifo;  // a warehouse that replenishes other warehouses
  std::optional<RobotFleetSpec> robots;      // a robot fleet instead of a picking station
  std::vector<double> cutoffs = {};          // orders: shipping cut-offs, seconds after midnight, sorted; empty = 23:00
  Sourcing sourcing = Sourcing::single;      // with several supplier lanes: which supplier gets an order
  std::map<std::string, Sourcing> sourcing_by_category{};  // ... for the SKUs of these categories instead
  std::optional<ReceivingSpec> receiving{};                // inbound docks; none: shelved at the receive slot
  std::optional<PackingSpec> packing{};                    // orders: packed after picking; none: not delayed
  std::optional<OutboundSpec> outbound{};                  // orders: loaded before the cut-off; none: not delayed

  // The rule for a SKU of `category`.
  Sourcing sourcing_for(const std::string& category) const {
    const auto it = sourcing_by_category.find(category);
    return it == sourcing_by_category.end() ? sourcing : it->second;
  }
};

struct RegionSpec {
  std::string name;
  double scale = 1;              // multiplies every SKU's baseline rate
  SourceAt scale_at, shocks_at;  // where scale and shocks.multiplier were written
  DemandModel demand = DemandModel::poisson;
  double dispersion = 0;  // negative binomial size k (variance = mu + mu^2/k)
  double cv = 0;          // normal: standard deviation / mean, before rounding to whole units
  UnmetDemand unmet = UnmetDemand::lost;
  Arrivals arrivals = Arrivals::daily;
  ShockSpec shocks;
  std::optional<double> promise_days;  // delivery promise: transit at most this many days counts as on time
};

// A carrier of a lane (agents/carrier.hpp): takes up to its capacity of what is tendered on its pickup days.
struct CarrierSpec {
  std::string name;
  double capacity_per_day = std::numeric_limits<double>::infinity();          // units per pickup
  int truck_size = 0;                                                         // with trucks: units per truck
  double cost_per_truck = 0;                                                  // with trucks: per truck dispatched
  std::array<bool, 7> pickup_days{true, true, true, true, true, true, true};  // Monday .. Sunday
  double cost_per_shipment = 0;                                               // per pickup that carries units
  double cost_per_unit = 0;
  double peak_surcharge = 1;  // multiplies both costs on peak days
  std::vector<int> outage_days;
  double outage_probability_per_day = 0;
  std::vector<double> cutoffs{};  // outbound: its own cut-offs, seconds after midnight, sorted; empty = the centre's
};

// supplier -> warehouse (lead time of an order), warehouse -> warehouse (transit of a replenishment shipment)
// or warehouse -> region (transit to customers)
struct LaneSpec {
  std::string from, to;
  rng::DistributionSpec lead_time_days;  // whole days after rounding (rQ: exact); see docs/model.md
  std::vector<CarrierSpec> carriers{};   // in order of preference; none: unlimited, free, every day
};

// A supplier outage (model/kinds/disruption.cpp): on the listed days, and on each other day with a
// probability, the supplier ships nothing; its queue waits.
struct DisruptionSpec {
  int supplier = 0;       // index into scenario.suppliers
  std::vector<int> days;  // day indices, each < horizon
  double probability_per_day = 0;
};

// Customer orders (agents/order_desk.hpp): multi-line orders instead of independent units per SKU.
struct OrdersSpec {
  std::vector<double> lines;           // P(1 line), P(2 lines), ... (normalised)
  std::vector<double> units_per_line;  // P(1 unit), P(2 units), ... (normalised)
  double same_category = 0;            // chance a later line is drawn from the first line's category
  std::vector<double> intraday;        // 24 hourly weights of placement instants (normalised)
  bool split = true;                   // an order may be served by several centres
  Fulfilment fulfilment = Fulfilment::primary_first;
  double cancel_late = 0;  // chance a customer cancels an order not shipped by the end of its promised day
  Release release = Release::continuous;
  std::vector<double> waves;  // release: waves: seconds after midnight, sorted
  int batch = 1;              // waves: lines of one SKU from up to this many orders of a wave are one pick task
};

struct Costs {
  double holding_per_unit_day = 0;
  double lost_sale_per_unit = 0;
  double backorder_per_unit_day = 0;
  double order_fixed = 0;               // per SKU order line placed
  bool purchase_cost_in_total = false;  // add units ordered x SKU cost to ordering cost
};

// The forecast service (agents/forecast_service.hpp): what it observes and how it forecasts.
enum class ForecastModel {
  moving_average,
  seasonal_naive,
  ses,
  holt_damped,
  holt_winters_additive,
  holt_winters_multiplicative,
  croston,
  sba,
  tsb,
  global  // the learned global model (forecasting/global_model.hpp), weights from `weights`; never refitted
};
enum class ForecastObserve { sales, demand };         // sales: censored by stock-outs; demand: the oracle
enum class Unconstrain { none, max_forecast };        // censored days: kept, or max(observed, forecast mean)
enum class ForecastBackend { automatic, cpu, cuda };  // where the fits' filters and the global network run

struct ForecastSpec {
  ForecastModel model = ForecastModel::ses;
  int period_days = 7;            // seasonal models
  int window_days = 7;            // moving average
  int refit_every_days = 7;       // parameters are refitted this often and reused in between
  int history_days = 28;          // days of observations in each forecast
  std::vector<double> quantiles;  // levels scored by wQL (sorted, distinct)
  ForecastObserve observe = ForecastObserve::sales;
  Unconstrain unconstrain = Unconstrain::none;
  ForecastBackend backend = ForecastBackend::cpu;  // cuda is refused at load time without a usable device
  std::string weights;                             // model global: the weights file as given ("" = the shipped default)
  std::shared_ptr<const forecasting::GlobalModel> global;  // model global: loaded once, shared by every engine
};

struct RecordSpec {
  RecordLevel level = RecordLevel::sku_daily;
  std::vector<std::string> variables;  // subset of recordable_signals(); empty = all
  bool kpi_by_sku = false;             // write /kpi_by/sku
  SourceAt level_at;
};

// The stress test (`stress`, sim/scenario/stress.cpp). Its demand, outage and carrier shocks are folded into the
// regions, disruptions and carriers when the scenario is built; the supply spells and the recovery rule stay here.
struct StressSpec {
  double recovery_fill_rate = 0.95;  // a daily fill rate at or above it counts as recovered ...
  int recovery_days = 3;             // ... on this many consecutive days
  ShockSpec capacity_cuts;           // per supplier; multiplier: the share of capacity left
  ShockSpec lead_time_stretches;     // per supplier; multiplier: the factor on lead times
};

struct Scenario {
  std::string name, description;
  std::string source_path;    // file it was read from
  std::string resolved_yaml;  // full resolved text, stored as provenance
  cal::Date start;
  int horizon_days = 0;
  std::uint64_t seed = 0;
  int replications = 1;
  CalendarSpec calendar;
  std::vector<Sku> skus;
  PolicyParams policy;
  std::map<std::string, PolicyParams> policy_by_category;
  std::vector<SupplierSpec> suppliers;
  std::vector<WarehouseSpec> warehouses;
  std::vector<RegionSpec> regions;
  std::vector<LaneSpec> lanes;
  std::vector<DisruptionSpec> disruptions;
  std::optional<StressSpec> stress;  // present with a `stress` section
  std::vector<CategoryShockSpec> category_shocks;
  std::vector<SubstitutionSpec> substitution;
  std::optional<ReturnsSpec> returns;  // present when the scenario has a `returns` section
  Costs costs;
  RecordSpec record;
  std::optional<ForecastSpec> forecast;   // present when the scenario has a `forecast` section
  std::optional<OrdersSpec> orders;       // present when the scenario has an `orders` section
  std::vector<PricingGroup> pricing;      // pricing agents (sim/scenario/pricing.cpp); none: list prices all season
  std::vector<PromotionSpec> promotions;  // scheduled promotions (sim/scenario/promotions.cpp)

  // The policy that applies to a SKU: its own, else its category's, else the default.
  const PolicyParams& policy_for(const Sku& sku) const;
  // ... at warehouse `w`: the warehouse's policy for the SKU's category, else the warehouse's policy, else
  // the scenario-wide one above.
  const PolicyParams& policy_for(const Sku& sku, std::size_t w) const;
};

}  // namespace peaksim
