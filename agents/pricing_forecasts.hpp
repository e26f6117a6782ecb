// The forecast service's pricing series (docs/pricing.md, Expected demand): for every SKU of a pricing group with
// `expected_demand: forecast`, in every replication of the engine's batch, one daily series of the network's
// demand (summed over warehouses; `forecast.observe` and `forecast.unconstrain` as for the policies' series)
// divided by that day's price-response factor, so that the forecaster learns list-price demand while prices
// move (forecast_with_calendar: also divided by the day's calendar factor, and the forecast multiplied by the
// factor of each day ahead, so that the forecaster learns the base rate and the known calendar shapes it). On the
// eve of each of the group's reviews (18:00, after the day's observation: the same days a review at
// 00:00 sees) it forecasts the rest of the season, days review .. horizon - 1, once `forecast.history` days are
// observed. Series due the same day form one library call (one more for those on cached parameters), and the
// library forecasts each series on its own, so results do not depend on --jobs or --batch.
#pragma once
#include <memory>
#include <optional>
#include <vector>

#include "agents/plan.hpp"
#include "agents/price_board.hpp"
#include "forecasting/forecast.hpp"

namespace peaksim::agents {

class Warehouse;

// The forecasting library's method of a scenario model word (not the global model: refused for pricing).
forecasting::Method forecast_method(ForecastModel model);

// What a pricing agent reads of one SKU's forecast.
struct PricingForecastView {
  int day = -1;              // the review day the forecast was made for; -1 before the first
  std::vector<double> mean;  // list-price units per day (with the calendar), days `day` .. horizon - 1
};

class PricingForecasts {
public:
  PricingForecasts(const NetworkPlan& plan, const ForecastSpec& spec);
  // True when some pricing group plans with the forecast.
  static bool needed(const NetworkPlan& plan);
  // One series: SKU `sku` of pricing group `group` in one replication, its demand summed over `warehouses` and
  // divided by `board`'s factor. The view stays valid for the run.
  const PricingForecastView* add_series(int group, std::vector<const Warehouse*> warehouses, const PriceBoard& board,
                                        std::size_t sku);
  // At 18:00 of `day`: observe the day, then forecast the series whose group reviews on day + 1.
  void step(int day);
  std::int64_t calls() const { return calls_; }

private:
  struct Series {
    int group = 0;
    std::vector<const Warehouse*> warehouses;
    const PriceBoard* board = nullptr;
    std::size_t sku = 0;
    bool calendar = false;     // forecast_with_calendar: observations divided by the day's calendar factor
    std::vector<double> ring;  // the last history_days observations
    int newest = -1, observed = 0;
    std::optional<forecasting::Params> params;
    int fitted_day = 0;
    PricingForecastView view;
  };
  void observe(Series& s, int day);
  void forecast(const std::vector<Series*>& group, bool fit, int day);

  const NetworkPlan& plan_;
  const ForecastSpec& spec_;
  std::vector<double> day_scale_;  // per day: summed region scale x calendar factor (the model's mean is rate x this)
  std::vector<std::unique_ptr<Series>> series_;
  std::int64_t calls_ = 0;
};

}  // namespace peaksim::agents
