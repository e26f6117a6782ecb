#include "model/replication.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <stdexcept>
#include <string>

#include "agents/forecast_service.hpp"
#include "agents/picking_station.hpp"
#include "model/agent_kind.hpp"
#include "sim/common/sanitizers.hpp"
#include "sim/scenario/choices.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/policy_types.hpp"

namespace sg4 = simgrid::s4u;

namespace peaksim {
namespace {

RecorderSetup recorder_setup(const NetworkPlan& plan, bool compress) {
  const Scenario& sc = *plan.scenario;
  RecorderSetup s;
  s.compress = compress;
  s.record = sc.record;
  s.costs = sc.costs;
  s.horizon_days = sc.horizon_days;
  s.sites = int(sc.warehouses.size());
  for (const Sku& sku : sc.skus) {
    s.price.push_back(sku.price);
    s.cost.push_back(sku.cost);
  }
  s.sku_category = plan.sku_category;
  s.categories = int(plan.categories.size());
  s.peak_day = plan.profile.peak;
  s.region_site = plan.region_warehouse;
  for (const Sku& sku : sc.skus) s.salvage.push_back(sku.salvage);
  for (std::size_t w = 0; w < sc.warehouses.size(); ++w) {
    const WarehousePlan& wp = plan.warehouses[w];
    s.initial_stock.push_back(wp.initial_stock);
    auto& preseason = s.preseason.emplace_back();
    auto& season_end = s.season_end.emplace_back();
    for (std::size_t k = 0; k < sc.skus.size(); ++k) {
      preseason.push_back(policy_type(wp.params[k]->type).level_S == LevelS::newsvendor_buy);
      season_end.push_back(preseason.back() || sc.skus[k].salvage > 0);
    }
    // A robot fleet measures its tasks as a station measures its jobs, and more.
    s.picking_site.push_back(sc.warehouses[w].picking.has_value() || sc.warehouses[w].robots.has_value());
    s.fleet_site.push_back(sc.warehouses[w].robots.has_value());
  }
  s.forecast = agents::ForecastService::needed(plan);
  s.forecast_sales = s.forecast && sc.forecast->observe == ForecastObserve::sales;
  for (const auto& lanes : plan.region_lanes)
    for (const LaneSpec* lane : lanes)
      if (lane->lead_time_days.kind != rng::DistributionSpec::Kind::constant || lane->lead_time_days.value != 0)
        s.deliveries = true;
  for (const RegionSpec& region : sc.regions)
    if (region.promise_days) s.promises = true;
  s.deliveries = s.deliveries || s.promises;
  for (const WarehousePlan& wp : plan.warehouses)
    if (wp.source >= 0) s.transfer_fed.assign(plan.warehouses.size(), 0);
  if (!s.transfer_fed.empty())
    for (std::size_t w = 0; w < plan.warehouses.size(); ++w) s.transfer_fed[w] = plan.warehouses[w].source >= 0;
  if (sc.stress) s.recovery_days = sc.stress->recovery_days, s.recovery_fill_rate = sc.stress->recovery_fill_rate;
  s.orders = sc.orders.has_value();
  s.substitution = !sc.substitution.empty();
  s.returns = sc.returns.has_value();
  s.order_waves = s.orders && sc.orders->release == Release::waves;
  for (const LaneSpec& lane : sc.lanes)
    if (!lane.carriers.empty()) s.carrier_lanes.push_back(lane.from + "->" + lane.to);
  s.carriers = !s.carrier_lanes.empty();
  for (const SupplierSpec& sup : sc.suppliers) {
    s.price_breaks = s.price_breaks || !sup.price_breaks.empty();
    s.partial_fills = s.partial_fills || sup.fill_rate < 1;
  }
  for (std::size_t w = 0; w < sc.warehouses.size(); ++w)
    if (sc.warehouses[w].receiving) {
      s.receiving_site.assign(sc.warehouses.size(), 0);
      break;
    }
  for (std::size_t w = 0; w < s.receiving_site.size(); ++w) s.receiving_site[w] = sc.warehouses[w].receiving ? 1 : 0;
  for (const WarehouseSpec& w : sc.warehouses) {
    s.packing = s.packing || w.packing.has_value();
    s.outbound = s.outbound || w.outbound.has_value();
  }
  s.pricing = !sc.pricing.empty() || !sc.promotions.empty();  // prices that move: revenue at the day's price
  return s;
}

// Every agent of one replication, built kind by kind from the registry (model/agent_kind.hpp).
struct ReplicationModel {
  Recorder recorder;
  model::Wiring wiring;

