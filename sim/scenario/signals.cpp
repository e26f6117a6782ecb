#include "sim/scenario/signals.hpp"

namespace peaksim {

const std::vector<SignalInfo>& recordable_signals() {
  using K = SignalKind;
  static const std::vector<SignalInfo> table = {
      {"on_hand", K::stock, "warehouse", "units on the shelf at the end of the day"},
      {"on_order", K::stock, "warehouse",
       "units ordered and not yet received (queued at the supplier, waiting for a carrier or in transit)"},
      {"backorders", K::stock, "warehouse", "units customers wait for at the end of the day"},
      {"demand", K::flow, "warehouse", "units asked for by the regions the site serves"},
      {"sales", K::flow, "warehouse", "units shipped from stock when demanded"},
      {"lost_sales", K::flow, "warehouse", "units asked for and lost"},
      {"orders", K::flow, "warehouse", "units ordered (less those a supplier cancelled at once: partial fills)"},
      {"receipts", K::flow, "warehouse", "units received"},
      {"backorders_filled", K::flow, "warehouse", "backordered units shipped"},
      {"forecast_cover_mean", K::per_sku, "forecast service",
       "the cover forecast the policy ordered against, whole units; -1 where the SKU was not forecast that day"},
      {"forecast_cover_quantile", K::per_sku, "forecast service",
       "the cover quantile at the policy's level, whole units; -1 where the SKU was not forecast that day"},
      {"transfers_out", K::flow, "warehouse", "units shipped to warehouses this one replenishes (with such lanes only)",
       true},
      {"transfers_in", K::flow, "warehouse",
       "units shipped to this warehouse by the one that replenishes it, from then on in on_order (with such lanes "
       "only)",
       true},
      {"backlog_orders", K::per_site, "order desk",
       "customer orders placed and not yet shipped or cancelled at the day's 23:00 close, by the centre serving "
       "them (an order split over two centres counts at each); [day, site] at every record level but kpi_only "
       "(with orders only)",
       false, true},
      {"price", K::per_sku, "pricing agents and the price calendar",
       "the SKU's selling price that day in hundredths of the currency unit (every site the same); [day, sku, site] "
       "at record.level sku_daily (with pricing or promotions only)",
       false, false, true},
      {"returns_restocked", K::flow, "warehouse",
       "returned units put back on the shelf after inspection, at the receive slot (with returns only)", false, false,
       false, true},
  };
  return table;
}

std::vector<std::string> recordable_signal_names() {
  std::vector<std::string> names;
  for (const SignalInfo& s : recordable_signals()) names.push_back(s.name);
  return names;
}

int signal_index(std::string_view name) {
  const auto& table = recordable_signals();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].name == name) return int(i);
  return -1;
}

}  // namespace peaksim
