// End-to-end: `peaksim forecast --backend auto|cpu|cuda` (where the global model's network runs) and --threads.
// Without a usable CUDA device (this machine) the CPU path and the notice are what is checked; with one, the
// device cases check that it is used and say so.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "forecasting/backend.hpp"
#include "sim/calendar/date.hpp"
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

// Why the CPU runs the network under --backend auto, or "" when a device is used.
std::string cpu_reason() {
#ifdef PEAKSIM_CLI_CUDA_FORWARD
  return fc::cuda_unavailable_reason();
#else
  return "this peaksim was built without the CUDA forward pass (configure with -DPEAKSIM_CLI_CUDA_FORWARD=ON)";
#endif
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

TEST_CASE("forecast --backend cpu runs the global model on the CPU without a notice; auto says where it runs") {
  TempDir dir;
  write_history(dir / "h.csv");
  const std::string args = "forecast --input " + (dir / "h.csv") + " --horizon 10 --model global ";
  const Outcome cpu = run_peaksim(args + "--backend cpu -o " + (dir / "cpu.csv"));
  INFO(cpu.err);
  REQUIRE(cpu.status == 0);
  CHECK(cpu.err.find("notice: forecasting runs") == std::string::npos);
  const Outcome plain = run_peaksim(args + "-o " + (dir / "default.csv"));  // default: auto
  REQUIRE(plain.status == 0);
  const std::string reason = cpu_reason();
  if (!reason.empty()) {
    CHECK(plain.err.find(kNotice + reason) != std::string::npos);
    CHECK(read_text(dir / "default.csv") == read_text(dir / "cpu.csv"));  // the same CPU forward pass
  } else {
    MESSAGE("a CUDA device is usable here: auto ran on it (its tolerance is test_cuda_parity's)");
    CHECK(plain.err.find("notice: forecasting runs") == std::string::npos);
  }
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
