// The money of every scenario in the repository balances. The scenario files are globbed when the test
// runs (scenarios/**/*.yaml). For each replication, at the network, each site and each SKU:
//   opening_stock_value + purchase_cost + transfers_in_value = cogs + closing_stock_value + pipeline_value
//                                                              + transfers_out_value
// (every unit bought, received from another warehouse or held at the start was shipped, is on hand or on order
// at the end: the model writes off nothing; the transfer KPIs exist only with warehouse -> warehouse lanes, and
// the network's and each SKU's transfers in equal their transfers out), and profit is what its definition in
// docs/model.md says (with transport costs and price-break discounts where a scenario has them). Sites and SKUs
// add up to the network, and regions to the network for what regions own. With customer returns, revenue is net
// of the refunds and cogs of the restocked units' cost, so the same identity holds: a restocked unit is stock again,
// a written-off one stays in cogs (docs/model.md, Returns).
#include <algorithm>
#include <cmath>

#include "tests/support/results.hpp"
#include "validation_case.hpp"

using namespace peaksim;
using namespace peaksim::validation;

namespace {

// Money sums doubles of up to 1e4 SKUs x sites; 1e-9 of the largest term is rounding, a lost unit is not.
bool same_money(double a, double b, double scale) { return std::abs(a - b) <= 1e-9 * std::max(1.0, scale); }

// One entity's KPIs by name: the network row, or column e of a breakdown.
struct Figures {
  std::map<std::string, double> v;
  double operator[](const std::string& name) const { return v.at(name); }
};

Figures network(const ReplicationResult& r) {
  Figures f;
  for (std::size_t k = 0; k < r.kpi_names.size(); ++k) f.v[r.kpi_names[k]] = r.kpi_values[k];
  return f;
}

Figures entity(const KpiBreakdown& b, std::size_t e) {
  Figures f;
  for (std::size_t k = 0; k < b.kpi_names.size(); ++k) f.v[b.kpi_names[k]] = b.values[k * b.entities + e];
  return f;
}

// The identities of one entity; returns the first broken one ("" when none).
std::string broken_identity(const Figures& f) {
  // Between warehouses, stock moves at cost: in and out of sites, equal for the network and each SKU.
  const bool transfers = f.v.count("transfers_in_value") != 0;
  const double in = transfers ? f["transfers_in_value"] : 0.0, out = transfers ? f["transfers_out_value"] : 0.0;
  const double scale = f["opening_stock_value"] + f["purchase_cost"] + in;
  if (!same_money(f["opening_stock_value"] + f["purchase_cost"] + in,
                  f["cogs"] + f["closing_stock_value"] + f["pipeline_value"] + out, scale))
    return fmt::format(
        "opening {} + purchase {} + transfers in {} != cogs {} + closing {} + pipeline {} + transfers "
        "out {}",
        f["opening_stock_value"], f["purchase_cost"], in, f["cogs"], f["closing_stock_value"], f["pipeline_value"],
        out);
  // Carriers' charges and price-break discounts are KPIs of scenarios that have them; elsewhere they are 0.
  auto present = [&f](const char* kpi) { return f.v.count(kpi) ? f[kpi] : 0.0; };
  const double profit = f["revenue"] - f["cogs"] - f["holding_cost"] - f["shortage_cost"] - f["fixed_ordering_cost"] -
                        f["closing_write_down"] - present("transport_cost") + present("purchase_discount");
  if (!same_money(f["profit"], profit, std::abs(f["revenue"]) + scale))
    return fmt::format("profit {} != its definition {}", f["profit"], profit);
  if (!same_money(f["gross_margin"], f["revenue"] - f["cogs"], std::abs(f["revenue"])))
    return "gross_margin != revenue - cogs";
  if (f.v.count("returns")) {
    if (f["returns_written_off"] != f["returns"] - f["returns_restocked"] || f["returns_restocked"] < 0 ||
        f["returns_written_off"] < 0)
      return fmt::format("returns {} != restocked {} + written off {}, both >= 0", f["returns"], f["returns_restocked"],
                         f["returns_written_off"]);
    if (f["refunds"] < 0) return fmt::format("refunds {} < 0", f["refunds"]);
  }
  return "";
}

}  // namespace

TEST_CASE("every scenario's money balances per replication, at the network, each site and each SKU") {
  const std::vector<std::string> files = repository_scenarios();
  CHECK(files.size() >= 4);
  for (const std::string& file : files) {
    const std::string name = std::filesystem::relative(file, PEAKSIM_SOURCE_DIR).string();
    INFO("scenario " << name);
    const Runs runs = run_replications(file, {"record.level=kpi_only", "record.kpi_by_sku=true"}, 2, true);
    REQUIRE(runs.results.size() == 2);
    int entities = 0;
    for (const ReplicationResult& r : runs.results) {
      INFO("replication " << r.replication);
      const Figures net = network(r);
      const std::string net_broken = broken_identity(net);
      CHECK_MESSAGE(net_broken == "", "network: " << net_broken);
      if (net.v.count("transfers_in_value"))  // each unit moved between warehouses arrives at one and leaves another
        CHECK(same_money(net["transfers_in_value"], net["transfers_out_value"], net["transfers_out_value"]));
      for (const char* lvl : {"site", "sku"}) {
        const KpiBreakdown& b = test::breakdown(r, lvl);
        std::map<std::string, double> summed;
        for (std::size_t e = 0; e < b.entities; ++e) {
          const Figures f = entity(b, e);
          const std::string broken = broken_identity(f);
          CHECK_MESSAGE(broken == "", lvl << " " << e << ": " << broken);
          for (const auto& [kpi, value] : f.v) summed[kpi] += value;
          ++entities;
        }
        for (const char* kpi : {"revenue", "cogs", "purchase_cost", "opening_stock_value", "closing_stock_value",
                                "pipeline_value", "holding_cost", "profit", "demand", "lost_sales"})
          CHECK_MESSAGE(same_money(summed.at(kpi), net[kpi], std::abs(net[kpi])),
                        lvl << "s add up to the network's " << kpi << ": " << summed.at(kpi) << " vs " << net[kpi]);
        for (const char* kpi :
             {"transport_cost", "purchase_discount", "units_cancelled", "returns", "refunds"})  // where present
          if (net.v.count(kpi))
            CHECK_MESSAGE(same_money(summed.at(kpi), net[kpi], std::abs(net[kpi])),
                          lvl << "s add up to the network's " << kpi << ": " << summed.at(kpi) << " vs " << net[kpi]);
      }
      const KpiBreakdown& regions = test::breakdown(r, "region");
      std::vector<Figures> region_figures;
      for (std::size_t e = 0; e < regions.entities; ++e) region_figures.push_back(entity(regions, e));
      for (const char* kpi :
           {"demand", "sales", "lost_sales", "backorders_filled", "revenue", "cogs", "returns", "refunds"}) {
        if (!net.v.count(kpi)) continue;  // the returns KPIs exist only with returns
        double sum = 0;
        for (Figures& f : region_figures) sum += f[kpi];
        CHECK_MESSAGE(same_money(sum, net[kpi], std::abs(net[kpi])),
                      "regions add up to the network's " << kpi << ": " << sum << " vs " << net[kpi]);
      }
    }
    MESSAGE(fmt::format("{}: money balanced over 2 replications and {} sites and SKUs", name, entities));
  }
}
