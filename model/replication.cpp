#include "model/replication.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <string>

#include "agents/customer_region.hpp"
#include "agents/forecast_service.hpp"
#include "agents/picking_station.hpp"
#include "agents/planner.hpp"
#include "agents/supplier.hpp"
#include "agents/warehouse.hpp"

namespace sg4 = simgrid::s4u;

namespace peaksim {
namespace {

RecorderSetup recorder_setup(const NetworkPlan& plan) {
  const Scenario& sc = *plan.scenario;
  RecorderSetup s;
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
      preseason.push_back(wp.params[k]->type == PolicyType::newsvendor_preseason);
      season_end.push_back(preseason.back() || sc.skus[k].salvage > 0);
    }
    s.picking_site.push_back(sc.warehouses[w].picking.has_value());
  }
  s.forecast = agents::ForecastService::needed(plan);
  s.forecast_sales = s.forecast && sc.forecast->observe == ForecastObserve::sales;
  return s;
}

// Every agent of one replication. Agents refer to each other, so they live at stable addresses.
struct ReplicationModel {
  std::uint64_t replication;
  Recorder recorder;
  std::vector<std::unique_ptr<agents::Warehouse>> warehouses;
  std::vector<std::unique_ptr<agents::Supplier>> suppliers;
  std::vector<std::unique_ptr<agents::Planner>> planners;
  std::vector<std::unique_ptr<agents::CustomerRegion>> regions;
  std::vector<std::unique_ptr<agents::PickingStation>> picking;  // per warehouse; null where none

  int forecast_slot = -1;  // this replication's slot in the engine's forecast service

  ReplicationModel(const NetworkPlan& plan, std::uint64_t rep, agents::ForecastService* forecasts)
      : replication(rep), recorder(recorder_setup(plan)) {
    if (forecasts) forecast_slot = forecasts->add_replication(recorder);
    const Scenario& sc = *plan.scenario;
    std::vector<agents::Warehouse*> wh;
    for (std::size_t w = 0; w < sc.warehouses.size(); ++w) {
      warehouses.push_back(std::make_unique<agents::Warehouse>(int(w), plan, recorder));
      wh.push_back(warehouses.back().get());
    }
    picking = agents::make_picking_stations(plan, rep);
    for (std::size_t w = 0; w < wh.size(); ++w) wh[w]->attach_picking(picking[w].get());
    for (std::size_t s = 0; s < sc.suppliers.size(); ++s)
      suppliers.push_back(std::make_unique<agents::Supplier>(int(s), plan, wh, rep));
    for (std::size_t w = 0; w < sc.warehouses.size(); ++w)
      planners.push_back(std::make_unique<agents::Planner>(
          int(w), plan, *wh[w], *suppliers[plan.warehouses[w].supplier], forecasts, forecast_slot));
    for (std::size_t r = 0; r < sc.regions.size(); ++r)
      regions.push_back(std::make_unique<agents::CustomerRegion>(int(r), plan, *wh[plan.region_warehouse[r]], rep));
  }

  template <class Agents>
  void spawn(sg4::Host* host, const char* kind, const Agents& agents) {
    for (std::size_t i = 0; i < agents.size(); ++i) {
      auto* agent = agents[i].get();
      sg4::Actor::create(fmt::format("r{}/{}{}", replication, kind, i), host, [agent] { (*agent)(); });
    }
  }

  void spawn_all(sg4::Host* host) {
    spawn(host, "warehouse", warehouses);
    spawn(host, "supplier", suppliers);
    spawn(host, "planner", planners);
    spawn(host, "region", regions);
  }
};

}  // namespace

std::vector<ReplicationResult> run_batch_in_engine(const NetworkPlan& plan,
                                                   const std::vector<std::uint64_t>& replications) {
  int argc = 1;
  char program[] = "peaksim";
  char* argv[] = {program, nullptr};
  sg4::Engine engine(&argc, argv);
  // The engine only orders events in time: one host carries every actor, no resource is modelled.
  auto* zone = sg4::create_full_zone("world");
  sg4::Host* host = zone->create_host("site", 1e9)->seal();
  zone->seal();

  // One forecast service serves every replication of the batch (see agents/forecast_service.hpp).
  std::unique_ptr<agents::ForecastService> forecasts;
  if (agents::ForecastService::needed(plan)) {
    forecasts = std::make_unique<agents::ForecastService>(plan);
    auto* service = forecasts.get();
    sg4::Actor::create("forecast_service", host, [service] { (*service)(); });
  }
  std::vector<std::unique_ptr<ReplicationModel>> models;
  for (std::uint64_t rep : replications) {
    models.push_back(std::make_unique<ReplicationModel>(plan, rep, forecasts.get()));
    models.back()->spawn_all(host);
  }
  engine.run();

  std::vector<ReplicationResult> results;
  for (const auto& m : models) results.push_back(m->recorder.finish(m->replication));
  if (forecasts && std::getenv("PEAKSIM_FORECAST_STATS")) {
    const auto& st = forecasts->stats();
    std::fprintf(stderr,
                 "forecast service (%zu replications): %lld library calls, %lld series fitted, %lld series "
                 "on cached parameters, %.3f s in the library\n",
                 replications.size(), (long long)st.calls, (long long)st.fitted_series, (long long)st.cached_series,
                 st.seconds);
  }
  return results;
}

}  // namespace peaksim
