#include "sim/kernel/recorder.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace peaksim {
namespace {

enum Variable {
  on_hand,
  on_order,
  backorders,
  demand,
  sales,
  lost_sales,
  orders,
  receipts,
  backorders_filled,
  variable_count
};

const std::vector<std::int64_t>& source(int var, const StockArrays& st, const DailyFlows& fl) {
  switch (var) {
    case on_hand:
      return st.on_hand;
    case on_order:
      return st.on_order;
    case backorders:
      return st.backorders;
    case demand:
      return fl.demand;
    case sales:
      return fl.sales;
    case lost_sales:
      return fl.lost_sales;
    case orders:
      return fl.ordered;
    case receipts:
      return fl.received;
    default:
      return fl.backorders_filled;
  }
}

bool is_stock(int var) { return var <= backorders; }

double ratio(double num, double den) { return den > 0 ? num / den : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

const std::vector<std::string>& recordable_variables() {
  static const std::vector<std::string> names = {"on_hand",    "on_order", "backorders", "demand",           "sales",
                                                 "lost_sales", "orders",   "receipts",   "backorders_filled"};
  return names;
}

void DailyFlows::reset() {
  for (auto* v : {&demand, &sales, &lost_sales, &backorders_filled, &ordered, &received})
    std::fill(v->begin(), v->end(), 0);
  order_lines = 0;
}

Recorder::Recorder(RecorderSetup setup) : setup_(std::move(setup)) {
  totals_.shipped_per_sku.assign(skus(), 0);
  totals_.ordered_per_sku.assign(skus(), 0);
  if (setup_.record.level == RecordLevel::kpi_only) return;
  const auto& names = recordable_variables();
  for (int v = 0; v < variable_count; ++v) {
    const auto& wanted = setup_.record.variables;
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), names[v]) != wanted.end()) recorded_.push_back(v);
  }
  const std::size_t sites = setup_.sites;
  std::size_t time_slots = setup_.horizon_days;
  switch (setup_.record.level) {
    case RecordLevel::sku_daily:
      slots_per_day_ = skus() * sites;
      break;
    case RecordLevel::sku_weekly:
      slots_per_day_ = skus() * sites;
      time_slots = (setup_.horizon_days + 6) / 7;
      break;
    case RecordLevel::site_daily:
      slots_per_day_ = sites;
      break;
    case RecordLevel::category_daily:
      slots_per_day_ = setup_.categories * sites;
      break;
    case RecordLevel::kpi_only:
      break;
  }
  arrays_.assign(recorded_.size(), std::vector<std::int64_t>(time_slots * slots_per_day_, 0));
}

void Recorder::close_day(int day, int site, const StockArrays& st, const DailyFlows& fl) {
  Totals& t = totals_;
  const std::size_t n = skus();
  // One simple loop per quantity: the compiler vectorises each of them.
  auto sum = [n](const std::vector<std::int64_t>& v) {
    std::int64_t s = 0;
    for (std::size_t k = 0; k < n; ++k) s += v[k];
    return s;
  };
  const std::int64_t demand = sum(fl.demand), sales = sum(fl.sales);
  t.demand += demand;
  t.sales += sales;
  t.backorders_filled += sum(fl.backorders_filled);
  t.lost_sales += sum(fl.lost_sales);
  t.units_ordered += sum(fl.ordered);
  t.units_received += sum(fl.received);
  t.on_hand_days += sum(st.on_hand);
  const std::int64_t backorders = sum(st.backorders);
  t.backorder_days += backorders;
  std::int64_t empty = 0;
  for (std::size_t k = 0; k < n; ++k) empty += st.on_hand[k] == 0;
  t.stockout_sku_days += empty;
  for (std::size_t k = 0; k < n; ++k) {
    t.shipped_per_sku[k] += fl.sales[k] + fl.backorders_filled[k];
    t.ordered_per_sku[k] += fl.ordered[k];
  }
  if (setup_.peak_day[day]) {
    t.demand_peak += demand;
    t.sales_peak += sales;
  }
  if (day == setup_.horizon_days - 1) t.backorders_end += backorders;
  t.order_lines += fl.order_lines;
  if (!recorded_.empty()) record(day, site, st, fl);
}

