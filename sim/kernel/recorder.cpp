#include "sim/kernel/recorder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/kernel/recovery.hpp"
#include "sim/kernel/schedule.hpp"
#include "sim/scenario/signals.hpp"

namespace peaksim {
namespace {

// The groups whose KPIs the order desk computes and hands over (set_kpi, set_kpi_by).
bool set_by_desk(KpiGroup g) {
  return g == KpiGroup::orders || g == KpiGroup::order_waves || g == KpiGroup::packing || g == KpiGroup::outbound;
}

// The warehouse's signals: where close_day finds each of them in a site's state. Matched to the signal table
// by name (sim/scenario/signals.cpp), so that neither list depends on the other's order.
struct WarehouseSignal {
  const char* name;
  const std::vector<std::int64_t>& (*source)(const StockArrays&, const DailyFlows&);
};
const WarehouseSignal kWarehouseSignals[] = {
    {"on_hand", [](const StockArrays& st, const DailyFlows&) -> const auto& {return st.on_hand;
}  // namespace
}  // namespace peaksim
, {"on_order", [](const StockArrays& st, const DailyFlows&) -> const auto& {return st.on_order;
}
}
, {"backorders", [](const StockArrays& st, const DailyFlows&) -> const auto& {return st.backorders;
}
}
, {"demand", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.demand;
}
}
, {"sales", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.sales;
}
}
, {"lost_sales", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.lost_sales;
}
}
, {"orders", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.ordered;
}
}
, {"receipts", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.received;
}
}
, {"backorders_filled", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.backorders_filled;
}
}
, {"transfers_out", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.transfers_out;
}
}
, {"transfers_in", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.transfers_in;
}
}
, {"returns_restocked", [](const StockArrays&, const DailyFlows& fl) -> const auto& {return fl.returns_restocked;
}
}
,
}
;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

// Everything a site, a SKU or the network owns, summed over its cells.
struct Sums {
  std::int64_t demand = 0, sales = 0, filled = 0, lost = 0, ordered = 0, received = 0, lines = 0;
  std::int64_t on_hand_days = 0, backorder_days = 0, empty_days = 0, demand_peak = 0, sales_peak = 0;
  std::int64_t backorders_end = 0, preseason_units = 0;
  double revenue = 0, cogs = 0, purchase = 0, opening = 0, closing = 0, pipeline = 0, salvage = 0, write_down = 0;
  double preseason_cost = 0;
  double transport = 0, discount = 0;
  std::int64_t cancelled = 0;
  std::int64_t leftover = 0, markdowns = 0;
  double sku_site_days = 0;
  double transfers_in = 0, transfers_out = 0;
  std::int64_t returned = 0, restocked = 0;
  double refund = 0;
};

// Adds the counted-only unit totals of `u` to `s` (a Sums or another Units).
template <class To, class From>
void add_units(To& s, const From& u) {
  s.demand += u.demand;
  s.lost += u.lost;
  s.received += u.received;
  s.lines += u.lines;
  s.on_hand_days += u.on_hand_days;
  s.backorder_days += u.backorder_days;
  s.empty_days += u.empty_days;
  s.demand_peak += u.demand_peak;
  s.sales_peak += u.sales_peak;
}

using Values = std::array<double, kKpiCount>;

// The stock and money KPIs of `s` (picking and forecast KPIs are NaN here).
Values values_of(const Sums& s, const Costs& c, double days) {
  Values v;
  v.fill(kNaN);
  auto set = [&v](Kpi k, double x) { v[std::size_t(k)] = x; };
  const double holding = c.holding_per_unit_day * double(s.on_hand_days);
  const double shortage = c.lost_sale_per_unit * double(s.lost) + c.backorder_per_unit_day * double(s.backorder_days);
  const double fixed = c.order_fixed * double(s.lines);
  const double total = holding + shortage + fixed + s.transport + (c.purchase_cost_in_total ? s.purchase : 0.0);
  set(Kpi::fill_rate, ratio(double(s.sales), double(s.demand)));
  set(Kpi::fill_rate_peak, ratio(double(s.sales_peak), double(s.demand_peak)));
  set(Kpi::fill_rate_off_peak, ratio(double(s.sales - s.sales_peak), double(s.demand - s.demand_peak)));
  set(Kpi::total_cost, total);
  set(Kpi::cost_per_sku_day, total / s.sku_site_days);
  set(Kpi::holding_cost, holding);
  set(Kpi::shortage_cost, shortage);
  set(Kpi::fixed_ordering_cost, fixed);
  set(Kpi::purchase_cost, s.purchase);
  set(Kpi::revenue, s.revenue);
  set(Kpi::cogs, s.cogs);
  set(Kpi::gross_margin, s.revenue - s.cogs);
  set(Kpi::closing_write_down, s.write_down);
  set(Kpi::profit, s.revenue - s.cogs - holding - shortage - fixed - s.write_down - s.transport + s.discount);
  set(Kpi::opening_stock_value, s.opening);
  set(Kpi::closing_stock_value, s.closing);
  set(Kpi::pipeline_value, s.pipeline);
  set(Kpi::salvage_value, s.salvage);
  set(Kpi::demand, double(s.demand));
  set(Kpi::sales, double(s.sales));
  set(Kpi::backorders_filled, double(s.filled));
  set(Kpi::lost_sales, double(s.lost));
  set(Kpi::backorders_end, double(s.backorders_end));
  set(Kpi::orders_placed, double(s.lines));
  set(Kpi::units_ordered, double(s.ordered));
  set(Kpi::units_received, double(s.received));
  set(Kpi::avg_on_hand, double(s.on_hand_days) / days);
  set(Kpi::avg_backorders, double(s.backorder_days) / days);
  set(Kpi::stockout_rate, double(s.empty_days) / s.sku_site_days);
  set(Kpi::preseason_units, double(s.preseason_units));
  set(Kpi::preseason_cost, s.preseason_cost);
  set(Kpi::season_profit, s.revenue + s.salvage - s.preseason_cost - total);
  set(Kpi::transfers_in_value, s.transfers_in);
  set(Kpi::returns, double(s.returned));
  set(Kpi::returns_restocked, double(s.restocked));
  set(Kpi::returns_written_off, double(s.returned - s.restocked));
  set(Kpi::refunds, s.refund);
  set(Kpi::transfers_out_value, s.transfers_out);
  set(Kpi::transport_cost, s.transport);
  set(Kpi::purchase_discount, s.discount);
  set(Kpi::units_cancelled, double(s.cancelled));
  const double sold = double(s.sales + s.filled);
  set(Kpi::sell_through, ratio(sold, sold + double(s.leftover)));
  set(Kpi::leftover, double(s.leftover));
  set(Kpi::markdowns, double(s.markdowns));
  return v;
}

