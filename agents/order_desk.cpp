#include "agents/order_desk.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string>

#include "sim/kernel/schedule.hpp"
#include "sim/random/distributions.hpp"

namespace peaksim::agents {
namespace {

constexpr double kCloseSeconds = 23 * 3600.0;  // the close phase: backlogs are counted there

// Nearest rank: the smallest value with at least a share p of the values at or below it.
double percentile(std::vector<float>& v, double p) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t rank = std::size_t(std::ceil(p * double(v.size())));
  const std::size_t i = std::clamp<std::size_t>(rank, 1, v.size()) - 1;
  std::nth_element(v.begin(), v.begin() + long(i), v.end());
  return double(v[i]);
}

double share(std::int64_t num, std::int64_t den) {
  return den > 0 ? double(num) / double(den) : std::numeric_limits<double>::quiet_NaN();
}

double share_of(double num, double den) { return den > 0 ? num / den : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

OrderDesk::OrderDesk(const NetworkPlan& plan, std::uint64_t replication, std::vector<Warehouse*> centres,
                     std::vector<LinePicker*> pickers, Recorder& recorder)
    : plan_(plan),
      centres_(std::move(centres)),
      pickers_(std::move(pickers)),
      recorder_(recorder),
      horizon_(plan.scenario->horizon_days) {
  const Scenario& sc = *plan.scenario;
  for (const WarehouseSpec& w : sc.warehouses)
    cutoffs_.push_back(w.cutoffs.empty() ? std::vector<double>{kCloseSeconds} : w.cutoffs);
  for (std::size_t r = 0; r < sc.regions.size(); ++r) {
    generators_.emplace_back(int(r), plan, replication, &recorder);
    auto& streams = transit_streams_.emplace_back();
    const auto& lanes = plan.region_lanes[r];
    for (const LaneSpec* lane : lanes)
      streams.emplace_back(
          rng::StreamKey{sc.seed, replication, "lane:" + lane->from + "->" + lane->to, "order_transit", 0});
    auto& carriers = carriers_.emplace_back();
    for (std::size_t i = 0; i < lanes.size(); ++i) {
      carriers.push_back(
          lanes[i]->carriers.empty()
              ? nullptr
              : std::make_unique<LaneCarriers>(*lanes[i], plan.profile.peak, sc.start.weekday(), sc.seed, replication));
      if (carriers.back()) carriers.back()->collect_at(cutoffs_[std::size_t(plan.region_centres[r][i])]);
    }
    auto& order = nearest_.emplace_back(lanes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return lanes[a]->lead_time_days.mean_value() < lanes[b]->lead_time_days.mean_value();
    });
  }
  for (const RegionSpec& region : sc.regions)
    cancel_streams_.emplace_back(rng::StreamKey{sc.seed, replication, "region:" + region.name, "order_cancel", 0});
  const double horizon_seconds = horizon_ * kSecondsPerDay;
  for (const WarehouseSpec& w : sc.warehouses) {
    const std::string entity = "warehouse:" + w.name;
    packing_.push_back(w.packing ? std::make_unique<ServiceStage>(
                                       w.packing->stations, w.packing->time_days, w.packing->seconds_per_unit,
                                       horizon_seconds, rng::Stream({sc.seed, replication, entity, "pack_time", 0}))
                                 : nullptr);
    outbound_.push_back(
        w.outbound ? std::make_unique<ServiceStage>(w.outbound->docks, w.outbound->load_time_days, 0.0, horizon_seconds,
                                                    rng::Stream({sc.seed, replication, entity, "load_time", 0}))
                   : nullptr);
  }
  parts_.resize(sc.warehouses.size());
  const auto days = std::size_t(horizon_) + 1;
  network_.backlog.assign(days, 0);
  regions_.assign(sc.regions.size(), network_);
  sites_.assign(sc.warehouses.size(), network_);
  tasks_.assign(sc.warehouses.size(), 0);
}

void OrderDesk::operator()() {
  // After every region's slot of the phase, so that it never shares an instant with a region's event.
  const int slot = int(plan_.scenario->regions.size());
  for (int day = 0; day < horizon_; ++day) {
    wait_for(day, Phase::demand, slot);
    serve_day(day);
  }
  report();
}

void OrderDesk::serve_day(int day) {
  orders_.clear();
  lines_.clear();
  for (OrderGenerator& g : generators_) g.generate(day, orders_, lines_);
  // Every region's orders in one time order: a centre's picking station takes them first come, first served.
  std::stable_sort(orders_.begin(), orders_.end(), [](const Order& a, const Order& b) { return a.placed < b.placed; });
  today_ = day;
  for (const Order& o : orders_) serve(o, lines_.data() + o.first_line);
  // Waves released today are complete; a wave of tomorrow may still gain tomorrow's orders.
  if (!pending_.empty()) release_until((day + 1) * kSecondsPerDay);
}

double OrderDesk::release_instant(double placed) const {
  const std::vector<double>& waves = plan_.scenario->orders->waves;
  if (waves.empty()) return placed;  // continuous
  const double day = std::floor(placed / kSecondsPerDay);
  const auto next = std::lower_bound(waves.begin(), waves.end(), placed - day * kSecondsPerDay);
  return next != waves.end() ? day * kSecondsPerDay + *next : (day + 1) * kSecondsPerDay + waves.front();
}

void OrderDesk::release_until(double before) {
  while (!pending_.empty() && pending_.front().release < before) {
    const double release = pending_.front().release;
    std::size_t n = 0;
    while (n < pending_.size() && pending_[n].release == release) ++n;
    pick(pending_.begin(), pending_.begin() + long(n));
    for (std::size_t i = 0; i < n; ++i) finish(pending_[i]);
    pending_.erase(pending_.begin(), pending_.begin() + long(n));
  }
}

// One wave's orders (or one order, released continuously): their lines become pick tasks, in order and line
// order; with orders.batch > 1, a centre's lines of one SKU from up to `batch` orders of the wave are one task.
void OrderDesk::pick(std::deque<Pending>::iterator first, std::deque<Pending>::iterator last) {
  const int batch = plan_.scenario->orders->batch;
  struct Task {
    int centre;
    std::size_t sku;
    std::int64_t units;
    int orders;
    const Pending* last;  // the last order that joined it
  };
  std::vector<Task> tasks;
  std::map<std::pair<int, std::size_t>, std::size_t> open;  // (centre, SKU) -> its task still taking orders
  std::vector<std::size_t> task_of;                         // per taken line of the wave, in order
  for (auto p = first; p != last; ++p)
    for (const Taken& t : p->taken) {
      const auto key = std::make_pair(t.centre, t.sku);
      const auto it = batch > 1 ? open.find(key) : open.end();
      if (it != open.end() && (tasks[it->second].last == &*p || tasks[it->second].orders < batch)) {
        Task& task = tasks[it->second];
        task.units += t.units;
        if (task.last != &*p) ++task.orders, task.last = &*p;
        task_of.push_back(it->second);
        continue;
      }
      open[key] = tasks.size();
      task_of.push_back(tasks.size());
      tasks.push_back({t.centre, t.sku, t.units, 1, &*p});
    }
  std::vector<double> end(tasks.size());
  const double release = first->release;
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    LinePicker* picker = pickers_[std::size_t(tasks[k].centre)];
    end[k] = picker ? picker->complete(release, tasks[k].sku, tasks[k].units) : release;
    if (release < horizon_ * kSecondsPerDay) ++tasks_[std::size_t(tasks[k].centre)];
  }
  std::size_t line = 0;
  for (auto p = first; p != last; ++p)
    for (Taken& t : p->taken) t.ready = end[task_of[line++]];
}

