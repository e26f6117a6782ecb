// Customer orders: the `orders` section, and the keys that only make sense with it (warehouse cut-offs,
// several centres per region) or that it cannot honour (single-unit continuous arrivals, rQ's instant
// reviews after every demand event).
#include <algorithm>
#include <numeric>

#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

// A list of weights with a positive sum, normalised to probabilities.
std::vector<double> weights(const Tree& section, const char* key) {
  const Tree& list = section.at(key);
  std::vector<double> out;
  for (const Tree& w : list.items) out.push_back(to_real(w));
  const double sum = std::accumulate(out.begin(), out.end(), 0.0);
  if (out.empty() || sum <= 0)
    fail(list.where, std::string("orders.") + key, "expected at least one weight and a positive sum");
  for (double& w : out) w /= sum;
  return out;
}

// orders.release, orders.waves and orders.batch: waves exactly with release waves, batching only with waves.
void build_release(const Tree& section, OrdersSpec& o) {
  o.release = to_enum<Release>(section.at("release"));
  o.batch = int(to_real(section.at("batch")));
  const Tree* waves = section.find("waves");
  if (o.release == Release::continuous) {
    if (waves)
      fail(waves->where, "orders.waves",
           "waves are release instants, and orders.release is continuous; set release: waves or remove waves");
    if (o.batch > 1)
      fail(section.at("batch").where, "orders.batch",
           "batching groups the orders of one wave, and orders.release is continuous; set release: waves or "
           "remove batch");
    return;
  }
  if (!waves || waves->items.empty())
    fail(waves ? waves->where : section.entry("release")->where, "orders.waves",
         "release waves needs at least one wave: a list of hours of the day, such as [8, 14]");
  for (const Tree& hour : waves->items) o.waves.push_back(to_real(hour) * 3600.0);
  std::sort(o.waves.begin(), o.waves.end());
  if (std::adjacent_find(o.waves.begin(), o.waves.end()) != o.waves.end())
    fail(waves->where, "orders.waves", "expected distinct hours; a wave is listed twice");
}

}  // namespace

void build_orders(const Tree& root, Scenario& sc) {
  const Tree* section = root.find("orders");
  const auto& warehouses = root.at("sites").at("warehouses").items;
  if (!section) {
    for (std::size_t w = 0; w < warehouses.size(); ++w)
      if (const Tree* c = warehouses[w].find("cutoffs"))
        fail(c->where, index_path("sites.warehouses", w) + ".cutoffs",
             "cut-offs ship customer orders, and the scenario has no orders section");
    return;
  }
  OrdersSpec o;
  o.lines = weights(*section, "lines");
  o.units_per_line = weights(*section, "units_per_line");
  o.intraday = weights(*section, "intraday");
  o.same_category = to_real(section->at("same_category"));
  o.split = section->str("split") == "true";
  o.fulfilment = to_enum<Fulfilment>(section->at("fulfilment"));
  o.cancel_late = to_real(section->at("cancel_late"));
  const bool promised =
      std::any_of(sc.regions.begin(), sc.regions.end(), [](const RegionSpec& r) { return r.promise_days.has_value(); });
  if (o.cancel_late > 0 && !promised)
    fail(section->at("cancel_late").where, "orders.cancel_late",
         "late orders are those not shipped by their promised day, and no region has a promise; give regions a "
         "promise or remove cancel_late");
  build_release(*section, o);
  sc.orders = std::move(o);

  const auto& regions = root.at("sites").at("regions").items;
  for (std::size_t r = 0; r < regions.size(); ++r)
    if (sc.regions[r].arrivals == Arrivals::continuous)
      fail(regions[r].at("arrivals").where, index_path("sites.regions", r) + ".arrivals",
           "with an orders section, customers place orders at instants drawn from orders.intraday; "
           "arrivals continuous (single-unit customers) does not apply: remove it");
  const auto rq = std::find_if(sc.skus.begin(), sc.skus.end(),
                               [&](const Sku& sku) { return policy_type(sc.policy_for(sku).type).exact_lead_time; });
  if (rq != sc.skus.end())
    fail(root.entry("orders")->where, "orders",
         "SKU '" + rq->id + "' has policy " + word_of(sc.policy_for(*rq).type) +
             ", which reviews after every demand event; orders are served in one batch a day: use a periodic "
             "policy with orders");
}

}  // namespace peaksim::scn