void set_picking(Values& v, const PickTotals& t, double horizon_seconds) {
  const double jobs = double(t.jobs);
  v[std::size_t(Kpi::pick_jobs)] = jobs;
  v[std::size_t(Kpi::pick_wait_mean)] = ratio(t.wait_seconds / 60, jobs);
  v[std::size_t(Kpi::pick_wait_probability)] = ratio(double(t.waited), jobs);
  v[std::size_t(Kpi::pick_in_system_mean)] = t.sojourn_seconds / horizon_seconds;
  v[std::size_t(Kpi::robot_utilisation)] = ratio(t.busy_seconds, t.robot_seconds);
}

void set_fleet(Values& v, const FleetTotals& t) {
  v[std::size_t(Kpi::station_utilisation)] = ratio(t.station_busy_seconds, t.station_seconds);
  v[std::size_t(Kpi::picks_per_hour)] = ratio(double(t.units_picked), t.working_hours);
  v[std::size_t(Kpi::pick_backlog_mean)] = ratio(t.backlog_sum, t.backlog_days);
  v[std::size_t(Kpi::robot_failures)] = double(t.failures);
  v[std::size_t(Kpi::robot_availability)] = ratio(t.operating_seconds, t.operating_seconds + t.repair_seconds);
}

// The /kpi_by/station rows, per site with picking in site order: a picking station is one station, its site's
// row; a fleet gives one row per station, its tasks' share of the fleet's figures (denominators the fleet's).
std::vector<Values> station_rows(const std::vector<Values>& site_values, const RecorderSetup& setup,
                                 const std::vector<PickTotals>& picking, const std::vector<FleetTotals>& fleets,
                                 const std::vector<std::vector<StationTotals>>& stations, double horizon_seconds) {
  std::vector<Values> rows;
  for (std::size_t w = 0; w < site_values.size(); ++w) {
    if (!setup.picking_site[w]) continue;
    if (!setup.fleet_site[w]) {
      rows.push_back(site_values[w]);
      continue;
    }
    for (const StationTotals& st : stations[w]) {
      Values& v = rows.emplace_back();
      v.fill(kNaN);
      v[std::size_t(Kpi::pick_jobs)] = double(st.tasks);
      v[std::size_t(Kpi::robot_utilisation)] = ratio(st.robot_busy_seconds, picking[w].robot_seconds);
      v[std::size_t(Kpi::station_utilisation)] = ratio(st.busy_seconds, horizon_seconds);
      v[std::size_t(Kpi::picks_per_hour)] = ratio(double(st.units_picked), fleets[w].working_hours);
    }
  }
  return rows;
}

bool any(const std::vector<std::vector<std::uint8_t>>& flags) {
  for (const auto& row : flags)
    if (std::find(row.begin(), row.end(), 1) != row.end()) return true;
  return false;
}

}  // namespace

void DailyFlows::reset() {
  for (auto* v : {&demand, &sales, &lost_sales, &backorders_filled, &ordered, &received, &order_lines, &transfers_out,
                  &transfers_in, &returns_restocked})
    std::fill(v->begin(), v->end(), 0);
}

