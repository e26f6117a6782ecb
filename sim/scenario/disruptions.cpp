// Supplier outages: the named supplier must exist, and listed days must be whole days of the horizon.
#include <cmath>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {

void build_disruptions(const Tree& root, Scenario& sc) {
  const auto& items = root.at("disruptions").items;
  std::vector<std::string> suppliers;
  for (const SupplierSpec& s : sc.suppliers) suppliers.push_back(s.name);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Tree& item = items[i];
    const std::string path = index_path("disruptions", i);
    DisruptionSpec d;
    const Tree& name = item.at("supplier");
    const auto it = std::find(suppliers.begin(), suppliers.end(), name.text);
    if (it == suppliers.end()) {
      fail(name.where, path + ".supplier",
           "unknown supplier '" + name.text + "'" + suggestion(name.text, suppliers, "suppliers"));
    }
    d.supplier = int(it - suppliers.begin());
    const auto& days = item.at("days").items;
    for (std::size_t k = 0; k < days.size(); ++k) {
      const double day = to_real(days[k]);
      if (day != std::floor(day) || day >= sc.horizon_days)
        fail(days[k].where, index_path(path + ".days", k),
             "expected a whole day index in [0, " + std::to_string(sc.horizon_days) + ") (the horizon); got " +
                 days[k].text);
      d.days.push_back(int(day));
    }
    d.probability_per_day = to_real(item.at("probability_per_day"));
    sc.disruptions.push_back(std::move(d));
  }
}

}  // namespace peaksim::scn
