// A fulfilment centre: holds stock per SKU, receives shipments, serves customer demand (lost or
// backordered when short) and reports its end-of-day state to the recorder. SKUs with a
// continuous-review (r,Q) policy are reviewed here after every demand event; their orders ship at
// once and arrive at an exact instant (time-keyed inbound), not at a day's receive slot.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "agents/allocation.hpp"
#include "agents/carrier.hpp"
#include "agents/plan.hpp"
#include "sim/kernel/recorder.hpp"
#include "sim/kernel/site_state.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::agents {

class PickingStation;
class RobotFleet;
class LinePicker;

class Warehouse {
public:
  Warehouse(int index, const NetworkPlan& plan, Recorder& recorder);
  void operator()();  // the actor: receive at dawn, count at close, every day

  // Serves `quantity` units of a SKU to a region's customers now; returns the units shipped from stock.
  // Inline: it runs once per SKU per region per day.
  std::int64_t fulfil(int region, std::size_t sku, std::int64_t quantity, UnmetDemand unmet) {
    const std::int64_t shipped = std::min(quantity, stock_.on_hand[sku]);
    const std::int64_t short_units = quantity - shipped;
    stock_.on_hand[sku] -= shipped;
    flows_.demand[sku] += quantity;
    flows_.sales[sku] += shipped;
    if (unmet == UnmetDemand::lost) {
      flows_.lost_sales[sku] += short_units;
    } else {
      stock_.backorders[sku] += short_units;
      if (short_units > 0) wait(region, sku, short_units);
    }
    recorder_.region_demand(region, sku, quantity, shipped, unmet == UnmetDemand::lost ? short_units : 0);
    if (!continuous_.empty() && continuous_[sku]) review_continuous(sku);
    return shipped;
  }
  // Puts on the shelf every continuous-review shipment that has arrived by `now` (seconds); called
  // before any demand event is served, and at the receive and close slots.
  void receive_arrived(double now) {
    if (!arriving_.empty() && arriving_.begin()->first <= now) receive_arrived_slow(now);
  }
  // A shipment that will be on the shelf at the start of `day` (or at today's close if it is today).
  void expect(int day, std::size_t sku, std::int64_t quantity);
  // A replenishment order was placed for the SKU (with a supplier).
  void note_order(std::size_t sku, std::int64_t quantity);
  // A region's customer cancels an order it was sold: its `units` go back on the shelf at the close of `day`,
  // and leave that day's demand and sales (net of cancellations, so they are no revenue).
  void cancel(int day, int region, std::size_t sku, std::int64_t units) {
    cancels_[day].push_back({region, sku, units});
  }
  // Units of a SKU sold to a region's customers now come back: at the receive slot of `day` their inspection ends,
  // `returned` are refunded at today's price and `restocked` of them go back on the shelf (docs/model.md, Returns).
  void expect_return(int day, int region, std::size_t sku, std::int64_t returned, std::int64_t restocked) {
    if (day >= horizon_ || returned <= 0) return;  // after the run: never counted
    if (flows_.returns_restocked.empty()) flows_.returns_restocked.assign(stock_.on_hand.size(), 0);
    returns_[day].push_back({region, sku, returned, restocked, double(returned) * recorder_.price(sku)});
  }

  // Multi-echelon (docs/model.md). The warehouses this one replenishes, in the order of its outbound
  // lanes; it ships to them at its slot of the supply phase (`supply_slot`). Called once all are built.
  void connect(const std::vector<Warehouse*>& downstream, const NetworkPlan& plan, std::uint64_t replication,
               int supply_slot);
  bool replenished_by_warehouse() const { return source_ != nullptr; }
  // A replenishment order to the warehouse that replenishes this one: it waits there until shipped.
  void order_from_source(std::size_t sku, std::int64_t quantity);
  // Units ordered from the source warehouse and not yet shipped by it.
  std::int64_t requested(std::size_t sku) const { return requested_.empty() ? 0 : requested_[sku]; }
  // Units this warehouse owes the warehouses it replenishes (their orders waiting here).
  std::int64_t owed(std::size_t sku) const { return owed_.empty() ? 0 : owed_[sku]; }
  // The echelon stock of the warehouses downstream of this one: on hand + on order - backorders, summed
  // over every warehouse below it (units they wait for from this one are not counted: they exist nowhere).
  std::int64_t downstream_stock(std::size_t sku) const;
  // A supplier cancelled part of an order (a partial fill): it leaves on-order and the day's units ordered.
  void supplier_cancelled(std::size_t sku, std::int64_t quantity) {
    stock_.on_order[sku] -= quantity;
    flows_.ordered[sku] -= quantity;
  }

