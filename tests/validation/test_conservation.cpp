// Validation: conservation of units in every scenario of the repository. The
// scenario files are globbed when the test runs (scenarios/**/*.yaml), so scenarios added later are
// covered too. Each runs a few replications recording every daily variable per SKU and site, and
// every SKU, site and day must balance:
//   on_hand[t]    = on_hand[t-1] + receipts[t] + returns_restocked[t] - sales[t] - backorders_filled[t]
//                   - transfers_out[t]
//   on_order[t]   = on_order[t-1] + orders[t] - receipts[t]   (transfers_in[t] for orders placed with a warehouse)
//   backorders[t] = backorders[t-1] + (demand - sales - lost_sales)[t] - backorders_filled[t]
//   demand[t]     = sales[t] + lost_sales[t] + new backorders[t], all three >= 0 (sales may be negative only
//                   on a day cancelled orders are taken back) and the last two each 0 when no
//                   region served by the site loses (resp. backorders) unmet demand
// from on_hand[-1] = initial stock, on_order[-1] = backorders[-1] = 0; stocks are never negative, no
// site holds stock while customers wait, and the arrays add up to the replication's KPI totals.
#include <algorithm>

#include "daily_arrays.hpp"
#include "sim/scenario/signals.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

// Counts the days that break each rule and remembers the first, for the failure message.
struct Ledger {
  std::map<std::string, std::int64_t> broken;
  std::string first;
  std::int64_t checked = 0;
  std::int64_t total() const {
    std::int64_t n = 0;
    for (const auto& [rule, count] : broken) n += count;
    return n;
  }
  void expect(bool ok, const std::string& rule, int day, int sku, int site) {
    if (ok) return;
    if (broken[rule]++ == 0 && first.empty())
      first = fmt::format("{} fails on day {}, SKU {}, site {}", rule, day, sku, site);
  }
};

void check_replication(const ReplicationResult& r, const NetworkPlan& plan, Ledger& ledger) {
  const DailyArrays a(r);
  const auto on_hand = a["on_hand"], on_order = a["on_order"], backorders = a["backorders"], demand = a["demand"],
             sales = a["sales"], lost = a["lost_sales"], orders = a["orders"], receipts = a["receipts"],
             filled = a["backorders_filled"];
  REQUIRE(a.sites() == int(plan.warehouses.size()));
  // Between warehouses (docs/model.md, Multi-echelon): what a site ships to another leaves its shelf, and what a
  // site orders from another is on order only once shipped. Absent arrays: no such lanes, so 0.
  const bool transfers = a.has("transfers_out");
  REQUIRE(transfers == a.has("transfers_in"));
  const auto out = transfers ? a["transfers_out"] : on_hand, in = transfers ? a["transfers_in"] : on_hand;
  // Customer returns (docs/model.md, Returns): restocked units go back on the shelf. Absent: no returns, so 0.
  const bool returns = a.has("returns_restocked");
  REQUIRE(returns == plan.scenario->returns.has_value());
  const auto restocked = returns ? a["returns_restocked"] : on_hand;
  std::map<std::string, std::int64_t> totals;
  std::int64_t moved = 0;  // shipped out minus shipped in, over every site: 0, as a unit shipped leaves one for another
  // Cancelled orders leave the day's demand and sales when their units go back on the shelf: net sales of a
  // SKU-day may then be negative (docs/model.md, Orders); every balance still holds.
  const bool cancels = plan.scenario->orders && plan.scenario->orders->cancel_late > 0;
  for (int w = 0; w < a.sites(); ++w) {
    bool loses = false, backorders_some = false;  // what the regions served by this site do with unmet demand
    for (int region : plan.warehouses[std::size_t(w)].regions)
      (plan.scenario->regions[std::size_t(region)].unmet == UnmetDemand::lost ? loses : backorders_some) = true;
    const bool fed_by_warehouse = plan.warehouses[std::size_t(w)].source >= 0;
    for (int k = 0; k < a.skus(); ++k) {
      std::int64_t oh = plan.warehouses[std::size_t(w)].initial_stock[std::size_t(k)], oo = 0, bo = 0;
      for (int t = 0; t < a.days(); ++t) {
        const std::int64_t new_backorders = backorders(t, k, w) - bo + filled(t, k, w);
        const std::int64_t shipped_out = transfers ? out(t, k, w) : 0;
        const std::int64_t came_back = returns ? restocked(t, k, w) : 0;
        const std::int64_t placed = fed_by_warehouse ? in(t, k, w) : orders(t, k, w);
        ledger.expect(
            on_hand(t, k, w) == oh + receipts(t, k, w) + came_back - sales(t, k, w) - filled(t, k, w) - shipped_out,
            "on_hand balance", t, k, w);
        ledger.expect(came_back >= 0, "returns_restocked >= 0", t, k, w);
        ledger.expect(on_order(t, k, w) == oo + placed - receipts(t, k, w), "on_order balance", t, k, w);
        ledger.expect(backorders(t, k, w) == bo + demand(t, k, w) - sales(t, k, w) - lost(t, k, w) - filled(t, k, w),
                      "backorders balance", t, k, w);
        ledger.expect(demand(t, k, w) == sales(t, k, w) + lost(t, k, w) + new_backorders, "demand split", t, k, w);
        ledger.expect(new_backorders >= 0 && lost(t, k, w) >= 0 && (sales(t, k, w) >= 0 || cancels),
                      "demand split >= 0", t, k, w);
        ledger.expect(loses || lost(t, k, w) == 0, "no lost sales without a lost-sales region", t, k, w);
        ledger.expect(backorders_some || new_backorders == 0, "no backorders without a backorder region", t, k, w);
        ledger.expect(on_hand(t, k, w) >= 0 && on_order(t, k, w) >= 0 && backorders(t, k, w) >= 0, "stocks >= 0", t, k,
                      w);
        ledger.expect(on_hand(t, k, w) == 0 || backorders(t, k, w) == 0, "no stock while customers wait", t, k, w);
        oh = on_hand(t, k, w);
        oo = on_order(t, k, w);
        bo = backorders(t, k, w);
        totals["demand"] += demand(t, k, w);
        totals["sales"] += sales(t, k, w);
        totals["lost_sales"] += lost(t, k, w);
        totals["backorders_filled"] += filled(t, k, w);
        totals["units_ordered"] += orders(t, k, w);
        totals["units_received"] += receipts(t, k, w);
        if (transfers) moved += out(t, k, w) - in(t, k, w);
        if (returns) totals["returns_restocked"] += came_back;
        if (t == a.days() - 1) totals["backorders_end"] += bo;
        ++ledger.checked;
      }
    }
  }
  ledger.expect(moved == 0, "units shipped out = units shipped in", a.days() - 1, -1, -1);
  for (const auto& [kpi, total] : totals) {
    const auto it = std::find(r.kpi_names.begin(), r.kpi_names.end(), kpi);
    REQUIRE(it != r.kpi_names.end());
    ledger.expect(r.kpi_values[std::size_t(it - r.kpi_names.begin())] == double(total),
                  "KPI " + kpi + " = the sum of its array", a.days() - 1, -1, -1);
  }
}

}  // namespace

