// The loop of `peaksim forecast` over its input: read a chunk of series, forecast it, write it, until the end; the
// same for every model, so that memory stays bounded by the chunk whatever the file's size.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/forecast_csv.hpp"
#include "cli/history_csv.hpp"
#include "sim/common/output_file.hpp"

namespace peaksim::cli {

// Series per chunk: enough for full batches, small enough that memory does not grow with the file.
inline constexpr std::size_t kChunkSeries = 2048;

// Forecasts one chunk: fills `out` (one per series of the chunk, in order) or prints why it cannot and returns
// false (status 2). A forecast depends on its series alone, never on the chunk it came in.
using ChunkRunner = std::function<bool(const std::vector<Series>& chunk, std::vector<SeriesForecast>& out)>;

// Reads options.input a chunk at a time (the whole file first when the rows of its series are spread over it),
// forecasts with `run`, writes to `output` in input order, and prints the warnings' summary and the result line
// naming `model`. Status 0, 1 (cannot write) or 2 (bad input; nothing written).
int forecast_in_chunks(const ForecastCommandOptions& options, const std::vector<double>& levels,
                       const HistoryOptions& history, OutputFile& output, const ChunkRunner& run,
                       const std::string& model);

}  // namespace peaksim::cli
