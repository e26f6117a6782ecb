// The KPI table: every KPI a run can report, declared once with its unit, meaning, the group that
// makes it present and the levels it is broken down by. The recorder computes them in this order,
// the writer stores them under these names and docs/model.md lists them (`peaksim kpis`).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace peaksim {

enum class Kpi {
  fill_rate,
  fill_rate_peak,
  fill_rate_off_peak,
  total_cost,
  cost_per_sku_day,
  holding_cost,
  shortage_cost,
  fixed_ordering_cost,
  purchase_cost,
  revenue,
  cogs,
  gross_margin,
  closing_write_down,
  profit,
  opening_stock_value,
  closing_stock_value,
  pipeline_value,
  salvage_value,
  demand,
  sales,
  backorders_filled,
  lost_sales,
  backorders_end,
  orders_placed,
  units_ordered,
  units_received,
  avg_on_hand,
  avg_backorders,
  stockout_rate,
  pick_jobs,
  pick_wait_mean,
  pick_wait_mean_max,
  pick_wait_probability,
  pick_in_system_mean,
  robot_utilisation,
  robot_utilisation_max,
  station_utilisation,
  station_utilisation_max,
  picks_per_hour,
  pick_backlog_mean,
  robot_failures,
  robot_availability,
  forecast_points,
  forecast_mase,
  forecast_wql,
  forecast_bias,
  forecast_coverage80,
  forecast_mase_sales,
  forecast_wql_sales,
  forecast_bias_sales,
  forecast_coverage80_sales,
  preseason_units,
  preseason_cost,
  season_profit,
  delivery_days_mean,
  on_time_share,
  transfers_in_value,
  transfers_out_value,
  orders,
  order_lines,
  order_fill_rate,
  line_fill_rate,
  unit_fill_rate,
  on_time_rate,
  cycle_time_p50,
  cycle_time_p95,
  backlog_orders_mean,
  cancellations,
  cutoffs_missed,
  transport_cost,
  carrier_utilisation,
  carrier_refusals,
  purchase_discount,
  units_cancelled,
  pick_tasks,
  dock_utilisation,
  put_away_delay_mean,
  packing_utilisation,
  packing_wait_mean,
  outbound_dock_utilisation,
  sell_through,
  leftover,
  markdowns,
  substituted_units,
  returns,
  returns_restocked,
  returns_written_off,
  refunds,
  shock_events,
  recovery_days_mean,
  count
};
constexpr std::size_t kKpiCount = std::size_t(Kpi::count);

// What makes a KPI present in a run: every run, or a feature of the scenario.
enum class KpiGroup {
  always,
  picking,
  robots,
  forecast,
  forecast_sales,
  preseason,
  deliveries,
  promises,
  transfers,
  orders,
  carriers,
  price_breaks,
  partial_fills,
  order_waves,
  receiving,
  packing,
  outbound,
  pricing,
  substitution,
  returns,
  recovery
};

// The levels a KPI is broken down by, besides the network total in /kpi.
// lane: lanes with carriers; station: pick stations (each robot fleet station; a picking station is one).
enum KpiLevel : unsigned { by_site = 1, by_region = 2, by_sku = 4, by_lane = 8, by_station = 16 };

// The side of a KPI whose tail across replications a risk team watches (`/tail`, docs/output.md): upper for
// losses, lower for profit and service; none for the others.
enum class KpiTail { none, upper, lower };

struct KpiDef {
  Kpi id;
  std::string name;
  std::string unit;
  KpiGroup group;
  unsigned levels;  // KpiLevel flags
  std::string meaning;
  KpiTail tail = KpiTail::none;
};

// Indexed by Kpi.
const std::vector<KpiDef>& kpi_table();
inline const KpiDef& kpi_def(Kpi id) { return kpi_table()[std::size_t(id)]; }

// The table as the markdown docs/model.md carries between its "kpi table" markers.
std::string kpi_reference_markdown();

}  // namespace peaksim
