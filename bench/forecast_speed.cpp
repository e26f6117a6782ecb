// forecast_speed: throughput of the batched Holt-Winters, Croston and TSB filters and of Mlp inference, on the CPU
// (one thread and all threads) and on a CUDA device when one is usable. Prints figures; asserts nothing (see
// bench/README.md).
//
//   forecast_speed [--series 10000,100000,1000000] [--steps 730] [--threads N] [--repeats 3] [--no-mlp]
//
// Data are synthetic (float; Holt-Winters: level, weekly season, hashed noise; Croston and TSB: a demand in 30% of
// the steps, of hashed size 1 to 10) and the Mlp weights random: speed hardly depends on the values. Series·steps/s
// counts one filter step of one series; an Mlp inference is one series at one forecast origin. Bandwidth = bytes
// the filter must read and write (values, parameters, states, path) divided by the kernel time; host-device copies
// are timed apart. On the device the bandwidth is also given as a share of the device's peak (memory clock x bus
// width x 2, from cudaGetDeviceProperties through the plugin).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "forecasting/backend.hpp"

namespace fc = peaksim::forecasting;

namespace {

constexpr int kPeriod = 7;
constexpr int kHorizon = 28;
constexpr int kMlpWidths[] = {64, 128, 128, kHorizon * 6};  // lag window + features -> 28 days x 6 quantiles

struct Options {
  std::vector<long long> series = {10000, 100000, 1000000};
  int steps = 730;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int repeats = 3;
  bool mlp = true;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "forecast_speed: %s\nusage: forecast_speed [--series 10000,100000,1000000] [--steps 730] "
               "[--threads N] [--repeats 3] [--no-mlp]\n",
               problem.c_str());
  std::exit(2);
}

long long positive(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used == text.size() && value > 0) return value;
  } catch (const std::exception&) {
  }
  usage(option + ": expected a positive integer, got '" + text + "'");
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--series") {
      o.series.clear();
      std::stringstream list(value());
      for (std::string item; std::getline(list, item, ',');) o.series.push_back(positive(item, arg));
    } else if (arg == "--steps") {
      o.steps = static_cast<int>(positive(value(), arg));
    } else if (arg == "--threads") {
      o.threads = static_cast<int>(positive(value(), arg));
    } else if (arg == "--repeats") {
      o.repeats = static_cast<int>(positive(value(), arg));
    } else if (arg == "--no-mlp") {
      o.mlp = false;
    } else {
      usage("unknown option '" + arg + "'");
    }
  }
  if (o.steps < 2 * kPeriod) usage("--steps must be at least " + std::to_string(2 * kPeriod));
  return o;
}

std::string first_line_with(const char* file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) == 0) return line.substr(line.find(':') + 1);
  }
  return " unknown";
}

double available_gib() {
  const std::string kib = first_line_with("/proc/meminfo", "MemAvailable");
  return std::strtod(kib.c_str(), nullptr) / (1024.0 * 1024.0);
}

// splitmix64: cheap reproducible noise, so that preparing 730 million values takes seconds, not minutes.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
float unit_noise(std::uint64_t key) { return static_cast<float>(mix(key) >> 40) / static_cast<float>(1 << 24); }

struct FilterBatch {
  std::vector<float> y, alpha, beta, gamma, phi;
};

// Weekly-seasonal values, or (intermittent) zeros with a demand of size 1 to 10 in 30% of the steps.
FilterBatch make_batch(long long series, int steps, bool intermittent) {
  FilterBatch b;
  const auto s_count = static_cast<std::size_t>(series);
  b.y.resize(s_count * steps);
  const float week[kPeriod] = {0.9f, 0.95f, 1.0f, 1.0f, 1.05f, 1.3f, 0.8f};
  for (std::size_t s = 0; s < s_count; ++s) {
    b.alpha.push_back(0.05f + 0.3f * unit_noise(4 * s));
    b.beta.push_back(0.1f * unit_noise(4 * s + 1));
    b.gamma.push_back(0.2f * unit_noise(4 * s + 2));
    b.phi.push_back(1.0f);
  }
  for (int t = 0; t < steps; ++t) {
    float* row = b.y.data() + static_cast<std::size_t>(t) * s_count;
    for (std::size_t s = 0; s < s_count; ++s) {
      const float noise = unit_noise((static_cast<std::uint64_t>(t) << 32) ^ s ^ 0x5eed);
      if (intermittent) {
        row[s] = noise < 0.3f ? std::floor(1.0f + noise * 33.0f) : 0.0f;  // noise < 0.3: size 1..10
      } else {
        row[s] = 10.0f + 5.0f * week[t % kPeriod] + noise;
      }
    }
  }
  return b;
}

