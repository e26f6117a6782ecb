// The CPU filters. Each block of kBlock series keeps its states in small local arrays (they stay in L1) and
// sweeps time once; within a time step the loop over the block's series is branch-free so that it vectorises.
// Conditionals of models.cpp become selects whose operands are always safe to compute.
#include "forecasting/kernels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>

namespace peaksim::forecasting {

namespace {

// The one-step error of a prediction; 0 for a missing observation (NaN), so that the update is the prediction's
// and nothing is added to the SSE (models.cpp's rule). A select, so the loops still vectorise.
template <typename Real>
inline Real error(Real y, Real prediction) {
  return y == y ? y - prediction : Real(0);
}

constexpr int kBlock = 256;  // series per block: states of a block fit in L1 for periods up to ~50

// A block's view of the batch: series [first, first + count) of S.
template <typename Real>
struct Block {
  const FilterInput<Real>& in;
  FilterOutput<Real>& out;
  int first;
  int count;

  const Real* row(int t) const { return in.y + static_cast<std::size_t>(t) * in.series + first; }
};

template <typename Real>
void write_flat_path(Block<Real>& b, const Real* level, const Real* trend, const Real* phi) {
  std::vector<Real> power(b.count, Real(1)), damped(b.count, Real(0));
  for (int h = 1; h <= b.in.horizon; ++h) {
    Real* path = b.out.path.data() + static_cast<std::size_t>(h - 1) * b.in.series + b.first;
    for (int j = 0; j < b.count; ++j) {
      if (trend == nullptr) {
        path[j] = level[j];
        continue;
      }
      power[j] *= phi[j];  // damped[j] = phi + ... + phi^h, summed in models.cpp's damped_sum order
      damped[j] += power[j];
      path[j] = level[j] + damped[j] * trend[j];
    }
  }
}

template <typename Real>
void ses_block(Block<Real>& b) {
  const int n = b.in.steps;
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict alpha = b.in.alpha + b.first;
  const Real* y0 = b.row(0);
  for (int j = 0; j < b.count; ++j) {
    level[j] = y0[j];
    sse[j] = 0;
    b.out.trend[b.first + j] = 0;
  }
  for (int t = 1; t < n; ++t) {
    const Real* __restrict y = b.row(t);
    for (int j = 0; j < b.count; ++j) {
      const Real e = error(y[j], level[j]);
      sse[j] += e * e;
      level[j] += alpha[j] * e;
    }
  }
  write_flat_path<Real>(b, level, nullptr, nullptr);
}

template <typename Real>
void holt_block(Block<Real>& b) {
  const int n = b.in.steps;
  const int span = std::min(n - 1, 3);
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict trend = b.out.trend.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict alpha = b.in.alpha + b.first;
  const Real* __restrict beta = b.in.beta + b.first;
  const Real* __restrict phi = b.in.phi + b.first;
  const Real* y0 = b.row(0);
  for (int j = 0; j < b.count; ++j) {
    int to = span;  // the last observed of y[1..span] (models.cpp's run_holt)
    while (to > 0 && std::isnan(b.row(to)[j])) --to;
    level[j] = y0[j];
    trend[j] = to > 0 ? (b.row(to)[j] - y0[j]) / static_cast<Real>(to) : Real(0);
    sse[j] = 0;
  }
  for (int t = 1; t < n; ++t) {
    const Real* __restrict y = b.row(t);
    for (int j = 0; j < b.count; ++j) {
      const Real base = level[j] + phi[j] * trend[j];
      const Real e = error(y[j], base);
      sse[j] += e * e;
      level[j] = base + alpha[j] * e;
      trend[j] = phi[j] * trend[j] + alpha[j] * beta[j] * e;
    }
  }
  write_flat_path(b, level, trend, phi);
}

// Trend = (mean of season 2 - mean of season 1) / m and the level at the end of season 1, for seasons of length m
// (models.cpp's run_holt_winters, and run_holt_winters_double with its long season); mean1 gets season 1's mean.
// The means are over the observed values (NaN when a season has none).
template <typename Real>
void start_from_two_seasons(Block<Real>& b, int m, Real* level, Real* trend, Real* mean1) {
  std::vector<Real> sum2(b.count, Real(0)), count1(b.count, Real(0)), count2(b.count, Real(0));
  std::fill(mean1, mean1 + b.count, Real(0));
  for (int t = 0; t < m; ++t) {
    const Real* y1 = b.row(t);
    const Real* y2 = b.row(m + t);
    for (int j = 0; j < b.count; ++j) {
      const bool seen1 = y1[j] == y1[j], seen2 = y2[j] == y2[j];
      mean1[j] += seen1 ? y1[j] : Real(0);
      count1[j] += seen1 ? Real(1) : Real(0);
      sum2[j] += seen2 ? y2[j] : Real(0);
      count2[j] += seen2 ? Real(1) : Real(0);
    }
  }
  const Real half_span = static_cast<Real>(0.5 * (m - 1));
  const Real none = std::numeric_limits<Real>::quiet_NaN();
  for (int j = 0; j < b.count; ++j) {
    const Real mean = count1[j] > 0 ? mean1[j] / count1[j] : none;
    const Real mean2 = count2[j] > 0 ? sum2[j] / count2[j] : none;
    trend[j] = (mean2 - mean) / static_cast<Real>(m);
    level[j] = mean + half_span * trend[j];
    mean1[j] = mean;
  }
}

// Holt-Winters initial state from the first two seasons (models.cpp's run_holt_winters).
template <bool kMultiplicative, typename Real>
void holt_winters_start(Block<Real>& b, Real* level, Real* trend, Real* season) {
  const int m = b.in.period;
  std::vector<Real> mean1(b.count);
  start_from_two_seasons(b, m, level, trend, mean1.data());
  for (int i = 0; i < m; ++i) {
    const Real offset = static_cast<Real>(i - 0.5 * (m - 1));
    const Real* y = b.row(i);
    for (int j = 0; j < b.count; ++j) {
      const Real line = mean1[j] + offset * trend[j];
      if (std::isnan(y[j])) {
        season[i * b.count + j] = kMultiplicative ? Real(1) : Real(0);  // no seasonal effect known yet
      } else if constexpr (kMultiplicative) {
        season[i * b.count + j] = line > 0 ? y[j] / line : Real(1);
      } else {
        season[i * b.count + j] = y[j] - line;
      }
    }
  }
}

// One time step of Holt-Winters over `count` series. The pointers are parameters so that GCC honours __restrict
// (it ignores it on local variables) and vectorises the loop without run-time alias checks.
template <bool kMultiplicative, typename Real>
void holt_winters_row(int count, const Real* __restrict y, Real* __restrict s, Real* __restrict level,
                      Real* __restrict trend, Real* __restrict sse, const Real* __restrict alpha,
                      const Real* __restrict beta, const Real* __restrict gamma, const Real* __restrict phi) {
  const Real tiny = static_cast<Real>(1e-12);
  for (int j = 0; j < count; ++j) {
    const Real season = s[j];
    const Real base = level[j] + phi[j] * trend[j];
    const Real prediction = kMultiplicative ? base * season : base + season;
    const Real e = error(y[j], prediction);
    sse[j] += e * e;
    Real scaled = e;
    if constexpr (kMultiplicative) {
      const Real ratio = e / (season == 0 ? Real(1) : season);  // always safe to compute
      scaled = season == 0 ? Real(0) : ratio;
    }
    level[j] = base + alpha[j] * scaled;
    trend[j] = phi[j] * trend[j] + alpha[j] * beta[j] * scaled;
    if constexpr (kMultiplicative) {
      const bool update = std::abs(base) > tiny;
      const Real updated = season + gamma[j] * e / (update ? base : Real(1));
      s[j] = update ? updated : season;
    } else {
      s[j] = season + gamma[j] * e;
    }
  }
}

template <bool kMultiplicative, typename Real>
void holt_winters_block(Block<Real>& b) {
  const int n = b.in.steps;
  const int m = b.in.period;
  std::vector<Real> season_storage(static_cast<std::size_t>(m) * b.count);
  Real* __restrict level = b.out.level.data() + b.first;
  Real* __restrict trend = b.out.trend.data() + b.first;
  Real* __restrict sse = b.out.sse.data() + b.first;
  const Real* __restrict alpha = b.in.alpha + b.first;
  const Real* __restrict beta = b.in.beta + b.first;
  const Real* __restrict gamma = b.in.gamma + b.first;
  const Real* __restrict phi = b.in.phi + b.first;
  holt_winters_start<kMultiplicative>(b, level, trend, season_storage.data());
  std::fill(sse, sse + b.count, Real(0));
  for (int t = m, i = 0; t < n; ++t, i = i + 1 == m ? 0 : i + 1) {  // i = t mod m
    holt_winters_row<kMultiplicative>(b.count, b.row(t), season_storage.data() + static_cast<std::size_t>(i) * b.count,
                                      level, trend, sse, alpha, beta, gamma, phi);
  }
  // Season row i of the output holds the index for times t with t mod m == i.
  for (int r = 0; r < m; ++r) {
    std::copy_n(season_storage.data() + static_cast<std::size_t>(r) * b.count, b.count,
                b.out.season.data() + static_cast<std::size_t>(r) * b.in.series + b.first);
  }
  std::vector<Real> power(b.count, Real(1)), damped(b.count, Real(0));
  for (int h = 1; h <= b.in.horizon; ++h) {
    Real* path = b.out.path.data() + static_cast<std::size_t>(h - 1) * b.in.series + b.first;
    const Real* s = season_storage.data() + static_cast<std::size_t>((n - 1 + h) % m) * b.count;
    for (int j = 0; j < b.count; ++j) {
      power[j] *= phi[j];
      damped[j] += power[j];
      const Real base = level[j] + damped[j] * trend[j];
      path[j] = kMultiplicative ? base * s[j] : base + s[j];
    }
  }
}

// Double-seasonal Holt-Winters initial state (models.cpp's run_holt_winters_double): trend and level from the first
// two long seasons, the detrended first long season split into the short season's mean profile (rows of d) and
// the rest (rows of w). d is m1 x count, w is m2 x count.
template <typename Real>
void double_seasonal_start(Block<Real>& b, Real* level, Real* trend, Real* d, Real* w) {
  const int m1 = b.in.period, m2 = b.in.period2;
  const auto count = static_cast<std::size_t>(b.count);
  std::vector<Real> mean1(count);
  start_from_two_seasons(b, m2, level, trend, mean1.data());
  std::fill(d, d + static_cast<std::size_t>(m1) * count, Real(0));
  std::vector<Real> members(static_cast<std::size_t>(m1) * count, Real(0));  // observed values per short position
  for (int i = 0; i < m2; ++i) {
    const Real offset = static_cast<Real>(i - 0.5 * (m2 - 1));
    const Real* y = b.row(i);
    Real* wi = w + static_cast<std::size_t>(i) * count;
    Real* dk = d + static_cast<std::size_t>(i % m1) * count;
    Real* seen = members.data() + static_cast<std::size_t>(i % m1) * count;
    for (int j = 0; j < b.count; ++j) {
      const bool observed = y[j] == y[j];
      wi[j] = observed ? y[j] - (mean1[j] + offset * trend[j]) : Real(0);
      dk[j] += wi[j];
      seen[j] += observed ? Real(1) : Real(0);
    }
  }
  for (int k = 0; k < m1; ++k) {  // the mean over the observed i < m2 with i mod m1 == k
    for (int j = 0; j < b.count; ++j) {
      const Real n = members[k * count + j];
      d[k * count + j] = n > 0 ? d[k * count + j] / n : Real(0);
    }
  }
  for (int i = 0; i < m2; ++i) {
    const Real* y = b.row(i);
    for (int j = 0; j < b.count; ++j)
      w[i * count + j] = y[j] == y[j] ? w[i * count + j] - d[(i % m1) * count + j] : Real(0);
  }
}

// One time step of the double-seasonal Holt-Winters over `count` series (pointers as in holt_winters_row).
template <typename Real>
void double_seasonal_row(int count, const Real* __restrict y, Real* __restrict d, Real* __restrict w,
                         Real* __restrict level, Real* __restrict trend, Real* __restrict sse,
                         const Real* __restrict alpha, const Real* __restrict beta, const Real* __restrict gamma,
                         const Real* __restrict delta, const Real* __restrict phi) {
  for (int j = 0; j < count; ++j) {
    const Real base = level[j] + phi[j] * trend[j];
    const Real e = error(y[j], base + d[j] + w[j]);
    sse[j] += e * e;
    level[j] = base + alpha[j] * e;
    trend[j] = phi[j] * trend[j] + alpha[j] * beta[j] * e;
    d[j] += gamma[j] * e;
    w[j] += delta[j] * e;
  }
}

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
  std::fill(sse, sse + b.count, Real(0));
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
  std::vector<Real> power(count, Real(1)), damped(count, Real(0));
  for (int h = 1; h <= b.in.horizon; ++h) {
    Real* path = b.out.path.data() + static_cast<std::size_t>(h - 1) * b.in.series + b.first;
    const Real* dh = d.data() + static_cast<std::size_t>((n - 1 + h) % m1) * count;
    const Real* wh = w.data() + static_cast<std::size_t>((n - 1 + h) % m2) * count;
    for (int j = 0; j < b.count; ++j) {
      power[j] *= phi[j];
      damped[j] += power[j];
      path[j] = level[j] + damped[j] * trend[j] + dh[j] + wh[j];
    }
  }
}

// mask ? a : b for a mask of 0 or 1 and finite a, b, exactly (1 * a + 0 * b == a). The intermittent rows use
// arithmetic where a select could leave a stored state unchanged: GCC turns such a select into a conditional
// store, and a loop with one does not vectorise.
template <typename Real>
inline Real pick(Real mask, Real a, Real b) {
  return mask * a + (Real(1) - mask) * b;
}

// One time step of Croston or SBA (kTsb false: models.cpp's run_croston) or TSB (run_tsb) over `count` series;
// occurrence is the interval between demands (Croston, SBA) or the probability of demand (TSB). Before its first
// demand a series has started = 0, size = occurrence = 0, and `since` counts the steps from t = -1; the updates
// then run with alpha 1, so that the first demand sets size = y and the interval = its position + 1 (probability:
// 1 / that) exactly, and no error is summed until then. Multiplying by a 0/1 mask, or adding 0, leaves a finite
// value exactly as models.cpp's branches would.
template <bool kTsb, typename Real>
void intermittent_row(int count, const Real* __restrict y, const Real* __restrict factor, const Real* __restrict alpha,
                      const Real* __restrict beta, Real* __restrict size, Real* __restrict occurrence,
                      Real* __restrict since, Real* __restrict started, Real* __restrict sse) {
  for (int j = 0; j < count; ++j) {
    // A missing step (NaN) is skipped: value 0 with observed 0 changes no state and adds no error.
    const Real observed = y[j] == y[j] ? Real(1) : Real(0);
    const Real value = y[j] == y[j] ? y[j] : Real(0), s = size[j], o = occurrence[j], q = since[j], on = started[j];
    const Real demand = value != 0 ? Real(1) : Real(0);
    const Real a = pick(on, alpha[j], Real(1));
    Real e;
    if constexpr (kTsb) {
      e = (value - o * s) * (on * observed);
      const Real moved = pick(demand, o + beta[j] * (Real(1) - o), o - beta[j] * o);
      occurrence[j] = pick(on, pick(observed, moved, o), demand * (Real(1) / q));
    } else {
      e = (value - factor[j] * s / (o + (Real(1) - on))) * (on * observed);  // the divisor is the interval once on
      occurrence[j] = o + demand * (a * (q - o));
    }
    sse[j] += e * e;
    size[j] = s + demand * (a * (value - s));
    since[j] = value != 0 ? Real(1) : q + observed;
    started[j] = on > demand ? on : demand;
  }
}

// Croston, SBA or TSB over a block. The path is flat: Croston and SBA's factor * size / interval, TSB's
// probability * size, and 0 for a series that never had a demand.
template <typename Real>
void intermittent_block(Block<Real>& b) {
  const auto count = static_cast<std::size_t>(b.count);
  Real* size = b.out.level.data() + b.first;
  Real* occurrence = b.out.occurrence.data() + b.first;  // interval (Croston, SBA) or probability (TSB)
  Real* sse = b.out.sse.data() + b.first;
  const Real* alpha = b.in.alpha + b.first;
  std::vector<Real> since(count, Real(1)), started(count, Real(0)), factor(count, Real(1)), forecast(count);
  if (b.in.filter == Filter::kSba) {
    for (std::size_t j = 0; j < count; ++j) factor[j] = Real(1) - alpha[j] / Real(2);
  }
  const bool tsb = b.in.filter == Filter::kTsb;
  const Real* beta = tsb ? b.in.beta + b.first : nullptr;
  for (int t = 0; t < b.in.steps; ++t) {
    auto* row = tsb ? intermittent_row<true, Real> : intermittent_row<false, Real>;
    row(b.count, b.row(t), factor.data(), alpha, beta, size, occurrence, since.data(), started.data(), sse);
  }
  for (std::size_t j = 0; j < count; ++j) {
    const Real rate = tsb ? occurrence[j] * size[j] : factor[j] * size[j] / occurrence[j];
    forecast[j] = started[j] != 0 ? rate : Real(0);
  }
  write_flat_path<Real>(b, forecast.data(), nullptr, nullptr);
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
    case Filter::kTsb:
      return intermittent_block(b);
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
