// Supplier selection of a warehouse with several supplier lanes (scenario key
// `sites.warehouses[].sourcing`, docs/model.md, Suppliers): which supplier gets an order line, or how
// a line is split between them. Each part is rounded by its supplier's MOQ and case pack.
#pragma once
#include <cstdint>
#include <vector>

#include "agents/plan.hpp"
#include "agents/supplier.hpp"

namespace peaksim::agents {

class SupplierChoice {
public:
  struct Part {
    Supplier* supplier;
    std::int64_t quantity;  // rounded, > 0
  };
  // `suppliers`: the suppliers of the warehouse's supplier lanes, in scenario order.
  SupplierChoice(const NetworkPlan& plan, int warehouse, std::vector<Supplier*> suppliers);
  // The parts of an order of `wanted` units of SKU `sku` placed on `day` into `parts` (none when wanted <= 0).
  void split(int day, std::size_t sku, std::int64_t wanted, std::vector<Part>& parts) const;

private:
  std::vector<Sourcing> rule_;  // per SKU: its category's, else the warehouse's
  std::vector<Supplier*> suppliers_;
  std::vector<double> lead_;  // expected lead time per lane (fastest)
};

}  // namespace peaksim::agents