Recorder::Recorder(RecorderSetup setup) : setup_(std::move(setup)) {
  const std::size_t sites = std::size_t(setup_.sites);
  cells_.assign(sites * skus(), setup_.record.kpi_by_sku);
  site_units_.assign(sites, Units{});
  region_today_.assign(setup_.region_site.size(), RegionSums{});
  region_total_ = region_today_;
  site_regions_.resize(sites);
  for (std::size_t r = 0; r < setup_.region_site.size(); ++r)
    site_regions_[std::size_t(setup_.region_site[r])].push_back(int(r));
  picking_.assign(sites, PickTotals{});
  receiving_.assign(sites, ReceivingTotals{});
  fleet_.assign(sites, FleetTotals{});
  fleet_stations_.assign(sites, {});
  if (setup_.fleet_site.size() != sites) setup_.fleet_site.assign(sites, 0);
  carriage_.assign(sites, Carriage{});
  lane_carriage_.assign(setup_.carrier_lanes.size(), Carriage{});
  set_values_.assign(kKpiCount, kNaN);
  set_site_values_.assign(sites, std::vector<double>(kKpiCount, kNaN));
  set_region_values_.assign(setup_.region_site.size(), std::vector<double>(kKpiCount, kNaN));
  if (setup_.picking_site.size() != sites) setup_.picking_site.assign(sites, 0);
  if (!setup_.transfer_fed.empty()) transfers_in_.assign(sites * skus(), 0), transfers_out_.assign(sites * skus(), 0);
  if (setup_.returns) returns_.assign(sites * skus(), ReturnCell{});
  const bool picking =
      std::find(setup_.picking_site.begin(), setup_.picking_site.end(), 1) != setup_.picking_site.end();
  const bool fleets = std::find(setup_.fleet_site.begin(), setup_.fleet_site.end(), 1) != setup_.fleet_site.end();
  for (const KpiDef& k : kpi_table()) {
    const bool present =
        k.group == KpiGroup::always || (k.group == KpiGroup::picking && picking) ||
        (k.group == KpiGroup::robots && fleets) || (k.group == KpiGroup::forecast && setup_.forecast) ||
        (k.group == KpiGroup::forecast_sales && setup_.forecast_sales) ||
        (k.group == KpiGroup::preseason && any(setup_.preseason)) ||
        (k.group == KpiGroup::deliveries && setup_.deliveries) || (k.group == KpiGroup::promises && setup_.promises) ||
        (k.group == KpiGroup::transfers && !setup_.transfer_fed.empty()) ||
        (k.group == KpiGroup::orders && setup_.orders) || (k.group == KpiGroup::carriers && setup_.carriers) ||
        (k.group == KpiGroup::price_breaks && setup_.price_breaks) ||
        (k.group == KpiGroup::partial_fills && setup_.partial_fills) ||
        (k.group == KpiGroup::order_waves && setup_.order_waves) || (k.group == KpiGroup::packing && setup_.packing) ||
        (k.group == KpiGroup::outbound && setup_.outbound) || (k.group == KpiGroup::pricing && setup_.pricing) ||
        (k.group == KpiGroup::substitution && setup_.substitution) ||
        (k.group == KpiGroup::returns && setup_.returns) ||
        (k.group == KpiGroup::recovery && setup_.recovery_days > 0) ||
        (k.group == KpiGroup::receiving &&
         std::find(setup_.receiving_site.begin(), setup_.receiving_site.end(), 1) != setup_.receiving_site.end());
    if (present) present_.push_back(k.id);
  }

  if (setup_.recovery_days > 0) {
    daily_demand_.assign(setup_.region_site.size(), std::vector<std::int64_t>(std::size_t(setup_.horizon_days), 0));
    daily_sales_ = daily_demand_;
  }
  handle_of_.assign(recordable_signals().size(), kOff);
  if (setup_.record.level != RecordLevel::kpi_only) lay_out_arrays();
  // The warehouse signals' handles, by name (signal() throws on a name the table lacks).
  for (const WarehouseSignal& w : kWarehouseSignals) warehouse_handles_.push_back(signal(w.name));
  price_now_ = setup_.price;
  markdowns_.assign(skus(), 0);
  if (setup_.pricing) revenue_.assign(sites * skus(), 0.0), price_signal_ = signal("price");
}

void Recorder::record_site_series(const std::string& name, std::vector<std::int32_t> values) {
  const int index = signal_index(name);
  if (index < 0 || recordable_signals()[std::size_t(index)].kind != SignalKind::per_site)
    throw std::logic_error("'" + name + "' is not a per-site signal");
  const auto& wanted = setup_.record.variables;
  if (setup_.record.level == RecordLevel::kpi_only ||
      (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end()))
    return;
  const std::size_t sites = std::size_t(setup_.sites), days = std::size_t(setup_.horizon_days);
  if (values.size() != days * sites) throw std::logic_error("'" + name + "' needs one value per day and site");
  RecordedArray a{name, {"day", "site"}, {days, sites}, std::move(values)};
  if (setup_.compress) compress_chunks(a);
  site_series_.push_back(std::move(a));
}

void Recorder::lay_out_arrays() {
  const auto& signals = recordable_signals();
  const std::size_t sites = std::size_t(setup_.sites);
  time_slots_ =
      setup_.record.level == RecordLevel::sku_weekly ? std::size_t(setup_.horizon_days + 6) / 7 : setup_.horizon_days;
  switch (setup_.record.level) {
    case RecordLevel::sku_daily:
    case RecordLevel::sku_weekly:
      slots_per_day_ = skus() * sites;
      break;
    case RecordLevel::site_daily:
      slots_per_day_ = sites;
      break;
    case RecordLevel::category_daily:
      slots_per_day_ = std::size_t(setup_.categories) * sites;
      break;
    case RecordLevel::kpi_only:
      break;
  }
  RecordedArray layout;  // dims and shape, the same for every array
  layout.dims = {setup_.record.level == RecordLevel::sku_weekly ? "week" : "day"};
  layout.shape = {time_slots_};
  if (setup_.record.level == RecordLevel::sku_daily || setup_.record.level == RecordLevel::sku_weekly)
    layout.dims.push_back("sku"), layout.shape.push_back(skus());
  if (setup_.record.level == RecordLevel::category_daily)
    layout.dims.push_back("category"), layout.shape.push_back(std::size_t(setup_.categories));
  layout.dims.push_back("site");
  layout.shape.push_back(sites);
  // The window is one chunk's run of time slots (chunk_shape cuts the time dimension first), or the whole array
  // where it is not chunked.
  const std::vector<std::size_t> chunk = chunk_shape(layout.shape);
  window_slots_ = chunk.empty() ? std::max<std::size_t>(time_slots_, 1) : chunk[0];
  const bool compress = setup_.compress && !chunk.empty();
  if (compress) compressor_ = std::make_unique<ChunkCompressor>();

  const auto& wanted = setup_.record.variables;
  for (std::size_t i = 0; i < signals.size(); ++i) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), signals[i].name) == wanted.end()) continue;
    // A per-SKU figure exists only where a forecast service makes it, and summing it over SKUs or
    // weeks would mix cover lengths: sku_daily only.
    if (signals[i].kind == SignalKind::per_sku &&
        (!(signals[i].pricing ? setup_.pricing : setup_.forecast) || setup_.record.level != RecordLevel::sku_daily))
      continue;
    if (signals[i].transfers && setup_.transfer_fed.empty()) continue;
    if (signals[i].returns && !setup_.returns) continue;
    if (signals[i].kind == SignalKind::per_site) continue;  // handed over whole at the end: record_site_series
    handle_of_[i] = Signal(arrays_.size());
    Array& a = arrays_.emplace_back();
    a.signal = int(i);
    a.fill = signals[i].kind == SignalKind::per_sku ? -1 : 0;
    a.window.assign(window_slots_ * slots_per_day_, a.fill);
    a.out.name = signals[i].name;
    a.out.dims = layout.dims;
    a.out.shape = layout.shape;
    if (compress) {
      a.out.chunk = chunk;
      a.out.chunks.assign(chunk_count(layout.shape, chunk), {});
    } else {
      a.out.values.reserve(time_slots_ * slots_per_day_);
    }
  }
}

