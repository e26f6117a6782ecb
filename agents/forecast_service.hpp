// The forecast service: one agent per engine that, at the review instant of every day, observes every
// (site, SKU) series whose policy is forecast_order_up_to, in every replication of the engine's batch,
// forecasts all series under review today with the forecasting library, and leaves each planner a
// ForecastView to read a second later. It also scores its own forecasts against what happens next
// (accuracy KPIs, per replication). See docs/model.md ("Forecast-driven policies").
//
// Batching. Series of every replication of the batch, every site and every SKU go into one call of
// forecasting::forecast on a day when parameters are fitted. Between fits, each series reuses its own
// last fitted parameters through ModelSpec::per_series: all series due that day go into one more call
// (so at most two calls a day). The library forecasts each series on its own, so a
// series' forecast does not depend on the others in its batch: results are bit-identical whatever
// --jobs and --batch are.
//
// forecast.backend: the fits' batched filter passes (ForecastOptions::filters) and the global model's network
// (ForecastOptions::network) run where forecast.backend says, resolved once per engine (backend.hpp); the rest of
// forecast() (the final filter pass, quantiles) stays on the CPU. Each filter pass is one backend call over the
// series of every replication of the batch.
//
// forecast.model global: the learned global model (loaded with the scenario, never refitted in the run) forecasts
// every series due that day in one batch through GlobalModel::forecast, with the calendar covariates of
// sim/calendar/forecast_covariates (no price). Its network maps each series' window alone, so the same holds.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "agents/plan.hpp"
#include "agents/policies.hpp"
#include "agents/pricing_forecasts.hpp"
#include "agents/warehouse.hpp"
#include "forecasting/backend.hpp"
#include "forecasting/forecast.hpp"
#include "sim/kernel/recorder.hpp"

namespace peaksim::agents {

// Where forecast.backend makes the service run here: Backend::cpu or Backend::cuda (cuda was checked usable when
// the scenario was loaded). Loads the CUDA plugin unless the scenario asks for cpu.
forecasting::Backend resolved_backend(ForecastBackend asked);

// What the provenance records of forecast.backend: "<asked>, ran on <cpu|cuda (device)>[: why the CPU]".
std::string backend_record(ForecastBackend asked);

class ForecastService {
public:
  explicit ForecastService(const NetworkPlan& plan);

  // True when some SKU's policy needs the service.
  static bool needed(const NetworkPlan& plan);
  // True when the engine runs one: for the policies or for pricing groups (agents/pricing_forecasts.hpp).
  static bool runs(const NetworkPlan& plan) { return needed(plan) || PricingForecasts::needed(plan); }
  // The pricing groups' series, forecast in the same step.
  PricingForecasts& pricing() { return pricing_; }

  // A replication joins the service with the recorder its forecast arrays and accuracy KPIs go to;
  // the returned slot names it in add_series.
  int add_replication(Recorder& recorder);
  // Registers one series (a forecast_order_up_to SKU at a warehouse); the view stays valid for the run.
  const ForecastView* add_series(int replication, const Warehouse& warehouse, std::size_t sku);

  // The actor: acts at slot 0 of every day's review phase; after the last, reports every replication's
  // accuracy KPIs to its recorder.
  void operator()();
  void step(int day);
  void report(int replication) const;

  // Work done, for the cost figures of docs/performance.md (stderr with PEAKSIM_FORECAST_STATS set).
  struct Stats {
    std::int64_t calls = 0, fitted_series = 0, cached_series = 0;
    double seconds = 0;  // inside the library
  };
  const Stats& stats() const { return stats_; }

private:
  // A forecast waiting for the days it covers, to be scored and to give one cover error.
  struct Pending {
    int origin = 0;
    double scale = 0;                            // in-sample seasonal-naive MAE of the history at the origin (MASE)
    double cover_mean = 0;                       // what the policy ordered against
    double realised = 0;                         // weighted observed values so far over the cover
    std::vector<double> mean;                    // per day of the cover
    std::vector<std::vector<double>> quantiles;  // per scored level, per day of the cover
    std::vector<double> low, high;               // the 80% interval (levels 0.1 and 0.9), per day
  };

  struct Series {
    int replication = 0;
    const Warehouse* warehouse = nullptr;
    std::size_t sku = 0;
    int review_period = 1;
    double m = 0;                 // baseline mean daily demand (warm-up expectation)
    int level_index = 0;          // the policy's quantile level among levels_
    std::vector<double> weights;  // per day of the cover: 1, and the fraction of a last partial day
    std::vector<double> ring;     // the last history_days observations
    int newest = -1, observed = 0;
    int origin = -1;           // day of the latest forecast
    std::vector<double> path;  // its daily means
    std::optional<forecasting::Params> params;
    int fitted_day = 0;
    std::deque<Pending> pending;
    std::deque<double> errors;  // cover errors, newest last
    ForecastView view;
  };

  // Accuracy of the forecasts against one kind of outcome, summed over a replication's points.
  struct Score {
    std::int64_t points = 0, scaled_points = 0, covered = 0;
    double scaled_abs = 0, error = 0, actual = 0, pinball = 0;
    // Day h (0-based) of p's cover came out as y; `levels` are the scored quantile levels.
    void add(const Pending& p, std::size_t h, double y, const std::vector<double>& levels);
  };
  struct Accuracy {
    Score demand, sales;
    Recorder* recorder = nullptr;
    // Signals forecast_cover_mean and forecast_cover_quantile: per [day, sku, site], the cover
    // forecast's mean and the policy's cover quantile in whole units.
    Recorder::Signal cover_mean = Recorder::kOff, cover_quantile = Recorder::kOff;
  };

  void observe(Series& s, int day);
  void forecast_group(const std::vector<Series*>& group, bool fit, int day);
  void forecast_global(const std::vector<Series*>& group, int day);  // forecast.model global
  void answer(Series& s, const forecasting::Forecast& f, int column, int day);
  std::vector<double> oldest_first(const Series& s) const;
  forecasting::Batch history_batch(const std::vector<Series*>& group) const;  // one column per series

  const NetworkPlan& plan_;
  ForecastSpec spec_;
  int horizon_days_ = 0;
  int cover_days_ = 1;              // forecast horizon: the longest cover of any series
  std::vector<double> levels_;      // every level asked of the library, sorted
  std::vector<int> scored_levels_;  // indices in levels_ of spec_.quantiles
  int low_index_ = 0, high_index_ = 0;
  std::vector<std::unique_ptr<Series>> series_;
  std::vector<Accuracy> accuracy_;  // per replication slot
  Stats stats_;
  PricingForecasts pricing_;
  forecasting::ForecastOptions backend_hooks_;  // `filters` and `network` on the device, empty on the CPU
};

}  // namespace peaksim::agents