const std::vector<double>& OrderDesk::tender_cutoffs(int region, std::size_t lane) const {
  const LaneCarriers* c = carriers_[std::size_t(region)][lane].get();
  return c ? c->cutoffs() : cutoffs_[std::size_t(plan_.region_centres[std::size_t(region)][lane])];
}

double OrderDesk::ship_instant(const std::vector<double>& cutoffs, double ready) {
  const double day = std::floor(ready / kSecondsPerDay);
  const double within = ready - day * kSecondsPerDay;
  const auto next = std::lower_bound(cutoffs.begin(), cutoffs.end(), within);
  return next != cutoffs.end() ? day * kSecondsPerDay + *next : (day + 1) * kSecondsPerDay + cutoffs.front();
}

void OrderDesk::carry(int centre, LaneCarriers& carriers, Part& part, double until) {
  const std::vector<double>& cutoffs = carriers.cutoffs();
  while (part.waiting > 0 && part.next <= until) {
    const int day = int(std::floor(part.next / kSecondsPerDay));
    if (day >= horizon_) {  // the run is over: what waits leaves at that cut-off, untendered (and uncounted)
      part.pieces.push_back({part.next, part.waiting});
      part.waiting = 0;
      break;
    }
    // part.next is one of `cutoffs` (hours as seconds: within half a second of it, whatever the rounding).
    const double within = part.next - double(day) * kSecondsPerDay;
    const auto at = std::lower_bound(cutoffs.begin(), cutoffs.end(), within - 0.5);
    const Tender t = carriers.tender_at(day, std::size_t(at - cutoffs.begin()), part.waiting);
    // The charge goes to the shipping site, shared over the part's SKUs by units (money by SKU adds up).
    if (t.cost > 0)
      for (const OrderLine& l : part.lines)
        recorder_.note_supply(centre, l.sku, t.cost * double(l.units) / double(part.units), 0, 0);
    if (t.accepted > 0) {
      part.pieces.push_back({part.next, t.accepted});
      part.waiting -= t.accepted;
    }
    // The next cut-off strictly after this one.
    const auto next = at + 1;
    part.next = next != cutoffs.end() ? day * kSecondsPerDay + *next : (day + 1) * kSecondsPerDay + cutoffs.front();
  }
}

