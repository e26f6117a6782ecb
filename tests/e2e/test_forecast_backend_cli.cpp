// End-to-end: `peaksim forecast --backend auto|cpu|cuda` (where the global model's network and the classical fits
// run; the CUDA plugin is loaded on first use) and --threads. Without a usable CUDA device (this machine) the CPU
// path and the reasons are what is checked; with one, the device cases check that it is used and say so.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "forecasting/backend.hpp"
#include "sim/calendar/date.hpp"
#include "sim/output/results_reader.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;
namespace fc = peaksim::forecasting;

namespace {

// Three daily series with a weekly pattern, 100 days from 2024-03-01.
void write_history(const std::string& path) {
  std::ofstream out(path);
  out << "series_id,date,value\n";
  const auto first = *peaksim::cal::Date::parse("2024-03-01");
  for (int s = 0; s < 3; ++s) {
    for (int t = 0; t < 100; ++t) {
      const double y = std::round((10 + 40 * s) * (1 + 0.3 * ((t % 7) >= 5)) + 2 * std::sin(0.7 * t + s));
      out << "item_" << s << ',' << (first + t).to_string() << ',' << y << '\n';
    }
  }
}

const std::string kNotice = "notice: forecasting runs on the CPU: ";

// Why peaksim does not use a device (what `forecast -v` says under auto), or "" when it does. Asked of peaksim
// itself: where it looks for the plugin depends on where its executable is.
std::string cpu_reason() {
  static const std::string reason = [] {
    TempDir dir;
    write_history(dir / "h.csv");
    const Outcome o =
        run_peaksim("forecast -v --input " + (dir / "h.csv") + " --horizon 3 --model ses -o " + (dir / "f.csv"));
    REQUIRE(o.status == 0);
    const auto at = o.err.find(kNotice);
    if (at == std::string::npos) {
      REQUIRE(o.err.find("forecasting runs on the CUDA device ") != std::string::npos);
      return std::string();
    }
    return o.err.substr(at + kNotice.size(), o.err.find('\n', at) - at - kNotice.size());
  }();
  return reason;
}

// A command run with --backend cuda: it succeeds where a device is usable; elsewhere it fails with status 2 and the
// reason, and `output` is not written.
void check_cuda_run(const Outcome& o, const std::string& output) {
  if (cpu_reason().empty()) {
    MESSAGE("a CUDA device is usable here: --backend cuda ran on it (tolerances: test_cuda_parity)");
    CHECK(o.status == 0);
    return;
  }
  CHECK(o.status == 2);
  CHECK(o.err.find("--backend cuda: ") == 0);
  CHECK(o.err.find(cpu_reason()) != std::string::npos);
  CHECK_FALSE(fs::exists(output));
}

}  // namespace

TEST_CASE("forecast: cpu and auto give the same output; auto falls back silently, and -v says where it runs") {
  TempDir dir;
  write_history(dir / "h.csv");
  const std::string reason = cpu_reason();
  INFO("reason: " << reason);
  if (!reason.empty()) {
    // This build's plugin is found (<build>/lib/peaksim) but this machine has no driver or no device; a build
    // without CUDA has no plugin.
    const bool device = reason.rfind("no NVIDIA driver", 0) == 0 || reason.rfind("no CUDA device", 0) == 0 ||
                        reason.rfind("CUDA driver error: ", 0) == 0;
    CHECK((device || reason.rfind("the CUDA plugin is missing: ", 0) == 0));
    if (fc::cuda_built()) CHECK(device);
  }
  for (const std::string model : {"global", "holt_winters_additive"}) {
    INFO(model);
    const std::string args = "forecast --input " + (dir / "h.csv") + " --horizon 10 --model " + model + " ";
    const Outcome cpu = run_peaksim(args + "--backend cpu -o " + (dir / (model + "_cpu.csv")));
    INFO(cpu.err);
    REQUIRE(cpu.status == 0);
    CHECK(cpu.err.find("forecasting runs") == std::string::npos);
    const Outcome verbose = run_peaksim(args + "-v --backend cpu -o " + (dir / (model + "_cpu_v.csv")));
    CHECK(verbose.err.find("forecasting runs on the CPU (--backend cpu)\n") != std::string::npos);
    const Outcome plain = run_peaksim(args + "-o " + (dir / (model + "_auto.csv")));  // default: auto
    REQUIRE(plain.status == 0);
    CHECK(plain.err.find("forecasting runs") == std::string::npos);  // silent without -v
    if (!reason.empty()) {
      CHECK(read_text(dir / (model + "_auto.csv")) == read_text(dir / (model + "_cpu.csv")));
    } else {
      MESSAGE("a CUDA device is usable here: auto ran on it (its tolerance is test_cuda_parity's)");
    }
  }
}

