// End-to-end: hostile command lines and output paths. Each refusal is one exact message, exit status 2, and a
// folder left as it was; failures to write (a full standard output, a file size limit) say why, with status 1.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kReference = source_path("scenarios/reference/single_sS.yaml");
const std::string kHelp = "Run with --help for more information.\n";

// A folder holding a copy of the reference scenario (s.yaml), a small history CSV (h.csv) and a subfolder (sub).
struct Workspace {
  TempDir dir;
  Workspace() {
    fs::copy_file(kReference, dir / "s.yaml");
    write_history(dir / "h.csv", "", 3, 40);
    fs::create_directory(dir / "sub");
  }
  // `series` daily series of `days` values from 2024-01-01, after `prefix` (e.g. a byte-order mark).
  static void write_history(const std::string& path, const std::string& prefix, int series, int days) {
    std::ofstream out(path);
    out << prefix << "series_id,date,value\n";
    const auto first = *peaksim::cal::Date::parse("2024-01-01");
    for (int s = 0; s < series; ++s)
      for (int t = 0; t < days; ++t)
        out << 's' << s << ',' << (first + t).to_string() << ',' << (t * 7 + s) % 11 << '\n';
  }
};

// Runs `args` in the workspace and checks the exact message, status 2 and an unchanged folder.
void check_refused(const Workspace& w, const std::string& args, const std::string& expected) {
  INFO("peaksim " << args);
  const auto before = listing(w.dir.path);
  const Outcome o = run_peaksim(args, w.dir.path.string());
  CHECK(o.status == 2);
  CHECK(o.err == expected);
  CHECK(o.out.empty());
  CHECK(listing(w.dir.path) == before);
}

}  // namespace

TEST_CASE("numbers out of range are refused with the range in plain digits, whatever the option's type") {
  Workspace w;
  check_refused(w, "run s.yaml --seed -1 -q -o out.h5", "--seed: expected a whole number >= 0, got '-1'\n" + kHelp);
  check_refused(w, "run s.yaml -n 0 -q -o out.h5",
                "--replications: expected a whole number from 1 to 100000, got '0'\n" + kHelp);
  check_refused(w, "run s.yaml -n 1e3 -q -o out.h5",
                "--replications: expected a whole number from 1 to 100000, got '1e3'\n" + kHelp);
  check_refused(w, "run s.yaml --first 9223372036854775807 -n 2 -q -o out.h5",
                "--first 9223372036854775807: with 2 replications the last id would pass 9223372036854775807, the "
                "largest id\n");
  check_refused(w, "run s.yaml -n 100001 -q -o out.h5",
                "--replications: expected a whole number from 1 to 100000, got '100001'\n" + kHelp);
  // Refused before any allocation: a horizon of 10^8 days would need gigabytes.
  check_refused(w, "forecast --input h.csv --horizon 100000000 --model ses -o f.csv",
                "--horizon: expected a whole number from 1 to 3660, got '100000000'\n" + kHelp);
  check_refused(w, "train-forecaster --synthetic 100000000 -q -o w.h5",
                "--synthetic: expected a whole number from 1 to 100000, got '100000000'\n" + kHelp);
  check_refused(w, "train-forecaster --synthetic 100000 --days 20000 -q -o w.h5",
                "--synthetic 100000 x --days 20000: at most 20000000 series-days in one training\n");
  std::string levels = "0.001";
  for (int i = 2; i <= 100; ++i) levels += ",0." + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i);
  check_refused(w, "forecast --input h.csv --horizon 2 --model ses --quantiles " + levels + " -o f.csv",
                "--quantiles: 100 levels; expected at most 99\n");
}

TEST_CASE("a mistyped subcommand is named, with the nearest one") {
  Workspace w;
  check_refused(w, "runn s.yaml -o out.h5",
                "peaksim: unknown subcommand 'runn'; did you mean 'run'? (subcommands: run, validate, merge, schema, "
                "kpis, forecast, train-forecaster, report)\n");
  check_refused(w, "frobnicate",
                "peaksim: unknown subcommand 'frobnicate' (subcommands: run, validate, merge, schema, kpis, "
                "forecast, train-forecaster, report)\n");
}

TEST_CASE("a folder given as the scenario or the history is called a folder") {
  Workspace w;
  check_refused(w, "run sub -q -o out.h5", "sub: is a folder; expected a scenario file (YAML)\n");
  check_refused(w, "validate sub", "sub: is a folder; expected a scenario file (YAML)\n");
  check_refused(w, "forecast --input sub --horizon 2 --model ses -o f.csv", "sub: is a folder; expected a CSV file\n");
  // A device would be read without end: /dev/zero holds one line of unbounded length.
  check_refused(w, "run /dev/zero -q -o out.h5", "/dev/zero: is a device; expected a scenario file (YAML)\n");
  check_refused(w, "forecast --input /dev/zero --horizon 2 --model ses -o f.csv",
                "/dev/zero: is a device; expected a CSV file\n");
}