int OrderDesk::transit_days(int region, std::size_t lane) {
  const rng::DistributionSpec& d = plan_.region_lanes[std::size_t(region)][lane]->lead_time_days;
  const double drawn = d.kind == rng::DistributionSpec::Kind::constant
                           ? d.value
                           : rng::sample(transit_streams_[std::size_t(region)][lane], d);
  return int(std::max(0.0, std::round(drawn)));  // whole days, as every lane
}

void OrderDesk::enter_backlog(Tally& t, double placed, double shipped) const {
  // In the backlog at every close from the first at or after placement to the last before shipping.
  const auto close_index = [this](double at) {
    return std::clamp(int(std::ceil((at - kCloseSeconds) / kSecondsPerDay)), 0, horizon_);
  };
  const int from = close_index(placed), to = close_index(shipped);
  if (from >= to) return;
  ++t.backlog[std::size_t(from)];
  --t.backlog[std::size_t(to)];
}

void OrderDesk::serve(const Order& o, const OrderLine* lines) {
  const RegionSpec& region = plan_.scenario->regions[std::size_t(o.region)];
  const OrdersSpec& spec = *plan_.scenario->orders;
  const std::vector<int>& centres = plan_.region_centres[std::size_t(o.region)];
  const int primary = centres.front();

  // One centre for the whole order, when the rules name one; -1: line by line over the centres (split).
  const auto fills_all = [&](int w) {
    const auto& on_hand = centres_[std::size_t(w)]->stock().on_hand;
    for (std::uint32_t l = 0; l < o.line_count; ++l) {
      std::int64_t asked = 0;  // a SKU on several lines of the order needs them all
      for (std::uint32_t m = 0; m < o.line_count; ++m)
        if (lines[m].sku == lines[l].sku) asked += lines[m].units;
      if (on_hand[lines[l].sku] < asked) return false;
    }
    return true;
  };
  int whole = -1;
  if (spec.fulfilment == Fulfilment::nearest_with_stock || !spec.split) {
    const auto& order = nearest_[std::size_t(o.region)];
    for (std::size_t i = 0; i < centres.size() && whole < 0; ++i) {
      const std::size_t lane = spec.fulfilment == Fulfilment::nearest_with_stock ? order[i] : i;
      if (fills_all(centres[lane])) whole = centres[lane];
    }
    if (whole < 0 && !spec.split) whole = primary;
  }

  Pending& p = current_;
  p.order = o;
  p.release = release_instant(o.placed);
  p.taken.clear();
  std::int64_t lines_full = 0, units = 0, shipped_units = 0;
  for (std::uint32_t l = 0; l < o.line_count; ++l) {
    const OrderLine& line = lines[l];
    std::int64_t left = line.units;
    // Each centre in turn ships what it has; what none has is short at the primary (or the one centre).
    const std::size_t tries = whole >= 0 ? 1 : centres.size();
    for (std::size_t i = 0; i < tries && left > 0; ++i) {
      const int w = whole >= 0 ? whole : centres[i];
      Warehouse& centre = *centres_[std::size_t(w)];
      const std::int64_t take = std::min(left, centre.stock().on_hand[line.sku]);
      if (take <= 0) continue;
      centre.fulfil(o.region, line.sku, take, region.unmet);
      left -= take;
      p.taken.push_back({w, line.sku, take, 0.0});
    }
    if (left > 0) centres_[std::size_t(whole >= 0 ? whole : primary)]->fulfil(o.region, line.sku, left, region.unmet);
    lines_full += left == 0;
    units += line.units;
    shipped_units += line.units - left;
  }

  Tally& reg = regions_[std::size_t(o.region)];
  for (Tally* t : {&network_, &reg}) {
    ++t->orders;
    t->lines += o.line_count;
    t->lines_full += lines_full;
    t->orders_full += lines_full == std::int64_t(o.line_count);
    t->units += units;
    t->units_shipped += shipped_units;
  }
  if (spec.release == Release::continuous) {
    pending_.push_back(std::move(p));  // picked and shipped at once
    pick(pending_.begin(), pending_.end());
    finish(pending_.front());
    current_ = std::move(pending_.front());  // keeps its buffer
    pending_.clear();
  } else {
    pending_.push_back(p);
  }
}