TEST_CASE("every scenario in the repository conserves units on every SKU, site and day") {
  const std::vector<std::string> files = repository_scenarios();
  CHECK(files.size() >= 4);  // black_friday, the reference model and the validation scenarios at least
  std::string all_variables = "record.variables=[";
  const std::vector<std::string> names = recordable_signal_names();
  for (const std::string& v : names) all_variables += v + (v == names.back() ? "]" : ", ");
  for (const std::string& file : files) {
    const std::string name = std::filesystem::relative(file, PEAKSIM_SOURCE_DIR).string();
    const std::vector<std::string> overrides = {"record.level=sku_daily", all_variables};
    const Scenario sc = load_scenario(file, overrides);
    const NetworkPlan plan = make_network_plan(sc);
    const Runs runs = run_replications(file, overrides, 2, true);
    Ledger ledger;
    CaseReport c;  // for docs/validation.md: broken rules per replication, which must be 0
    {
      INFO("scenario " << name);
      for (const ReplicationResult& r : runs.results) {
        const std::int64_t before = ledger.total();
        check_replication(r, plan, ledger);
        c.samples.push_back(double(ledger.total() - before));
      }
      INFO(ledger.first);
      CHECK(ledger.checked ==
            2 * std::int64_t(sc.horizon_days) * std::int64_t(sc.skus.size()) * std::int64_t(sc.warehouses.size()));
      CHECK(ledger.broken.empty());
    }
    MESSAGE(fmt::format("{}: {} SKU-site-days checked, {} broken rules", name, ledger.checked, ledger.total()));
    c.case_id = "conservation/" + name;
    c.model = "flows of units through every SKU and site, day by day";
    c.formula =
        "count of SKU-site-days breaking a balance (on hand, on order, backorders, demand split), "
        "a sign rule or the KPI totals";
    c.source = "conservation of units (bookkeeping identities of the model, docs/model.md)";
    c.parameters = fmt::format("{} SKUs x {} sites x {} days, record.level=sku_daily", sc.skus.size(),
                               sc.warehouses.size(), sc.horizon_days);
    c.conventions =
        "on_hand[-1] = initial stock, on_order[-1] = backorders[-1] = 0; new backorders = "
        "backorders[t] - backorders[t-1] + backorders_filled[t]";
    check_against_theory(c);
  }
}
