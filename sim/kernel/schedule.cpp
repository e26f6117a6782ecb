#include "sim/kernel/schedule.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace peaksim {

void wait_for(int day, Phase p, int order) { simgrid::s4u::this_actor::sleep_until(event_time(day, p, order)); }

void wait_until(double seconds) { simgrid::s4u::this_actor::sleep_until(seconds); }

double now_seconds() { return simgrid::s4u::Engine::get_clock(); }

}  // namespace peaksim