std::size_t Recorder::slot_of(int day) const {
  return setup_.record.level == RecordLevel::sku_weekly ? std::size_t(day / 7) : std::size_t(day);
}

// Where a day's slice of `a` starts in its window.
std::int32_t* Recorder::window_slot(Array& a, int day) {
  const std::size_t slot = slot_of(day);
  if (slot < window_first_ || slot >= window_first_ + window_slots_)
    throw std::logic_error("signal '" + a.out.name + "' recorded on day " + std::to_string(day) +
                           ", outside the days not yet closed");
  return a.window.data() + (slot - window_first_) * slots_per_day_;
}

void Recorder::overflowed(const Array& a) {
  if (overflow_.empty()) overflow_ = a.out.name;
}

void Recorder::close_window() {
  const std::size_t slots = std::min(window_slots_, time_slots_ - window_first_);
  for (Array& a : arrays_) {
    if (compressor_) {
      // The window holds whole chunks: those of this run of time slots, in row-major chunk order.
      const std::size_t per_window = a.out.chunks.size() / ((time_slots_ + window_slots_ - 1) / window_slots_);
      const std::size_t first = window_first_ / window_slots_ * per_window;
      std::size_t size = 1;  // values per chunk
      for (const std::size_t c : a.out.chunk) size *= c;
      const std::size_t base = window_first_ * slots_per_day_;
      for (std::size_t i = first; i < first + per_window; ++i) {
        const ChunkRun run = chunk_run(a.out.shape, a.out.chunk, i);
        a.out.chunks[i] = compressor_->compress(a.window.data() + (run.start - base), run.count, size);
      }
    } else {
      a.out.values.insert(a.out.values.end(), a.window.begin(), a.window.begin() + long(slots * slots_per_day_));
    }
    std::fill(a.window.begin(), a.window.end(), a.fill);
  }
  window_first_ += window_slots_;
}

Recorder::Signal Recorder::signal(std::string_view name) const {
  const int i = signal_index(name);
  if (i < 0) throw std::invalid_argument("no recordable signal '" + std::string(name) + "'");
  return handle_of_[std::size_t(i)];
}

namespace {

// 1 when `v` lies outside int32: the test vectorises, unlike a compare and branch.
inline std::uint64_t outside_int32(std::int64_t v) { return (std::uint64_t(v) + 0x80000000ull) >> 32; }

}  // namespace

void Recorder::emit(Signal s, int day, int site, const std::vector<std::int64_t>& values) {
  if (s == kOff || values.empty()) return;  // empty: a site without that flow (transfers), which stays 0
  const std::size_t sites = std::size_t(setup_.sites), n = skus();
  Array& a = arrays_[std::size_t(s)];
  std::int32_t* slice = window_slot(a, day) + std::size_t(site);
  const std::int64_t* in = values.data();
  std::uint64_t bad = 0;
  switch (setup_.record.level) {
    case RecordLevel::sku_daily:
      if (sites == 1) {  // contiguous: the common case, kept simple enough to vectorise
        for (std::size_t k = 0; k < n; ++k) {
          bad |= outside_int32(in[k]);
          slice[k] = std::int32_t(in[k]);
        }
      } else {
        for (std::size_t k = 0; k < n; ++k) {
          bad |= outside_int32(in[k]);
          slice[k * sites] = std::int32_t(in[k]);
        }
      }
      break;
    case RecordLevel::sku_weekly: {  // stocks: value on the week's last simulated day; flows: weekly sums
      const bool stock = recordable_signals()[std::size_t(a.signal)].kind == SignalKind::stock;
      for (std::size_t k = 0; k < n; ++k) {
        const std::int64_t v = stock ? in[k] : slice[k * sites] + in[k];
        bad |= outside_int32(v);
        slice[k * sites] = std::int32_t(v);
      }
      break;
    }
    case RecordLevel::site_daily: {
      std::int64_t sum = 0;
      for (std::size_t k = 0; k < n; ++k) sum += in[k];
      bad |= outside_int32(sum);
      slice[0] = std::int32_t(sum);
      break;
    }
    case RecordLevel::category_daily: {
      std::vector<std::int64_t> sums(std::size_t(setup_.categories), 0);
      for (std::size_t k = 0; k < n; ++k) sums[std::size_t(setup_.sku_category[k])] += in[k];
      for (std::size_t c = 0; c < sums.size(); ++c) {
        bad |= outside_int32(sums[c]);
        slice[c * sites] = std::int32_t(sums[c]);
      }
      break;
    }
    case RecordLevel::kpi_only:
      break;
  }
  if (bad) overflowed(a);
}

