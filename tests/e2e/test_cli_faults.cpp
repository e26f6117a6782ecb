// End-to-end: peaksim under signals and races. Whatever ends it, no visible file is left, an existing output
// survives, and its worker processes end with it (docs/reliability.md, "Command line, files and faults").
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "sim/calendar/date.hpp"
#include "tests/e2e/cli_fixture.hpp"

using namespace peaksim::test;

namespace {

const std::string kReference = source_path("scenarios/reference/single_sS.yaml");

// A run that takes a few seconds, writing `out` with two workers.
std::vector<std::string> long_run(const std::string& out) {
  return {"run", kReference, "--set", "catalog.generate.count=20000", "-n", "200", "-j", "2", "-q", "-o", out};
}

// Starts peaksim with `args`, stdout and stderr to `log`; in a process group of its own with `own_group`.
pid_t start(const std::vector<std::string>& args, const std::string& log, bool own_group = false) {
  // A signal sent at once may arrive before exec: blocked until the child has the default actions (not the test
  // framework's handlers, which would report a crash into the log), then delivered.
  sigset_t signals, saved;
  sigemptyset(&signals);
  for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&signals, s);
  sigprocmask(SIG_BLOCK, &signals, &saved);
  const pid_t pid = fork();
  if (pid == 0) {
    for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) signal(s, SIG_DFL);
    if (own_group) setpgid(0, 0);
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);  // SIGQUIT before the handlers dumps core otherwise
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    sigprocmask(SIG_SETMASK, &saved, nullptr);
    std::vector<char*> argv{const_cast<char*>(PEAKSIM_BIN)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(PEAKSIM_BIN, argv.data());
    _exit(127);
  }
  sigprocmask(SIG_SETMASK, &saved, nullptr);
  REQUIRE(pid > 0);
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return status;
}

// Whether `dir` holds a temporary file of peaksim with at least `bytes` bytes.
bool has_hidden_temporary(const fs::path& dir, std::uintmax_t bytes = 0) {
  for (const auto& e : fs::directory_iterator(dir)) {
    std::error_code ec;
    if (e.path().filename().string().rfind(".peaksim-", 0) == 0 && e.file_size(ec) >= bytes && !ec) return true;
  }
  return false;
}

// Waits (at most 20 s) until peaksim's temporary file in `dir` has at least `bytes` bytes.
void wait_for_temporary(const fs::path& dir, std::uintmax_t bytes = 0) {
  for (int i = 0; i < 20000 && !has_hidden_temporary(dir, bytes); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(has_hidden_temporary(dir, bytes));
}

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::istringstream in(read_text("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children"));
  for (pid_t c = 0; in >> c;) out.push_back(c);
  return out;
}

// A process that is gone or a zombie computes nothing.
bool still_running(pid_t pid) {
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return false;
  const auto close = stat.rfind(')');
  return close != std::string::npos && stat.size() > close + 2 && stat[close + 2] != 'Z';
}

// Waits (at most 20 s) until `pid` has forked both workers, and returns them.
std::vector<pid_t> wait_for_workers(pid_t pid) {
  std::vector<pid_t> workers;
  for (int i = 0; i < 2000 && (workers = children_of(pid)).size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(workers.size() == 2);
  return workers;
}

// Each worker must end soon after its parent (killed by it, or by the kernel when it dies): waits up to 5 s.
void check_workers_ended(const std::vector<pid_t>& workers) {
  for (const pid_t w : workers) {
    INFO("worker " << w);
    bool running = true;
    for (int i = 0; i < 500 && (running = still_running(w)); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_FALSE(running);
  }
}

std::vector<std::string> visible_entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string()[0] != '.') out.push_back(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("a signal at any moment of a run leaves no file at all and no worker running") {
  // The terminal's and service managers' signals at three moments; the other handled ones mid-run.
  for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU}) {
    const bool common = sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
    // 0 ms: before main() can install the handlers; 30 ms: loading the scenario; -1: writing, workers running.
    for (const int delay_ms : {0, 30, -1}) {
      if (!common && delay_ms >= 0) continue;
      INFO("signal " << std::string(strsignal(sig)) << ", moment " << delay_ms << " ms");
      TempDir dir, logs;
      const pid_t pid = start(long_run(dir / "big.h5"), logs / "log");
      std::vector<pid_t> workers;
      if (delay_ms < 0) {
        wait_for_temporary(dir.path);
        workers = wait_for_workers(pid);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      }
      kill(pid, sig);
      const int status = wait_status(pid);
      // Before the handlers the signal's default action ends it (nothing was created yet); after them the status
      // is 128 + the signal's number.
      CHECK(((WIFEXITED(status) && WEXITSTATUS(status) == 128 + sig) ||
             (WIFSIGNALED(status) && WTERMSIG(status) == sig)));
      if (delay_ms < 0) CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 128 + sig));
      CHECK(listing(dir.path).empty());
      CHECK(read_text(logs / "log").empty());
      check_workers_ended(workers);
    }
  }
}

