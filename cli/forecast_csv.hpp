// The output of `peaksim forecast`, whatever the model: series_id,date,mean,q<level>...,model,warning with H rows
// per series, written as the series are forecast (in input order).
#pragma once
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/history_csv.hpp"
#include "sim/common/output_file.hpp"

namespace peaksim::cli {

struct SeriesForecast {
  std::vector<double> mean;                    // H
  std::vector<std::vector<double>> quantiles;  // levels x H
  std::string model;                           // the model that made it (after any fallback)
  std::string warning;                         // what the reader should know, "; "-separated; empty for none
};

// A number as the output prints it: up to 6 significant digits, no exponent for ordinary values (|x| in [1e-4,
// 1e15)), trailing zeros dropped, and "0" for zero of either sign.
std::string format_number(double value);

// Writes to `output`'s hidden temporary file and publishes it at finish() (sim/common/output_file.hpp), so a
// failure or a signal leaves no partial file.
class ForecastWriter {
public:
  ForecastWriter(OutputFile& output, const std::vector<double>& levels);  // creates the temporary, writes the header
  ~ForecastWriter();
  ForecastWriter(const ForecastWriter&) = delete;
  ForecastWriter& operator=(const ForecastWriter&) = delete;

  // The forecast of `series`, one row per step ahead (dates continue by the series' step).
  void write(const Series& series, const SeriesForecast& forecast);
  // Flushes, closes and publishes. On failure prints one message with the reason to stderr and returns false.
  bool finish();

private:
  void flush();
  OutputFile& output_;
  std::FILE* file_ = nullptr;
  int error_ = 0;  // errno of the first failure
  fmt::memory_buffer text_;
};

}  // namespace peaksim::cli
