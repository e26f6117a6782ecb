#include "sim/montecarlo/worker_pool.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "sim/common/fault_cleanup.hpp"
#include "sim/output/chunks.hpp"

namespace peaksim {
namespace {

constexpr int kMaxWorkers = 1024;  // as many as the fault handler tracks (sim/common/fault_cleanup.cpp)

void write_all(int fd, const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) _exit(3);  // the parent is gone
    p += w;
    n -= std::size_t(w);
  }
}

// Frames on the pipe: one byte kind ('R' result, 'E' error text, 'I' bad input text), 8 bytes length, payload.
void send_frame(int fd, char kind, const std::string& payload) {
  const std::uint64_t n = payload.size();
  write_all(fd, &kind, 1);
  write_all(fd, &n, sizeof n);
  write_all(fd, payload.data(), payload.size());
}

[[noreturn]] void worker_main(int fd, pid_t parent, const BatchRunner& run_batch,
                              const std::vector<std::uint64_t>& batch, bool compress) {
  become_worker(parent);  // quiet on Ctrl-C, and gone when the parent is, whatever kills it
  int status = 0;
  try {
    // Each result is sent as soon as the runner hands it over, then freed.
    run_batch(batch, compress, [fd, compress](ReplicationResult&& r) {
      if (compress)
        for (RecordedArray& a : r.arrays) compress_chunks(a);  // those the runner left uncompressed
      send_frame(fd, 'R', serialize(r));
    });
  } catch (const InputRefused& e) {
    send_frame(fd, 'I', e.what());
    status = 1;
  } catch (const std::exception& e) {
    send_frame(fd, 'E', e.what());
    status = 1;
  }
  close(fd);
  _exit(status);  // skip static destructors: SimGrid's engine is not meant to be torn down
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::vector<std::uint64_t> batch;
  std::string buffer;
};

// Consumes complete frames from a worker's buffer. The parent holds at most one frame per worker (and the
// result decoded from it), whatever the number of replications.
void drain_frames(Worker& w, const ResultSink& sink) {
  constexpr std::size_t header = 1 + sizeof(std::uint64_t);
  while (w.buffer.size() >= header) {
    std::uint64_t n = 0;
    std::memcpy(&n, w.buffer.data() + 1, sizeof n);
    if (w.buffer.size() < header + n) {
      if (n < (std::uint64_t{1} << 32)) w.buffer.reserve(header + n);  // one allocation, not repeated doubling
      return;
    }
    const char kind = w.buffer[0];
    const std::string_view payload = std::string_view(w.buffer).substr(header, n);
    if (kind == 'E') throw WorkerError(std::string(payload));
    if (kind == 'I') throw WorkerInputError(std::string(payload));
    ReplicationResult r = deserialize(payload);
    w.buffer.erase(0, header + n);
    sink(std::move(r));
  }
}

// Reaps a worker whose pipe is closed (it sent everything and is leaving).
void finish_worker(Worker& w) {
  int status = 0;
  waitpid(w.pid, &status, 0);
  unwatch_worker(w.pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !w.buffer.empty())
    throw WorkerError("the worker running replication " + std::to_string(w.batch.front()) +
                      " stopped abnormally (status " + std::to_string(status) + ")");
}

}  // namespace

void run_in_workers(const BatchRunner& run_batch, const std::vector<std::uint64_t>& replications,
                    const PoolOptions& options, const ResultSink& sink) {
  std::vector<std::vector<std::uint64_t>> batches;
  const std::size_t batch = std::size_t(std::max(1, options.batch));
  for (std::size_t i = 0; i < replications.size(); i += batch)
    batches.emplace_back(replications.begin() + long(i),
                         replications.begin() + long(std::min(replications.size(), i + batch)));
  run_batches_in_workers(run_batch, batches, options, sink);
}

void run_batches_in_workers(const BatchRunner& run_batch, const std::vector<std::vector<std::uint64_t>>& given,
                            const PoolOptions& options, const ResultSink& sink) {
  std::size_t at = 0;
  const BatchSource next = [&]() -> std::vector<std::uint64_t> {
    while (at < given.size() && given[at].empty()) ++at;
    return at < given.size() ? given[at++] : std::vector<std::uint64_t>{};
  };
  run_batches_in_workers(run_batch, next, options, sink, {});
}

void run_batches_in_workers(const BatchRunner& run_batch, const BatchSource& next, const PoolOptions& options,
                            const ResultSink& sink, const FailureFilter& tolerated,
                            const std::function<bool()>& meanwhile) {
  const int jobs = std::clamp(options.jobs, 1, kMaxWorkers);
  std::vector<Worker> running;

  auto start = [&](std::vector<std::uint64_t>&& b) {
    int fds[2];
    if (pipe(fds) != 0) throw WorkerError(std::string("cannot create a pipe: ") + std::strerror(errno));
    std::fflush(nullptr);  // or the child would inherit, and later repeat, unwritten output
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw WorkerError(std::string("cannot start a worker process: ") + std::strerror(errno));
    if (pid == 0) {
      close(fds[0]);
      worker_main(fds[1], parent, run_batch, b, options.compress);
    }
    watch_worker(pid);
    close(fds[1]);
    Worker w{pid, fds[0], std::move(b), {}};
    running.push_back(std::move(w));
  };
  const auto end = [](Worker& w) {
    kill(w.pid, SIGKILL);
    close(w.fd);
    waitpid(w.pid, nullptr, 0);
    unwatch_worker(w.pid);
  };
  // Workers whose pipe closed: reaped after the next workers start, since waiting for one means waiting while the
  // system tears down its copy of the parent's memory (milliseconds, every batch).
  std::vector<Worker> leaving;
  const auto reap = [&] {
    for (Worker& w : leaving) {
      try {
        finish_worker(w);
      } catch (const WorkerError&) {
        if (!tolerated || !tolerated(w.batch)) {
          w.pid = -1;
          throw;
        }
      }
      w.pid = -1;
    }
    leaving.clear();
  };
  const auto end_all = [&] {
    for (Worker& w : running) end(w);
    running.clear();
    for (Worker& w : leaving)
      if (w.pid > 0) waitpid(w.pid, nullptr, 0), unwatch_worker(w.pid);
    leaving.clear();
  };

  try {
    for (;;) {
      while (int(running.size()) < jobs) {
        std::vector<std::uint64_t> b = next();
        if (b.empty()) break;
        start(std::move(b));
      }
      reap();
      if (meanwhile && meanwhile()) continue;  // it did some work, and may have queued batches
      if (running.empty()) break;
      std::vector<pollfd> fds;
      for (const Worker& w : running) fds.push_back({w.fd, POLLIN, 0});
      if (poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        throw WorkerError(std::string("poll failed: ") + std::strerror(errno));
      }
      for (std::size_t i = running.size(); i-- > 0;) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        Worker& w = running[i];
        char chunk[1 << 16];
        const ssize_t n = read(w.fd, chunk, sizeof chunk);
        if (n > 0) {
          w.buffer.append(chunk, std::size_t(n));
          try {
            drain_frames(w, sink);
          } catch (const WorkerError&) {
            if (!tolerated || !tolerated(w.batch)) throw;
            end(w);
            running.erase(running.begin() + long(i));
          }
        } else if (n == 0) {
          close(w.fd);
          leaving.push_back(std::move(w));
          running.erase(running.begin() + long(i));
        }
      }
    }
  } catch (const StopWorkers&) {
    end_all();
  } catch (...) {
    end_all();
    throw;
  }
}

}  // namespace peaksim
