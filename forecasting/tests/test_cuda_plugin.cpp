// The CUDA plugin and its loader, on any machine. ctest runs this executable three times:
//   test_cuda_plugin             default places (the build's plugin when it was built; none otherwise);
//   test_cuda_plugin_missing     $PEAKSIM_CUDA_PLUGIN naming a file that does not exist;
//   test_cuda_plugin_direct      the built plugin opened by path, its table called directly (skipped, with the
//                                reason, in a build without CUDA).
// Whatever the reason the device is not used, auto must fall back to the CPU with exactly the CPU's results and
// cuda must be refused with the reason.
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "forecasting/backend.hpp"
#include "forecasting/cuda_plugin.hpp"
#include "forecasting/forecast.hpp"
#include "tests/support/skip.hpp"

namespace fc = peaksim::forecasting;

namespace {

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// Why a device is not used on a machine where the plugin was found and loaded or the driver is missing.
bool is_device_reason(const std::string& reason) {
  return starts_with(reason, "no NVIDIA driver") || starts_with(reason, "no CUDA device") ||
         starts_with(reason, "CUDA driver error: ");
}

// auto falls back to the CPU with one notice naming `reason`, gives the CPU's results bit for bit, and cuda is
// refused with the reason; a forecast with the filter hook on auto equals the plain one.
void check_cpu_fallback(const std::string& reason) {
  std::ostringstream notice;
  CHECK(fc::resolve_backend(fc::Backend::automatic, notice) == fc::Backend::cpu);
  CHECK(notice.str() == "notice: forecasting runs on the CPU: " + reason + "\n");
  CHECK_THROWS_WITH_AS(fc::resolve_backend(fc::Backend::cuda, notice),
                       ("the CUDA backend cannot run here: " + reason).c_str(), std::runtime_error);
  fc::Batch history(60, 4);
  for (Eigen::Index s = 0; s < history.cols(); ++s)
    for (Eigen::Index t = 0; t < history.rows(); ++t)
      history(t, s) = 10.0 * double(s + 1) + double((t * 7 + s * 3) % 11) + (t % 7 == 5 ? 6.0 : 0.0);
  const fc::ModelSpec model{.method = fc::Method::kHoltWintersAdditive, .period = 7};
  const fc::Forecast plain = fc::forecast(history, model, {.horizon = 5});
  std::ostringstream quiet;
  const fc::Forecast hooked =
      fc::forecast(history, model, {.horizon = 5, .filters = fc::filter_runner(fc::Backend::automatic, 1, quiet)});
  CHECK(plain.mean == hooked.mean);
  for (std::size_t l = 0; l < plain.quantiles.size(); ++l) CHECK(plain.quantiles[l] == hooked.quantiles[l]);
}

bool scenario(const char* name) {
  const char* chosen = std::getenv("PEAKSIM_TEST_SCENARIO");
  return chosen != nullptr && std::string(chosen) == name;
}

}  // namespace

TEST_CASE("default places: the build's plugin, or none in a build without CUDA; auto falls back to the CPU") {
  if (!scenario("default")) return;
  REQUIRE(std::getenv(fc::cuda_plugin::kPathVariable) == nullptr);
  const std::string& reason = fc::cuda_unavailable_reason();
  MESSAGE("plugin built: " << fc::cuda_built() << ", found: '" << fc::cuda_plugin_path() << "', reason: '" << reason
                           << "'");
  if (reason.empty()) {
    MESSAGE("a CUDA device is usable here");
    CHECK(fc::resolve_backend(fc::Backend::automatic) == fc::Backend::cuda);
    CHECK_FALSE(fc::cuda_device_info().name.empty());
    return;
  }
  if (fc::cuda_built()) {
    // The build's plugin: <build>/lib/peaksim/ in the peaksim tree, next to this executable in a build of
    // forecasting/ alone.
    const std::vector<std::string> places = fc::cuda_plugin::places();
    CHECK(std::find(places.begin(), places.end(), fc::cuda_plugin_path()) != places.end());
    CHECK(is_device_reason(reason));
  } else {
    CHECK(fc::cuda_plugin_path().empty());
    CHECK(starts_with(reason, "the CUDA plugin is missing: no libpeaksim_cuda.so at "));
    CHECK(reason.find("this build has no CUDA backend") != std::string::npos);
  }
  check_cpu_fallback(reason);
}

TEST_CASE("a missing plugin file: auto falls back to the CPU and cuda is refused, both saying which file") {
  if (!scenario("missing")) return;
  const char* path = std::getenv(fc::cuda_plugin::kPathVariable);
  REQUIRE(path != nullptr);
  const std::string& reason = fc::cuda_unavailable_reason();
  CHECK(reason == "PEAKSIM_CUDA_PLUGIN is set to '" + std::string(path) + "', which is not a file");
  CHECK(fc::cuda_plugin_path().empty());
  check_cpu_fallback(reason);
}

#ifdef PEAKSIM_CUDA_PLUGIN_FILE
TEST_CASE("the plugin loads here, has the expected interface, and reports cleanly why no device is usable") {
  if (!scenario("direct")) return;
  void* handle = dlopen(PEAKSIM_CUDA_PLUGIN_FILE, RTLD_NOW | RTLD_LOCAL);
  INFO("dlopen: " << (handle == nullptr ? dlerror() : "ok"));
  REQUIRE(handle != nullptr);
  const auto entry = reinterpret_cast<PeaksimCudaPluginEntry>(dlsym(handle, fc::cuda::kPluginEntry));
  const bool has_entry = entry != nullptr;  // (doctest cannot print a function pointer)
  REQUIRE(has_entry);
  const fc::cuda::PluginTable* table = entry();
  REQUIRE(table != nullptr);
  CHECK(table->abi == fc::cuda::kPluginAbi);
  // Only the entry point is exported: the device code's symbols cannot mix with the executable's.
  CHECK(dlsym(handle, "_ZN7peaksim11forecasting4cuda18unavailable_reasonB5cxx11Ev") == nullptr);
  const std::string reason = table->unavailable_reason();
  MESSAGE("the plugin says: '" << reason << "'");
  fc::DeviceInfo info;
  const char* error = nullptr;
  if (reason.empty()) {
    CHECK(table->device_info(info, &error) == fc::cuda::Status::kOk);
    CHECK_FALSE(info.name.empty());
    CHECK(info.peak_bandwidth_gbs > 0);
    return;
  }
  CHECK(is_device_reason(reason));
  // A call without a device fails with the reason instead of crashing or throwing across the boundary.
  CHECK(table->device_info(info, &error) == fc::cuda::Status::kFailed);
  REQUIRE(error != nullptr);
  CHECK(std::string(error) == "CUDA backend: " + reason);
}
#endif

int main(int argc, char** argv) {
  if (!scenario("default") && !scenario("missing") && !scenario("direct")) {
    std::fprintf(stderr, "test_cuda_plugin: set PEAKSIM_TEST_SCENARIO to default, missing or direct (see ctest)\n");
    return 2;
  }
#ifndef PEAKSIM_CUDA_PLUGIN_FILE
  if (scenario("direct"))
    return peaksim::testing::run_unless_missing(
        "test_cuda_plugin_direct", "this build has no CUDA plugin (PEAKSIM_CUDA=OFF or no nvcc found)", argc, argv);
#endif
  return peaksim::testing::run_unless_missing("test_cuda_plugin", "", argc, argv);
}
