// Customer returns (docs/model.md, Returns): their rows of the parameter table, and the checks that span the
// scenario. A share of the units a region's customers bought comes back after a delay; after inspection each is
// put back on the shelf of the warehouse that sold it, or written off. Refunds and restocked units would have to
// serve waiting customers, and the orders model sells order lines its own way: both are refused for now.
#include <algorithm>
#include <cmath>
#include <string>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/schema_rows.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

std::vector<Param> returns_rows() {
  using T = Type;
  return {
      table_row("returns", T::section,
                "Customer returns: a share of the units sold comes back after a delay and, after inspection, goes "
                "back on the shelf of the warehouse that sold it or is written off; refunds at the sale's price "
                "(see model.md, Returns)")
          .optional(),
      table_row("returns.rate", T::real, "Share of the units sold on an off-peak day that customers return")
          .unit_of("probability")
          .needed()
          .at_least(0)
          .at_most(1),
      table_row("returns.peak_rate", T::real,
                "Share of the units sold on a peak day that customers return (absent: `returns.rate`)")
          .unit_of("probability")
          .optional()
          .at_least(0)
          .at_most(1),
      table_row("returns.delay", T::distribution,
                "Time from sale to the unit's return, drawn per unit returned, rounded to whole days, at least 1")
          .unit_of("days")
          .by_default("7d")
          .at_least(0)
          .durations(),
      table_row("returns.restock_probability", T::real,
                "Chance that a returned unit passes inspection and goes back on the shelf; otherwise written off")
          .unit_of("probability")
          .by_default("1")
          .at_least(0)
          .at_most(1),
      table_row("returns.inspection", T::duration,
                "Time from a unit's return to the end of its inspection, when it is counted, refunded and restocked "
                "or written off")
          .unit_of("days")
          .by_default("0d")
          .at_least(0)
          .whole("the inspection"),
  };
}

void build_returns(const Tree& root, Scenario& sc) {
  const Tree* node = root.find("returns");
  if (!node) return;
  if (sc.orders)
    fail(node->where, "returns",
         "returns work on the daily units of each SKU; the orders section sells order lines its own way: remove "
         "returns or the orders section");
  for (std::size_t r = 0; r < sc.regions.size(); ++r)
    if (sc.regions[r].unmet == UnmetDemand::backorder)
      fail(node->where, "returns",
           "region '" + sc.regions[r].name +
               "' backorders unmet demand (unmet: backorder), and restocked returns would have to fill its "
               "backorders, which this model does not do; returns apply to regions with unmet: lost");
  ReturnsSpec spec;
  spec.rate = to_real(node->at("rate"));
  const Tree* peak = node->find("peak_rate");
  spec.peak_rate = peak ? to_real(*peak) : spec.rate;
  spec.delay_days = to_distribution(node->at("delay"), true);
  spec.restock_probability = to_real(node->at("restock_probability"));
  spec.inspection_days = int(std::lround(to_days(node->at("inspection"))));
  sc.returns = spec;
}

}  // namespace peaksim::scn
