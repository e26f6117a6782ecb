// service_batch_speed: the forecast service's call on a review day, alone: R replications x S series of H days of
// history forecast in one forecast() call with fitting (the service's fit day, agents/forecast_service.cpp), its
// batched filter passes on the CPU and, where a device is usable, through the CUDA plugin. Needs only the
// forecasting library, so that it runs on a GPU machine without SimGrid, HDF5 or yaml-cpp (scripts/gpu-check).
// Prints figures and checks; exit status 1 when a check fails (it is a benchmark, not a ctest test).
//
//   service_batch_speed [--replications 16] [--series 2000] [--history 35] [--cover 8] [--model hw|ses|croston]
//                       [--threads N]
//
// Checks: (1) each replication forecast alone gives bit for bit what it gets inside the batch of all replications
// (CPU), which is why a run's results do not depend on --batch; (2) the device's fitted parameters, means and
// quantiles against the CPU's: the count of bit-identical values and the largest difference relative to the series'
// mean absolute value, which must stay within 1e-9 (docs/forecasting.md, Backends: the double filters agree to
// 1e-12; a fit that picks a neighbouring grid point on a tie of the last bit may move a forecast further, so the
// bench reports that count apart).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "forecasting/backend.hpp"
#include "forecasting/forecast.hpp"

namespace fc = peaksim::forecasting;

namespace {

struct Options {
  int replications = 16, series = 2000, history = 35, cover = 8;
  std::string model = "hw";
  int threads = 1;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "service_batch_speed: %s\nusage: service_batch_speed [--replications 16] [--series 2000] "
               "[--history 35] [--cover 8] [--model hw|ses|croston] [--threads N]\n",
               problem.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage(arg + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--model") {
      if (value != "hw" && value != "ses" && value != "croston") usage("--model: hw, ses or croston");
      o.model = value;
      continue;
    }
    const int n = std::atoi(value.c_str());
    if (n < 1) usage(arg + ": expected a positive integer, got '" + value + "'");
    if (arg == "--replications") {
      o.replications = n;
    } else if (arg == "--series") {
      o.series = n;
    } else if (arg == "--history") {
      o.history = n;
    } else if (arg == "--cover") {
      o.cover = n;
    } else if (arg == "--threads") {
      o.threads = n;
    } else {
      usage("unknown option '" + arg + "'");
    }
  }
  if (o.history < 14) usage("--history must be at least 14 (two weekly seasons)");
  return o;
}

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double unit(std::uint64_t key) { return static_cast<double>(mix(key) >> 11) * 0x1.0p-53; }

// Daily sales of series s of replication r: a weekly pattern around a per-series level, whole units (a Poisson-like
// spread from summed uniforms); intermittent for croston (a sale on 30% of the days).
fc::Batch history(const Options& o, int first_replication, int replications) {
  const double week[7] = {1.05, 1.0, 1.0, 0.98, 0.95, 0.9, 1.12};
  fc::Batch y(o.history, static_cast<Eigen::Index>(replications) * o.series);
  for (int r = 0; r < replications; ++r) {
    for (int s = 0; s < o.series; ++s) {
      const auto column = static_cast<Eigen::Index>(r) * o.series + s;
      const std::uint64_t id =
          (static_cast<std::uint64_t>(first_replication + r) << 32) + static_cast<std::uint64_t>(s);
      const double level = 2 + 40 * unit(id * 7 + 1);
      for (int t = 0; t < o.history; ++t) {
        const double noise =
            unit(id * 131 + static_cast<std::uint64_t>(t)) + unit(id * 137 + static_cast<std::uint64_t>(t));
        double v = std::floor(level * week[t % 7] * (0.5 + noise / 2));
        if (o.model == "croston")
          v = unit(id * 139 + static_cast<std::uint64_t>(t)) < 0.3 ? std::floor(1 + 9 * noise / 2) : 0;
        y(t, column) = v;
      }
    }
  }
  return y;
}

fc::ModelSpec model_of(const Options& o) {
  const fc::Method m = o.model == "hw"    ? fc::Method::kHoltWintersAdditive
                       : o.model == "ses" ? fc::Method::kSes
                                          : fc::Method::kCroston;
  return {.method = m, .window = 7, .period = 7};
}

