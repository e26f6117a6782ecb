// The trainer of the learned global model (global_model.hpp): Adam on minibatches of (series, origin) windows,
// pinball loss over every trained level and horizon step plus squared loss for the mean head, early stopping on
// held-out windows. Single-threaded and seeded: the same data, options and seed give bit-identical weights.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "forecasting/global_model.hpp"

namespace peaksim::forecasting {

struct TrainOptions {
  std::uint64_t seed = 1;         // drives weight initialisation and window sampling (std::mt19937_64)
  int epochs = 60;                // at most; early stopping may end sooner
  int windows_per_epoch = 16384;  // drawn with replacement from the training windows
  int batch_size = 256;
  double learning_rate = 1e-3;  // Adam step; halved after `plateau` epochs without a better held-out loss
  int plateau = 3;
  int patience = 8;                  // stop after this many epochs without a better held-out loss
  double clip_norm = 5.0;            // global gradient norm clipped to this
  double target_clip = 25.0;         // targets clipped at +-this many window scales (see global_train.cpp)
  double mean_weight = 0.5;          // weight of the mean head's squared error in the loss
  int validation_windows = 4096;     // at most, from the held-out slice
  double validation_fraction = 0.1;  // of each series' origins: the latest ones are held out
  // Called after every epoch (epoch from 1, training loss, held-out loss), e.g. for progress lines.
  std::function<void(int, double, double)> on_epoch = nullptr;
  // Computes one minibatch's loss and gradients; empty: Mlp::gradients on the CPU. To train on a CUDA device,
  // set it to a call of backend.hpp's mlp_gradients(Backend::cuda, ...) (kept out of the trainer so that
  // programs that never use the GPU do not link cuBLAS). Weights then differ from CPU training in the last bits.
  std::function<double(const Mlp&, const Eigen::MatrixXf&, const OutputLoss&, MlpGradients&)> gradients = nullptr;
};

struct TrainReport {
  int epochs = 0;              // run
  int best_epoch = 0;          // whose weights were kept
  double initial_loss = 0;     // held-out loss before the first step
  double train_loss = 0;       // mean training loss of the kept epoch
  double validation_loss = 0;  // held-out loss of the kept weights
  long long training_windows = 0;
  long long held_out_windows = 0;
};

struct Window {
  int series;
  int origin;  // the last observed step
};

// Mean loss per window (pinball summed over levels plus half the squared error of the mean head, averaged over
// horizon steps, in units of each window's scale); values (T x S) and covariates (each T x S) as in training.
double window_loss(const GlobalModel& model, const Batch& values, const Covariates& covariates,
                   const std::vector<Window>& windows);

// True when the window can be learnt from: the series has started (the step min(lags, horizon) - 1 before the
// origin or one of the lags before it is observed; NaN marks the steps before a series starts in a batch of series
// of unequal length), the lags window holds an observed value and at least one target step is observed. NaN
// elsewhere is a missing observation (a gap): masked in the features and left out of the loss.
bool observed_window(const GlobalConfig& config, const Batch& values, int s, int origin);

// window_loss with a given target clip and mean-head weight (TrainOptions::target_clip, mean_weight).
double loss_of(const GlobalModel& model, const Batch& values, const Covariates& covariates,
               const std::vector<Window>& windows, double clip, double mean_weight);

// Every observed window of the batch with a full horizon after its origin. The first origin is lags - 1, or earlier for
// short series (at most half the usable steps are skipped; the missing lags are padded).
std::vector<Window> all_windows(const GlobalConfig& config, const Batch& values);

// Trains `model` on `values` (T x S; NaN marks steps before a series starts and missing observations) with `covariates`
// (config.covariates matrices, each T x S, finite). A model without
// weights is initialised from the seed (and its input standardisation computed from the training windows);
// a model with weights is fine-tuned from them (standardisation kept). Throws std::invalid_argument when
// there are too few windows (T must exceed horizon + 1, and at least two windows must exist).
TrainReport train(GlobalModel& model, const Batch& values, const Covariates& covariates,
                  const TrainOptions& options = {});

}  // namespace peaksim::forecasting
