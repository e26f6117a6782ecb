// Chunking and compression of recorded arrays, shared by the workers (which compress) and the writer (which
// stores the compressed chunks as they are). Compressing in the workers spreads gzip over every job and keeps
// the parent's work to copying bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/output/results.hpp"

namespace peaksim {

// gzip level recorded in each array's filter settings. Workers compress with Intel's ISA-L (igzip, its level 1),
// whose output is an ordinary zlib stream that HDF5's gzip filter decodes like any other; it is several times
// faster than zlib's fastest settings on shuffled counts. The level stored is the one HDF5 itself would use.
inline constexpr int kGzipLevel = 1;

// Chunk extents for an array of `shape`: the fastest-varying dimensions whole, the slowest (day) one cut, so
// that a chunk is a run of whole days over all SKUs and sites, at most 262,144 values (1 MiB of int32, the size
// of HDF5's default chunk cache). Empty for a scalar or empty array, which are stored contiguous and raw.
std::vector<std::size_t> chunk_shape(const std::vector<std::size_t>& shape);

// Number of chunks of that shape, and the offset (in elements, per dimension) of chunk `i` in row-major order.
std::size_t chunk_count(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk);
std::vector<std::size_t> chunk_offset(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk,
                                      std::size_t i);

// Where chunk `i` of an array of `shape` lies in its row-major values: chunk_shape keeps every dimension after
// the cut one whole (and those before it at 1), so a chunk is one run of `count` values from `start`; `count` is
// less than the chunk's size for an edge chunk, which HDF5 stores padded with zeros at its end.
struct ChunkRun {
  std::size_t start = 0, count = 0;
};
ChunkRun chunk_run(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk, std::size_t i);

// Filters chunks as HDF5's pipeline expects (shuffle, then a zlib stream). One per thread of work: it keeps its
// zlib state and buffers from chunk to chunk.
class ChunkCompressor {
public:
  ChunkCompressor();
  ~ChunkCompressor();
  ChunkCompressor(const ChunkCompressor&) = delete;
  ChunkCompressor& operator=(const ChunkCompressor&) = delete;

  // The stored bytes of a chunk of `size` values whose first `count` are `values` (the rest zeros); empty for a
  // chunk of zeros, which is not written (HDF5 reads an unwritten chunk as the fill value, 0).
  std::string compress(const std::int32_t* values, std::size_t count, std::size_t size);

private:
  struct State;  // zlib's stream and the buffers
  std::unique_ptr<State> state_;
};

// Replaces `a.values` by `a.chunk` and `a.chunks`: the chunks in row-major chunk order, each filtered as HDF5's
// pipeline expects (shuffle, then a zlib stream), edge chunks first padded with zeros (HDF5's fill value) to the
// full chunk size. A chunk of zeros stays empty and is not written: HDF5 reads it as the fill value. The writer
// stores the other chunks' bytes unchanged. Scalar and empty arrays, which are not chunked, keep their values; an
// array already compressed is left as it is.
void compress_chunks(RecordedArray& a);

// The inverse, for tests and checks: the values of a compressed array. Throws std::runtime_error on bytes that
// do not inflate to a whole chunk.
std::vector<std::int32_t> decompress_chunks(const RecordedArray& a);

}  // namespace peaksim
