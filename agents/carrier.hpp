// Carriers of a lane (scenario key `lanes[].carriers`). A carrier picks up on its pickup weekdays, takes
// at most its capacity a day, nothing on an outage day, and charges per pickup and per unit (times its
// peak surcharge on peak days). A lane's carriers are tried in order: what one refuses is tendered to the
// next, and what all refuse stays with the shipper, who tenders it again the next day. Outbound, the order desk
// tenders at cut-offs instead: each carrier's own (`cutoffs`) or the centre's, only to the carriers collecting
// then; a carrier's daily capacity is shared by its cut-offs of the day.
//
// The interface is the tender: `tender(day, units)` says how many units leave today and what they cost.
// Transit is the lane's (its lead_time), drawn by the shipper for what leaves. Tenders may come in any day
// order (the order desk tenders a late part's later days before the next order's today); days are < horizon.
#pragma once
#include <cstdint>
#include <vector>

#include "sim/random/stream.hpp"
#include "sim/scenario/scenario.hpp"

namespace peaksim::agents {

struct Tender {
  std::int64_t accepted = 0;  // units that leave today
  double cost = 0;            // what carrying them costs (a pickup's fixed cost is charged to its first tender)
};

// What a lane's carriers did over a run.
struct CarriageTotals {
  std::int64_t carried = 0;          // units carried
  std::int64_t limited_carried = 0;  // ... by carriers with a capacity
  double offered = 0;                // capacity of those carriers over their pickup days without an outage
  std::int64_t refused = 0;  // units no carrier took on a day one was scheduled, at each tender (twice: counts 2)
  double cost = 0;
};

class Carrier {
public:
  // `peak_day` and `weekday0` (0 = Monday, the weekday of day 0) come from the calendar; the outage days
  // are drawn here, one uniform per day of the horizon in day order from `outages`, when the spec has a
  // probability (so listed days never shift the draws).
  Carrier(const CarrierSpec& spec, const std::vector<std::uint8_t>& peak_day, int weekday0, rng::Stream outages);

  bool picks_up(int day) const { return scheduled(day) && !down_[day]; }
  // A pickup weekday, outage or not: what is not taken on such a day was refused.
  bool scheduled(int day) const { return spec_->pickup_days[std::size_t((weekday0_ + day) % 7)]; }
  // Takes what is left of today's capacity, up to `units`.
  Tender tender(int day, std::int64_t units);
  const CarriageTotals& totals() const { return totals_; }
  bool limited() const { return limited_; }
  const CarrierSpec& spec() const { return *spec_; }

private:
  const CarrierSpec* spec_;
  const std::vector<std::uint8_t>* peak_;
  int weekday0_;
  bool limited_;
  std::vector<std::uint8_t> down_;  // per day
  std::vector<std::int64_t> used_;  // per day: units taken (outbound tenders may come out of day order)
  CarriageTotals totals_;
};

// The carriers of one lane, in order of preference.
class LaneCarriers {
public:
  LaneCarriers(const LaneSpec& lane, const std::vector<std::uint8_t>& peak_day, int weekday0, std::uint64_t seed,
               std::uint64_t replication);
  // Tenders `units` to each carrier in turn; what none takes is refused, if some carrier was scheduled to pick
  // up that day (full, or down); on a day none picks up, units simply wait.
  Tender tender(int day, std::int64_t units);
  // Outbound: each carrier collects at its own cut-offs, or at `centre`'s (seconds after midnight, sorted).
  void collect_at(const std::vector<double>& centre);
  // ... the merge of them: the instants a part is tendered at (sorted, distinct).
  const std::vector<double>& cutoffs() const { return merged_; }
  // Tenders at cutoffs()[k] of `day`: as tender(day, units), to the carriers collecting then only.
  Tender tender_at(int day, std::size_t k, std::int64_t units);
  // The lane's totals: every carrier's, and the units refused by all.
  CarriageTotals totals() const;

private:
  Tender tender_to(int day, std::int64_t units, const std::vector<std::uint8_t>* collects);

  std::vector<Carrier> carriers_;
  std::int64_t refused_ = 0;
  std::vector<double> merged_;
  std::vector<std::vector<std::uint8_t>> collects_;  // [merged cut-off][carrier]: it collects then
};

}  // namespace peaksim::agents