void Recorder::put(Signal s, int day, std::size_t sku, int site, std::int64_t value) {
  if (s == kOff) return;
  Array& a = arrays_[std::size_t(s)];
  if (outside_int32(value)) overflowed(a);
  window_slot(a, day)[sku * std::size_t(setup_.sites) + std::size_t(site)] = std::int32_t(value);
}

void Recorder::Cells::assign(std::size_t count, bool per_sku_units) {
  for (auto* column : {&sales, &filled, &ordered, &on_hand_end, &on_order_end, &backorders_end})
    column->assign(count, 0);
  for (auto* column :
       {&demand, &lost, &received, &lines, &on_hand_days, &backorder_days, &empty_days, &demand_peak, &sales_peak})
    column->assign(per_sku_units ? count : 0, 0);
}

Recorder::Cell Recorder::Cells::at(std::size_t i) const {
  Cell c{sales[i], filled[i], ordered[i], on_hand_end[i], on_order_end[i], backorders_end[i], {}};
  if (!demand.empty())
    c.units = {demand[i],         lost[i],       received[i],    lines[i],     on_hand_days[i],
               backorder_days[i], empty_days[i], demand_peak[i], sales_peak[i]};
  return c;
}

void Recorder::close_day(int day, int site, const StockArrays& st, const DailyFlows& fl) {
  const std::size_t n = skus();
  const std::size_t base = std::size_t(site) * n;
  // One plain loop per column: each is vectorised (whole-unit sums, so the order of addition is irrelevant).
  const auto add = [n, base](std::vector<std::int64_t>& column, const std::vector<std::int64_t>& today) {
    std::int64_t* to = column.data() + base;
    const std::int64_t* from = today.data();
    for (std::size_t k = 0; k < n; ++k) to[k] += from[k];
  };
  const auto set = [n, base](std::vector<std::int64_t>& column, const std::vector<std::int64_t>& today) {
    std::copy_n(today.data(), n, column.data() + base);
  };
  const auto sum = [n](const std::vector<std::int64_t>& today) {
    std::int64_t total = 0;
    for (std::size_t k = 0; k < n; ++k) total += today[k];
    return total;
  };
  Cells& c = cells_;
  add(c.sales, fl.sales);
  add(c.filled, fl.backorders_filled);
  add(c.ordered, fl.ordered);
  const bool peak = setup_.peak_day[std::size_t(day)] != 0;
  if (!c.demand.empty()) {  // the SKU breakdown: SKU by SKU (finish() sums the site's totals from them)
    add(c.demand, fl.demand);
    add(c.lost, fl.lost_sales);
    add(c.received, fl.received);
    add(c.lines, fl.order_lines);
    add(c.on_hand_days, st.on_hand);
    add(c.backorder_days, st.backorders);
    std::int64_t* to = c.empty_days.data() + base;
    const std::int64_t* on_hand = st.on_hand.data();
    for (std::size_t k = 0; k < n; ++k) to[k] += on_hand[k] == 0;
    if (peak) {
      add(c.demand_peak, fl.demand);
      add(c.sales_peak, fl.sales);
    }
  } else {  // the site's totals only
    Units& u = site_units_[std::size_t(site)];
    const std::int64_t demand = sum(fl.demand);
    u.demand += demand;
    u.lost += sum(fl.lost_sales);
    u.received += sum(fl.received);
    u.lines += sum(fl.order_lines);
    u.on_hand_days += sum(st.on_hand);
    u.backorder_days += sum(st.backorders);
    std::int64_t empty = 0;
    for (std::size_t k = 0; k < n; ++k) empty += st.on_hand[k] == 0;
    u.empty_days += empty;
    if (peak) {
      u.demand_peak += demand;
      u.sales_peak += sum(fl.sales);
    }
  }
  if (day == setup_.horizon_days - 1) {
    set(c.on_hand_end, st.on_hand);
    set(c.on_order_end, st.on_order);
    set(c.backorders_end, st.backorders);
  }
  for (int r : site_regions_[std::size_t(site)]) {  // the site's regions are served by now
    RegionSums& today = region_today_[std::size_t(r)];
    RegionSums& total = region_total_[std::size_t(r)];
    if (!daily_demand_.empty()) {  // the daily fill rate whose recovery after a shock is measured
      daily_demand_[std::size_t(r)][std::size_t(day)] = today.demand;
      daily_sales_[std::size_t(r)][std::size_t(day)] = today.sales;
    }
    total.add_day(today);
    if (peak) {
      total.demand_peak += today.demand;
      total.sales_peak += today.sales;
    }
    today = RegionSums{};
  }
  if (!revenue_.empty()) {  // pricing: today's units at today's prices
    double* money = revenue_.data() + base;
    for (std::size_t k = 0; k < n; ++k) money[k] += double(fl.sales[k] + fl.backorders_filled[k]) * price_now_[k];
    if (price_signal_ != kOff)
      for (std::size_t k = 0; k < n; ++k) put(price_signal_, day, k, site, std::llround(price_now_[k] * 100));
  }
  for (std::size_t v = 0; v < std::size(kWarehouseSignals); ++v)
    emit(warehouse_handles_[v], day, site, kWarehouseSignals[v].source(st, fl));
  // Once every site has closed the last day of the open window, its chunks are complete.
  if (day != closing_day_) closing_day_ = day, sites_closed_ = 0;
  if (++sites_closed_ < setup_.sites || arrays_.empty()) return;
  const std::size_t slot = slot_of(day);
  const bool slot_ends = setup_.record.level != RecordLevel::sku_weekly || day % 7 == 6;
  if (day == setup_.horizon_days - 1 || (slot + 1 == window_first_ + window_slots_ && slot_ends)) close_window();
}

