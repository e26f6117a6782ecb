// The order desk of the network: in one event a day (the demand phase), it draws every region's orders of the
// day, serves them in placement order from the regions' centres (orders.fulfilment, orders.split), releases each
// shipped line to the centre's picking station or robot fleet at placement or at its wave (orders.release; waves
// of one day are picked once the day's orders are in, batching lines of a SKU by orders.batch), ships each order's part
// at a centre at the centre's next cut-off, and draws its transit on the warehouse -> region lane. Where that lane has
// carriers, the part's units are tendered at each of their cut-offs (each carrier's own, or the centre's) from its
// ready instant on, to the carriers collecting then, and what they refuse waits for the next cut-off; each piece that
// leaves draws its own transit. Stock moves only at the receive and close slots,
// so serving the day's orders in one batch, in time order, equals serving each at its instant (docs/model.md, Orders).
// A centre with packing stations or outbound docks passes each part through them, in that order, before its
// cut-off. The order KPIs are handed to the recorder after the last day.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "agents/carrier.hpp"
#include "agents/line_picker.hpp"
#include "agents/order_generator.hpp"
#include "agents/plan.hpp"
#include "agents/service_stage.hpp"
#include "agents/warehouse.hpp"
#include "sim/kernel/recorder.hpp"

namespace peaksim::agents {

class OrderDesk {
public:
  // `pickers` per warehouse (its picking station or robot fleet; null where none); the desk picks through them,
  // so they must not also run per day.
  OrderDesk(const NetworkPlan& plan, std::uint64_t replication, std::vector<Warehouse*> centres,
            std::vector<LinePicker*> pickers, Recorder& recorder);
  void operator()();  // the actor: one event a day, then the KPIs
  // Orders follow the SKUs' prices on the board (null: list prices, demand as without pricing).
  void price_by(const PriceBoard* board) {
    for (OrderGenerator& g : generators_) g.price_by(board);
  }

  // The day's orders, served now (exposed for tests, which drive it without the engine's clock).
  void serve_day(int day);
  // Hands the order KPIs to the recorder (after the last day).
  void report();

  // What the desk counted over the run, by region, site or the network.
  struct Tally {
    std::int64_t orders = 0, lines = 0, lines_full = 0, orders_full = 0, units = 0, units_shipped = 0;
    std::int64_t promised = 0, on_time = 0;  // shipped within the horizon, of regions with a promise
    std::int64_t cancelled = 0;
    std::int64_t missed = 0;            // shipped within the horizon after the first cut-off from their release
    std::int64_t shipped = 0;           // orders (site: parts) that ship, within the horizon or after it
    std::int64_t unserved = 0;          // orders with nothing in stock anywhere (every line short)
    std::vector<float> cycle_hours;     // placement -> delivery of those shipped within the horizon
    std::vector<std::int64_t> backlog;  // per day + 1: +1 where an order enters the backlog, -1 where it leaves
  };
  const Tally& network() const { return network_; }
  const std::vector<Tally>& regions() const { return regions_; }
  const std::vector<Tally>& sites() const { return sites_; }

private:
  struct Piece {  // units of a part that leave at one cut-off
    double ship = 0;
    std::int64_t units = 0;
  };
  struct Part {  // what one centre serves of the current order
    std::int64_t units = 0;
    double ready = 0;  // when its last line is picked
    double ship = 0;   // when its last unit leaves
    bool any = false;
    std::vector<OrderLine> lines;  // shipped from here: what a cancellation takes back, what carriage is charged on
    std::vector<Piece> pieces;     // with carriers: what has left so far
    std::int64_t waiting = 0;      // ... and the units still waiting for a carrier
    double next = 0;               // ... from this cut-off on
  };
  struct Taken {  // units of one order line a centre ships
    int centre;
    std::uint32_t sku;
    std::int64_t units;
    double ready;  // when its pick task is done
  };
  struct Pending {  // an order served from stock, waiting for its release to the pickers
    Order order;
    double release;
    std::vector<Taken> taken;  // by line, then centre
  };
  double release_instant(double placed) const;
  void release_until(double before);  // picks and ships the pending orders released before then, wave by wave
  void pick(std::deque<Pending>::iterator first, std::deque<Pending>::iterator last);
  void finish(const Pending& pending);
  // The instants a part on a region's lane may leave at: its carriers' merged cut-offs, or its centre's.
  const std::vector<double>& tender_cutoffs(int region, std::size_t lane) const;
  // The first of `cutoffs` (seconds after midnight) at or after `ready`.
  static double ship_instant(const std::vector<double>& cutoffs, double ready);
  // Tenders a part's waiting units to its lane's carriers at each cut-off up to `until` (seconds).
  void carry(int centre, LaneCarriers& carriers, Part& part, double until);
  int transit_days(int region, std::size_t lane);
  void serve(const Order& o, const OrderLine* lines);
  void enter_backlog(Tally& t, double placed, double shipped) const;
  void report_stages();  // packing and outbound KPIs

  const NetworkPlan& plan_;
  std::vector<Warehouse*> centres_;
  std::vector<LinePicker*> pickers_;
  Recorder& recorder_;
  int horizon_;
  std::vector<OrderGenerator> generators_;                            // per region
  std::vector<std::vector<rng::Stream>> transit_streams_;             // [region][lane]
  std::vector<rng::Stream> cancel_streams_;                           // per region: whether a late order is cancelled
  std::vector<std::vector<std::unique_ptr<LaneCarriers>>> carriers_;  // [region][lane]: null without carriers
  std::vector<std::vector<std::size_t>> nearest_;                     // [region]: lane indices by mean transit
  std::vector<std::vector<double>> cutoffs_;                          // [warehouse]: seconds after midnight
  std::vector<std::unique_ptr<ServiceStage>> packing_, outbound_;     // [warehouse]: null where none
  std::vector<Order> orders_;                                         // the day's, reused
  std::vector<OrderLine> lines_;
  std::vector<Part> parts_;          // per warehouse, for the current order
  Pending current_;                  // the order being served (its buffer reused)
  std::deque<Pending> pending_;      // release waves: served, not yet released, in placement order
  int today_ = 0;                    // the day being served
  std::vector<std::int64_t> tasks_;  // per warehouse: pick tasks released within the horizon
  Tally network_;
  std::vector<Tally> regions_, sites_;
};

}  // namespace peaksim::agents
