// The learned global model's weights in HDF5 (a target of its own, peaksim_forecasting_hdf5, so the core library
// needs no HDF5). Layout (docs/forecasting.md, "File format"):
//   /                 attributes format = "peaksim-global-model", format_version = 1
//   /config           attributes lags, horizon, covariates, scale_floor, frequency; datasets levels, hidden
//   /normalisation    datasets input_mean, input_std (float, one per input)
//   /layers/K         datasets weights (rows x cols, float, row-major on disk) and bias, K = 0, 1, ...
//   /provenance       string attributes, one per key (seed, data, epochs, losses, version...)
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "forecasting/global_model.hpp"

namespace peaksim::forecasting {

// A malformed, missing or mismatched weights file: what() names the file and what is wrong.
class WeightsError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

using Provenance = std::vector<std::pair<std::string, std::string>>;  // in the order written

// Writes to a temporary file next to `path`, then renames it over `path` (the caller decides about overwriting).
void save_global_model(const GlobalModel& model, const std::string& path, const Provenance& provenance);

// Writes `path` itself (a caller's temporary file); messages name `shown_as` when given (the final name).
void write_global_model(const GlobalModel& model, const std::string& path, const Provenance& provenance,
                        const std::string& shown_as = "");

// Reads a model; checks every size against the config. Fills `provenance` when given.
GlobalModel load_global_model(const std::string& path, Provenance* provenance = nullptr);

}  // namespace peaksim::forecasting
