// A one-line progress report on a terminal: replications done and an estimate of time left.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdio>

namespace peaksim::cli {

class Progress {
public:
  // `already`: replications done before this process started (a resumed experiment's), not timed.
  Progress(std::size_t total, bool enabled, std::size_t already = 0)
      : total_(total), done_(already), already_(already), enabled_(enabled) {}

  void step() { update(done_ + 1, total_); }

  // `done` of `total` now (an experiment's total grows round by round).
  void update(std::size_t done, std::size_t total) {
    done_ = done;
    total_ = total;
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::size_t timed = done_ - already_;
    const double left = timed == 0 ? 0 : elapsed / double(timed) * double(total_ - done_);
    std::fprintf(stderr, "\r  %zu/%zu replications done, %.1f s elapsed, about %.1f s left   ", done_, total_, elapsed,
                 left);
    std::fflush(stderr);
  }
  void done() const {
    if (enabled_) std::fputs("\n", stderr);
  }

private:
  std::size_t total_, done_, already_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace peaksim::cli
