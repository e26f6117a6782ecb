// The price calendar of one replication: scheduled promotions and reference prices (docs/pricing.md). Every day
// at its slot of the receive phase, after the pricing agents and before any demand, it moves each reference
// price toward the price that held the day before, starts and ends the day's promotions (their price and lift on
// the price board, their price in the recorder for revenue), and settles the day's prices. It draws no random
// numbers.
#pragma once
#include "agents/price_board.hpp"
#include "sim/kernel/recorder.hpp"

namespace peaksim::agents {

class PriceCalendar {
public:
  PriceCalendar(const Scenario& sc, int slot, PriceBoard& board, Recorder& recorder);
  void operator()();  // the actor: every day of the horizon at its slot
  void day(int day);  // one day's work, in the order above

private:
  const Scenario& sc_;
  int slot_;
  PriceBoard& board_;
  Recorder& recorder_;
};

}  // namespace peaksim::agents