void OrderDesk::finish(const Pending& pending) {
  const Order& o = pending.order;
  const RegionSpec& region = plan_.scenario->regions[std::size_t(o.region)];
  const OrdersSpec& spec = *plan_.scenario->orders;
  const std::vector<int>& centres = plan_.region_centres[std::size_t(o.region)];
  Tally& reg = regions_[std::size_t(o.region)];
  const bool may_cancel = spec.cancel_late > 0 && region.promise_days.has_value();
  const auto& lane_carriers = carriers_[std::size_t(o.region)];  // by index into `centres`
  const auto carried = [&](int w) {
    return lane_carriers[std::size_t(std::find(centres.begin(), centres.end(), w) - centres.begin())] != nullptr;
  };
  for (Part& p : parts_) {
    p.units = 0, p.ready = 0, p.any = false;
    p.lines.clear();
  }
  for (const Taken& t : pending.taken) {
    Part& part = parts_[std::size_t(t.centre)];
    part.units += t.units;
    part.any = true;
    if (may_cancel || carried(t.centre)) part.lines.push_back({t.sku, std::int32_t(t.units)});
    part.ready = std::max(part.ready, t.ready);
  }
  // Packed, then loaded, in the order the desk finishes orders (docs/model.md, Packing and outbound docks).
  for (std::size_t w = 0; w < parts_.size(); ++w) {
    Part& part = parts_[w];
    if (!part.any) continue;
    if (packing_[w]) part.ready = packing_[w]->serve(part.ready, part.units);
    if (outbound_[w]) part.ready = outbound_[w]->serve(part.ready, part.units);
  }
  // Each centre's part ships at its next cut-off and travels its lane; the order is delivered with its last part.
  const double horizon_end = horizon_ * kSecondsPerDay;
  const int placed_day = int(std::floor(o.placed / kSecondsPerDay));
  const int promised_day = region.promise_days ? placed_day + int(std::floor(*region.promise_days + 1e-9)) : -1;
  const double promised_close = promised_day * kSecondsPerDay + kCloseSeconds;
  // The customer's decision is taken at release: after its promised day's close (a wave of a later day, possible
  // with a promise of 0 days), the customer cancels at the close of the release day instead.
  const int cancel_day = std::max(promised_day, today_);
  const double cancel_close = cancel_day * kSecondsPerDay + kCloseSeconds;
  // With carriers, a part leaves in pieces, at the cut-offs where they take its units: first up to the promised
  // close when the customer may cancel, the rest once the order stands. (Released after that close, a part is
  // ready after it too: nothing is tendered before the decision, and a cancellation takes it all back.)
  const bool cancellable = may_cancel && cancel_day < horizon_ && o.placed <= promised_close;
  const auto ship_parts = [&](double until) {
    double last = -1;
    for (std::size_t i = 0; i < centres.size(); ++i) {
      Part& part = parts_[std::size_t(centres[i])];
      if (!part.any) continue;
      if (LaneCarriers* c = lane_carriers[i].get(); c && part.waiting > 0) {
        carry(centres[i], *c, part, until);
        part.ship = part.waiting > 0 ? part.next : part.pieces.back().ship;
      }
      last = std::max(last, part.ship);
    }
    return last;
  };
  for (std::size_t i = 0; i < centres.size(); ++i) {
    Part& part = parts_[std::size_t(centres[i])];
    if (!part.any) continue;
    part.ship = ship_instant(tender_cutoffs(o.region, i), part.ready);
    part.pieces.clear();
    part.waiting = lane_carriers[i] ? part.units : 0;
    part.next = part.ship;
  }
  double last_ship = ship_parts(cancellable ? promised_close : std::numeric_limits<double>::infinity());
  if (last_ship < 0) {  // nothing shipped: every line was short
    ++network_.unserved, ++reg.unserved;
    return;
  }
  // Not shipped by the end of its promised day: the customer may cancel at that day's close (within the run).
  const auto late = [&](double ship) { return promised_day >= 0 && ship > promised_close; };
  // (An order placed after that close, possible only with a promise of 0 days, is never cancelled.)
  const bool cancelled =
      cancellable && late(last_ship) && cancel_streams_[std::size_t(o.region)].uniform() < spec.cancel_late;
  if (!cancelled) last_ship = ship_parts(std::numeric_limits<double>::infinity());
  double delivered = -1;
  bool missed = false;  // some part left after the first cut-off from its release
  const auto deliver = [&](std::int64_t n, int days) {
    recorder_.note_delivery(o.region, n, days, region.promise_days.has_value(),
                            region.promise_days && days <= *region.promise_days + 1e-9);
  };
  for (std::size_t i = 0; i < centres.size(); ++i) {
    const int w = centres[i];
    Part& part = parts_[std::size_t(w)];
    if (!part.any) continue;
    Tally& site = sites_[std::size_t(w)];
    ++site.orders;
    site.units_shipped += part.units;
    // Each piece that left travels on its own; the part arrives with its last.
    double at = -1;
    for (const Piece& piece : part.pieces) {
      const int days = transit_days(o.region, i);
      deliver(piece.units, days);
      at = std::max(at, piece.ship + days * kSecondsPerDay);
    }
    if (cancelled && late(part.ship)) {  // what has not left is taken back at the cancelling close
      if (!lane_carriers[i])
        for (const OrderLine& l : part.lines) centres_[std::size_t(w)]->cancel(cancel_day, o.region, l.sku, l.units);
      std::int64_t back = lane_carriers[i] ? part.waiting : 0;  // the last lines' units wait longest
      for (auto l = part.lines.rbegin(); l != part.lines.rend() && back > 0; ++l) {
        const std::int64_t take = std::min<std::int64_t>(back, l->units);
        centres_[std::size_t(w)]->cancel(cancel_day, o.region, l->sku, take);
        back -= take;
      }
      ++site.cancelled;
      enter_backlog(site, o.placed, cancel_close);
      continue;
    }
    if (!lane_carriers[i]) {
      const int days = transit_days(o.region, i);
      at = part.ship + days * kSecondsPerDay;
      deliver(part.units, days);
    }
    ++site.shipped;
    enter_backlog(site, o.placed, part.ship);
    if (part.ship < horizon_end && part.ship > ship_instant(tender_cutoffs(o.region, i), pending.release))
      ++site.missed, missed = true;
    if (part.ship < horizon_end) {
      site.cycle_hours.push_back(float((at - o.placed) / 3600.0));
      if (promised_day >= 0) {
        ++site.promised;
        site.on_time += int(std::floor(at / kSecondsPerDay)) <= promised_day;
      }
    }
    delivered = std::max(delivered, at);
  }
  for (Tally* t : {&network_, &reg}) {
    if (cancelled) {
      ++t->cancelled;
      enter_backlog(*t, o.placed, cancel_close);
      continue;
    }
    ++t->shipped;
    t->missed += missed;
    enter_backlog(*t, o.placed, last_ship);
    if (last_ship >= horizon_end) continue;
    t->cycle_hours.push_back(float((delivered - o.placed) / 3600.0));
    if (promised_day >= 0) {
      ++t->promised;
      t->on_time += int(std::floor(delivered / kSecondsPerDay)) <= promised_day;
    }
  }
}

