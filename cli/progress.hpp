// A one-line progress report on a terminal: replications done and an estimate of time left.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdio>

namespace peaksim::cli {

class Progress {
public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}

  void step() {
    ++done_;
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double left = elapsed / double(done_) * double(total_ - done_);
    std::fprintf(stderr, "\r  %zu/%zu replications done, %.1f s elapsed, about %.1f s left   ", done_, total_, elapsed,
                 left);
    std::fflush(stderr);
  }
  void done() const {
    if (enabled_) std::fputs("\n", stderr);
  }

private:
  std::size_t total_, done_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace peaksim::cli