void Recorder::close_picking(int site, const PickTotals& totals) { picking_[std::size_t(site)] = totals; }

void Recorder::close_fleet(int site, const PickTotals& tasks, const FleetTotals& fleet,
                           std::vector<StationTotals> stations) {
  picking_[std::size_t(site)] = tasks;
  fleet_[std::size_t(site)] = fleet;
  fleet_stations_[std::size_t(site)] = std::move(stations);
}

void Recorder::note_carriage(int site, const std::string& lane, std::int64_t limited_carried, double offered,
                             std::int64_t refused) {
  const auto& lanes = setup_.carrier_lanes;
  const auto at = std::find(lanes.begin(), lanes.end(), lane);
  if (at == lanes.end()) throw std::invalid_argument("no lane with carriers '" + lane + "'");
  for (Carriage* c : {&carriage_[std::size_t(site)], &lane_carriage_[std::size_t(at - lanes.begin())]}) {
    c->limited_carried += limited_carried;
    c->offered += offered;
    c->refused += refused;
  }
}

void Recorder::set_kpi(Kpi id, double value) { set_values_[std::size_t(id)] = value; }

void Recorder::set_kpi_by(Kpi id, const std::string& level, std::size_t entity, double value) {
  auto& rows = level == "site" ? set_site_values_ : set_region_values_;
  if (level != "site" && level != "region") throw std::invalid_argument("no breakdown level '" + level + "'");
  rows.at(entity)[std::size_t(id)] = value;
}

