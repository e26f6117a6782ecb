#include "forecasting/global_train.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace peaksim::forecasting {
namespace {

// Uniform in [0, 1) from the top 53 bits: the same on every standard library (unlike uniform_real_distribution).
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

std::size_t pick(std::mt19937_64& rng, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(uniform01(rng) * static_cast<double>(n)));
}

// Targets are clipped at this many window scales: a series that restarts after a blank stretch (scale = the
// floor) would otherwise give targets in the thousands whose squared errors swamp every other window.
constexpr double kTargetClip = 25.0;

// The first origin whose window is complete: its lags, or in the seasonal design its lags and the season before
// them (at least two origins are left: a short batch of the seasonal design trains on its last few).
int first_origin(const GlobalConfig& c, int steps) {
  if (c.season > 0) return std::max(0, std::min(c.window_steps() - 1, steps - c.horizon - 2));
  return std::max(0, std::min(c.lags - 1, (steps - c.horizon - 1) / 2));
}

}  // namespace

// A window is used when its series has started and something is left to learn: the step min(lags, horizon) - 1
// before the origin, or one of the `lags` steps before it, is observed (some history, as for the first origin of a
// full series; NaN before a series starts fails this), and so is the origin's window and at least one target step.
// Other NaN steps are missing observations (gaps): a missing lag takes the window's mean, a missing target is
// left out of the loss (masked, not counted as 0).
bool observed_window(const GlobalConfig& c, const Batch& values, int s, int origin) {
  const auto seen_in = [&](int from, int to) {  // some observed step in [from, to]
    for (int t = std::max(from, 0); t <= to; ++t) {
      if (!std::isnan(values(t, s))) return true;
    }
    return false;
  };
  const int back = origin - (std::min(c.lags, c.horizon) - 1);
  if (back >= 0 && !seen_in(back - c.lags + 1, back)) return false;
  // The seasonal design also needs the season before the oldest lag: without it every feature is a stand-in.
  if (c.season > 0) {
    const int oldest = origin - c.window_steps() + 1;
    if (oldest < 0 || !seen_in(oldest - c.season + 1, oldest)) return false;
  }
  if (!seen_in(origin - c.lags + 1, origin)) return false;
  return seen_in(origin + 1, origin + c.horizon);
}

namespace {

// Features (inputs x n) and targets (horizon x n, in units of each window's scale) of some windows.
void assemble(const GlobalModel& model, const Batch& values, const Covariates& covariates, const Window* windows, int n,
              double clip, Eigen::MatrixXf& x, Eigen::MatrixXf& target) {
  const GlobalConfig& c = model.config();
  x.resize(c.input_size(), n);
  target.resize(c.horizon, n);
  std::vector<double> base(static_cast<std::size_t>(c.horizon));
  for (int i = 0; i < n; ++i) {
    const Window& w = windows[i];
    const double scale = model.features(values, covariates, w.series, w.origin, x, i);
    model.baselines(values, w.series, w.origin, base.data());
    for (int h = 0; h < c.horizon; ++h) {
      const double y = (values(w.origin + 1 + h, w.series) - base[static_cast<std::size_t>(h)]) / scale;
      // A missing target stays NaN: the loss leaves it out.
      target(h, i) =
          std::isnan(y) ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(std::clamp(y, -clip, clip));
    }
  }
}

// Loss summed over the columns, and (when grad is given) its gradient with respect to the outputs.
double loss_and_gradient(const GlobalConfig& c, const Eigen::MatrixXf& out, const Eigen::MatrixXf& target,
                         double mean_weight, Eigen::MatrixXf* grad) {
  const int width = static_cast<int>(c.levels.size()) + 1;
  double total = 0;
  if (grad) grad->setZero(out.rows(), out.cols());
  for (Eigen::Index i = 0; i < out.cols(); ++i) {
    int observed = 0;  // the loss is the mean over the observed target steps (a missing one is masked)
    for (int h = 0; h < c.horizon; ++h) observed += std::isnan(target(h, i)) ? 0 : 1;
    if (observed == 0) continue;
    const double per_step = 1.0 / observed;
    for (int h = 0; h < c.horizon; ++h) {
      const int base = h * width;
      const double y = target(h, i);
      if (std::isnan(y)) continue;
      const double e = out(base, i) - y;
      total += mean_weight * e * e * per_step;
      if (grad) (*grad)(base, i) = static_cast<float>(2 * mean_weight * e * per_step);
      for (std::size_t l = 0; l < c.levels.size(); ++l) {
        const double tau = c.levels[l];
        const int row = base + 1 + static_cast<int>(l);
        const double u = y - out(row, i);
        total += (u > 0 ? tau * u : (tau - 1) * u) * per_step;
        if (grad) (*grad)(row, i) = static_cast<float>((u > 0 ? -tau : 1 - tau) * per_step);
      }
    }
  }
  return total;
}

struct Adam {
  std::vector<Eigen::MatrixXf> mw, vw;
  std::vector<Eigen::VectorXf> mb, vb;
  long long step = 0;