// Each stage's KPIs by site, and the network's over every site's stations or docks.
void OrderDesk::report_stages() {
  const auto report = [this](const std::vector<std::unique_ptr<ServiceStage>>& stages, Kpi utilisation,
                             std::optional<Kpi> wait) {
    StageTotals all;
    bool any = false;
    for (std::size_t w = 0; w < stages.size(); ++w) {
      if (!stages[w]) continue;
      const StageTotals& t = stages[w]->totals();
      recorder_.set_kpi_by(utilisation, "site", w, share_of(t.busy_seconds, t.server_seconds));
      if (wait) recorder_.set_kpi_by(*wait, "site", w, share_of(t.wait_seconds / 60, double(t.parts)));
      all.parts += t.parts, all.wait_seconds += t.wait_seconds;
      all.busy_seconds += t.busy_seconds, all.server_seconds += t.server_seconds;
      any = true;
    }
    if (!any) return;
    recorder_.set_kpi(utilisation, share_of(all.busy_seconds, all.server_seconds));
    if (wait) recorder_.set_kpi(*wait, share_of(all.wait_seconds / 60, double(all.parts)));
  };
  report(packing_, Kpi::packing_utilisation, Kpi::packing_wait_mean);
  report(outbound_, Kpi::outbound_dock_utilisation, std::nullopt);
}