fc::ForecastOptions options_of(const Options& o) {
  return {.horizon = o.cover, .levels = {0.1, 0.5, 0.9, 0.95}, .threads = o.threads};
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Columns [first, first + count) of `all` against `part` (whose column 0 is all's column `first`), bit for bit.
bool equal_columns(const fc::Forecast& all, const fc::Forecast& part, Eigen::Index first) {
  for (Eigen::Index c = 0; c < part.mean.cols(); ++c) {
    for (Eigen::Index h = 0; h < part.mean.rows(); ++h) {
      if (!same_bits(all.mean(h, first + c), part.mean(h, c))) return false;
      for (std::size_t l = 0; l < part.quantiles.size(); ++l)
        if (!same_bits(all.quantiles[l](h, first + c), part.quantiles[l](h, c))) return false;
    }
  }
  return true;
}

double seconds(const std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const long long total = static_cast<long long>(o.replications) * o.series;
  std::printf(
      "service_batch_speed: %d replications x %d series = %lld series, %d days of history, cover %d days, "
      "model %s, fitted (grid + golden section), %d CPU thread(s)\n",
      o.replications, o.series, total, o.history, o.cover, o.model.c_str(), o.threads);
  const fc::Batch all = history(o, 0, o.replications);
  const fc::ModelSpec model = model_of(o);
  int failures = 0;

  auto start = std::chrono::steady_clock::now();
  const fc::Forecast cpu = fc::forecast(all, model, options_of(o));
  const double cpu_s = seconds(start);
  std::printf("cpu   one call: %.3f s = %.3e series per second\n", cpu_s, static_cast<double>(total) / cpu_s);

  // (1) Each replication alone equals its columns in the batch.
  bool alone_equal = true;
  for (int r = 0; r < std::min(o.replications, 4); ++r) {
    const fc::Forecast part = fc::forecast(history(o, r, 1), model, options_of(o));
    alone_equal = alone_equal && equal_columns(cpu, part, static_cast<Eigen::Index>(r) * o.series);
  }
  std::printf("check: replications 0-%d forecast alone equal their columns of the batch bit for bit: %s\n",
              std::min(o.replications, 4) - 1, alone_equal ? "yes" : "NO");
  failures += alone_equal ? 0 : 1;

  const std::string& reason = fc::cuda_unavailable_reason();
  if (!reason.empty()) {
    std::printf("cuda: not run: %s\n", reason.c_str());
    return failures == 0 ? 0 : 1;
  }
  const fc::DeviceInfo device = fc::cuda_device_info();
  std::printf("cuda: %s, %d multiprocessors, %.1f GiB, peak memory bandwidth %.0f GB/s (plugin %s)\n",
              device.name.c_str(), device.multiprocessors, device.memory_gib, device.peak_bandwidth_gbs,
              fc::cuda_plugin_path().c_str());
  fc::ForecastOptions on_device = options_of(o);
  on_device.filters = fc::filter_runner(fc::Backend::cuda);
  fc::forecast(history(o, 0, 1), model, on_device);  // warm-up: context, first allocations
  start = std::chrono::steady_clock::now();
  const fc::Forecast gpu = fc::forecast(all, model, on_device);
  const double gpu_s = seconds(start);
  std::printf("cuda  one call: %.3f s = %.3e series per second (%.2fx the CPU's %d thread(s))\n", gpu_s,
              static_cast<double>(total) / gpu_s, cpu_s / gpu_s, o.threads);

  // (2) Device against CPU.
  long long values = 0, identical = 0, params_identical = 0;
  double worst = 0;
  for (Eigen::Index c = 0; c < all.cols(); ++c) {
    const double scale = std::max(all.col(c).cwiseAbs().mean(), 1.0);
    const fc::Params& a = cpu.params[static_cast<std::size_t>(c)];
    const fc::Params& b = gpu.params[static_cast<std::size_t>(c)];
    params_identical += same_bits(a.alpha, b.alpha) && same_bits(a.beta, b.beta) && same_bits(a.gamma, b.gamma) &&
                        same_bits(a.phi, b.phi);
    for (Eigen::Index h = 0; h < cpu.mean.rows(); ++h) {
      auto compare = [&](double x, double y) {
        ++values;
        identical += same_bits(x, y);
        worst = std::max(worst, std::abs(x - y) / scale);
      };
      compare(cpu.mean(h, c), gpu.mean(h, c));
      for (std::size_t l = 0; l < cpu.quantiles.size(); ++l) compare(cpu.quantiles[l](h, c), gpu.quantiles[l](h, c));
    }
  }
  const bool within = worst <= 1e-9;
  std::printf(
      "check: cuda vs cpu: parameters bit-identical for %lld of %lld series; forecast values bit-identical "
      "%lld of %lld; largest difference %.3e of the series' mean absolute value (limit 1e-9): %s\n",
      params_identical, total, identical, values, worst, within ? "ok" : "EXCEEDED");
  failures += within ? 0 : 1;
  return failures == 0 ? 0 : 1;
}
