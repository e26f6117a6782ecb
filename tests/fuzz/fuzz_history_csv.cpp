// libFuzzer harness of the history CSV reader of `peaksim forecast --input` and `train-forecaster --input`: the
// input is the CSV file. A HistoryError is the expected answer to bad input; any other exception (std::terminate),
// a crash, a sanitizer report, a timeout or memory over -rss_limit_mb is a finding.
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "cli/history_csv.hpp"
#include "tests/fuzz/fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static peaksim::fuzz::InputFile file("history.csv");
  const std::string& path = file.write(data, size);
  try {
    const auto series = peaksim::cli::read_history_csv(path);
    // What the reader promises its callers (history_csv.hpp); a broken promise aborts, which is a finding.
    if (series.empty()) std::abort();
    for (const auto& s : series) {
      if (s.id.empty() || s.values.empty()) std::abort();
      if (!s.price.empty() && s.price.size() != s.values.size()) std::abort();
      // Values are finite (negative ones are returns) or NaN (missing); the first one is observed.
      for (double v : s.values)
        if (!std::isfinite(v) && !std::isnan(v)) std::abort();
      if (std::isnan(s.values.front()) || s.step < 1 || s.values.size() > peaksim::cli::kMaxSeriesSteps) std::abort();
      for (double p : s.price)
        if (!std::isfinite(p) || p <= 0) std::abort();
      (void)s.last();
    }
  } catch (const peaksim::cli::HistoryError&) {
    // Refused with the one message: the expected outcome for bad input.
  }
  return 0;
}
