#include "bench/models.hpp"

#include "forecasting/select.hpp"
#ifdef PEAKSIM_BENCH_GLOBAL
#include "bench/global_bench_model.hpp"
#endif

namespace peaksim::bench {

namespace fc = peaksim::forecasting;

std::vector<BenchModel> bench_models() {
  std::vector<BenchModel> models;
  for (const fc::Method method : fc::kAllMethods) {
    if (method == fc::Method::kHoltWintersDouble) continue;  // added below, with its two periods
    models.push_back({fc::method_key(method),
                      [method](const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options) {
                        return fc::forecast(history, {.method = method, .period = info.season}, options);
                      }});
  }
  // Daily data: the week (7) and the 364-day year (52 weeks, so that the weekday stays in phase). Weekly data has
  // one natural season only (52): there the entry is the one-season holt_winters_additive with period 52, the
  // same forecasts as that row.
  models.push_back(
      {fc::method_key(fc::Method::kHoltWintersDouble),
       [](const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options) {
         if (info.step_days != 1) {
           return fc::forecast(history, {.method = fc::Method::kHoltWintersAdditive, .period = info.season}, options);
         }
         return fc::forecast(history, {.method = fc::Method::kHoltWintersDouble, .period = 7, .period2 = 364}, options);
       }});
  models.push_back({"auto", [](const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options) {
                      const int holdout = fc::default_holdout(static_cast<int>(history.rows()), options.horizon);
                      return fc::forecast_auto(history, options, fc::classical_candidates(info.season), holdout);
                    }});
  models.push_back(
      {"ensemble", [](const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options) {
         return fc::forecast_ensemble(history, fc::default_ensemble(info.season), options);
       }});
  // The learned global model adds its entries here (forecast_accuracy_global, built in the peaksim tree only).
#ifdef PEAKSIM_BENCH_GLOBAL
  for (BenchModel& m : global_bench_models()) models.push_back(std::move(m));
#endif
  return models;
}

}  // namespace peaksim::bench
