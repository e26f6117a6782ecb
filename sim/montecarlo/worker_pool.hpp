// Runs replications in forked worker processes (SimGrid's engine is one per process): at most `jobs`
// workers at once, each running a batch of `batch` replications through a BatchRunner and sending
// serialized results back through a pipe. It knows nothing of agents: the model layer supplies the
// runner (model/replication.hpp). Results reach `sink` in completion order;
// the caller sorts by replication id. Because each replication's draws depend only on its own
// substreams, results are bit-identical whatever `jobs` and `batch` are.
#pragma once
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "sim/output/results.hpp"

namespace peaksim {

struct PoolOptions {
  int jobs = 1;
  int batch = 1;
  // Workers compress the recorded arrays into HDF5 chunks (compress_chunks) before sending them: the
  // parent then receives a fraction of the bytes and only copies them into the file. Off, arrays
  // arrive with their values.
  bool compress = false;
};

class WorkerError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bad input that only a run could find (a recorded value beyond its cell): thrown by a BatchRunner with the full
// message, reaching the parent as a WorkerInputError, so that the command exits 2 like any other bad input.
class InputRefused : public std::runtime_error {
  using std::runtime_error::runtime_error;
};
class WorkerInputError : public WorkerError {
  using WorkerError::WorkerError;
};

// Runs one batch of replications in the calling (worker) process and hands each result to `send` as soon as it
// is made, in any order; with `compress`, recorded arrays come compressed into HDF5 chunks (compress_chunks). It
// is called at most once per worker process, so it may own that process's single SimGrid engine.
using ResultSink = std::function<void(ReplicationResult&&)>;
using BatchRunner =
    std::function<void(const std::vector<std::uint64_t>& replications, bool compress, const ResultSink& send)>;

void run_in_workers(const BatchRunner& run_batch, const std::vector<std::uint64_t>& replications,
                    const PoolOptions& options, const ResultSink& sink);

// The same with the batches given (options.batch is not used): each batch runs in one worker process, in order of
// `batches` as workers free up. An experiment runs the batches of all its arms in one pool, each batch of one arm.
void run_batches_in_workers(const BatchRunner& run_batch, const std::vector<std::vector<std::uint64_t>>& batches,
                            const PoolOptions& options, const ResultSink& sink);

// The same with batches pulled from `next` whenever a worker is free (after every result handed to `sink`): it
// returns an empty batch when it has none now, and the pool ends when it has none and no worker runs. `sink` (or
// `next`) may throw StopWorkers to end the pool at once: the running workers are killed, their results not yet
// received are dropped, and the call returns normally. An experiment runs the next round's replications this way
// while the stopping rule is still open on the current one.
// `tolerated`, when given, is asked about a batch whose worker failed (a WorkerError, bad input included): true
// drops the batch (the results it sent stay delivered) and the pool goes on; false, or no filter, throws.
// `meanwhile`, when given, is called whenever the free workers have been started, before the pool waits: the
// parent's own work (publishing a finished shard, comparing arms) then no longer keeps a worker from starting. It
// returns whether it did anything (the pool then looks for batches again before waiting or ending) and may throw
// StopWorkers too.
using BatchSource = std::function<std::vector<std::uint64_t>()>;
using FailureFilter = std::function<bool(const std::vector<std::uint64_t>& batch)>;
struct StopWorkers {};
void run_batches_in_workers(const BatchRunner& run_batch, const BatchSource& next, const PoolOptions& options,
                            const ResultSink& sink, const FailureFilter& tolerated,
                            const std::function<bool()>& meanwhile = {});

}  // namespace peaksim
