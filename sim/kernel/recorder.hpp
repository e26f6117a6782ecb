// The one results path of a replication. Agents hand the recorder named signals (sim/scenario/signals.hpp)
// and their figures; the recorder owns the layout of recorded arrays, the record.variables filter, the
// aggregation levels and the KPIs (sim/kernel/kpis.hpp), network-wide and per site, region, lane and SKU.
// Agents never open files.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/kernel/kpis.hpp"
#include "sim/kernel/site_state.hpp"
#include "sim/output/chunks.hpp"
#include "sim/output/results.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim {

// A warehouse's receiving docks over the run (agents/warehouse.hpp).
struct ReceivingTotals {
  double busy_seconds = 0;      // dock time spent unloading, within the horizon
  double dock_seconds = 0;      // docks x horizon
  double units = 0;             // units shelved
  double delay_unit_hours = 0;  // their hours from the slot due to the slot shelved, summed
};

struct RecorderSetup {
  RecordSpec record;
  Costs costs;
  int horizon_days = 0;
  int sites = 0;
  std::vector<double> price, cost, salvage;  // per SKU
  std::vector<int> sku_category;             // per SKU, index into a sorted list of categories
  int categories = 1;
  std::vector<std::uint8_t> peak_day;                    // per day
  std::vector<int> region_site;                          // per region: the site serving it
  std::vector<std::vector<std::int64_t>> initial_stock;  // [site][sku]
  // [site][sku]: stock that ends its season at the horizon (newsvendor_preseason, or salvage > 0)
  std::vector<std::vector<std::uint8_t>> season_end;
  std::vector<std::vector<std::uint8_t>> preseason;  // [site][sku]: newsvendor_preseason
  std::vector<std::uint8_t> picking_site;            // per site: 1 where a picking station measures
  std::vector<std::uint8_t> fleet_site;              // per site: 1 where that is a robot fleet
  bool forecast = false;                             // a forecast service scores forecasts
  bool deliveries = false;      // some warehouse -> region lane has a transit time, or a region a promise
  bool promises = false;        // some region has a delivery promise: on_time_share
  bool forecast_sales = false;  // ... also against recorded sales
  // Per site: 1 where a warehouse replenishes it, whose orders are transfers, not purchases; empty when no
  // lane joins two warehouses (the transfer KPIs are absent then).
  std::vector<std::uint8_t> transfer_fed;
  bool orders = false;                       // customers place orders (the orders KPIs)
  bool carriers = false;                     // some lane has carriers: transport KPIs
  std::vector<std::string> carrier_lanes;    // "from->to" of each lane with carriers, in scenario order: /kpi_by/lane
  bool price_breaks = false;                 // some supplier has price breaks: purchase_discount
  bool partial_fills = false;                // some supplier fills partially: units_cancelled
  bool order_waves = false;                  // orders are released in waves: pick_tasks
  std::vector<std::uint8_t> receiving_site;  // per site: 1 where receiving docks are modelled; empty: none
  int recovery_days = 0;                     // stress.recovery.days; 0: no stress, no recovery KPIs
  double recovery_fill_rate = 0;             // stress.recovery.fill_rate
  bool packing = false, outbound = false;    // some centre packs, or loads at outbound docks, its order parts
  bool pricing = false;       // pricing agents set prices: revenue at the day's price, the pricing KPIs, `price`
  bool substitution = false;  // customers may substitute a SKU out of stock: substituted_units
  bool returns = false;       // customers return units: the returns KPIs and returns_restocked
  // Compress recorded arrays into HDF5 chunks (sim/output/chunks.hpp) as soon as their days are closed, so that a
  // replication's whole arrays never exist uncompressed; off, finish() returns their values.
  bool compress = false;
};

class Recorder {
public:
  using Signal = int;                 // a handle from signal()
  static constexpr Signal kOff = -1;  // the scenario does not record that signal

  explicit Recorder(RecorderSetup setup);

