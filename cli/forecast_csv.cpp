#include "cli/forecast_csv.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace peaksim::cli {

namespace {

// Returns 0 or the errno of the first write that failed.
int write_rows(std::FILE* out, const std::vector<Series>& series, const std::vector<SeriesForecast>& results,
               const std::vector<double>& levels, int horizon) {
  fmt::memory_buffer text;
  const auto flush = [&]() -> int {
    const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    text.clear();
    return ok ? 0 : (errno != 0 ? errno : EIO);
  };
  fmt::format_to(std::back_inserter(text), "series_id,date,mean");
  for (const double level : levels) fmt::format_to(std::back_inserter(text), ",q{}", level);
  text.push_back('\n');
  for (std::size_t s = 0; s < series.size(); ++s) {
    for (int h = 0; h < horizon; ++h) {
      fmt::format_to(std::back_inserter(text), "{},{},{}", series[s].id, (series[s].last() + (h + 1)).to_string(),
                     results[s].mean[h]);
      for (std::size_t l = 0; l < levels.size(); ++l)
        fmt::format_to(std::back_inserter(text), ",{}", results[s].quantiles[l][h]);
      text.push_back('\n');
    }
    if (text.size() > (1 << 16))
      if (const int err = flush(); err != 0) return err;
  }
  return flush();
}

}  // namespace

bool write_forecasts_csv(OutputFile& output, const std::vector<Series>& series,
                         const std::vector<SeriesForecast>& results, const std::vector<double>& levels, int horizon) {
  errno = 0;
  std::FILE* out = std::fopen(output.temporary().c_str(), "w");
  int err = out ? write_rows(out, series, results, levels, horizon) : errno;
  if (out && std::fclose(out) != 0 && err == 0) err = errno != 0 ? errno : EIO;
  if (err != 0) {
    std::cerr << fmt::format("{}: cannot write the file: {}\n", output.target(), std::strerror(err));
    return false;
  }
  try {
    output.commit();
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return false;
  }
  return true;
}

}  // namespace peaksim::cli