void Recorder::record(int day, int site, const StockArrays& st, const DailyFlows& fl) {
  const std::size_t sites = setup_.sites;
  for (std::size_t a = 0; a < recorded_.size(); ++a) {
    const int var = recorded_[a];
    const auto& values = source(var, st, fl);
    auto& out = arrays_[a];
    switch (setup_.record.level) {
      case RecordLevel::sku_daily: {
        std::int64_t* slice = out.data() + std::size_t(day) * slots_per_day_ + site;
        for (std::size_t k = 0; k < skus(); ++k) slice[k * sites] = values[k];
        break;
      }
      case RecordLevel::sku_weekly: {  // stocks: value on the week's last simulated day; flows: weekly sums
        std::int64_t* slice = out.data() + std::size_t(day / 7) * slots_per_day_ + site;
        for (std::size_t k = 0; k < skus(); ++k)
          slice[k * sites] = is_stock(var) ? values[k] : slice[k * sites] + values[k];
        break;
      }
      case RecordLevel::site_daily: {
        std::int64_t sum = 0;
        for (std::size_t k = 0; k < skus(); ++k) sum += values[k];
        out[std::size_t(day) * slots_per_day_ + site] = sum;
        break;
      }
      case RecordLevel::category_daily: {
        std::int64_t* slice = out.data() + std::size_t(day) * slots_per_day_ + site;
        for (std::size_t k = 0; k < skus(); ++k) slice[std::size_t(setup_.sku_category[k]) * sites] += values[k];
        break;
      }
      case RecordLevel::kpi_only:
        break;
    }
  }
}

ReplicationResult Recorder::finish(std::uint64_t replication) const {
  const Totals& t = totals_;
  const Costs& c = setup_.costs;
  double revenue = 0, purchase_cost = 0;
  for (std::size_t k = 0; k < skus(); ++k) {
    revenue += double(t.shipped_per_sku[k]) * setup_.price[k];
    purchase_cost += double(t.ordered_per_sku[k]) * setup_.cost[k];
  }
  const double days = setup_.horizon_days;
  const double holding = c.holding_per_unit_day * double(t.on_hand_days);
  const double shortage =
      c.lost_sale_per_unit * double(t.lost_sales) + c.backorder_per_unit_day * double(t.backorder_days);
  const double ordering = c.order_fixed * double(t.order_lines) + (c.purchase_cost_in_total ? purchase_cost : 0.0);
  const double total = holding + shortage + ordering;
  const double sku_site_days = days * double(skus()) * setup_.sites;

  ReplicationResult r;
  r.replication = replication;
  auto kpi = [&r](const char* name, double value) {
    r.kpi_names.emplace_back(name);
    r.kpi_values.push_back(value);
  };
  kpi("fill_rate", ratio(double(t.sales), double(t.demand)));
  kpi("fill_rate_peak", ratio(double(t.sales_peak), double(t.demand_peak)));
  kpi("fill_rate_off_peak", ratio(double(t.sales - t.sales_peak), double(t.demand - t.demand_peak)));
  kpi("total_cost", total);
  kpi("cost_per_sku_day", total / sku_site_days);
  kpi("holding_cost", holding);
  kpi("shortage_cost", shortage);
  kpi("ordering_cost", ordering);
  kpi("revenue", revenue);
  kpi("profit", revenue - total);
  kpi("demand", double(t.demand));
  kpi("sales", double(t.sales));
  kpi("backorders_filled", double(t.backorders_filled));
  kpi("lost_sales", double(t.lost_sales));
  kpi("backorders_end", double(t.backorders_end));
  kpi("orders_placed", double(t.order_lines));
  kpi("units_ordered", double(t.units_ordered));
  kpi("units_received", double(t.units_received));
  kpi("avg_on_hand", double(t.on_hand_days) / days);
  kpi("avg_backorders", double(t.backorder_days) / days);
  kpi("stockout_rate", double(t.stockout_sku_days) / sku_site_days);
  // Appended only when some lane to a region has a transit time (or a region a promise), so other
  // scenarios keep their KPI list. Backordered units shipped later are not counted.
  if (setup_.deliveries) kpi("delivery_days_mean", ratio(double(t.delivery_unit_days), double(t.delivered_units)));
  if (setup_.promises) kpi("on_time_share", ratio(double(t.on_time_units), double(t.delivered_units)));

  const auto& names = recordable_variables();
  const bool per_sku = setup_.record.level == RecordLevel::sku_daily || setup_.record.level == RecordLevel::sku_weekly;
  const bool per_category = setup_.record.level == RecordLevel::category_daily;
  for (std::size_t a = 0; a < recorded_.size(); ++a) {
    RecordedArray arr;
    arr.name = names[recorded_[a]];
    const std::size_t slices = arrays_[a].size() / std::max<std::size_t>(slots_per_day_, 1);
    arr.dims = {setup_.record.level == RecordLevel::sku_weekly ? "week" : "day"};
    arr.shape = {slices};
    if (per_sku) arr.dims.push_back("sku"), arr.shape.push_back(skus());
    if (per_category) arr.dims.push_back("category"), arr.shape.push_back(std::size_t(setup_.categories));
    arr.dims.push_back("site");
    arr.shape.push_back(std::size_t(setup_.sites));
    arr.values.reserve(arrays_[a].size());
    for (std::int64_t v : arrays_[a]) {
      if (v > std::numeric_limits<std::int32_t>::max() || v < std::numeric_limits<std::int32_t>::min())
        throw std::overflow_error("recorded value of '" + arr.name +
                                  "' exceeds the int32 range; record a coarser level");
      arr.values.push_back(std::int32_t(v));
    }
    r.arrays.push_back(std::move(arr));
  }
  return r;
}

}  // namespace peaksim
