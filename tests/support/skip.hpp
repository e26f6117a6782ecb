// A test whose precondition is missing (no CUDA device, no ../shared/data, ...) must not pass silently: its
// executable says why and exits 77, which ctest reports as skipped where the test has the property
// SKIP_RETURN_CODE 77. Such a check lives in an executable of its own, so the checks beside it still report.
#pragma once
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace peaksim::testing {

inline constexpr int kSkipped = 77;  // the SKIP_RETURN_CODE of the ctest entries that call run_unless_missing

// The main of such an executable: runs its doctest cases, or, when `missing` says what is missing, prints
// "<name>: skipped: <missing>" and returns kSkipped without running any.
inline int run_unless_missing(const char* name, const std::string& missing, int argc, char** argv) {
  if (!missing.empty()) {
    std::printf("%s: skipped: %s\n", name, missing.c_str());
    return kSkipped;
  }
  doctest::Context context(argc, argv);
  return context.run();
}

}  // namespace peaksim::testing
