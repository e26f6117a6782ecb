// Every daily signal a run can record, declared once: record.variables offers exactly these names
// (schema and docs/scenarios.md), and the recorder lays them out by their kind.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace peaksim {

enum class SignalKind {
  stock,     // end-of-day level: a week keeps its last day, sums over SKUs are meaningful
  flow,      // units during the day: a week sums its days, as do sums over SKUs
  per_sku,   // a figure of one SKU (e.g. a forecast): recorded at record.level sku_daily only
  per_site,  // a figure of one site and day, not of SKUs (an order backlog): [day, site] at every level but kpi_only
};

struct SignalInfo {
  std::string name;
  SignalKind kind;
  std::string source;  // the agent that emits it
  std::string meaning;
  bool transfers = false;  // recorded only where a lane joins two warehouses
  bool orders = false;     // recorded only where customers place orders
  bool pricing = false;    // recorded only where pricing agents set prices
};

// In the order arrays are stored.
const std::vector<SignalInfo>& recordable_signals();
std::vector<std::string> recordable_signal_names();
// Index in recordable_signals(), or -1.
int signal_index(std::string_view name);

}  // namespace peaksim
