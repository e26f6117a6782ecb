#include "agents/sourcing.hpp"

#include <cmath>

namespace peaksim::agents {

SupplierChoice::SupplierChoice(const NetworkPlan& plan, int warehouse, std::vector<Supplier*> suppliers)
    : suppliers_(std::move(suppliers)) {
  const WarehouseSpec& spec = plan.scenario->warehouses[std::size_t(warehouse)];
  for (const Sku& sku : plan.scenario->skus) rule_.push_back(spec.sourcing_for(sku.category));
  for (Supplier* s : suppliers_) lead_.push_back(s->mean_lead_days(warehouse));
}

void SupplierChoice::split(int day, std::size_t sku, std::int64_t wanted, std::vector<Part>& parts) const {
  parts.clear();
  if (wanted <= 0) return;
  auto whole = [&](std::size_t j, std::int64_t units) {
    if (const std::int64_t q = suppliers_[j]->round_order(units); q > 0) parts.push_back({suppliers_[j], q});
  };
  // Ties go to the earlier lane, so a rule never depends on more than the lanes' order.
  std::size_t pick = 0;
  switch (rule_[sku]) {
    case Sourcing::single:
      break;
    case Sourcing::primary_backup:
      for (std::size_t j = 0; j < suppliers_.size(); ++j)
        if (suppliers_[j]->can_take(day)) {
          pick = j;
          break;
        }
      break;
    case Sourcing::cheapest:
      for (std::size_t j = 1; j < suppliers_.size(); ++j) {
        const Supplier& s = *suppliers_[j];
        if (price_factor(s.spec(), s.round_order(wanted)) <
            price_factor(suppliers_[pick]->spec(), suppliers_[pick]->round_order(wanted)))
          pick = j;
      }
      break;
    case Sourcing::fastest:
      for (std::size_t j = 1; j < suppliers_.size(); ++j)
        if (lead_[j] < lead_[pick]) pick = j;
      break;
    case Sourcing::reliability_weighted: {
      // Shares p_j / sum p of `wanted`, whole by largest remainders (ties to the earlier lane).
      double total = 0;
      for (Supplier* s : suppliers_) total += s->spec().on_time_probability;
      const std::size_t n = suppliers_.size();
      std::vector<std::int64_t> units(n);
      std::vector<double> rest(n);
      std::int64_t given = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double share = total > 0 ? suppliers_[j]->spec().on_time_probability / total : 1.0 / double(n);
        const double exact = share * double(wanted);
        units[j] = std::int64_t(std::floor(exact));
        rest[j] = exact - double(units[j]);
        given += units[j];
      }
      for (; given < wanted; ++given) {
        std::size_t best = 0;
        for (std::size_t j = 1; j < n; ++j)
          if (rest[j] > rest[best]) best = j;
        ++units[best];
        rest[best] = -1;
      }
      for (std::size_t j = 0; j < n; ++j) whole(j, units[j]);
      return;
    }
  }
  whole(pick, wanted);
}

}  // namespace peaksim::agents
