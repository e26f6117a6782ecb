// What a signal that ends peaksim must undo: the hidden temporary files it is writing and the worker processes
// it started. The handlers are installed first thing in main(); everything else registers here before it creates
// the file or right after it forks, so no moment is left uncovered (docs/reliability.md).
#pragma once
#include <sys/types.h>

#include <string>

namespace peaksim {

// On SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2 and SIGXCPU (a CPU time limit): SIGKILL
// every registered worker, unlink every registered temporary file, and exit with status 128 + the signal's
// number, printing nothing but the line of set_signal_message. SIGXFSZ is ignored so that a
// file size limit fails the write (an error with a message) instead of killing the process.
void install_fault_handlers();

// Registers a path to unlink if a signal ends the process (copied; at most 64 at once). Returns its slot.
int watch_temporary(const std::string& path);
void unwatch_temporary(int slot);  // -1 is ignored

// A line (at most 1,024 bytes) that a fatal signal prints on stderr after the cleanup, such as what an interrupted
// experiment kept; empty: none (the default).
void set_signal_message(const std::string& line);

void watch_worker(pid_t pid);
void unwatch_worker(pid_t pid);

// In a freshly forked worker: the parent alone reacts to terminal signals (SIGINT, SIGQUIT and SIGHUP are
// blocked, so the worker stays quiet), SIGTERM and SIGPIPE end it, and it dies with SIGKILL when `parent` dies,
// whatever kills the parent. Exits at once when the parent is already gone.
void become_worker(pid_t parent);

}  // namespace peaksim
