// The output of `peaksim forecast`, whatever the model: series_id,date,mean,q<level>... with H rows per series.
#pragma once
#include <string>
#include <vector>

#include "cli/history_csv.hpp"

namespace peaksim::cli {

struct SeriesForecast {
  std::vector<double> mean;                    // H
  std::vector<std::vector<double>> quantiles;  // levels x H
};

// Writes the forecasts to a temporary file next to `path` and renames it, so a failure leaves no partial file.
// On failure prints one message to stderr and returns false.
bool write_forecasts_csv(const std::string& path, const std::vector<Series>& series,
                         const std::vector<SeriesForecast>& results, const std::vector<double>& levels, int horizon);

}  // namespace peaksim::cli
