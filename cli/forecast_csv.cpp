#include "cli/forecast_csv.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace peaksim::cli {

namespace {

void write_rows(std::ostream& out, const std::vector<Series>& series, const std::vector<SeriesForecast>& results,
                const std::vector<double>& levels, int horizon) {
  out << "series_id,date,mean";
  for (const double level : levels) out << fmt::format(",q{}", level);
  out << '\n';
  for (std::size_t s = 0; s < series.size(); ++s) {
    for (int h = 0; h < horizon; ++h) {
      out << fmt::format("{},{},{}", series[s].id, (series[s].last() + (h + 1)).to_string(), results[s].mean[h]);
      for (std::size_t l = 0; l < levels.size(); ++l) out << fmt::format(",{}", results[s].quantiles[l][h]);
      out << '\n';
    }
  }
}

}  // namespace

bool write_forecasts_csv(const std::string& path, const std::vector<Series>& series,
                         const std::vector<SeriesForecast>& results, const std::vector<double>& levels, int horizon) {
  namespace fs = std::filesystem;
  const std::string temporary = path + fmt::format(".tmp{}", getpid());
  std::error_code ec;
  {
    std::ofstream out(temporary);
    if (out) write_rows(out, series, results, levels, horizon);
    out.close();
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  if (!ec) fs::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    std::cerr << fmt::format("{}: cannot write the file\n", path);
    return false;
  }
  return true;
}

}  // namespace peaksim::cli
