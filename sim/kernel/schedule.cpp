#include <simgrid/s4u/Actor.hpp>

#include "sim/kernel/schedule.hpp"

namespace peaksim {

void wait_for(int day, Phase p, int order) {
  simgrid::s4u::this_actor::sleep_until(event_time(day, p, order));
}

}  // namespace peaksim