// A filter as the benchmark runs it: its row label and what it reads and writes per series besides the values.
struct FilterCase {
  const char* label;
  fc::Filter filter;
  int parameters;  // arrays read
  int states;      // per-series values written besides the path
};

const FilterCase kHoltWinters{"HW-additive", fc::Filter::kHoltWintersAdditive, 4, 3 + kPeriod};
const FilterCase kCroston{"Croston", fc::Filter::kCroston, 1, 4};  // sse, size, trend (0), interval
const FilterCase kTsb{"TSB", fc::Filter::kTsb, 2, 4};              // sse, size, trend (0), probability

// The best of several runs: its device timing (for the CPU: wall time as compute) and the process CPU time it used,
// which shows when other processes took the cores (cpu_s well below threads x compute_s).
struct Measured {
  fc::DeviceTiming best{0, std::numeric_limits<double>::infinity(), 0};
  double cpu_s = 0;
};

template <typename Run>
Measured best_of(int repeats, bool warm_up, Run run) {
  Measured m;
  for (int r = 0; r < repeats + (warm_up ? 1 : 0); ++r) {
    fc::DeviceTiming t;
    const std::clock_t start = std::clock();
    run(t);
    const double cpu = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    if (warm_up && r == 0) continue;
    if (t.compute_s < m.best.compute_s) m = {t, cpu};
  }
  return m;
}

// work: series*steps (filters) or inferences (Mlp) of one run.
void print_extra(const Measured& m, double work) {
  if (m.best.upload_s > 0 || m.best.download_s > 0) {
    std::printf("   copies: up %.4f s, down %.4f s", m.best.upload_s, m.best.download_s);
  } else {
    std::printf("   cpu %.4f s = %.3e per CPU-second", m.cpu_s, work / m.cpu_s);
  }
  std::printf("\n");
}

double filter_bytes(const FilterCase& c, long long series, int steps) {
  const double s = static_cast<double>(series);
  // values + parameters in; states + path out
  return 4.0 * (s * steps + c.parameters * s + s * (c.states + kHorizon));
}

double peak_gbs = 0;  // the device's peak memory bandwidth, when one is used

void filter_line(const FilterCase& c, const char* backend, int threads, long long series, int steps,
                 const Measured& m) {
  const double rate = static_cast<double>(series) * steps / m.best.compute_s;
  const double gbs = filter_bytes(c, series, steps) / m.best.compute_s / 1e9;
  std::printf("%-12s %-5s %7d %9lld %10.4f %12.3e %12.3e %9.1f", c.label, backend, threads, series, m.best.compute_s,
              rate, rate / threads, gbs);
  if (std::string(backend) == "cuda" && peak_gbs > 0) std::printf(" (%.0f%% of peak)", 100 * gbs / peak_gbs);
  print_extra(m, static_cast<double>(series) * steps);
}

Measured time_filter(fc::Backend backend, const fc::FilterInput<float>& in, int threads, int repeats) {
  fc::FilterOutput<float> out;
  return best_of(repeats, backend == fc::Backend::cuda,
                 [&](fc::DeviceTiming& t) { fc::run_filters(backend, in, out, threads, &t); });
}

// The rows of one filter: the CPU with one thread and with all, and the device when there is one.
void filter_rows(const FilterCase& c, const FilterBatch& batch, long long series, const Options& o, bool gpu) {
  const fc::FilterInput<float> in{c.filter,           kPeriod,         static_cast<int>(series), o.steps,
                                  kHorizon,           batch.y.data(),  batch.alpha.data(),       batch.beta.data(),
                                  batch.gamma.data(), batch.phi.data()};
  filter_line(c, "cpu", 1, series, o.steps, time_filter(fc::Backend::cpu, in, 1, o.repeats));
  if (o.threads > 1)
    filter_line(c, "cpu", o.threads, series, o.steps, time_filter(fc::Backend::cpu, in, o.threads, o.repeats));
  if (!gpu) return;
  try {
    filter_line(c, "cuda", 1, series, o.steps, time_filter(fc::Backend::cuda, in, 1, o.repeats));
  } catch (const std::exception& e) {
    std::printf("%-12s cuda  %lld series: %s\n", c.label, series, e.what());
  }
}