  explicit Adam(const Mlp& mlp) {
    for (int k = 0; k < mlp.layers(); ++k) {
      mw.push_back(Eigen::MatrixXf::Zero(mlp.weights[k].rows(), mlp.weights[k].cols()));
      vw.push_back(mw.back());
      mb.push_back(Eigen::VectorXf::Zero(mlp.biases[k].size()));
      vb.push_back(mb.back());
    }
  }

  void update(Mlp& mlp, const std::vector<Eigen::MatrixXf>& gw, const std::vector<Eigen::VectorXf>& gb, double lr) {
    constexpr float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    ++step;
    const auto c1 = static_cast<float>(1.0 - std::pow(0.9, static_cast<double>(step)));
    const auto c2 = static_cast<float>(1.0 - std::pow(0.999, static_cast<double>(step)));
    const auto rate = static_cast<float>(lr);
    auto apply = [&](auto& param, auto& m, auto& v, const auto& g) {
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g.cwiseProduct(g);
      param.array() -= rate * (m.array() / c1) / ((v.array() / c2).sqrt() + eps);
    };
    for (int k = 0; k < mlp.layers(); ++k) {
      apply(mlp.weights[k], mw[k], vw[k], gw[k]);
      apply(mlp.biases[k], mb[k], vb[k], gb[k]);
    }
  }
};

void initialise(GlobalModel& model, const Batch& values, const Covariates& covariates,
                const std::vector<Window>& windows, std::mt19937_64& rng) {
  const GlobalConfig& c = model.config();
  Mlp& mlp = model.mlp();
  mlp.weights.clear();
  mlp.biases.clear();
  int fan_in = c.input_size();
  std::vector<int> widths = c.hidden;
  widths.push_back(c.output_size());
  for (std::size_t k = 0; k < widths.size(); ++k) {
    const bool last = k + 1 == widths.size();
    // He-uniform for ReLU layers; a small output layer so the first forecasts sit near the bias.
    const double bound = std::sqrt(6.0 / fan_in) * (last ? 0.1 : 1.0);
    Eigen::MatrixXf w(widths[k], fan_in);
    for (Eigen::Index j = 0; j < w.cols(); ++j) {
      for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = static_cast<float>((2 * uniform01(rng) - 1) * bound);
    }
    mlp.weights.push_back(std::move(w));
    // Outputs start at 1: a window's values are about 1 in units of its scale (0: a seasonal difference).
    const bool ones = last && c.season == 0;
    mlp.biases.push_back(ones ? Eigen::VectorXf::Ones(widths[k]) : Eigen::VectorXf::Zero(widths[k]));
    fan_in = widths[k];
  }
  // Input standardisation from (at most 4096) training windows, computed before it is applied.
  const int n = static_cast<int>(std::min<std::size_t>(windows.size(), 4096));
  std::vector<Window> sample(static_cast<std::size_t>(n));
  for (auto& w : sample) w = windows[pick(rng, windows.size())];
  model.input_mean() = Eigen::VectorXf::Zero(c.input_size());
  model.input_std() = Eigen::VectorXf::Ones(c.input_size());
  Eigen::MatrixXf x, target;
  assemble(model, values, covariates, sample.data(), n, TrainOptions{}.target_clip, x, target);
  const Eigen::VectorXd mean = x.cast<double>().rowwise().mean();
  const Eigen::VectorXd var = (x.cast<double>().colwise() - mean).array().square().rowwise().mean();
  model.input_mean() = mean.cast<float>();
  model.input_std() = var.cwiseSqrt().unaryExpr([](double s) { return s > 1e-6 ? s : 1.0; }).cast<float>();
}

}  // namespace

