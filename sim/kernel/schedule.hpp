// The daily schedule: when each kind of agent acts, so that same-instant events never happen.
//
// A day is split into phases, in this order: receive (00:00), demand (06:00), review (18:00),
// supply (20:00), close (23:00). Within a phase, the k-th agent of that kind (in scenario order)
// acts at phase start + k seconds. Every event time is therefore a distinct whole number of
// seconds, exact in a double, and the engine's order of execution is fully determined by time.
// See docs/determinism.md.
#pragma once

namespace peaksim {

inline constexpr double kSecondsPerDay = 86400.0;

enum class Phase { receive, demand, review, supply, close };

constexpr double phase_offset_seconds(Phase p) {
  switch (p) {
    case Phase::receive:
      return 0.0;
    case Phase::demand:
      return 6 * 3600.0;
    case Phase::review:
      return 18 * 3600.0;
    case Phase::supply:
      return 20 * 3600.0;
    case Phase::close:
      return 23 * 3600.0;
  }
  return 0.0;
}

// Agents of one kind are fewer than the seconds in an hour, so slots never overlap the next phase.
inline constexpr int kMaxAgentsPerPhase = 3600;

constexpr double event_time(int day, Phase p, int order) {
  return day * kSecondsPerDay + phase_offset_seconds(p) + order;
}

// Blocks the calling SimGrid actor until its slot in the given phase of the given day.
void wait_for(int day, Phase p, int order);
// Blocks it until an instant off the phase grid (a continuous-time customer), in seconds.
void wait_until(double seconds);
// The engine's clock, in seconds.
double now_seconds();

}  // namespace peaksim