TEST_CASE("forecast: a missing plugin named by PEAKSIM_CUDA_PLUGIN makes cuda an error that names it; auto runs") {
  TempDir dir;
  write_history(dir / "h.csv");
  const std::string missing = dir / "nowhere/libpeaksim_cuda.so";
  const std::string args = "forecast --input " + (dir / "h.csv") + " --horizon 5 --model ses ";
  const std::string env = "PEAKSIM_CUDA_PLUGIN=" + missing + " ";
  const Outcome cuda = run_shell(env + PEAKSIM_BIN + " " + args + "--backend cuda -o " + (dir / "cuda.csv"));
  CHECK(cuda.status == 2);
  CHECK(cuda.err == "--backend cuda: the CUDA backend cannot run here: PEAKSIM_CUDA_PLUGIN is set to '" + missing +
                        "', which is not a file\n");
  CHECK_FALSE(fs::exists(dir / "cuda.csv"));
  const Outcome automatic = run_shell(env + PEAKSIM_BIN + " " + args + "-v -o " + (dir / "auto.csv"));
  CHECK(automatic.status == 0);
  CHECK(automatic.err.find(kNotice + "PEAKSIM_CUDA_PLUGIN is set to '" + missing + "', which is not a file\n") !=
        std::string::npos);
}

TEST_CASE("forecast --backend cuda without a usable device is an error that says why, and writes nothing") {
  TempDir dir;
  write_history(dir / "h.csv");
  const Outcome o = run_peaksim("forecast --input " + (dir / "h.csv") +
                                " --horizon 10 --model global --backend cuda -o " + (dir / "f.csv"));
  check_cuda_run(o, dir / "f.csv");
}

TEST_CASE("train-forecaster --backend: cpu by default; cuda without a usable device is an error that writes nothing") {
  TempDir dir;
  const std::string args = "train-forecaster -q --synthetic 20 --days 150 --epochs 1 ";
  const Outcome cpu = run_peaksim(args + "-o " + (dir / "cpu.h5"));
  INFO(cpu.err);
  REQUIRE(cpu.status == 0);
  CHECK(cpu.err.find("notice: forecasting runs") == std::string::npos);  // the CPU by default: no probe
  check_cuda_run(run_peaksim(args + "--backend cuda -o " + (dir / "gpu.h5")), dir / "gpu.h5");
}

TEST_CASE("forecast refuses an unknown --backend") {
  TempDir dir;
  write_history(dir / "h.csv");
  const Outcome o = run_peaksim("forecast --input " + (dir / "h.csv") +
                                " --horizon 10 --model global --backend gpu -o " + (dir / "f.csv"));
  CHECK(o.status != 0);
  CHECK_FALSE(fs::exists(dir / "f.csv"));
}

TEST_CASE("forecast --threads does not change the output of the classical models") {
  TempDir dir;
  write_history(dir / "h.csv");
  for (const std::string model : {"holt_winters_additive", "auto"}) {
    INFO(model);
    const std::string args = "forecast --input " + (dir / "h.csv") + " --horizon 10 --model " + model + " ";
    REQUIRE(run_peaksim(args + "--threads 1 -o " + (dir / (model + "1.csv"))).status == 0);
    REQUIRE(run_peaksim(args + "--threads 3 -o " + (dir / (model + "3.csv"))).status == 0);
    CHECK(read_text(dir / (model + "1.csv")) == read_text(dir / (model + "3.csv")));
  }
}

// forecast.backend in a simulation: what was asked and what ran are recorded; the forecasts agree with the CPU's.
TEST_CASE("run: forecast.backend is recorded in the provenance, and cpu and auto give identical results here") {
  TempDir dir;
  const std::string args = "run " + source_path("scenarios/forecast_driven.yaml") +
                           " --set catalog.generate.count=20 --set horizon=50d -q -n 3 -j 1 --batch 3 ";
  REQUIRE(run_peaksim(args + "-o " + (dir / "cpu.h5")).status == 0);  // the default: cpu
  const Outcome automatic = run_peaksim(args + "--set forecast.backend=auto -o " + (dir / "auto.h5"));
  INFO(automatic.err);
  REQUIRE(automatic.status == 0);
  CHECK(peaksim::ResultsReader(dir / "cpu.h5").provenance().forecast_backend == "asked cpu, ran on cpu");
  const std::string recorded = peaksim::ResultsReader(dir / "auto.h5").provenance().forecast_backend;
  const std::string reason = cpu_reason();
  if (reason.empty()) {
    CHECK(recorded.rfind("asked auto, ran on cuda (", 0) == 0);
    MESSAGE("a CUDA device is usable here: auto ran on it (tolerances: test_cuda_parity)");
    return;
  }
  CHECK(recorded == "asked auto, ran on cpu: " + reason);
  for (const std::string kpi : {"forecast_wql", "forecast_mase", "fill_rate", "lost_sales"}) {
    INFO(kpi);
    CHECK(read_doubles(dir / "cpu.h5", "/kpi/" + kpi) == read_doubles(dir / "auto.h5", "/kpi/" + kpi));
  }
}

TEST_CASE("run and validate: forecast.backend cuda without a usable device is refused at its line, nothing written") {
  if (cpu_reason().empty()) {
    MESSAGE("a CUDA device is usable here: forecast.backend cuda is accepted");
    return;
  }
  TempDir dir;
  const std::string scenario = source_path("scenarios/forecast_driven.yaml");
  for (const std::string command : {"validate ", "run "}) {
    const Outcome o = run_peaksim(command + scenario + " --set forecast.backend=cuda" +
                                  (command == "run " ? " -q -o " + (dir / "r.h5") : std::string()));
    INFO(o.err);
    CHECK(o.status == 2);
    CHECK(o.err.find("forecast.backend: cuda cannot run here: " + cpu_reason() +
                     "; use auto (the CPU when no device is usable) or cpu") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir / "r.h5"));
}