std::vector<Window> all_windows(const GlobalConfig& config, const Batch& values) {
  std::vector<Window> out;
  const auto steps = static_cast<int>(values.rows());
  for (int s = 0; s < static_cast<int>(values.cols()); ++s) {
    for (int o = first_origin(config, steps); o + config.horizon < steps; ++o) {
      if (observed_window(config, values, s, o)) out.push_back({s, o});
    }
  }
  return out;
}

double window_loss(const GlobalModel& model, const Batch& values, const Covariates& covariates,
                   const std::vector<Window>& windows) {
  const TrainOptions defaults;
  return loss_of(model, values, covariates, windows, defaults.target_clip, defaults.mean_weight);
}

double loss_of(const GlobalModel& model, const Batch& values, const Covariates& covariates,
               const std::vector<Window>& windows, double clip, double mean_weight) {
  if (windows.empty()) return 0;
  double total = 0;
  Eigen::MatrixXf x, target;
  for (std::size_t start = 0; start < windows.size(); start += 1024) {
    const int n = static_cast<int>(std::min<std::size_t>(1024, windows.size() - start));
    assemble(model, values, covariates, windows.data() + start, n, clip, x, target);
    total += loss_and_gradient(model.config(), model.mlp().forward(x), target, mean_weight, nullptr);
  }
  return total / static_cast<double>(windows.size());
}