  // The handle of a recordable signal, kOff when record.variables or record.level leaves it out.
  Signal signal(std::string_view name) const;
  // One site's day of a stock or flow signal, per SKU.
  void emit(Signal s, int day, int site, const std::vector<std::int64_t>& per_sku);
  // One cell of a per-SKU signal (record.level sku_daily); cells never set keep -1.
  void put(Signal s, int day, std::size_t sku, int site, std::int64_t value);

  // A site's end of day: its stock and flows (the warehouse signals and the KPI totals).
  void close_day(int day, int site, const StockArrays& stock, const DailyFlows& flows);
  // A region's customers asked for `demand` units of a SKU; `shipped` left at once, `lost` were lost.
  void region_demand(int region, std::size_t sku, std::int64_t demand, std::int64_t shipped, std::int64_t lost) {
    RegionSums& r = region_today_[std::size_t(region)];
    r.demand += demand;
    r.sales += shipped;
    r.lost += lost;
    r.revenue += double(shipped) * price_now_[sku];
    r.cogs += double(shipped) * setup_.cost[sku];
  }
  // Units a region had waiting for were shipped.
  // Units a region's customers received `transit_days` after shipping; `promised`: the region has a delivery
  // promise, and `on_time`: the transit kept it.
  // The start of a shock (stress): a demand shock in `region`, or a supply shock (region -1), whose recovery of
  // the daily fill rate (the region's, or the network's) recovery_days_mean measures. Ignored without stress.
  void note_shock(int day, int region) {
    if (setup_.recovery_days > 0) shocks_.push_back({day, region});
  }
  void note_delivery(int region, std::int64_t units, int transit_days, bool promised, bool on_time) {
    RegionSums& r = region_total_[std::size_t(region)];
    r.delivered += units;
    r.delivery_unit_days += units * transit_days;
    if (promised) r.promised += units;
    if (promised && on_time) r.on_time += units;
  }
  // Units a region's customers bought as substitutes for SKUs out of stock.
  void note_substitution(int region, std::int64_t units) { region_total_[std::size_t(region)].substituted += units; }
  void region_filled(int region, std::size_t sku, std::int64_t units) {
    RegionSums& r = region_today_[std::size_t(region)];
    r.filled += units;
    r.revenue += double(units) * price_now_[sku];
    r.cogs += double(units) * setup_.cost[sku];
  }
  // A SKU's price now (what a unit sold now is refunded at).
  double price(std::size_t sku) const { return price_now_[sku]; }
  // Units of a SKU sold by `site` to `region` ended their inspection: `returned` refunded for `refund`, of which
  // `restocked` went back on the shelf (their cost leaves cogs) and the rest were written off.
  void note_return(int site, int region, std::size_t sku, std::int64_t returned, std::int64_t restocked,
                   double refund) {
    ReturnCell& c = returns_[std::size_t(site) * skus() + sku];
    c.returned += returned;
    c.restocked += restocked;
    c.refund += refund;
    RegionSums& r = region_total_[std::size_t(region)];
    r.returned += returned;
    r.restocked += restocked;
    r.refund += refund;
    r.revenue -= refund;
    r.cogs -= double(restocked) * setup_.cost[sku];
  }
  // A pricing agent set a SKU's price from now on (`change`: a markdown, not the opening price).
  void set_price(std::size_t sku, double price, bool change) {
    if (change && price != price_now_[sku]) ++markdowns_[sku];
    price_now_[sku] = price;
  }
  // Warehouse `from` shipped `units` of a SKU to warehouse `to` (transfer KPIs, at cost).
  void note_transfer(int from, int to, std::size_t sku, std::int64_t units) {
    transfers_out_[std::size_t(from) * skus() + sku] += units;
    transfers_in_[std::size_t(to) * skus() + sku] += units;
  }
  // Money and units of one SKU's supply to a site (agents/supplier.hpp): carriers' charges, the price-break
  // discount on the units confirmed, units cancelled by a partial fill.
  void note_supply(int site, std::size_t sku, double transport, double discount, std::int64_t cancelled) {
    if (supply_.empty()) supply_.assign(std::size_t(setup_.sites) * skus(), SupplyCell{});
    SupplyCell& c = supply_[std::size_t(site) * skus() + sku];
    c.transport += transport;
    c.discount += discount;
    c.cancelled += cancelled;
  }
  // A lane's carriers over the run (agents/carrier.hpp), after the last day: they count for the lane (named
  // "from->to", one of setup.carrier_lanes) and for `site` (inbound: the destination; outbound: the shipper).
  void note_carriage(int site, const std::string& lane, std::int64_t limited_carried, double offered,
                     std::int64_t refused);
  // What a site's picking station measured over the run (after its last day).
  void close_picking(int site, const PickTotals& totals);
  // What a site's receiving docks measured over the run (after its last day).
  void close_receiving(int site, const ReceivingTotals& totals) { receiving_[std::size_t(site)] = totals; }
  // What a site's robot fleet measured over the run: its tasks as pick jobs, and the fleet's own figures;
  // `stations`, each station's (the /kpi_by/station rows of the site, one per station given).
  void close_fleet(int site, const PickTotals& tasks, const FleetTotals& fleet,
                   std::vector<StationTotals> stations = {});
  // A per-site daily signal (sim/scenario/signals.hpp) an agent hands over whole after the last day: `values`
  // [day][site]; kept when the record level and record.variables ask for it.
  void record_site_series(const std::string& name, std::vector<std::int32_t> values);
  // A network KPI an agent computes itself (forecast accuracy).
  void set_kpi(Kpi id, double value);
  // A KPI an agent computes itself for one entity of a breakdown ("site" or "region"), in scenario order.
  void set_kpi_by(Kpi id, const std::string& level, std::size_t entity, double value);

