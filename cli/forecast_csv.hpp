// The output of `peaksim forecast`, whatever the model: series_id,date,mean,q<level>... with H rows per series.
#pragma once
#include <string>
#include <vector>

#include "cli/history_csv.hpp"
#include "sim/common/output_file.hpp"

namespace peaksim::cli {

struct SeriesForecast {
  std::vector<double> mean;                    // H
  std::vector<std::vector<double>> quantiles;  // levels x H
};

// Writes the forecasts to `output`'s hidden temporary file and publishes it (sim/common/output_file.hpp), so a
// failure or a signal leaves no partial file. On failure prints one message with the reason to stderr and
// returns false.
bool write_forecasts_csv(OutputFile& output, const std::vector<Series>& series,
                         const std::vector<SeriesForecast>& results, const std::vector<double>& levels, int horizon);

}  // namespace peaksim::cli