TrainReport train(GlobalModel& model, const Batch& values, const Covariates& covariates, const TrainOptions& options) {
  const GlobalConfig& c = model.config();
  const auto steps = static_cast<int>(values.rows());
  if (static_cast<int>(covariates.size()) != c.covariates) {
    throw std::invalid_argument("train: expected " + std::to_string(c.covariates) + " covariate matrices, got " +
                                std::to_string(covariates.size()));
  }
  for (const Eigen::MatrixXd& m : covariates) {
    if (m.rows() != values.rows() || m.cols() != values.cols()) {
      throw std::invalid_argument("train: each covariate matrix must have the shape of the values (T x S)");
    }
  }
  if (values.array().isInf().any()) throw std::invalid_argument("train: the values have an infinite entry");
  for (const Eigen::MatrixXd& m : covariates) {
    if (!m.allFinite()) throw std::invalid_argument("train: a covariate has a non-finite value");
  }
  if (options.batch_size < 1 || options.windows_per_epoch < 1 || options.epochs < 0) {
    throw std::invalid_argument("train: batch_size and windows_per_epoch must be >= 1, epochs >= 0");
  }

  // Per series, the latest origins are held out; training origins stop `horizon` earlier so that no training
  // target overlaps a held-out target.
  std::vector<Window> fit, held;
  const int lo = first_origin(c, steps);
  const int hi = steps - c.horizon - 1;  // last origin with a full horizon
  const int count = hi - lo + 1;
  if (count < 2) {
    throw std::invalid_argument("train: series of " + std::to_string(steps) + " steps are too short for lags " +
                                std::to_string(c.lags) + " and horizon " + std::to_string(c.horizon));
  }
  const int n_held = std::max(1, static_cast<int>(std::lround(options.validation_fraction * count)));
  const int first_held = hi - n_held + 1;
  const int last_fit = first_held - c.horizon >= lo ? first_held - c.horizon : first_held - 1;
  for (int s = 0; s < static_cast<int>(values.cols()); ++s) {
    for (int o = lo; o <= last_fit; ++o) {
      if (observed_window(c, values, s, o)) fit.push_back({s, o});
    }
    for (int o = first_held; o <= hi; ++o) {
      if (observed_window(c, values, s, o)) held.push_back({s, o});
    }
  }
  if (fit.empty() || held.empty()) {
    std::string why = "train: no training or no held-out window has its origin and targets observed";
    if (c.season > 0) {
      why += " (the seasonal design needs series of at least lags + season + horizon + 1 = " +
             std::to_string(c.window_steps() + c.horizon + 1) + " observed steps)";
    }
    throw std::invalid_argument(why);
  }

  std::mt19937_64 rng(options.seed);  // purpose: weight initialisation, then window sampling, in this order
  if (!model.ready()) initialise(model, values, covariates, fit, rng);
  if (static_cast<int>(held.size()) > options.validation_windows) {
    std::vector<Window> subset;
    const double stride = static_cast<double>(held.size()) / options.validation_windows;
    for (int i = 0; i < options.validation_windows; ++i) subset.push_back(held[static_cast<std::size_t>(i * stride)]);
    held = std::move(subset);
  }

  TrainReport report;
  report.training_windows = static_cast<long long>(fit.size());
  report.held_out_windows = static_cast<long long>(held.size());
  const auto held_loss_now = [&] {
    return loss_of(model, values, covariates, held, options.target_clip, options.mean_weight);
  };
  report.initial_loss = held_loss_now();
  report.validation_loss = report.initial_loss;
  Mlp best = model.mlp();
  Adam adam(model.mlp());
  double lr = options.learning_rate;
  int since_best = 0;

  Mlp& mlp = model.mlp();
  MlpGradients g;
  std::vector<Window> batch(options.batch_size);
  Eigen::MatrixXf x, target;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    double epoch_loss = 0;
    int seen = 0;
    while (seen < options.windows_per_epoch) {
      const int n = std::min(options.batch_size, options.windows_per_epoch - seen);
      for (int i = 0; i < n; ++i) batch[i] = fit[pick(rng, fit.size())];
      assemble(model, values, covariates, batch.data(), n, options.target_clip, x, target);
      const OutputLoss loss = [&](const Eigen::MatrixXf& out, Eigen::MatrixXf& grad) {
        const double value = loss_and_gradient(c, out, target, options.mean_weight, &grad);
        grad /= static_cast<float>(n);  // the gradient of the mean loss over the minibatch
        return value;
      };
      epoch_loss += options.gradients ? options.gradients(mlp, x, loss, g) : mlp.gradients(x, loss, g);
      const double norm = std::sqrt(g.squared_norm());
      if (norm > options.clip_norm) {
        const auto shrink = static_cast<float>(options.clip_norm / norm);
        for (int k = 0; k < mlp.layers(); ++k) {
          g.weights[k] *= shrink;
          g.biases[k] *= shrink;
        }
      }
      adam.update(mlp, g.weights, g.biases, lr);
      seen += n;
    }
    epoch_loss /= seen;
    const double held_loss = held_loss_now();
    report.epochs = epoch;
    if (options.on_epoch) options.on_epoch(epoch, epoch_loss, held_loss);
    if (held_loss < report.validation_loss) {
      report.validation_loss = held_loss;
      report.train_loss = epoch_loss;
      report.best_epoch = epoch;
      best = mlp;
      since_best = 0;
    } else {
      ++since_best;
      if (since_best % options.plateau == 0) lr *= 0.5;
      if (since_best >= options.patience) break;
    }
  }
  mlp = best;
  return report;
}

}  // namespace peaksim::forecasting
