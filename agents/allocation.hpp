// How a distribution centre shares scarce stock of one SKU among the waiting replenishment orders of
// the warehouses it replenishes (docs/model.md, Multi-echelon). A pure function, so that each rule
// can be worked by hand in a test.
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim::agents {

struct TransferRequest {
  int to;              // position of the ordering warehouse among the centre's outbound lanes
  std::int64_t units;  // still to ship
};

// Ships at most `available` units to the requests, oldest first within each destination, and
// removes what is shipped from `queue` (requests in the order they were placed). Returns the units
// for each of the `destinations`.
//  fifo:       requests in the order placed.
//  fair_share: destination i gets available x A_i / A (A_i: what it waits for, A: their sum), rounded
//              down, and the units left over go one each to the largest remainders (ties: lane order).
//  priority:   destinations in lane order, each filled before the next.
std::vector<std::int64_t> allocate(Allocation rule, std::int64_t available, std::deque<TransferRequest>& queue,
                                   std::size_t destinations);

}  // namespace peaksim::agents