  // The KPIs present in this scenario, in table order.
  const std::vector<Kpi>& kpis() const { return present_; }
  // The replication's KPIs and recorded arrays, which are moved out: call it once, after the last day. Throws
  // std::overflow_error if a recorded value did not fit int32.
  ReplicationResult finish(std::uint64_t replication);

private:
  // Whole units over the run that only count, never cost per SKU: a site needs their totals, a SKU only when
  // its KPIs are written (record.kpi_by_sku).
  struct Units {
    std::int64_t demand = 0, lost = 0, received = 0, lines = 0, on_hand_days = 0, backorder_days = 0, empty_days = 0;
    std::int64_t demand_peak = 0, sales_peak = 0;
  };
  struct Cell {                                       // one SKU at one site, whole units over the run
    std::int64_t sales = 0, filled = 0, ordered = 0;  // what money is counted from, SKU by SKU
    std::int64_t on_hand_end = 0, on_order_end = 0, backorders_end = 0;
    Units units;  // zero unless the SKU breakdown is kept
  };
  // The cells of every (site, SKU), [site][sku], one column per quantity: close_day adds each day's flows
  // column by column, in loops the compiler vectorises (a replication's cells are walked every day). The
  // columns of Units are kept only for the SKU breakdown; sites sum them in site_units_ instead.
  struct Cells {
    std::vector<std::int64_t> sales, filled, ordered, on_hand_end, on_order_end, backorders_end;
    std::vector<std::int64_t> demand, lost, received, lines, on_hand_days, backorder_days, empty_days;
    std::vector<std::int64_t> demand_peak, sales_peak;
    void assign(std::size_t count, bool per_sku_units);
    Cell at(std::size_t i) const;
  };
  struct SupplyCell {
    double transport = 0, discount = 0;
    std::int64_t cancelled = 0;
  };
  struct ReturnCell {
    std::int64_t returned = 0, restocked = 0;
    double refund = 0;
  };
  struct Carriage {
    std::int64_t limited_carried = 0, refused = 0;
    double offered = 0;
  };
  struct RegionSums {
    std::int64_t demand = 0, sales = 0, lost = 0, filled = 0, demand_peak = 0, sales_peak = 0;
    std::int64_t delivered = 0, delivery_unit_days = 0, promised = 0, on_time = 0;  // straight to the run's totals
    std::int64_t substituted = 0;                                                   // ... as these
    std::int64_t returned = 0, restocked = 0;                                       // ... and these
    double refund = 0;                                                              // ... and this
    double revenue = 0, cogs = 0;
    // Adds a day's units and money so far to these run totals (peak-day figures apart).
    void add_day(const RegionSums& today) {
      demand += today.demand;
      sales += today.sales;
      lost += today.lost;
      filled += today.filled;
      revenue += today.revenue;
      cogs += today.cogs;
    }
  };
  // A recorded signal: the open window of time slots (one chunk's worth, int32) and what is done so far.
  struct Array {
    int signal;                        // index in recordable_signals()
    std::int32_t fill = 0;             // value of a slot never set
    std::vector<std::int32_t> window;  // time slots [window_first_, window_first_ + window_slots_)
    RecordedArray out;                 // values (appended window by window) or chunks (compressed)
  };
  std::size_t skus() const { return setup_.price.size(); }
  void lay_out_arrays();  // the recorded arrays of the scenario's record level (constructor)
  std::size_t slot_of(int day) const;
  std::int32_t* window_slot(Array& a, int day);
  void close_window();  // stores the open window of every array and opens the next
  void overflowed(const Array& a);