  ReplicationModel(const NetworkPlan& plan, std::uint64_t rep, bool compress, agents::ForecastService* forecasts)
      : recorder(recorder_setup(plan, compress)), wiring(plan, rep, recorder, forecasts) {
    for (const model::AgentKind& kind : model::agent_kinds()) {
      wiring.begin_kind(kind.name);
      const std::size_t before = wiring.actors().size();
      kind.build(wiring);
      // A kind whose agents act must say in which phases (docs/extending.md); one without phases adds no actor.
      if (kind.phases.empty() && wiring.actors().size() != before)
        throw std::logic_error("agent kind '" + kind.name + "' adds actors but declares no phase");
    }
  }

  void spawn_all(sg4::Host* host) {
    for (const model::Wiring::Actor& a : wiring.actors())
      sg4::Actor::create(fmt::format("r{}/{}{}", wiring.replication, a.kind, a.index), host, a.body);
  }

  // Every KPI comes from the recorder (sim/kernel/kpis.hpp): agents hand it their figures during the run.
  // A recorded value beyond its 32-bit cell is bad input found by the run (a level the plan could not bound:
  // backorders, a forecast's): refused at record.level, where the user can ask for smaller cells.
  ReplicationResult finish(const Scenario& sc) {
    try {
      return recorder.finish(wiring.replication);
    } catch (const std::overflow_error& e) {
      const std::string text = e.what();  // "recorded value of 'NAME' exceeds the int32 range; ..."
      const std::size_t open = text.find('\''), close = text.find('\'', open + 1);
      const std::string name = open == std::string::npos ? "?" : text.substr(open + 1, close - open - 1);
      const SourceAt& at = sc.record.level_at;
      throw InputRefused(
          ScenarioError(at.where, at.path,
                        fmt::format("the recorded '{}' passed {} units in one cell of record.level {} "
                                    "in replication {}; recorded values are 32-bit: record a level "
                                    "whose cells hold fewer SKUs or days, kpi_only, or "
                                    "record.variables without {}",
                                    name, 2147483647, scn::word_of(sc.record.level), wiring.replication, name))
              .what());
    }
  }
};

}  // namespace

void run_batch_in_engine(const NetworkPlan& plan, const std::vector<std::uint64_t>& replications, bool compress,
                         const ResultSink& send) {
  char program[] = "peaksim";
#if PEAKSIM_ADDRESS_SANITIZER
  // SimGrid's default contexts switch stacks without telling AddressSanitizer (Debian's SimGrid has no fiber
  // annotations), and SimGrid ends every actor by unwinding its stack with an exception: ASan then warns
  // "ignoring requested __asan_handle_no_return" on stderr and may report false errors. Thread contexts give
  // each actor a stack ASan knows; they run one actor at a time, so no event moves. xbt_cfg at warning: no
  // "Configuration change" line on stderr.
  char factory[] = "--cfg=contexts/factory:thread";
  char quiet[] = "--log=xbt_cfg.thres:warning";
  char* argv[] = {program, factory, quiet, nullptr};
#else
  char* argv[] = {program, nullptr};
#endif
  int argc = static_cast<int>(std::size(argv)) - 1;
  sg4::Engine engine(&argc, argv);
  // The engine only orders events in time: one host carries every actor, no resource is modelled.
  auto* zone = sg4::create_full_zone("world");
  sg4::Host* host = zone->create_host("site", 1e9)->seal();
  zone->seal();

  // One forecast service serves every replication of the batch (see agents/forecast_service.hpp).
  std::unique_ptr<agents::ForecastService> forecasts;
  if (agents::ForecastService::runs(plan)) {
    forecasts = std::make_unique<agents::ForecastService>(plan);
    auto* service = forecasts.get();
    sg4::Actor::create("forecast_service", host, [service] { (*service)(); });
  }
  std::vector<std::unique_ptr<ReplicationModel>> models;
  for (std::uint64_t rep : replications) {
    models.push_back(std::make_unique<ReplicationModel>(plan, rep, compress, forecasts.get()));
    models.back()->spawn_all(host);
  }
  engine.run();

  for (auto& m : models) {
    send(m->finish(*plan.scenario));
    m.reset();
  }
  if (forecasts && std::getenv("PEAKSIM_FORECAST_STATS")) {
    const auto& st = forecasts->stats();
    std::fprintf(stderr,
                 "forecast service (%zu replications): %lld library calls, %lld series fitted, %lld series "
                 "on cached parameters, %.3f s in the library\n",
                 replications.size(), (long long)st.calls, (long long)st.fitted_series, (long long)st.cached_series,
                 st.seconds);
  }
}

}  // namespace peaksim
