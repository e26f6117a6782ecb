#include "bench/global_bench_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "bench/datasets.hpp"
#include "forecasting/global_train.hpp"
#include "forecasting/global_weights_hdf5.hpp"
#include "sim/calendar/forecast_covariates.hpp"

namespace peaksim::bench {
namespace {

namespace fc = peaksim::forecasting;
constexpr int kC = peaksim::kDailyCovariates;

// Covariates of `steps` grid steps, the first ending on day `first` (sim/calendar/forecast_covariates.hpp: a weekly
// step takes each festival's highest proximity over the week and the day of year of its last day).
void covariates_for(int first, int steps, int step_days, int column, fc::Covariates& out) {
  const std::vector<double> rows = step_covariates(cal::Date::from_days(first), steps, step_days);
  for (int t = 0; t < steps; ++t) {
    for (int c = 0; c < kC; ++c)
      out[static_cast<std::size_t>(c)](t, column) = rows[static_cast<std::size_t>(t * kC + c)];
  }
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

// Settings of global_trained: a model trained from scratch at each origin on the data set's own values before it,
// with the seasonal features of GlobalConfig::season. The defaults per frequency were chosen on validation
// origins (forecast_accuracy --validation 4, docs/forecasting.md); PEAKSIM_GLOBAL_SETTINGS="key=value,..." overrides
// them for tuning (keys: lags, width, layers, epochs, windows, lr, length, seeds, season, scale_window, neighbours,
// cycles, recent, annual, covariates, clip, mean_weight).
struct TrainedSettings {
  int lags = 28;
  int width = 64;
  int layers = 2;
  int epochs = 30;
  int windows = 8192;
  double lr = 1e-3;
  int length = 364;  // training steps before the origin
  int seeds = 3;     // a fixed seed-ensemble of the same network: seeds 1..seeds, quantiles averaged
  int season = 7;    // the seasonal design of GlobalConfig (0: level-scaled lags only)
  int scale_window = 28;
  int neighbours = 0;
  int cycles = 4;
  int recent = 14;
  int annual = 0;            // steps in a year for last year's lift (GlobalConfig::annual); 0: off
  int covariates = 0;        // 1: the 10 calendar covariates per step (worse on the validation origins)
  double clip = 5;           // TrainOptions::target_clip (the trainer's default is 25)
  double mean_weight = 0.5;  // TrainOptions::mean_weight
};

TrainedSettings trained_settings(bool weekly) {
  TrainedSettings t;
  if (weekly) {
    t.lags = 8;
    t.epochs = 80;
    t.lr = 3e-4;
    t.length = 130;
    t.season = 52;
    t.scale_window = 8;
    t.neighbours = 3;
    t.cycles = 1;
    t.recent = 4;
    t.seeds = 3;
    t.clip = 10;
  }
  const char* text = std::getenv("PEAKSIM_GLOBAL_SETTINGS");
  std::stringstream items(text ? text : "");
  std::string item;
  while (std::getline(items, item, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("PEAKSIM_GLOBAL_SETTINGS: expected key=value: " + item);
    const std::string key = item.substr(0, eq);
    const double v = std::stod(item.substr(eq + 1));
    const int i = static_cast<int>(v);
    if (key == "lags")
      t.lags = i;
    else if (key == "width")
      t.width = i;
    else if (key == "layers")
      t.layers = i;
    else if (key == "epochs")
      t.epochs = i;
    else if (key == "windows")
      t.windows = i;
    else if (key == "lr")
      t.lr = v;
    else if (key == "length")
      t.length = i;
    else if (key == "seeds")
      t.seeds = i;
    else if (key == "season")
      t.season = i;
    else if (key == "scale_window")
      t.scale_window = i;
    else if (key == "neighbours")
      t.neighbours = i;
    else if (key == "cycles")
      t.cycles = i;
    else if (key == "recent")
      t.recent = i;
    else if (key == "annual")
      t.annual = i;
    else if (key == "covariates")
      t.covariates = i;
    else if (key == "clip")
      t.clip = v;
    else if (key == "mean_weight")
      t.mean_weight = v;
    else
      throw std::invalid_argument("PEAKSIM_GLOBAL_SETTINGS: unknown key " + key);
  }
  return t;
}

// Series values (and their covariates) of the last `wanted` steps before `origin`, of every series that has them;
// the length is cut to the history of the `least`-th longest series when fewer reach back that far.
void training_batch(const Dataset& data, int origin, int wanted, std::size_t least_wanted, fc::Batch& values,
                    fc::Covariates& cov) {
  std::vector<int> histories;  // steps before the origin, per series that reaches it
  for (const SeriesData& s : data.series) {
    if (s.start < origin && s.end() >= origin) histories.push_back(origin - s.start);
  }
  std::sort(histories.rbegin(), histories.rend());
  const std::size_t least = std::clamp<std::size_t>(least_wanted, 1, std::max<std::size_t>(histories.size(), 1));
  const int length = std::min(wanted, histories.empty() ? 0 : histories[least - 1]);
  std::vector<const SeriesData*> used;
  for (const SeriesData& s : data.series) {
    if (s.start <= origin - length && s.end() >= origin) used.push_back(&s);
  }
  values.resize(length, static_cast<Eigen::Index>(used.size()));
  cov.assign(kC, Eigen::MatrixXd(length, static_cast<Eigen::Index>(used.size())));
  for (std::size_t k = 0; k < used.size(); ++k) {
    const auto col = static_cast<Eigen::Index>(k);
    for (int t = 0; t < length; ++t)
      values(t, col) = used[k]->values[static_cast<std::size_t>(origin - length - used[k]->start + t)];
    covariates_for(data.first_day + (origin - length) * data.step_days, length, data.step_days, static_cast<int>(k),
                   cov);
  }
}

// The last min(wanted, origin) steps before `origin` of every series observed then, with NaN before a series
// starts (the trainer skips windows that reach there), and their covariates.
void padded_batch(const Dataset& data, int origin, int wanted, fc::Batch& values, fc::Covariates& cov) {
  const int length = std::min(wanted, origin);
  std::vector<const SeriesData*> used;
  for (const SeriesData& s : data.series) {
    if (s.start < origin && s.end() >= origin) used.push_back(&s);
  }
  const int first = origin - length;
  values.resize(length, static_cast<Eigen::Index>(used.size()));
  cov.assign(kC, Eigen::MatrixXd(length, static_cast<Eigen::Index>(used.size())));
  for (std::size_t k = 0; k < used.size(); ++k) {
    const auto col = static_cast<Eigen::Index>(k);
    for (int t = 0; t < length; ++t) {
      const int step = first + t;
      values(t, col) = step < used[k]->start ? std::numeric_limits<double>::quiet_NaN()
                                             : used[k]->values[static_cast<std::size_t>(step - used[k]->start)];
    }
    covariates_for(data.first_day + first * data.step_days, length, data.step_days, static_cast<int>(k), cov);
  }
}

// The data set a batch comes from: the harness's own (its --data folder and --max-series cut).
const Dataset& data_of(const BatchInfo& info) {
  if (!info.data) throw std::invalid_argument("the learned global model needs BatchInfo::data, the backtested set");
  return *info.data;
}

// The seed-ensemble of global_trained for one (data set, origin). Cached by the data set's name (one folder per
// process); built once under a lock.
const std::vector<fc::GlobalModel>& trained_from_scratch(const Dataset& data, int origin, bool weekly) {
  static std::mutex lock;
  static std::map<std::pair<std::string, int>, std::unique_ptr<std::vector<fc::GlobalModel>>> cache;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = cache[{data.name, origin}];
  if (slot) return *slot;
  const TrainedSettings t = trained_settings(weekly);
  fc::Batch values;
  fc::Covariates cov;
  padded_batch(data, origin, t.length, values, cov);
  if (t.covariates == 0) cov.clear();
  fc::GlobalConfig c;
  c.lags = t.lags;
  c.horizon = data.horizon;
  c.covariates = static_cast<int>(cov.size());
  c.hidden.assign(static_cast<std::size_t>(t.layers), t.width);
  c.season = t.season;
  c.scale_window = t.scale_window;
  c.season_neighbours = t.neighbours;
  c.season_cycles = t.cycles;
  c.recent = t.recent;
  c.annual = t.annual;
  c.frequency = weekly ? "weekly" : "daily";
  // Filled before it is cached: a training run that throws leaves no empty entry for the next caller.
  auto models = std::make_unique<std::vector<fc::GlobalModel>>();
  for (int seed = 1; seed <= t.seeds; ++seed) {
    fc::GlobalModel model(c);
    fc::TrainOptions o;
    o.seed = static_cast<std::uint64_t>(seed);
    o.epochs = t.epochs;
    o.windows_per_epoch = t.windows;
    o.learning_rate = t.lr;
    o.target_clip = t.clip;
    o.mean_weight = t.mean_weight;
    const fc::TrainReport r = fc::train(model, values, cov, o);
    if (std::getenv("PEAKSIM_GLOBAL_VERBOSE")) {
      std::fprintf(stderr,
                   "    global_trained %s origin %d seed %d: %ld series x %ld steps, %d epochs (best %d), held-out "
                   "%.3f -> %.3f\n",
                   data.name.c_str(), origin, seed, static_cast<long>(values.cols()), static_cast<long>(values.rows()),
                   r.epochs, r.best_epoch, r.initial_loss, r.validation_loss);
    }
    models->push_back(std::move(model));
  }
  slot = std::move(models);
  return *slot;
}

// The model for one (data set, origin): trained or fine-tuned on the last `length` steps before the origin of
// every series that has them. Cached; built once under a lock.
const fc::GlobalModel& trained_at(const Dataset& data, int origin, bool weekly) {
  static std::mutex lock;
  static std::map<std::pair<std::string, int>, std::unique_ptr<fc::GlobalModel>> cache;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = cache[{data.name, origin}];
  if (slot) return *slot;
  fc::Batch values;
  fc::Covariates cov;
  training_batch(data, origin, weekly ? 130 : 364, 50, values, cov);
  fc::TrainOptions o;
  o.seed = 1;
  std::unique_ptr<fc::GlobalModel> model;
  if (weekly) {
    model = std::make_unique<fc::GlobalModel>(weekly_config());
    o.epochs = 40;
    o.windows_per_epoch = 8192;
  } else {
    model = std::make_unique<fc::GlobalModel>(default_model());
    o.epochs = 2;  // fine-tuning moves the default only a little: longer runs overfit (docs/forecasting.md)
    o.windows_per_epoch = 8192;
    o.learning_rate = 1e-4;
  }
  fc::train(*model, values, cov, o);
  slot = std::move(model);  // cached only once trained
  return *slot;
}

fc::Forecast run(const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options, bool fine_tune) {
  const bool weekly = info.step_days > 1;
  const auto steps = static_cast<int>(history.rows());
  const fc::GlobalModel* model = &default_model();
  if (weekly || fine_tune) {
    const Dataset& data = data_of(info);
    const int origin = (info.first_day[0] - data.first_day) / data.step_days + steps;
    model = &trained_at(data, origin, weekly);
  }
  fc::Covariates cov(kC, Eigen::MatrixXd(steps + options.horizon, history.cols()));
  for (Eigen::Index s = 0; s < history.cols(); ++s) {
    covariates_for(info.first_day[static_cast<std::size_t>(s)], steps + options.horizon, info.step_days,
                   static_cast<int>(s), cov);
  }
  return model->forecast(history, cov, options);
}

// global_trained: the mean and every quantile averaged over the seed-ensemble (quantiles stay monotone).
fc::Forecast run_trained(const fc::Batch& history, const BatchInfo& info, const fc::ForecastOptions& options) {
  const bool weekly = info.step_days > 1;
  const auto steps = static_cast<int>(history.rows());
  const Dataset& data = data_of(info);
  const int origin = (info.first_day[0] - data.first_day) / data.step_days + steps;
  const std::vector<fc::GlobalModel>& models = trained_from_scratch(data, origin, weekly);
  fc::Covariates cov(static_cast<std::size_t>(models.front().config().covariates),
                     Eigen::MatrixXd(steps + options.horizon, history.cols()));
  for (Eigen::Index s = 0; s < history.cols() && !cov.empty(); ++s) {
    covariates_for(info.first_day[static_cast<std::size_t>(s)], steps + options.horizon, info.step_days,
                   static_cast<int>(s), cov);
  }
  fc::Forecast f = models.front().forecast(history, cov, options);
  for (std::size_t k = 1; k < models.size(); ++k) {
    const fc::Forecast g = models[k].forecast(history, cov, options);
    f.mean += g.mean;
    for (std::size_t l = 0; l < f.quantiles.size(); ++l) f.quantiles[l] += g.quantiles[l];
  }
  const double n = static_cast<double>(models.size());
  f.mean /= n;
  for (Eigen::MatrixXd& q : f.quantiles) q /= n;
  return f;
}

}  // namespace

std::vector<BenchModel> global_bench_models() {
  return {
      {"global",
       [](const fc::Batch& h, const BatchInfo& i, const fc::ForecastOptions& o) { return run(h, i, o, false); }, 64},
      {"global_ft",
       [](const fc::Batch& h, const BatchInfo& i, const fc::ForecastOptions& o) { return run(h, i, o, true); }, 64},
      {"global_trained", run_trained, 64},
  };
}

}  // namespace peaksim::bench