ReplicationResult Recorder::finish(std::uint64_t replication) {
  // What a region got after its primary centre's last close (with orders, another centre closes later and may
  // fill its backorders then); zero unless a region has several centres.
  for (std::size_t g = 0; g < region_today_.size(); ++g) region_total_[g].add_day(region_today_[g]);
  const std::size_t n = skus(), sites = std::size_t(setup_.sites);
  const double days = setup_.horizon_days;
  const Costs& costs = setup_.costs;
  std::vector<Sums> site_sums(sites), sku_sums(n);
  Sums network;
  for (std::size_t w = 0; w < sites; ++w) {
    Units site_units = site_units_[w];  // summed by close_day unless the SKU columns are kept
    for (std::size_t k = 0; k < n; ++k) {
      const Cell c = cells_.at(w * n + k);
      const double price = setup_.price[k], cost = setup_.cost[k];
      const std::int64_t initial = setup_.initial_stock.empty() ? 0 : setup_.initial_stock[w][k];
      const bool season_end = !setup_.season_end.empty() && setup_.season_end[w][k];
      const bool preseason = !setup_.preseason.empty() && setup_.preseason[w][k];
      // A warehouse replenished by another buys nothing: its orders are transfers, counted when shipped.
      const bool transfer_fed = !setup_.transfer_fed.empty() && setup_.transfer_fed[w];
      const double moved_in = transfers_in_.empty() ? 0.0 : double(transfers_in_[w * n + k]) * cost;
      const double moved_out = transfers_out_.empty() ? 0.0 : double(transfers_out_[w * n + k]) * cost;
      for (Sums* s : {&site_sums[w], &sku_sums[k], &network}) {
        s->sales += c.sales;
        s->filled += c.filled;
        s->ordered += c.ordered;
        s->backorders_end += c.backorders_end;
        s->revenue += revenue_.empty() ? double(c.sales + c.filled) * price : revenue_[w * n + k];
        s->leftover += c.on_hand_end;
        if (w == 0) s->markdowns += markdowns_[k];  // a SKU's price is the network's
        s->cogs += double(c.sales + c.filled) * cost;
        if (!transfer_fed) s->purchase += double(c.ordered) * cost;
        s->transfers_in += moved_in;
        s->transfers_out += moved_out;
        if (!returns_.empty()) {  // refunds leave revenue; restocked units' cost leaves cogs (stock again)
          const ReturnCell& m = returns_[w * n + k];
          s->returned += m.returned;
          s->restocked += m.restocked;
          s->refund += m.refund;
          s->revenue -= m.refund;
          s->cogs -= double(m.restocked) * cost;
        }
        s->opening += double(initial) * cost;
        s->closing += double(c.on_hand_end) * cost;
        s->pipeline += double(c.on_order_end) * cost;
        if (season_end) {
          s->salvage += double(c.on_hand_end) * setup_.salvage[k];
          s->write_down += double(c.on_hand_end) * (cost - setup_.salvage[k]);
        }
        if (preseason) {
          s->preseason_units += initial;
          s->preseason_cost += double(initial) * cost;
        }
        if (!supply_.empty()) {
          const SupplyCell& m = supply_[w * n + k];
          s->transport += m.transport;
          s->discount += m.discount;
          s->cancelled += m.cancelled;
        }
        s->sku_site_days += days;
      }
      add_units(sku_sums[k], c.units);
      add_units(site_units, c.units);  // zero unless the SKU columns are kept: then they make the site's totals
    }
    add_units(site_sums[w], site_units);
    add_units(network, site_units);
  }

  ReplicationResult r;
  r.replication = replication;
  Values net = values_of(network, costs, days);
  const double horizon_seconds = days * kSecondsPerDay;
  PickTotals pooled;
  double wait_max = kNaN, utilisation_max = kNaN;
  std::vector<Values> site_values;
  for (std::size_t w = 0; w < sites; ++w) {
    site_values.push_back(values_of(site_sums[w], costs, days));
    if (!setup_.picking_site[w]) continue;
    const PickTotals& t = picking_[w];
    set_picking(site_values.back(), t, horizon_seconds);
    pooled.jobs += t.jobs;
    pooled.waited += t.waited;
    pooled.wait_seconds += t.wait_seconds;
    pooled.sojourn_seconds += t.sojourn_seconds;
    pooled.busy_seconds += t.busy_seconds;
    pooled.robot_seconds += t.robot_seconds;
    // fmax skips a station without jobs (NaN wait) unless every station has none.
    wait_max = std::fmax(wait_max, site_values.back()[std::size_t(Kpi::pick_wait_mean)]);
    utilisation_max = std::fmax(utilisation_max, site_values.back()[std::size_t(Kpi::robot_utilisation)]);
  }
  set_picking(net, pooled, horizon_seconds);
  Carriage carried;
  for (std::size_t w = 0; w < sites; ++w) {
    const Carriage& c = carriage_[w];
    site_values[w][std::size_t(Kpi::carrier_utilisation)] = ratio(double(c.limited_carried), c.offered);
    site_values[w][std::size_t(Kpi::carrier_refusals)] = double(c.refused);
    carried.limited_carried += c.limited_carried;
    carried.offered += c.offered;
    carried.refused += c.refused;
  }
  net[std::size_t(Kpi::carrier_utilisation)] = ratio(double(carried.limited_carried), carried.offered);
  net[std::size_t(Kpi::carrier_refusals)] = double(carried.refused);
  net[std::size_t(Kpi::pick_wait_mean_max)] = wait_max;
  net[std::size_t(Kpi::robot_utilisation_max)] = utilisation_max;
  // Fleets: time shares pool, rates and backlogs add up, and the busiest fleet's stations show on their own.
  FleetTotals fleets;
  double station_max = kNaN, picks_per_hour = 0, backlog = 0;
  for (std::size_t w = 0; w < sites; ++w) {
    if (!setup_.fleet_site[w]) continue;
    const FleetTotals& t = fleet_[w];
    set_fleet(site_values[w], t);
    fleets.station_busy_seconds += t.station_busy_seconds;
    fleets.station_seconds += t.station_seconds;
    fleets.failures += t.failures;
    fleets.operating_seconds += t.operating_seconds;
    fleets.repair_seconds += t.repair_seconds;
    picks_per_hour += site_values[w][std::size_t(Kpi::picks_per_hour)];
    backlog += site_values[w][std::size_t(Kpi::pick_backlog_mean)];
    station_max = std::fmax(station_max, site_values[w][std::size_t(Kpi::station_utilisation)]);
  }
  set_fleet(net, fleets);
  net[std::size_t(Kpi::station_utilisation_max)] = station_max;
  net[std::size_t(Kpi::picks_per_hour)] = picks_per_hour;
  net[std::size_t(Kpi::pick_backlog_mean)] = backlog;
  ReceivingTotals docks;
  for (std::size_t w = 0; w < setup_.receiving_site.size() && w < sites; ++w) {
    if (!setup_.receiving_site[w]) continue;
    const ReceivingTotals& t = receiving_[w];
    site_values[w][std::size_t(Kpi::dock_utilisation)] = ratio(t.busy_seconds, t.dock_seconds);
    site_values[w][std::size_t(Kpi::put_away_delay_mean)] = ratio(t.delay_unit_hours, t.units);
    docks.busy_seconds += t.busy_seconds;
    docks.dock_seconds += t.dock_seconds;
    docks.units += t.units;
    docks.delay_unit_hours += t.delay_unit_hours;
  }
  net[std::size_t(Kpi::dock_utilisation)] = ratio(docks.busy_seconds, docks.dock_seconds);
  net[std::size_t(Kpi::put_away_delay_mean)] = ratio(docks.delay_unit_hours, docks.units);
  std::int64_t delivered = 0, delivery_unit_days = 0, promised = 0, on_time = 0, substituted = 0;
  for (const RegionSums& g : region_total_) {
    substituted += g.substituted;
    delivered += g.delivered;
    delivery_unit_days += g.delivery_unit_days;
    promised += g.promised;
    on_time += g.on_time;
  }
  net[std::size_t(Kpi::delivery_days_mean)] = ratio(double(delivery_unit_days), double(delivered));
  net[std::size_t(Kpi::on_time_share)] = ratio(double(on_time), double(promised));
  net[std::size_t(Kpi::substituted_units)] = double(substituted);
  // Recovery after each shock that started within the horizon: the shocked region's daily fill rate, or the
  // network's after a supply shock (sim/kernel/recovery.hpp).
  std::vector<double> region_recovery(region_total_.size(), 0), region_shocks(region_total_.size(), 0);
  if (setup_.recovery_days > 0) {
    std::vector<std::int64_t> demand(std::size_t(days), 0), sales(std::size_t(days), 0);
    for (std::size_t g = 0; g < daily_demand_.size(); ++g)
      for (std::size_t d = 0; d < demand.size(); ++d) demand[d] += daily_demand_[g][d], sales[d] += daily_sales_[g][d];
    double total = 0;
    for (const Shock& sh : shocks_) {
      const bool whole = sh.region < 0;
      const auto g = std::size_t(sh.region);
      int until = setup_.horizon_days;  // the next start of a shock of the same scope bounds where this one hits
      for (const Shock& other : shocks_)
        if (other.region == sh.region && other.day > sh.day) until = std::min(until, other.day);
      const int took = recovery_days(whole ? demand : daily_demand_[g], whole ? sales : daily_sales_[g], sh.day, until,
                                     setup_.recovery_fill_rate, setup_.recovery_days);
      total += took;
      if (!whole) region_recovery[g] += took, region_shocks[g] += 1;
    }
    net[std::size_t(Kpi::shock_events)] = double(shocks_.size());
    net[std::size_t(Kpi::recovery_days_mean)] = ratio(total, double(shocks_.size()));
  }
  for (std::size_t k = 0; k < kKpiCount; ++k)
    if (kpi_def(Kpi(k)).group == KpiGroup::forecast || kpi_def(Kpi(k)).group == KpiGroup::forecast_sales ||
        set_by_desk(kpi_def(Kpi(k)).group))
      net[k] = set_values_[k];
  // KPIs agents computed by entity (orders): copied into the breakdown rows.
  const auto set_by = [](std::vector<Values>& rows, const std::vector<std::vector<double>>& set) {
    for (std::size_t e = 0; e < rows.size(); ++e)
      for (std::size_t k = 0; k < kKpiCount; ++k)
        if (set_by_desk(kpi_def(Kpi(k)).group)) rows[e][k] = set[e][k];
  };
  set_by(site_values, set_site_values_);
  for (Kpi k : present_) {
    r.kpi_names.push_back(kpi_def(k).name);
    r.kpi_values.push_back(net[std::size_t(k)]);
  }

  auto breakdown = [&](const char* level, KpiLevel flag, const std::vector<Values>& rows) {
    KpiBreakdown b;
    b.level = level;
    b.entities = rows.size();
    for (Kpi k : present_) {
      if (!(kpi_def(k).levels & flag)) continue;
      b.kpi_names.push_back(kpi_def(k).name);
      for (const Values& v : rows) b.values.push_back(v[std::size_t(k)]);
    }
    r.breakdowns.push_back(std::move(b));
  };
  breakdown("site", by_site, site_values);
  std::vector<Values> region_values;
  for (const RegionSums& g : region_total_) {
    Values v;
    v.fill(kNaN);
    auto set = [&v](Kpi k, double x) { v[std::size_t(k)] = x; };
    set(Kpi::fill_rate, ratio(double(g.sales), double(g.demand)));
    set(Kpi::fill_rate_peak, ratio(double(g.sales_peak), double(g.demand_peak)));
    set(Kpi::fill_rate_off_peak, ratio(double(g.sales - g.sales_peak), double(g.demand - g.demand_peak)));
    set(Kpi::revenue, g.revenue);
    set(Kpi::cogs, g.cogs);
    set(Kpi::gross_margin, g.revenue - g.cogs);
    set(Kpi::demand, double(g.demand));
    set(Kpi::sales, double(g.sales));
    set(Kpi::backorders_filled, double(g.filled));
    set(Kpi::lost_sales, double(g.lost));
    set(Kpi::delivery_days_mean, ratio(double(g.delivery_unit_days), double(g.delivered)));
    set(Kpi::on_time_share, ratio(double(g.on_time), double(g.promised)));  // NaN without a promise
    set(Kpi::substituted_units, double(g.substituted));
    set(Kpi::returns, double(g.returned));
    set(Kpi::returns_restocked, double(g.restocked));
    set(Kpi::returns_written_off, double(g.returned - g.restocked));
    set(Kpi::refunds, g.refund);
    const std::size_t g_index = region_values.size();
    set(Kpi::shock_events, region_shocks[g_index]);
    set(Kpi::recovery_days_mean, ratio(region_recovery[g_index], region_shocks[g_index]));
    region_values.push_back(v);
  }
  set_by(region_values, set_region_values_);
  breakdown("region", by_region, region_values);
  // Each lane on its own, so that a saturated lane does not hide behind an idle one at the same site.
  if (!lane_carriage_.empty()) {
    std::vector<Values> lane_values(lane_carriage_.size());
    for (std::size_t l = 0; l < lane_carriage_.size(); ++l) {
      lane_values[l].fill(kNaN);
      const Carriage& c = lane_carriage_[l];
      lane_values[l][std::size_t(Kpi::carrier_utilisation)] = ratio(double(c.limited_carried), c.offered);
      lane_values[l][std::size_t(Kpi::carrier_refusals)] = double(c.refused);
    }
    breakdown("lane", by_lane, lane_values);
  }
  // Each pick station on its own, so that a saturated station does not hide behind its centre's mean.
  if (std::find(setup_.picking_site.begin(), setup_.picking_site.end(), 1) != setup_.picking_site.end())
    breakdown("station", by_station,
              station_rows(site_values, setup_, picking_, fleet_, fleet_stations_, horizon_seconds));
  if (setup_.record.kpi_by_sku) {
    std::vector<Values> sku_values;
    for (const Sums& s : sku_sums) sku_values.push_back(values_of(s, costs, days));
    breakdown("sku", by_sku, sku_values);
  }

  if (!overflow_.empty())
    throw std::overflow_error("recorded value of '" + overflow_ + "' exceeds the int32 range; record a coarser level");
  while (window_first_ < time_slots_) close_window();  // days never closed keep their fill value
  for (Array& a : arrays_) r.arrays.push_back(std::move(a.out));
  arrays_.clear();
  for (RecordedArray& a : site_series_) r.arrays.push_back(std::move(a));
  site_series_.clear();
  return r;
}

}  // namespace peaksim