  RecorderSetup setup_;
  std::vector<Kpi> present_;
  std::vector<Array> arrays_;              // recorded signals
  std::vector<Signal> handle_of_;          // per recordable signal
  std::vector<Signal> warehouse_handles_;  // per warehouse signal, in close_day's order
  std::size_t slots_per_day_ = 0;          // size of one day's (or week's) slice
  std::size_t time_slots_ = 0;             // days or weeks
  std::size_t window_slots_ = 0, window_first_ = 0;
  int closing_day_ = -1, sites_closed_ = 0;  // sites that closed closing_day_
  std::unique_ptr<ChunkCompressor> compressor_;
  std::string overflow_;  // the first signal with a value outside int32
  Cells cells_;
  std::vector<Units> site_units_;  // per site
  std::vector<RegionSums> region_today_, region_total_;
  std::vector<std::vector<int>> site_regions_;
  std::vector<ReceivingTotals> receiving_;                  // per site
  std::vector<PickTotals> picking_;                         // per site
  std::vector<FleetTotals> fleet_;                          // per site
  std::vector<std::vector<StationTotals>> fleet_stations_;  // per site: its fleet's stations
  std::vector<SupplyCell> supply_;                          // [site][sku]; empty until a supplier notes something
  std::vector<Carriage> carriage_;                          // per site
  std::vector<Carriage> lane_carriage_;                     // per setup_.carrier_lanes
  std::vector<double> set_values_;                          // per Kpi: values set by agents
  std::vector<RecordedArray> site_series_;                  // per-site signals handed over whole
  std::vector<std::int64_t> transfers_in_, transfers_out_;  // [site][sku] units; empty without transfers
  std::vector<ReturnCell> returns_;                         // [site][sku]; empty without returns

  std::vector<std::vector<double>> set_site_values_, set_region_values_;  // [entity][Kpi]: values set by agents
  struct Shock {
    int day, region;  // region -1: a supply shock, measured on the network
  };
  std::vector<Shock> shocks_;                                          // with stress only
  std::vector<std::vector<std::int64_t>> daily_demand_, daily_sales_;  // [region][day], with stress only
  std::vector<double> price_now_;        // per SKU: today's price (the list price without pricing agents)
  std::vector<std::int64_t> markdowns_;  // per SKU: price changes
  std::vector<double> revenue_;          // [site][sku], with pricing: money at each day's price
  Signal price_signal_ = kOff;
};

}  // namespace peaksim
