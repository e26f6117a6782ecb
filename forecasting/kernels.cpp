// The CPU filters. Each block of kBlock series keeps its states in small local arrays (they stay in L1) and
// sweeps time once; within a time step the loop over the block's series calls recursions.hpp's step (the same
// function models.cpp and the CUDA kernels call) and is branch-free, so that it vectorises.
#include "forecasting/kernels.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

#include "forecasting/recursions.hpp"

namespace peaksim::forecasting {

namespace {

constexpr int kBlock = 256;  // series per block: states of a block fit in L1 for periods up to ~50

// A block's view of the batch: series [first, first + count) of S.
template <typename Real>
struct Block {
  const FilterInput<Real>& in;
  FilterOutput<Real>& out;
  int first;
  int count;

  const Real* row(int t) const { return in.y + static_cast<std::size_t>(t) * in.series + first; }
  // Series j of the block, time-major: stride S.
  Strided<const Real> series(int j) const { return strided(in.y + first + j, static_cast<std::size_t>(in.series)); }
  Real* path_row(int h) const { return out.path.data() + static_cast<std::size_t>(h) * in.series + first; }
};

// The same forecast for every horizon.
template <typename Real>
void write_flat_path(Block<Real>& b, const Real* forecast) {
  for (int h = 0; h < b.in.horizon; ++h) std::copy_n(forecast, b.count, b.path_row(h));
}

// The damped-trend path level + (phi + ... + phi^h) trend; the seasonal filters then add their indices to it.
template <typename Real>
void write_trend_path(Block<Real>& b, const Real* level, const Real* trend, const Real* phi) {
  std::vector<DampedSum<Real>> damped(b.count);
  for (int h = 0; h < b.in.horizon; ++h) {
    Real* path = b.path_row(h);
    for (int j = 0; j < b.count; ++j) path[j] = trend_forecast(level[j], damped[j].next(phi[j]), trend[j]);
  }
}

template <typename Real>
void ses_block(Block<Real>& b) {
  const int n = b.in.steps;
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict alpha = b.in.alpha + b.first;
  std::copy_n(b.row(0), b.count, level);
  for (int t = 1; t < n; ++t) {
    const Real* __restrict y = b.row(t);
    for (int j = 0; j < b.count; ++j) {
      const Real e = ses_step(y[j], alpha[j], level[j]).error;
      sse[j] += e * e;
    }
  }
  write_flat_path(b, level);
}

template <typename Real>
void holt_block(Block<Real>& b) {
  const int n = b.in.steps;
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict trend = b.out.trend.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict alpha = b.in.alpha + b.first;
  const Real* __restrict beta = b.in.beta + b.first;
  const Real* __restrict phi = b.in.phi + b.first;
  for (int j = 0; j < b.count; ++j) holt_start(b.series(j), n, level[j], trend[j]);
  for (int t = 1; t < n; ++t) {
    const Real* __restrict y = b.row(t);
    for (int j = 0; j < b.count; ++j) {
      const Real e = holt_step(y[j], alpha[j], beta[j], phi[j], level[j], trend[j]).error;
      sse[j] += e * e;
    }
  }
  write_trend_path(b, level, trend, phi);
}

// recursions.hpp's start_from_two_seasons for a block, a time step at a time: sets level and trend, returns mean1.
template <typename Real>
std::vector<Real> start_from_two_seasons(Block<Real>& b, int m, Real* level, Real* trend) {
  std::vector<TwoSeasonMeans<Real>> means(b.count);
  for (int t = 0; t < m; ++t) {
    const Real* first = b.row(t);
    const Real* second = b.row(m + t);
    for (int j = 0; j < b.count; ++j) means[j].add(first[j], second[j]);
  }
  std::vector<Real> mean1(b.count);
  for (int j = 0; j < b.count; ++j) means[j].start(m, mean1[j], trend[j], level[j]);
  return mean1;
}

// recursions.hpp's double_seasonal_start for a block, a row at a time: d is m1 x count, w m2 x count.
template <typename Real>
void double_seasonal_start(Block<Real>& b, Real* level, Real* trend, Real* d, Real* w) {
  const int m1 = b.in.period, m2 = b.in.period2;
  const auto count = static_cast<std::size_t>(b.count);
  const std::vector<Real> mean1 = start_from_two_seasons(b, m2, level, trend);
  std::fill(d, d + m1 * count, Real(0));
  std::vector<Real> observed(m1 * count, Real(0));  // per short-season position
  for (int i = 0; i < m2; ++i) {
    const Real* y = b.row(i);
    Real* wi = w + i * count;
    Real* dk = d + (i % m1) * count;
    Real* seen = observed.data() + (i % m1) * count;
    for (int j = 0; j < b.count; ++j) {
      wi[j] = detrended(y[j], mean1[j], trend[j], i, m2);
      dk[j] += wi[j];
      seen[j] += missing(y[j]) ? Real(0) : Real(1);
    }
  }
  for (std::size_t k = 0; k < m1 * count; ++k) d[k] = short_season_index(d[k], observed[k]);
  for (int i = 0; i < m2; ++i) {
    const Real* y = b.row(i);
    const Real* dk = d + (i % m1) * count;
    Real* wi = w + i * count;
    for (int j = 0; j < b.count; ++j) wi[j] = long_season_index(y[j], wi[j], dk[j]);
  }
}

// One time step of Holt-Winters over `count` series. The pointers are parameters so that GCC honours __restrict
// (it ignores it on local variables) and vectorises the loop without run-time alias checks.
template <bool kMultiplicative, typename Real>
void holt_winters_row(int count, const Real* __restrict y, Real* __restrict s, Real* __restrict level,
                      Real* __restrict trend, Real* __restrict sse, const Real* __restrict alpha,
                      const Real* __restrict beta, const Real* __restrict gamma, const Real* __restrict phi) {
  for (int j = 0; j < count; ++j) {
    const Real e =
        holt_winters_step<kMultiplicative>(y[j], alpha[j], beta[j], gamma[j], phi[j], level[j], trend[j], s[j]).error;
    sse[j] += e * e;
  }
}

template <bool kMultiplicative, typename Real>
void holt_winters_block(Block<Real>& b) {
  const int n = b.in.steps;
  const int m = b.in.period;
  const auto count = static_cast<std::size_t>(b.count);
  std::vector<Real> season(static_cast<std::size_t>(m) * count);  // row i: the index used at t with t mod m == i
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict trend = b.out.trend.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict phi = b.in.phi + b.first;
  const std::vector<Real> mean1 = start_from_two_seasons(b, m, level, trend);
  for (int i = 0; i < m; ++i) {
    const Real* y = b.row(i);
    Real* row = season.data() + i * count;
    for (int j = 0; j < b.count; ++j) row[j] = initial_season_index<kMultiplicative>(y[j], mean1[j], trend[j], i, m);
  }
  for (int t = m, i = 0; t < n; ++t, i = i + 1 == m ? 0 : i + 1) {  // i = t mod m
    holt_winters_row<kMultiplicative>(b.count, b.row(t), season.data() + i * count, level, trend, sse,
                                      b.in.alpha + b.first, b.in.beta + b.first, b.in.gamma + b.first, phi);
  }
  for (int r = 0; r < m; ++r) {
    std::copy_n(season.data() + r * count, b.count,
                b.out.season.data() + static_cast<std::size_t>(r) * b.in.series + b.first);
  }
  write_trend_path(b, level, trend, phi);
  for (int h = 1; h <= b.in.horizon; ++h) {
    Real* path = b.path_row(h - 1);
    const Real* indices = season.data() + static_cast<std::size_t>((n - 1 + h) % m) * count;
    for (int j = 0; j < b.count; ++j) path[j] = seasonal_forecast<kMultiplicative>(path[j], indices[j]);
  }
}

// One time step of the double-seasonal Holt-Winters over `count` series (pointers as in holt_winters_row).
template <typename Real>
void double_seasonal_row(int count, const Real* __restrict y, Real* __restrict d, Real* __restrict w,
                         Real* __restrict level, Real* __restrict trend, Real* __restrict sse,
                         const Real* __restrict alpha, const Real* __restrict beta, const Real* __restrict gamma,
                         const Real* __restrict delta, const Real* __restrict phi) {
  for (int j = 0; j < count; ++j) {
    const Real e =
        double_seasonal_step(y[j], alpha[j], beta[j], gamma[j], delta[j], phi[j], level[j], trend[j], d[j], w[j]).error;
    sse[j] += e * e;
  }
}

// The two seasons of a block: d is m1 x count (row k: the index used at t mod m1 == k), w m2 x count.
template <typename Real>
void double_seasonal_block(Block<Real>& b) {
  const int n = b.in.steps, m1 = b.in.period, m2 = b.in.period2;
  const auto count = static_cast<std::size_t>(b.count);
  std::vector<Real> d(static_cast<std::size_t>(m1) * count), w(static_cast<std::size_t>(m2) * count);
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict trend = b.out.trend.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict phi = b.in.phi + b.first;
  double_seasonal_start(b, level, trend, d.data(), w.data());
  for (int t = m2, i = 0, k = m2 % m1; t < n; ++t) {  // i = t mod m2, k = t mod m1
    double_seasonal_row(b.count, b.row(t), d.data() + k * count, w.data() + i * count, level, trend, sse,
                        b.in.alpha + b.first, b.in.beta + b.first, b.in.gamma + b.first, b.in.delta + b.first, phi);
    i = i + 1 == m2 ? 0 : i + 1;
    k = k + 1 == m1 ? 0 : k + 1;
  }
  // Output rows: the first season's m1, then the second's m2.
  for (int r = 0; r < m1 + m2; ++r) {
    const Real* from = r < m1 ? d.data() + r * count : w.data() + (r - m1) * count;
    std::copy_n(from, b.count, b.out.season.data() + static_cast<std::size_t>(r) * b.in.series + b.first);
  }
  write_trend_path(b, level, trend, phi);
  for (int h = 1; h <= b.in.horizon; ++h) {
    Real* path = b.path_row(h - 1);
    const Real* dh = d.data() + static_cast<std::size_t>((n - 1 + h) % m1) * count;
    const Real* wh = w.data() + static_cast<std::size_t>((n - 1 + h) % m2) * count;
    for (int j = 0; j < b.count; ++j) path[j] = path[j] + dh[j] + wh[j];
  }
}

// One time step of Croston or SBA (kTsb false) or TSB over `count` series (pointers as in holt_winters_row);
// occurrence is the interval between demands or the probability of demand.
template <bool kTsb, typename Real>
void intermittent_row(int count, const Real* __restrict y, const Real* __restrict factor, const Real* __restrict alpha,
                      const Real* __restrict beta, Real* __restrict size, Real* __restrict occurrence,
                      Real* __restrict since, Real* __restrict started, Real* __restrict sse) {
  for (int j = 0; j < count; ++j) {
    const Real e = intermittent_step<kTsb>(y[j], factor[j], alpha[j], kTsb ? beta[j] : Real(0), size[j], occurrence[j],
                                           since[j], started[j]);
    sse[j] += e * e;
  }
}

// Croston, SBA or TSB over a block: a flat path.
template <bool kTsb, typename Real>
void intermittent_block(Block<Real>& b) {
  const auto count = static_cast<std::size_t>(b.count);
  Real* size = b.out.level.data() + b.first;
  Real* occurrence = b.out.occurrence.data() + b.first;  // starts at 0 (run_filters' assign)
  Real* sse = b.out.sse.data() + b.first;
  const Real* alpha = b.in.alpha + b.first;
  const Real* beta = kTsb ? b.in.beta + b.first : nullptr;
  std::vector<Real> since(count, Real(1)), started(count, Real(0)), factor(count), forecast(count);
  for (std::size_t j = 0; j < count; ++j) factor[j] = croston_factor(b.in.filter == Filter::kSba, alpha[j]);
  for (int t = 0; t < b.in.steps; ++t) {
    intermittent_row<kTsb>(b.count, b.row(t), factor.data(), alpha, beta, size, occurrence, since.data(),
                           started.data(), sse);
  }
  for (std::size_t j = 0; j < count; ++j) {
    forecast[j] = intermittent_forecast<kTsb>(factor[j], size[j], occurrence[j], started[j]);
  }
  write_flat_path(b, forecast.data());
}

template <typename Real>
void run_block(Block<Real>& b) {
  switch (b.in.filter) {
    case Filter::kSes:
      return ses_block(b);
    case Filter::kHoltDamped:
      return holt_block(b);
    case Filter::kHoltWintersAdditive:
      return holt_winters_block<false>(b);
    case Filter::kHoltWintersMultiplicative:
      return holt_winters_block<true>(b);
    case Filter::kCroston:
    case Filter::kSba:
      return intermittent_block<false>(b);
    case Filter::kTsb:
      return intermittent_block<true>(b);
    case Filter::kHoltWintersDouble:
      return double_seasonal_block(b);
  }
}

bool seasonal(Filter filter) {
  return filter == Filter::kHoltWintersAdditive || filter == Filter::kHoltWintersMultiplicative ||
         filter == Filter::kHoltWintersDouble;
}

bool intermittent(Filter filter) {
  return filter == Filter::kCroston || filter == Filter::kSba || filter == Filter::kTsb;
}

}  // namespace

const char* filter_name(Filter filter) {
  switch (filter) {
    case Filter::kSes:
      return "SES";
    case Filter::kHoltDamped:
      return "Holt damped";
    case Filter::kHoltWintersAdditive:
      return "Holt-Winters additive";
    case Filter::kHoltWintersMultiplicative:
      return "Holt-Winters multiplicative";
    case Filter::kCroston:
      return "Croston";
    case Filter::kSba:
      return "SBA";
    case Filter::kTsb:
      return "TSB";
    case Filter::kHoltWintersDouble:
      return "double-seasonal Holt-Winters";
  }
  return "unknown";
}

int filter_min_steps(Filter filter, int period, int period2) {
  switch (filter) {
    case Filter::kHoltWintersDouble:
      return 2 * period2;
    case Filter::kHoltDamped:
      return 3;
    case Filter::kHoltWintersAdditive:
    case Filter::kHoltWintersMultiplicative:
      return 2 * period;
    default:
      return 1;
  }
}

template <typename Real>
void check_filter_input(const FilterInput<Real>& in) {
  const std::string name = filter_name(in.filter);
  if (in.series < 1) throw std::invalid_argument(name + " filter: no series");
  if (seasonal(in.filter) && in.period < 1) throw std::invalid_argument(name + " filter: period must be >= 1");
  const bool two_seasons = in.filter == Filter::kHoltWintersDouble;
  if (two_seasons && in.period2 <= in.period) {
    throw std::invalid_argument(name + " filter: period2 must be greater than period");
  }
  const int min_steps = filter_min_steps(in.filter, in.period, in.period2);
  if (in.steps < min_steps) {
    throw std::invalid_argument(name + " filter: needs at least " + std::to_string(min_steps) + " steps, got " +
                                std::to_string(in.steps));
  }
  if (in.horizon < 0) throw std::invalid_argument(name + " filter: negative horizon");
  const bool trended = in.filter == Filter::kHoltDamped || seasonal(in.filter);
  const bool needs_beta = trended || in.filter == Filter::kTsb;
  if (in.y == nullptr || in.alpha == nullptr || (needs_beta && in.beta == nullptr) || (trended && in.phi == nullptr) ||
      (seasonal(in.filter) && in.gamma == nullptr) || (two_seasons && in.delta == nullptr)) {
    throw std::invalid_argument(name + " filter: the values or a parameter array it needs are missing");
  }
}

template <typename Real>
void run_filters(const FilterInput<Real>& in, FilterOutput<Real>& out, int threads) {
  check_filter_input(in);
  const auto s = static_cast<std::size_t>(in.series);
  out.sse.assign(s, Real(0));
  out.level.assign(s, Real(0));
  out.trend.assign(s, Real(0));
  const int season_rows = in.filter == Filter::kHoltWintersDouble ? in.period + in.period2 : in.period;
  out.season.assign(seasonal(in.filter) ? s * season_rows : 0, Real(0));
  out.path.assign(s * in.horizon, Real(0));
  out.occurrence.assign(intermittent(in.filter) ? s : 0, Real(0));

  const int blocks = (in.series + kBlock - 1) / kBlock;
  const int workers = std::clamp(threads, 1, blocks);
  // Worker w takes blocks w, w + workers, ...: which thread runs a block never changes what it computes.
  auto work = [&](int w) {
    for (int k = w; k < blocks; k += workers) {
      Block<Real> block{in, out, k * kBlock, std::min(kBlock, in.series - k * kBlock)};
      run_block(block);
    }
  };
  if (workers == 1) return work(0);
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (int w = 0; w < workers; ++w) pool.emplace_back(work, w);
  for (std::thread& thread : pool) thread.join();
}

template void check_filter_input(const FilterInput<float>&);
template void check_filter_input(const FilterInput<double>&);
template void run_filters(const FilterInput<float>&, FilterOutput<float>&, int);
template void run_filters(const FilterInput<double>&, FilterOutput<double>&, int);

}  // namespace peaksim::forecasting
