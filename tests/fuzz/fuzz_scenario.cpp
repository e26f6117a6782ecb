// libFuzzer harness of the scenario loader: the input is a scenario file, loaded as `peaksim validate` loads it.
// Lines at its top of the form `#--set KEY=VALUE` (YAML comments, so the file reads the same) are also passed as
// --set overrides. A ScenarioError is the expected answer to bad input; any other exception (std::terminate), a
// crash, a sanitizer report, a timeout or memory over -rss_limit_mb is a finding.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_file.hpp"

namespace {

std::vector<std::string> leading_overrides(std::string_view text) {
  constexpr std::string_view kPrefix = "#--set ";
  std::vector<std::string> out;
  while (text.substr(0, kPrefix.size()) == kPrefix) {
    const std::size_t end = text.find('\n');
    out.emplace_back(text.substr(kPrefix.size(), end == std::string_view::npos ? end : end - kPrefix.size()));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // forecast.model global loads the shipped weights; here they come from the source tree.
  ::setenv("PEAKSIM_DATA_DIR", PEAKSIM_SOURCE_DIR "/forecasting", 0);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static peaksim::fuzz::InputFile file("fuzz.yaml");
  const std::string& path = file.write(data, size);
  const auto overrides = leading_overrides(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    (void)peaksim::load_scenario(path, overrides);
  } catch (const peaksim::ScenarioError&) {
    // Refused with the one message: the expected outcome for bad input.
  }
  return 0;
}
