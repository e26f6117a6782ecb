// What picks a warehouse's order lines for customer orders (agents/order_desk.hpp): its picking station or
// its robot fleet, whichever the scenario gives it. One task per order line; calls come in non-decreasing
// release order, and state carries over from day to day.
#pragma once
#include <cstddef>
#include <cstdint>

namespace peaksim::agents {

class LinePicker {
public:
  virtual ~LinePicker() = default;
  // The instant the line's last unit is picked (seconds), for a task released at `release_seconds`.
  virtual double complete(double release_seconds, std::size_t sku, std::int64_t units) = 0;
};

}  // namespace peaksim::agents
