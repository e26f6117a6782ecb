#include "bench/global_bench_model.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "bench/datasets.hpp"
#include "forecasting/global_train.hpp"
#include "forecasting/global_weights_hdf5.hpp"
#include "sim/kernel/forecast_covariates.hpp"

namespace peaksim::bench {
namespace {

namespace fc = peaksim::forecasting;
constexpr int kC = peaksim::kDailyCovariates;

// Covariates of `steps` grid steps from day `first`: daily as in peaksim forecast; weekly (a week ending on the
// given day) takes each festival's highest proximity over the week and the day of year of its last day.
void covariates_for(int first, int steps, int step_days, int column, fc::Covariates& out) {
  const auto start = cal::Date::from_days(first - (step_days - 1));
  const std::vector<double> days = daily_covariates(start, steps * step_days);
  for (int t = 0; t < steps; ++t) {
    for (int c = 0; c < kC; ++c) {
      double v = days[static_cast<std::size_t>((t * step_days + step_days - 1) * kC + c)];
      if (step_days > 1 && c >= 4 && c <= 8) {
        for (int d = 0; d < step_days; ++d)
          v = std::max(v, days[static_cast<std::size_t>((t * step_days + d) * kC + c)]);
      }
      if (step_days > 1 && c < 2) v = 0;  // every week ends on the same weekday
      out[static_cast<std::size_t>(c)](t, column) = v;
    }
  }
}

const Dataset& dataset(const std::string& name) {
  static std::mutex lock;
  static std::map<std::string, std::unique_ptr<Dataset>> cache;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = cache[name];
  if (!slot) {
    const std::filesystem::path dir = PEAKSIM_DEFAULT_DATA_DIR;
    if (name == "m5_tiny")
      slot = std::make_unique<Dataset>(load_m5(dir));
    else if (name == "walmart_store_sales")
      slot = std::make_unique<Dataset>(load_walmart(dir));
    else
      slot = std::make_unique<Dataset>(load_koubei(dir));
  }
  return *slot;
}

const fc::GlobalModel& default_model() {
  static const fc::GlobalModel model =
      fc::load_global_model(std::string(PEAKSIM_SOURCE_DIR) + "/forecasting/pretrained/global_daily.h5");
  return model;
}

fc::GlobalConfig weekly_config() {
  fc::GlobalConfig c;
  c.lags = 52;  // one year: the same week last year is in the window
  c.horizon = 8;
  c.covariates = kC;
  c.hidden = {64, 64};
  c.frequency = "weekly";
  return c;
}

// The model for one (data set, origin): trained or fine-tuned on the last `length` steps before the origin of
// every series that has them. Cached; built once under a lock.
const fc::GlobalModel& trained_at(const std::string& name, int origin, bool weekly) {
  static std::mutex lock;
  static std::map<std::pair<std::string, int>, std::unique_ptr<fc::GlobalModel>> cache;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = cache[{name, origin}];
  if (slot) return *slot;
  const Dataset& data = dataset(name);
  std::vector<int> histories;  // steps before the origin, per series that reaches it
  for (const SeriesData& s : data.series) {
    if (s.start < origin && s.end() >= origin) histories.push_back(origin - s.start);
  }
  std::sort(histories.rbegin(), histories.rend());
  const int wanted = weekly ? 130 : 364;
  const std::size_t least = std::min<std::size_t>(histories.size(), 50);
  const int length = std::min(wanted, histories.empty() ? 0 : histories[least - 1]);
  std::vector<const SeriesData*> used;
  for (const SeriesData& s : data.series) {
    if (s.start <= origin - length && s.end() >= origin) used.push_back(&s);
  }
  fc::Batch values(length, static_cast<Eigen::Index>(used.size()));
  fc::Covariates cov(kC, Eigen::MatrixXd(length, static_cast<Eigen::Index>(used.size())));
  for (std::size_t k = 0; k < used.size(); ++k) {
    const auto col = static_cast<Eigen::Index>(k);
    for (int t = 0; t < length; ++t)
      values(t, col) = used[k]->values[static_cast<std::size_t>(origin - length - used[k]->start + t)];
    covariates_for(data.first_day + (origin - length) * data.step_days, length, data.step_days, static_cast<int>(k),
                   cov);
  }
  fc::TrainOptions o;
  o.seed = 1;
  if (weekly) {
    slot = std::make_unique<fc::GlobalModel>(weekly_config());
    o.epochs = 40;
    o.windows_per_epoch = 8192;
  } else {
    slot = std::make_unique<fc::GlobalModel>(default_model());
    o.epochs = 2;  // fine-tuning moves the default only a little: longer runs overfit (docs/forecasting.md)
    o.windows_per_epoch = 8192;
    o.learning_rate = 1e-4;
  }
  fc::train(*slot, values, cov, o);
  return *slot;
}

fc::Forecast run(const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options, bool fine_tune) {
  const bool weekly = info.step_days > 1;
  const auto steps = static_cast<int>(history.rows());
  const fc::GlobalModel* model = &default_model();
  if (weekly || fine_tune) {
    const Dataset& data = dataset(info.dataset);
    const int origin = (info.first_day[0] - data.first_day) / data.step_days + steps;
    model = &trained_at(info.dataset, origin, weekly);
  }
  fc::Covariates cov(kC, Eigen::MatrixXd(steps + options.horizon, history.cols()));
  for (Eigen::Index s = 0; s < history.cols(); ++s) {
    covariates_for(info.first_day[static_cast<std::size_t>(s)], steps + options.horizon, info.step_days,
                   static_cast<int>(s), cov);
  }
  return model->forecast(history, cov, options);
}

}  // namespace

std::vector<BenchModel> global_bench_models() {
  return {
      {"global",
       [](const fc::Batch& h, const BatchInfo& i, const fc::ForecastOptions& o) { return run(h, i, o, false); }, 64},
      {"global_ft",
       [](const fc::Batch& h, const BatchInfo& i, const fc::ForecastOptions& o) { return run(h, i, o, true); }, 64},
  };
}

}  // namespace peaksim::bench
