#include "sim/kernel/kpis.hpp"

#include <stdexcept>

#include "sim/scenario/choices.hpp"

namespace peaksim {
namespace {

constexpr unsigned kAll = by_site | by_region | by_sku;
constexpr unsigned kStock = by_site | by_sku;  // stock and money on it belong to sites, not regions
constexpr unsigned kNetwork = 0;

std::vector<KpiDef> make_table() {
  using G = KpiGroup;
  using K = Kpi;
  std::vector<KpiDef> t = {
      {K::fill_rate, "fill_rate", "share", G::always, kAll, "`sales / demand`: the share of demand served at once"},
      {K::fill_rate_peak, "fill_rate_peak", "share", G::always, kAll, "`fill_rate` over peak days"},
      {K::fill_rate_off_peak, "fill_rate_off_peak", "share", G::always, kAll, "`fill_rate` over the other days"},
      {K::total_cost, "total_cost", "currency", G::always, kStock,
       "`holding_cost + shortage_cost + fixed_ordering_cost + transport_cost`, plus `purchase_cost` with "
       "`costs.purchase_cost_in_total` (the cost of running the policy, not a profit figure)"},
      {K::cost_per_sku_day, "cost_per_sku_day", "currency", G::always, kStock,
       "`total_cost / (SKUs x sites x days)` over the SKUs and sites of the level"},
      {K::holding_cost, "holding_cost", "currency", G::always, kStock,
       "`holding_per_unit_day x` sum over days of end-of-day on hand"},
      {K::shortage_cost, "shortage_cost", "currency", G::always, kStock,
       "`lost_sale_per_unit x lost_sales + backorder_per_unit_day x` sum over days of end-of-day backorders"},
      {K::fixed_ordering_cost, "fixed_ordering_cost", "currency", G::always, kStock, "`order_fixed x orders_placed`"},
      {K::purchase_cost, "purchase_cost", "currency", G::always, kStock, "`units_ordered x cost`"},
      {K::revenue, "revenue", "currency", G::always, kAll,
       "`(sales + backorders_filled) x price`: units shipped to customers at the day's price (the list price, or "
       "the one a pricing agent or a promotion set; a region's backorders filled are its own, first come first "
       "served), less "
       "`refunds` with returns"},
      {K::cogs, "cogs", "currency", G::always, kAll,
       "cost of goods sold: `(sales + backorders_filled) x cost`, less `returns_restocked x cost` with returns"},
      {K::gross_margin, "gross_margin", "currency", G::always, kAll, "`revenue - cogs`"},
      {K::closing_write_down, "closing_write_down", "currency", G::always, kStock,
       "end-of-season stock (see Money) written down from cost to salvage: `on hand at the end x (cost - "
       "salvage)`"},
      {K::profit, "profit", "currency", G::always, kStock,
       "`gross_margin - holding_cost - shortage_cost - fixed_ordering_cost - closing_write_down - transport_cost + "
       "purchase_discount`"},
      {K::opening_stock_value, "opening_stock_value", "currency", G::always, kStock, "`initial stock x cost`"},
      {K::closing_stock_value, "closing_stock_value", "currency", G::always, kStock, "`on hand at the end x cost`"},
      {K::pipeline_value, "pipeline_value", "currency", G::always, kStock,
       "`on order at the end x cost` (queued at the supplier, waiting for a carrier or in transit)"},
      {K::salvage_value, "salvage_value", "currency", G::always, kStock,
       "end-of-season stock (see Money): `on hand at the end x salvage`"},
      {K::demand, "demand", "units", G::always, kAll, "units asked for"},
      {K::sales, "sales", "units", G::always, kAll, "units shipped from stock when demanded"},
      {K::backorders_filled, "backorders_filled", "units", G::always, kAll, "backordered units shipped later"},
      {K::lost_sales, "lost_sales", "units", G::always, kAll, "units asked for and lost"},
      {K::backorders_end, "backorders_end", "units", G::always, kStock, "backordered units still open at the end"},
      {K::orders_placed, "orders_placed", "lines", G::always, kStock, "SKU order lines placed"},
      {K::units_ordered, "units_ordered", "units", G::always, kStock,
       "units ordered (less any cancelled by a partial fill)"},
      {K::units_received, "units_received", "units", G::always, kStock, "units received"},
      {K::avg_on_hand, "avg_on_hand", "units", G::always, kStock, "end-of-day on hand, summed, averaged over days"},
      {K::avg_backorders, "avg_backorders", "units", G::always, kStock,
       "end-of-day backorders, summed, averaged over days"},
      {K::stockout_rate, "stockout_rate", "share", G::always, kStock,
       "share of SKU-site-days ending with nothing on hand"},
      {K::pick_jobs, "pick_jobs", "jobs", G::picking, by_site | by_station,
       "pick jobs that arrived within the horizon (station: a fleet's tasks bound to it)"},
      {K::pick_wait_mean, "pick_wait_mean", "minutes", G::picking, by_site,
       "mean wait from arrival to start of picking over those jobs (network: over every station's jobs)"},
      {K::pick_wait_mean_max, "pick_wait_mean_max", "minutes", G::picking, kNetwork,
       "the largest station `pick_wait_mean`: a saturated station shows even beside idle ones"},
      {K::pick_wait_probability, "pick_wait_probability", "share", G::picking, by_site,
       "share of those jobs that waited (all robots busy on arrival)"},
      {K::pick_in_system_mean, "pick_in_system_mean", "jobs", G::picking, by_site,
       "time-average number of jobs in the station(s): their time there within the horizon / horizon"},
      {K::robot_utilisation, "robot_utilisation", "share", G::picking, by_site | by_station,
       "robot busy time within the horizon / (robots x horizon) (network: over every station's robots; a fleet "
       "station: busy time on the tasks bound to it / the fleet's robots x horizon, so its stations add up to the "
       "fleet's figure, less its re-slotting moves)"},
      {K::robot_utilisation_max, "robot_utilisation_max", "share", G::picking, kNetwork,
       "the largest station `robot_utilisation`"},
      {K::station_utilisation, "station_utilisation", "share", G::robots, by_site | by_station,
       "robot fleet station busy time within the horizon / (stations x horizon) (network: over every fleet's "
       "stations; a fleet's: the mean of its stations')"},
      {K::station_utilisation_max, "station_utilisation_max", "share", G::robots, kNetwork,
       "the largest fleet `station_utilisation`: a saturated station shows even beside idle ones"},
      {K::picks_per_hour, "picks_per_hour", "units/hour", G::robots, by_site | by_station,
       "units of the tasks a fleet completed within the horizon / the horizon's hours inside its shifts "
       "(network: the sum over fleets; station: the units of its tasks, so a fleet's stations add up to it)"},
      {K::pick_backlog_mean, "pick_backlog_mean", "tasks", G::robots, by_site,
       "tasks released and not started by a robot at the end of each day, averaged over days (network: summed "
       "over fleets)"},
      {K::robot_failures, "robot_failures", "failures", G::robots, by_site, "robot failures within the horizon"},
      {K::robot_availability, "robot_availability", "share", G::robots, by_site,
       "robot operating time / (operating time + repair time): about `mtbf / (mtbf + mttr)`"},
      {K::forecast_points, "forecast_points", "points", G::forecast, kNetwork, "scored (series, origin, day) points"},
      {K::forecast_mase, "forecast_mase", "ratio", G::forecast, kNetwork,
       "mean over points of `|mean - y| / scale` (Forecast-driven policies)"},
      {K::forecast_wql, "forecast_wql", "ratio", G::forecast, kNetwork,
       "`sum_levels sum_points 2 pinball_tau(y, q_tau) / (levels x sum_points y)` over `forecast.quantiles`"},
      {K::forecast_bias, "forecast_bias", "ratio", G::forecast, kNetwork,
       "`sum (mean - y) / sum y`: below 0 when forecasts are low"},
      {K::forecast_coverage80, "forecast_coverage80", "share", G::forecast, kNetwork,
       "share of points with `q0.1 <= y <= q0.9`"},
      {K::forecast_mase_sales, "forecast_mase_sales", "ratio", G::forecast_sales, kNetwork,
       "`forecast_mase` against recorded sales (`observe: sales`)"},
      {K::forecast_wql_sales, "forecast_wql_sales", "ratio", G::forecast_sales, kNetwork,
       "`forecast_wql` against recorded sales"},
      {K::forecast_bias_sales, "forecast_bias_sales", "ratio", G::forecast_sales, kNetwork,
       "`forecast_bias` against recorded sales"},
      {K::forecast_coverage80_sales, "forecast_coverage80_sales", "share", G::forecast_sales, kNetwork,
       "`forecast_coverage80` against recorded sales"},
      {K::preseason_units, "preseason_units", "units", G::preseason, kStock,
       "initial stock of newsvendor_preseason SKUs (the pre-season buy)"},
      {K::preseason_cost, "preseason_cost", "currency", G::preseason, kStock, "`preseason_units x cost`"},
      {K::season_profit, "season_profit", "currency", G::preseason, kStock,
       "`revenue + salvage_value - preseason_cost - total_cost`: the newsvendor's profit"},
      {K::delivery_days_mean, "delivery_days_mean", "days", G::deliveries, by_region,
       "mean transit of units shipped to customers at once (warehouse -> region lane, whole days); units "
       "backordered and shipped later are not counted"},
      {K::on_time_share, "on_time_share", "share", G::promises, by_region,
       "share of the units shipped at once to regions with a `promise` that arrived within it (regions without "
       "one are left out; NaN for them)"},
      {K::transfers_in_value, "transfers_in_value", "currency", G::transfers, kStock,
       "`cost x` units a warehouse received from another warehouse, counted when shipped (its `purchase_cost` "
       "counts only units bought from suppliers)"},
      {K::transfers_out_value, "transfers_out_value", "currency", G::transfers, kStock,
       "`cost x` units a warehouse shipped to another warehouse; the network's equals its `transfers_in_value`"},
      {K::orders, "orders", "orders", G::orders, by_site | by_region,
       "customer orders placed (site: the parts of orders it served, one per order and centre)"},
      {K::order_lines, "order_lines", "lines", G::orders, by_region, "lines of those orders"},
      {K::order_fill_rate, "order_fill_rate", "share", G::orders, by_region,
       "share of orders whose every line was filled complete from stock when placed"},
      {K::line_fill_rate, "line_fill_rate", "share", G::orders, by_region,
       "share of order lines filled complete from stock when placed"},
      {K::unit_fill_rate, "unit_fill_rate", "share", G::orders, by_region,
       "share of ordered units shipped from stock when placed"},
      {K::on_time_rate, "on_time_rate", "share", G::orders, by_site | by_region,
       "share of the orders shipped within the horizon, of regions with a `promise`, delivered on or before their "
       "promised day (placement day + promise); an order is delivered when its last part is"},
      {K::cycle_time_p50, "cycle_time_p50", "hours", G::orders, by_site | by_region,
       "median time from placement to delivery of the orders shipped within the horizon (exact, nearest rank)"},
      {K::cycle_time_p95, "cycle_time_p95", "hours", G::orders, by_site | by_region,
       "95th percentile of that time (exact, nearest rank)"},
      {K::backlog_orders_mean, "backlog_orders_mean", "orders", G::orders, by_site | by_region,
       "orders placed and not yet shipped at each day's 23:00 close, averaged over days (site: order parts)"},
      {K::cancellations, "cancellations", "orders", G::orders, by_site | by_region,
       "orders cancelled by customers at the close of their promised day, not shipped by then "
       "(`orders.cancel_late`); their units went back on the shelf (site: order parts taken back)"},
      {K::cutoffs_missed, "cutoffs_missed", "orders", G::orders, by_site | by_region,
       "orders shipped within the horizon that left after the first cut-off at or after their release to picking "
       "(picking, packing, loading or carriers made them wait; site: order parts, region and network: orders with such "
       "a part)"},
      {K::transport_cost, "transport_cost", "currency", G::carriers, kStock,
       "what carriers charged (inbound: to the receiving site; outbound: to the shipping centre): `cost_per_unit x "
       "units + cost_per_shipment x pickups`, times `peak_surcharge` on peak days (a pickup's fixed cost is booked "
       "on the SKU first tendered to it that day; an outbound tender's is shared over its SKUs by units)"},
      {K::carrier_utilisation, "carrier_utilisation", "share", G::carriers, by_site | by_lane,
       "units carried by carriers with a capacity / their capacity over their pickup days without an "
       "outage (NaN where none has a capacity); a site's inbound and outbound lanes together"},
      {K::carrier_refusals, "carrier_refusals", "units", G::carriers, by_site | by_lane,
       "units tendered to a lane's carriers and taken by none on a day one of them was scheduled to pick up (full "
       "or in an outage), counted at each tender (a unit refused on two days counts twice); on a day none picks "
       "up, units wait without being refused"},
      {K::purchase_discount, "purchase_discount", "currency", G::price_breaks, kStock,
       "`(1 - unit_cost_factor) x cost x units confirmed` over order lines that reach a price break; stock stays "
       "valued at cost"},
      {K::units_cancelled, "units_cancelled", "units", G::partial_fills, kStock,
       "units ordered and cancelled by a supplier's partial fill (not in `units_ordered`)"},
      {K::pick_tasks, "pick_tasks", "tasks", G::order_waves, by_site,
       "pick tasks the order desk released to the centres' pickers within the horizon (one per order line, or "
       "per batch of lines of one SKU with `orders.batch`)"},
      {K::dock_utilisation, "dock_utilisation", "share", G::receiving, by_site,
       "dock busy time within the horizon / (docks x horizon) (network: over every receiving warehouse's docks)"},
      {K::put_away_delay_mean, "put_away_delay_mean", "hours", G::receiving, by_site,
       "per unit shelved, hours from the slot its shipment was due (receive slot or close) to the slot it went on "
       "the shelf"},
      {K::packing_utilisation, "packing_utilisation", "share", G::packing, by_site,
       "packing station busy time within the horizon / (stations x horizon) (network: over every centre's "
       "stations)"},
      {K::packing_wait_mean, "packing_wait_mean", "minutes", G::packing, by_site,
       "mean wait of the order parts that reached packing within the horizon, from their last line picked to the "
       "start of packing (network: over every centre's parts)"},
      {K::outbound_dock_utilisation, "outbound_dock_utilisation", "share", G::outbound, by_site,
       "outbound dock busy time within the horizon / (docks x horizon) (network: over every centre's docks)"},
      {K::sell_through, "sell_through", "share", G::pricing, kStock,
       "`(sales + backorders_filled) / (sales + backorders_filled + leftover)`: the share of the units sold or left "
       "at the end that were sold"},
      {K::leftover, "leftover", "units", G::pricing, kStock, "units on hand at the end of the season (the horizon)"},
      {K::markdowns, "markdowns", "changes", G::pricing, by_sku,
       "price changes the pricing agents made after day 0's opening price (network: summed over SKUs)"},
      {K::substituted_units, "substituted_units", "units", G::substitution, by_region,
       "units bought as a substitute for a SKU of the same category found out of stock (`substitution`); each is "
       "also a lost sale of the SKU asked for, and a demand and a sale of the substitute"},
      {K::returns, "returns", "units", G::returns, kAll,
       "units customers returned whose inspection ended within the horizon (`returns`); each is refunded at its "
       "sale's price, out of `revenue`"},
      {K::returns_restocked, "returns_restocked", "units", G::returns, kAll,
       "returned units put back on the shelf after inspection; their cost leaves `cogs` and is stock again"},
      {K::returns_written_off, "returns_written_off", "units", G::returns, kAll,
       "returned units written off after inspection (`returns - returns_restocked`); their cost stays in `cogs`"},
      {K::refunds, "refunds", "currency", G::returns, kAll,
       "money refunded for returned units, each at the price it was sold at; `revenue` is net of it"},
      {K::shock_events, "shock_events", "shocks", G::recovery, by_region,
       "shocks that started within the horizon: demand shocks of the regions (region: its own; a flat shock's start "
       "or a viral spike's onset) and supply shocks "
       "(the first day of each run of a supplier's outage days, each capacity cut and lead-time stretch)"},
      {K::recovery_days_mean, "recovery_days_mean", "days", G::recovery, by_region,
       "mean over those shocks of the days from a shock's start until service is back: a day is served when its fill "
       "rate (`sales / demand` of the shocked region, or the network's after a supply shock; no demand counts as "
       "served) is at least `stress.recovery.fill_rate`; the shock hits on the first day not served from its start "
       "until the next shock of the same scope starts (none: 0 days), and service is back on the first day of the "
       "first run of `stress.recovery.days` served days after that; not back within the horizon: the days left (a "
       "lower bound)"},
  };
  // The tail side of the KPIs where a bad season matters more than the mean one (`/tail` of every run).
  for (K k : {K::total_cost, K::shortage_cost, K::lost_sales, K::backorders_end, K::avg_backorders, K::cycle_time_p95,
              K::backlog_orders_mean, K::cancellations, K::recovery_days_mean})
    t[std::size_t(k)].tail = KpiTail::upper;
  for (K k : {K::fill_rate, K::fill_rate_peak, K::profit, K::season_profit, K::order_fill_rate})
    t[std::size_t(k)].tail = KpiTail::lower;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (std::size_t(t[i].id) != i) throw std::logic_error("KPI table out of the order of enum Kpi at " + t[i].name);
  if (t.size() != kKpiCount) throw std::logic_error("KPI table misses an entry of enum Kpi");
  return t;
}

std::string group_text(KpiGroup g) {
  switch (g) {
    case KpiGroup::always:
      return "always";
    case KpiGroup::picking:
      return "a picking station or robot fleet";
    case KpiGroup::robots:
      return "a robot fleet";
    case KpiGroup::forecast:
      return "a forecast service";
    case KpiGroup::forecast_sales:
      return std::string("forecast `observe: ") + scn::word_of(ForecastObserve::sales) + "`";
    case KpiGroup::preseason:
      return std::string("a ") + scn::word_of(PolicyType::newsvendor_preseason) + " SKU";
    case KpiGroup::deliveries:
      return "a warehouse -> region lane with a transit time, or a region `promise`";
    case KpiGroup::promises:
      return "a region `promise`";
    case KpiGroup::transfers:
      return "a warehouse -> warehouse lane";
    case KpiGroup::orders:
      return "an `orders` section";
    case KpiGroup::carriers:
      return "a lane with `carriers`";
    case KpiGroup::price_breaks:
      return "a supplier with `price_breaks`";
    case KpiGroup::partial_fills:
      return "a supplier with `fill_rate` below 1";
    case KpiGroup::order_waves:
      return "`orders.release: waves`";
    case KpiGroup::receiving:
      return "a warehouse with `receiving`";
    case KpiGroup::packing:
      return "a warehouse with `packing`";
    case KpiGroup::outbound:
      return "a warehouse with `outbound`";
    case KpiGroup::pricing:
      return "a `pricing` group or a promotion";
    case KpiGroup::substitution:
      return "a `substitution` list";
    case KpiGroup::returns:
      return "a `returns` section";
    case KpiGroup::recovery:
      return "a `stress` section";
  }
  return "";
}

std::string levels_text(unsigned levels) {
  std::string out;
  for (auto [flag, word] : {std::pair{by_site, "site"}, std::pair{by_region, "region"}, std::pair{by_sku, "sku"},
                            std::pair{by_lane, "lane"}, std::pair{by_station, "station"}})
    if (levels & flag) out += out.empty() ? word : std::string(", ") + word;
  return out.empty() ? "—" : out;
}

std::string tail_text(KpiTail tail) {
  if (tail == KpiTail::none) return "";
  return tail == KpiTail::upper ? "; tail: upper (P95 and CVaR95 of the highest in `/tail`)"
                                : "; tail: lower (P95 and CVaR95 of the lowest in `/tail`)";
}

}  // namespace

const std::vector<KpiDef>& kpi_table() {
  static const std::vector<KpiDef> table = make_table();
  return table;
}

std::string kpi_reference_markdown() {
  std::string out =
      "| KPI | unit | present with | broken down by | definition |\n"
      "|---|---|---|---|---|\n";
  for (const KpiDef& k : kpi_table())
    out += "| `" + k.name + "` | " + k.unit + " | " + group_text(k.group) + " | " + levels_text(k.levels) + " | " +
           k.meaning + tail_text(k.tail) + " |\n";
  return out;
}

}  // namespace peaksim