TEST_CASE("an output that is an input, by any spelling or link, is refused even with --force") {
  Workspace w;
  fs::create_hard_link(w.dir / "s.yaml", w.dir / "link.yaml");
  fs::create_symlink("h.csv", w.dir / "h_link.csv");
  const std::string scenario = read_text(w.dir / "s.yaml");
  check_refused(w, "run s.yaml -q --force -o ./s.yaml",
                "peaksim: cannot write './s.yaml': it is the input file 's.yaml'; choose another output\n");
  check_refused(w, "run ./s.yaml -q --force -o link.yaml",
                "peaksim: cannot write 'link.yaml': it is the input file './s.yaml'; choose another output\n");
  check_refused(w, "forecast --input h.csv --horizon 2 --model ses --force -o h_link.csv",
                "cannot write 'h_link.csv': it is the input file 'h.csv'; choose another output\n");
  check_refused(w, "train-forecaster -q --epochs 1 --input h.csv --force -o sub/../h.csv",
                "cannot write 'sub/../h.csv': it is the input file 'h.csv'; choose another output\n");
  CHECK(read_text(w.dir / "s.yaml") == scenario);
}

TEST_CASE("an output that is a folder or not a regular file is refused even with --force") {
  Workspace w;
  check_refused(w, "run s.yaml -q -o sub", "peaksim: cannot write 'sub': it is a directory\n");
  // As root, replacing /dev/null by a results file would break the machine.
  check_refused(w, "run s.yaml -q --force -o /dev/null",
                "peaksim: cannot write '/dev/null': it is not a regular file; peaksim writes only regular files\n");
  check_refused(w, "forecast --input h.csv --horizon 2 --model ses --force -o /dev/null",
                "cannot write '/dev/null': it is not a regular file; peaksim writes only regular files\n");
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("a report that cannot be written to standard output fails with the reason") {
  Workspace w;
  for (const std::string command : {"schema", "kpis", "validate s.yaml"}) {
    INFO("peaksim " << command);
    const Outcome o = run_shell("cd '" + w.dir.path.string() + "' && " + PEAKSIM_BIN + " " + command + " >/dev/full");
    CHECK(o.status == 1);
    CHECK(o.err == "peaksim: cannot write to standard output: No space left on device\n");
  }
}

TEST_CASE("a file size limit fails the write with its reason and leaves the folder as it was") {
  Workspace w;
  Workspace::write_history(w.dir / "big.csv", "", 20, 60);
  const auto before = listing(w.dir.path);
  // 16 blocks are far less than 20 series x 200 days of forecasts; SIGXFSZ is ignored, so the write fails.
  const std::string limit = "cd '" + w.dir.path.string() + "' && ulimit -f 16 && " + PEAKSIM_BIN;
  const Outcome f = run_shell(limit + " forecast --input big.csv --horizon 200 --model ses -o f.csv");
  CHECK(f.status == 1);
  CHECK(f.err == "f.csv: cannot write the file: File too large\n");
  CHECK(listing(w.dir.path) == before);
  const Outcome r = run_shell(limit + " run s.yaml --set catalog.generate.count=200 -n 2 -q -o out.h5");
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.rfind("peaksim: run failed: HDF5 error while ", 0) == 0);
  CHECK(r.err.find("'out.h5'") != std::string::npos);
  CHECK(r.err.find("(File too large)\n") != std::string::npos);
  CHECK(listing(w.dir.path) == before);
}

TEST_CASE("an output name of 250 bytes is written: the temporary name stays short") {
  Workspace w;
  const std::string name = std::string(247, 'x') + ".h5";
  const Outcome o = run_peaksim("run s.yaml --set catalog.generate.count=5 -n 1 -q -o " + name, w.dir.path.string());
  INFO(o.err);
  CHECK(o.status == 0);
  CHECK(read_doubles(w.dir / name, "/kpi/replication").size() == 1);
}

TEST_CASE("a history that starts with a UTF-8 byte-order mark reads as without it") {
  Workspace w;
  Workspace::write_history(w.dir / "bom.csv", "\xEF\xBB\xBF", 3, 40);
  const Outcome plain = run_peaksim("forecast --input h.csv --horizon 3 --model ses -o a.csv", w.dir.path.string());
  const Outcome bom = run_peaksim("forecast --input bom.csv --horizon 3 --model ses -o b.csv", w.dir.path.string());
  INFO(bom.err);
  CHECK(plain.status == 0);
  CHECK(bom.status == 0);
  CHECK(read_text(w.dir / "a.csv").size() > 100);
  CHECK(read_text(w.dir / "a.csv") == read_text(w.dir / "b.csv"));
}