void OrderDesk::report() {
  today_ = horizon_;
  release_until(std::numeric_limits<double>::infinity());  // waves after the last day: shipped after the horizon
  // Outbound carriers count for the shipping site, as inbound ones for the receiving site.
  for (std::size_t r = 0; r < carriers_.size(); ++r)
    for (std::size_t i = 0; i < carriers_[r].size(); ++i)
      if (carriers_[r][i]) {
        const CarriageTotals t = carriers_[r][i]->totals();
        const LaneSpec& lane = *plan_.region_lanes[r][i];
        recorder_.note_carriage(plan_.region_centres[r][i], lane.from + "->" + lane.to, t.limited_carried, t.offered,
                                t.refused);
      }
  const auto values = [this](Tally& t) {
    std::int64_t open = 0, open_days = 0;
    for (int d = 0; d < horizon_; ++d) open_days += (open += t.backlog[std::size_t(d)]);
    return std::vector<std::pair<Kpi, double>>{
        {Kpi::orders, double(t.orders)},
        {Kpi::order_lines, double(t.lines)},
        {Kpi::order_fill_rate, share(t.orders_full, t.orders)},
        {Kpi::line_fill_rate, share(t.lines_full, t.lines)},
        {Kpi::unit_fill_rate, share(t.units_shipped, t.units)},
        {Kpi::on_time_rate, share(t.on_time, t.promised)},
        {Kpi::cycle_time_p50, percentile(t.cycle_hours, 0.50)},
        {Kpi::cycle_time_p95, percentile(t.cycle_hours, 0.95)},
        {Kpi::backlog_orders_mean, double(open_days) / double(horizon_)},
        {Kpi::cancellations, double(t.cancelled)},
        {Kpi::cutoffs_missed, double(t.missed)},
    };
  };
  if (plan_.scenario->orders->release == Release::waves) {
    std::int64_t all = 0;
    for (std::size_t w = 0; w < tasks_.size(); ++w) {
      recorder_.set_kpi_by(Kpi::pick_tasks, "site", w, double(tasks_[w]));
      all += tasks_[w];
    }
    recorder_.set_kpi(Kpi::pick_tasks, double(all));
  }
  for (const auto& [k, v] : values(network_)) recorder_.set_kpi(k, v);
  report_stages();
  for (std::size_t r = 0; r < regions_.size(); ++r)
    for (const auto& [k, v] : values(regions_[r])) recorder_.set_kpi_by(k, "region", r, v);
  for (std::size_t w = 0; w < sites_.size(); ++w)
    for (const auto& [k, v] : values(sites_[w])) recorder_.set_kpi_by(k, "site", w, v);
  // Each centre's backlog at every close, the daily series behind backlog_orders_mean.
  std::vector<std::int32_t> backlog(std::size_t(horizon_) * sites_.size());
  for (std::size_t w = 0; w < sites_.size(); ++w) {
    std::int64_t open = 0;
    for (int d = 0; d < horizon_; ++d)
      backlog[std::size_t(d) * sites_.size() + w] = std::int32_t(open += sites_[w].backlog[std::size_t(d)]);
  }
  recorder_.record_site_series("backlog_orders", std::move(backlog));
}

}  // namespace peaksim::agents