TEST_CASE("after SIGKILL the workers end, only a hidden file remains, and the next run in the folder removes it") {
  TempDir dir, logs;
  const pid_t pid = start(long_run(dir / "big.h5"), logs / "log");
  wait_for_temporary(dir.path);
  const std::vector<pid_t> workers = wait_for_workers(pid);
  kill(pid, SIGKILL);
  const int status = wait_status(pid);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  check_workers_ended(workers);
  CHECK(visible_entries(dir.path).empty());
  CHECK(has_hidden_temporary(dir.path));
  const Outcome next =
      run_peaksim("run " + kReference + " --set catalog.generate.count=5 -n 1 -q -o " + (dir / "small.h5"));
  CHECK(next.status == 0);
  const auto after = listing(dir.path);
  REQUIRE(after.size() == 1);
  CHECK(after[0].rfind("small.h5 ", 0) == 0);
}

TEST_CASE("Ctrl-C to the whole process group stops the run quietly: one status, no output, no worker") {
  TempDir dir, logs;
  const pid_t pid = start(long_run(dir / "big.h5"), logs / "log", true);
  wait_for_temporary(dir.path);
  const std::vector<pid_t> workers = wait_for_workers(pid);
  kill(-pid, SIGINT);  // as the terminal does: the parent and every worker get it
  const int status = wait_status(pid);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 130));
  CHECK(read_text(logs / "log").empty());
  CHECK(listing(dir.path).empty());
  check_workers_ended(workers);
}

TEST_CASE("an existing output survives every fault of a forced run, and a signal while forecasting leaves nothing") {
  TempDir dir, logs;
  { std::ofstream(dir / "keep.h5") << "precious"; }
  std::vector<std::string> args = long_run(dir / "keep.h5");
  args.push_back("--force");
  for (const int sig : {SIGINT, SIGKILL}) {
    INFO("signal " << std::string(strsignal(sig)));
    const pid_t pid = start(args, logs / "log");
    wait_for_temporary(dir.path);
    wait_for_workers(pid);
    kill(pid, sig);
    wait_status(pid);
    CHECK(read_text(dir / "keep.h5") == "precious");
    CHECK(visible_entries(dir.path) == std::vector<std::string>{"keep.h5"});
  }

  // 200 series of 400 days, forecast 1,000 days ahead: a CSV of about 25 MB, killed while it is written.
  TempDir work;
  {
    std::ofstream out(work / "h.csv");
    out << "series_id,date,value\n";
    const auto first = *peaksim::cal::Date::parse("2023-01-01");
    for (int s = 0; s < 200; ++s)
      for (int t = 0; t < 400; ++t)
        out << 's' << s << ',' << (first + t).to_string() << ',' << (t * 7 + s) % 13 << '\n';
  }
  const pid_t pid =
      start({"forecast", "--input", work / "h.csv", "--horizon", "1000", "--model", "ses", "-o", work / "f.csv"},
            logs / "log");
  wait_for_temporary(work.path, 1);  // created empty at the start; the forecasts are being written now
  kill(pid, SIGTERM);
  const int status = wait_status(pid);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGTERM));
  CHECK(listing(work.path).size() == 1);  // h.csv alone
}

TEST_CASE("a destination that appears while the run writes is kept, and the run says so with status 1") {
  TempDir dir, logs;
  const pid_t pid = start(
      {"run", kReference, "--set", "catalog.generate.count=2000", "-n", "8", "-j", "2", "-q", "-o", dir / "out.h5"},
      logs / "log");
  wait_for_temporary(dir.path);
  { std::ofstream(dir / "out.h5") << "the other run's"; }  // as a second run that finished first
  const int status = wait_status(pid);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 1));
  CHECK(read_text(logs / "log") == "peaksim: run failed: '" + dir / "out.h5" +
                                       "' appeared while peaksim was writing it and is kept; nothing was written (use "
                                       "--force to replace it)\n");
  CHECK(read_text(dir / "out.h5") == "the other run's");
  CHECK(listing(dir.path) == std::vector<std::string>{"out.h5 15"});
}
