#include "bench/backtest.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace peaksim::bench {

namespace fc = peaksim::forecasting;

namespace {

// One call of a model: columns [first, first + count) of a plan group.
struct Job {
  std::size_t group;
  std::size_t first;
  std::size_t count;
};

std::vector<Job> make_jobs(const BacktestPlan& plan, int chunk) {
  std::vector<Job> jobs;
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    const std::size_t size = plan.groups[g].series.size();
    const std::size_t step = chunk > 0 ? static_cast<std::size_t>(chunk) : size;
    for (std::size_t first = 0; first < size; first += step) jobs.push_back({g, first, std::min(step, size - first)});
  }
  return jobs;
}

fc::Forecast run_job(const Dataset& data, const BacktestPlan::Group& group, const Job& job, const BenchModel& model,
                     const fc::ForecastOptions& options) {
  fc::Batch history(group.length, static_cast<Eigen::Index>(job.count));
  BatchInfo info{.dataset = data.name,
                 .step_days = data.step_days,
                 .season = data.season,
                 .first_day = {},
                 .series_id = {},
                 .data = &data};
  for (std::size_t k = 0; k < job.count; ++k) {
    const SeriesData& s = data.series[group.series[job.first + k]];
    // The training values are the series' first `length` values: it starts `length` steps before the origin.
    for (int t = 0; t < group.length; ++t) history(t, static_cast<Eigen::Index>(k)) = s.values[t];
    info.first_day.push_back(data.first_day + s.start * data.step_days);
    info.series_id.push_back(s.id);
  }
  fc::Forecast f = model.run(history, info, options);
  const auto columns = static_cast<Eigen::Index>(job.count);
  bool shaped =
      f.mean.rows() == options.horizon && f.mean.cols() == columns && f.quantiles.size() == options.levels.size();
  for (const Eigen::MatrixXd& q : f.quantiles) shaped = shaped && q.rows() == options.horizon && q.cols() == columns;
  if (!shaped) throw std::runtime_error("returned a forecast of the wrong shape");
  return f;
}

}  // namespace

BacktestPlan plan_backtest(const Dataset& data, const BacktestOptions& options) {
  const int horizon = data.horizon;
  if (options.origins < 1 || options.validation < 0 ||
      data.length < (options.origins + options.validation + 1) * horizon) {
    throw std::invalid_argument(
        data.name + ": " + std::to_string(data.length) + " steps cannot hold " + std::to_string(options.origins) +
        " origins of horizon " + std::to_string(horizon) + " after some history" +
        (options.validation > 0 ? " and " + std::to_string(options.validation) + " horizons held back for validation"
                                : std::string()));
  }
  BacktestPlan plan;
  const int min_train = options.min_train_horizons * horizon;
  for (int k = options.origins; k >= 1; --k) {
    const int origin = data.length - (k + options.validation) * horizon;
    plan.origins.push_back(origin);
    std::map<int, std::vector<std::size_t>> by_length;  // ordered: the plan does not depend on hashing
    for (std::size_t s = 0; s < data.series.size(); ++s) {
      const SeriesData& series = data.series[s];
      if (origin - series.start < min_train) {
        ++plan.too_short;
      } else if (series.end() < origin + horizon) {
        ++plan.not_covering;
      } else {
        by_length[origin - series.start].push_back(s);
        ++plan.windows;
      }
    }
    for (auto& [length, members] : by_length) plan.groups.push_back({origin, length, std::move(members)});
  }
  return plan;
}

ModelResult run_backtest(const Dataset& data, const BacktestPlan& plan, const BenchModel& model, int threads) {
  const fc::ForecastOptions options{.horizon = data.horizon, .levels = benchmark_levels(), .non_negative = true};
  const std::vector<Job> jobs = make_jobs(plan, model.chunk);
  std::vector<fc::Forecast> results(jobs.size());

  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::string failure;
  const auto worker = [&] {
    for (std::size_t j = next++; j < jobs.size(); j = next++) {
      try {
        results[j] = run_job(data, plan.groups[jobs[j].group], jobs[j], model, options);
      } catch (const std::exception& e) {
        const std::lock_guard lock(failure_mutex);
        if (failure.empty()) failure = e.what();
        next = jobs.size();
      }
    }
  };
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  ModelResult out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!failure.empty()) throw std::runtime_error("model " + model.name + " on " + data.name + ": " + failure);

  AccuracyAccumulator accuracy(data.season);
  std::vector<std::span<const double>> quantiles(options.levels.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const BacktestPlan::Group& group = plan.groups[jobs[j].group];
    const fc::Forecast& f = results[j];
    for (std::size_t k = 0; k < jobs[j].count; ++k) {
      const SeriesData& s = data.series[group.series[jobs[j].first + k]];
      const auto column = static_cast<Eigen::Index>(k);
      const std::span<const double> values(s.values);
      const auto origin = static_cast<std::size_t>(group.length);  // index of the origin within the series
      const auto horizon = static_cast<std::size_t>(data.horizon);
      for (std::size_t l = 0; l < quantiles.size(); ++l) quantiles[l] = {f.quantiles[l].col(column).data(), horizon};
      const double mase = accuracy.add(values.first(origin), values.subspan(origin, horizon),
                                       {f.mean.col(column).data(), horizon}, quantiles);
      out.windows.push_back({group.series[jobs[j].first + k], group.origin, mase});
    }
  }
  out.accuracy = accuracy.summary();
  return out;
}

}  // namespace peaksim::bench
