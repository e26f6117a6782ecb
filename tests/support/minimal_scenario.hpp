// The smallest valid scenario (one SKU, supplier, warehouse and region), which tests extend with extra text.
#pragma once
#include <string>

namespace peaksim::test {

inline const std::string kMinimalScenario = R"(start_date: 2025-01-01
horizon: 30d
catalog:
  skus:
    - {id: a, rate: 2}
policy: {s: "m", S: "s + 10"}
sites:
  suppliers: [{name: supplier}]
  warehouses: [{name: warehouse}]
  regions: [{name: customers}]
lanes:
  - {from: supplier, to: warehouse, lead_time: 2d}
  - {from: warehouse, to: customers}
)";

}  // namespace peaksim::test