fc::Mlp random_mlp() {
  fc::Mlp mlp;
  std::uint64_t key = 1;
  for (int k = 0; k + 1 < 4; ++k) {
    const float scale = 2.0f / static_cast<float>(kMlpWidths[k]);
    mlp.weights.push_back(Eigen::MatrixXf::NullaryExpr(kMlpWidths[k + 1], kMlpWidths[k],
                                                       [&] { return scale * (unit_noise(key++) - 0.5f); }));
    mlp.biases.push_back(Eigen::VectorXf::NullaryExpr(kMlpWidths[k + 1], [&] { return unit_noise(key++) - 0.5f; }));
  }
  return mlp;
}

void mlp_line(const char* backend, int threads, long long series, const Measured& m) {
  double flops = 0;
  for (int k = 0; k + 1 < 4; ++k) flops += 2.0 * kMlpWidths[k] * kMlpWidths[k + 1];
  const double rate = static_cast<double>(series) / m.best.compute_s;
  std::printf("MLP          %-5s %7d %9lld %10.4f %12.3e %12.3e %9.1f GFLOP/s", backend, threads, series,
              m.best.compute_s, rate, rate / threads, rate * flops / 1e9);
  print_extra(m, static_cast<double>(series));
}

Measured time_mlp(fc::Backend backend, const fc::Mlp& mlp, const Eigen::MatrixXf& x, int threads, int repeats) {
  return best_of(repeats, backend == fc::Backend::cuda,
                 [&](fc::DeviceTiming& t) { fc::mlp_forward(backend, mlp, x, threads, &t); });
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const std::string& cuda_reason = fc::cuda_unavailable_reason();
  const bool gpu = cuda_reason.empty();
  std::ifstream loadavg("/proc/loadavg");
  std::string load;
  std::getline(loadavg, load);
  std::printf("forecast_speed: CPU%s, %u hardware threads, /proc/loadavg %s\n",
              first_line_with("/proc/cpuinfo", "model name").c_str(), std::thread::hardware_concurrency(),
              load.c_str());
  if (gpu) {
    const fc::DeviceInfo device = fc::cuda_device_info();
    peak_gbs = device.peak_bandwidth_gbs;
    std::printf("forecast_speed: CUDA: %s, %d multiprocessors, %.1f GiB, peak memory bandwidth %.0f GB/s (plugin %s)\n",
                device.name.c_str(), device.multiprocessors, device.memory_gib, peak_gbs,
                fc::cuda_plugin_path().c_str());
  } else {
    std::printf("forecast_speed: CUDA: %s\n", cuda_reason.c_str());
  }
  std::printf(
      "forecast_speed: float, %d steps, Holt-Winters additive period %d, Croston, TSB, horizon %d; best of %d runs; "
      "Mlp 64-128-128-168 with random weights, one inference per series\n",
      o.steps, kPeriod, kHorizon, o.repeats);
  std::printf("%-12s %-5s %7s %9s %10s %12s %12s %9s\n", "kernel", "where", "threads", "series", "seconds",
              "per second", "per thread", "GB/s");
  std::printf(
      "  (filters: series*steps per second; MLP: inferences per second; cpu: process CPU seconds of that run)\n");

  const fc::Mlp mlp = random_mlp();
  for (const long long series : o.series) {
    const double need_gib =
        (filter_bytes(kHoltWinters, series, o.steps) + 4.0 * 4 * static_cast<double>(series)) / (1 << 30);
    if (need_gib > 0.9 * available_gib()) {
      std::printf("filters      %lld series x %d steps needs %.1f GiB, %.1f GiB available: skipped\n", series, o.steps,
                  need_gib, available_gib());
      continue;
    }
    filter_rows(kHoltWinters, make_batch(series, o.steps, false), series, o, gpu);
    {
      const FilterBatch counts = make_batch(series, o.steps, true);
      filter_rows(kCroston, counts, series, o, gpu);
      filter_rows(kTsb, counts, series, o, gpu);
    }
    if (!o.mlp) continue;
    std::uint64_t key = 99;
    const Eigen::MatrixXf x = Eigen::MatrixXf::NullaryExpr(kMlpWidths[0], series, [&] { return unit_noise(key++); });
    mlp_line("cpu", 1, series, time_mlp(fc::Backend::cpu, mlp, x, 1, o.repeats));
    if (o.threads > 1) mlp_line("cpu", o.threads, series, time_mlp(fc::Backend::cpu, mlp, x, o.threads, o.repeats));
    if (gpu) {
      try {
        mlp_line("cuda", 1, series, time_mlp(fc::Backend::cuda, mlp, x, 1, o.repeats));
      } catch (const std::exception& e) {
        std::printf("MLP          cuda  %lld series: %s\n", series, e.what());
      }
    }
  }
  return 0;
}
