#include "sim/common/fault_cleanup.hpp"

#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>

namespace peaksim {
namespace {

// Plain arrays of atomic-sized values: a signal handler may read them at any moment.
constexpr int kMaxTemporaries = 64;  // an experiment writes a shard per arm and block at once
constexpr int kMaxWorkers = 1024;
constexpr std::size_t kMaxPath = 4096;
char g_paths[kMaxTemporaries][kMaxPath];
volatile sig_atomic_t g_path_set[kMaxTemporaries];
volatile sig_atomic_t g_workers[kMaxWorkers];
volatile sig_atomic_t g_owner = 0;  // the process whose files these are; a forked child must not clean up
// The line printed on a fatal signal (what an interrupted experiment kept): two buffers, the live one switched
// only once the other is complete, so the handler never reads a half-written line.
constexpr std::size_t kMaxMessage = 1024;
char g_messages[2][kMaxMessage];
volatile sig_atomic_t g_message_length[2];
volatile sig_atomic_t g_live_message = -1;

// Every signal whose default action ends the process without a core dump, and SIGQUIT; a crash (SIGSEGV, SIGABRT)
// keeps its default, and leaves at most the hidden temporary file, removed later (output_file.hpp).
constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU};

void on_fatal_signal(int signal) {
  if (g_owner == 0 || ::getpid() == pid_t(g_owner)) {
    for (int i = 0; i < kMaxWorkers; ++i)
      if (g_workers[i] > 0) ::kill(pid_t(g_workers[i]), SIGKILL);
    for (int i = 0; i < kMaxTemporaries; ++i)
      if (g_path_set[i]) ::unlink(g_paths[i]);
    if (const int m = g_live_message; m >= 0) {
      const ssize_t written = ::write(STDERR_FILENO, g_messages[m], std::size_t(g_message_length[m]));
      static_cast<void>(written);  // nothing more to do if stderr is gone
    }
  }
  ::_exit(128 + signal);
}

}  // namespace

void install_fault_handlers() {
  g_owner = sig_atomic_t(::getpid());
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sigfillset(&sa.sa_mask);  // one cleanup at a time, not interrupted by a second signal
  for (const int s : kFatalSignals) sigaction(s, &sa, nullptr);
  std::signal(SIGXFSZ, SIG_IGN);
}

int watch_temporary(const std::string& path) {
  if (path.size() >= kMaxPath) return -1;
  for (int i = 0; i < kMaxTemporaries; ++i) {
    if (g_path_set[i]) continue;
    std::memcpy(g_paths[i], path.c_str(), path.size() + 1);  // complete before the slot is marked as set
    g_path_set[i] = 1;
    return i;
  }
  return -1;
}

void unwatch_temporary(int slot) {
  if (slot >= 0 && slot < kMaxTemporaries) g_path_set[slot] = 0;
}

void set_signal_message(const std::string& line) {
  const int next = g_live_message == 0 ? 1 : 0;
  const std::size_t n = std::min(line.size(), kMaxMessage);
  std::memcpy(g_messages[next], line.data(), n);
  g_message_length[next] = sig_atomic_t(n);
  g_live_message = n == 0 ? -1 : next;
}

void watch_worker(pid_t pid) {
  for (int i = 0; i < kMaxWorkers; ++i) {
    if (g_workers[i] != 0) continue;
    g_workers[i] = sig_atomic_t(pid);
    return;
  }
}

void unwatch_worker(pid_t pid) {
  for (int i = 0; i < kMaxWorkers; ++i)
    if (g_workers[i] == sig_atomic_t(pid)) g_workers[i] = 0;
}

void become_worker(pid_t parent) {
  for (int i = 0; i < kMaxTemporaries; ++i) g_path_set[i] = 0;
  for (int i = 0; i < kMaxWorkers; ++i) g_workers[i] = 0;
  g_live_message = -1;
  // Blocked rather than ignored: SimGrid installs its own SIGINT handler (which prints the engine's status) when
  // the worker creates its engine, and a blocked signal never reaches it.
  sigset_t terminal;
  sigemptyset(&terminal);
  for (const int s : {SIGINT, SIGQUIT, SIGHUP}) sigaddset(&terminal, s);
  sigprocmask(SIG_BLOCK, &terminal, nullptr);
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGPIPE, SIG_DFL);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);  // the parent died before prctl: no signal would come
}

}  // namespace peaksim
