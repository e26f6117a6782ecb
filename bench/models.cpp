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
    models.push_back({fc::method_key(method), [method](const fc::Batch& history, const BatchInfo& info,
                                                  const fc::ForecastOptions& options) {
                        return fc::forecast(history, {.method = method, .period = info.season}, options);
                      }});
  }
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