  // The station that measures picking of what this warehouse ships (null: none); run at close.
  void attach_picking(PickingStation* station) { picking_ = station; }
  // The robot fleet that picks what this warehouse ships (null: none); run at close.
  void attach_robots(RobotFleet* fleet) { robots_ = fleet; }
  // What picks this warehouse's order lines: its robot fleet, else its picking station (null: neither).
  LinePicker* line_picker() const;
  // Customer orders pick each line through the station themselves (agents/order_desk.hpp): the close then
  // only reports the station's totals.
  void pick_order_lines() { picks_order_lines_ = true; }

  // Units that arrived and are not on the shelf yet (receiving docks); they are still on order.
  std::int64_t receiving(std::size_t sku) const { return receiving_units_.empty() ? 0 : receiving_units_[sku]; }

  int index() const { return index_; }
  const StockArrays& stock() const { return stock_; }
  const DailyFlows& flows() const { return flows_; }  // today's so far; reset after the close

private:
  void receive_due(int day, bool at_close);
  // Receiving docks (docs/model.md, Receiving): a slot is 2 x day (receive) or 2 x day + 1 (close).
  void unload(std::size_t sku, std::int64_t quantity, double at, int due_slot);
  void shelve(int slot);
  void receive_arrived_slow(double now);
  void put_away(std::size_t sku, std::int64_t quantity);
  void review_continuous(std::size_t sku);
  void wait(int region, std::size_t sku, std::int64_t units);
  void ship_downstream(int day);
  // `queue` less the units `shipped` to each destination, taken from its oldest orders.
  static std::deque<TransferRequest> take_shipped(std::deque<TransferRequest> queue, std::vector<std::int64_t> shipped);
  // A shipment from the source warehouse, on the shelf at the start of `day`.
  void dispatched(int day, std::size_t sku, std::int64_t quantity);
  void fill_waiting(std::size_t sku);
  void take_back(int day);
  void take_returns(int day);

  struct Waiting {  // a region's backordered units of a SKU, served first come, first served
    int region;
    std::int64_t units;
  };

  struct Receipt {
    std::size_t sku;
    std::int64_t quantity;
  };
  int index_;
  int horizon_;
  Recorder& recorder_;
  StockArrays stock_;
  DailyFlows flows_;
  std::map<int, std::vector<Receipt>> inbound_;  // by arrival day; receipts in the order shipped
  std::multimap<double, Receipt> arriving_;      // rQ shipments by arrival instant (s); ties in order shipped
  std::vector<std::unique_ptr<ReplenishmentPolicy>> continuous_;  // per SKU; null unless rQ; empty if none
  double lead_seconds_ = 0;                                       // the inbound lane's constant lead time
  const SupplierSpec* supplier_ = nullptr;                        // for MOQ and case-pack rounding of rQ orders
  PickingStation* picking_ = nullptr;
  RobotFleet* robots_ = nullptr;
  std::vector<std::deque<Waiting>> waiting_;  // per SKU; empty until a region first backorders

  // Multi-echelon; all empty unless lanes join this warehouse to others.
  Warehouse* source_ = nullptr;          // the warehouse that replenishes this one
  int source_position_ = 0;              // this warehouse's position among the source's outbound lanes
  std::vector<std::int64_t> requested_;  // per SKU, see requested()
  std::vector<Warehouse*> downstream_;   // in lane order
  Allocation allocation_ = Allocation::fifo;
  int supply_slot_ = 0;
  std::vector<std::deque<TransferRequest>> requests_;    // per SKU: downstream orders waiting here
  std::vector<std::int64_t> owed_;                       // per SKU: their units
  std::vector<std::vector<rng::Stream>> transit_;        // [downstream position][sku]: lead-time draws
  std::vector<const LaneSpec*> outbound_;                // in lane order
  std::vector<std::unique_ptr<LaneCarriers>> carriers_;  // [downstream position]: null where the lane has none
  bool has_carriers_ = false;

  // Receiving docks; all empty unless the warehouse has a receiving section.
  struct Shelving {
    std::size_t sku;
    std::int64_t quantity;
    int due_slot;  // the slot its shipment was due
  };
  std::vector<double> dock_free_;                  // per dock: when it is free (s); the backlog carries over
  std::map<int, std::vector<Shelving>> shelving_;  // by the slot the units go on the shelf, in unloading order
  std::vector<std::int64_t> receiving_units_;      // per SKU, see receiving()
  double unload_seconds_ = 0, put_away_seconds_ = 0;
  ReceivingTotals receiving_totals_;

  // Customer orders (agents/order_desk.hpp).
  bool picks_order_lines_ = false;
  struct Cancel {
    int region;
    std::size_t sku;
    std::int64_t units;
  };
  std::map<int, std::vector<Cancel>> cancels_;  // by the day they take effect, in the order made

  struct Return {
    int region;
    std::size_t sku;
    std::int64_t returned, restocked;
    double refund;  // at the sale's price
  };
  std::map<int, std::vector<Return>> returns_;  // by the day their inspection ends, in the order sold
};

}  // namespace peaksim::agents
