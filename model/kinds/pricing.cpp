// Pricing agents (the `pricing` section): one per group, acting on its review days at slot (warehouses +
// group) of the receive phase, after every warehouse has received and before any demand. With promotions or
// reference prices, the price calendar acts every day at the next slot, after every pricing agent. They share
// one price board per replication, which the regions and the order desk (kinds built after this one) read.
#include "agents/forecast_service.hpp"
#include "agents/price_board.hpp"
#include "agents/price_calendar.hpp"
#include "agents/pricing_agent.hpp"
#include "model/agent_kind.hpp"

namespace peaksim::model {

AgentKind pricing_kind() {
  return {.name = "pricing",
          .schema_keys = {"pricing", "promotions", "catalog.price_response", "catalog.price_response_by_category",
                          "catalog.skus[].price_response"},
          .phases = {Phase::receive},
          .kpi_groups = {KpiGroup::pricing},
          .build = [](Wiring& w) {
            const Scenario& sc = *w.plan.scenario;
            if (w.plan.pricing.empty() && sc.promotions.empty()) return;  // list prices all season
            w.prices = w.keep(std::make_unique<agents::PriceBoard>(sc));
            for (std::size_t g = 0; g < w.plan.pricing.size(); ++g) {
              const agents::GroupPricing& group = w.plan.pricing[g];
              const agents::ExpectedDemand* demand = nullptr;  // the demand model's
              if (group.spec->expected_demand != ExpectedDemandSource::model) {
                // The engine's forecast service observes and forecasts each SKU's network demand.
                std::vector<const agents::PricingForecastView*> views;
                for (const agents::SkuPricing& s : group.skus)
                  views.push_back(w.forecasts->pricing().add_series(int(g), {w.warehouses.begin(), w.warehouses.end()},
                                                                    *w.prices, std::size_t(s.sku)));
                demand = w.keep(std::make_unique<agents::ForecastDemand>(*w.plan.scenario, group, std::move(views)));
              }
              auto* agent = w.keep(
                  std::make_unique<agents::PricingAgent>(int(g), w.plan, w.warehouses, *w.prices, w.recorder, demand));
              w.actor([agent] { (*agent)(); });
            }
            if (sc.promotions.empty() && !w.prices->has_references()) return;
            const int slot = int(w.warehouses.size() + w.plan.pricing.size());
            auto* calendar = w.keep(std::make_unique<agents::PriceCalendar>(sc, slot, *w.prices, w.recorder));
            w.actor([calendar] { (*calendar)(); });
          }};
}

}  // namespace peaksim::model
