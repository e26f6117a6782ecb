#include "sim/output/chunks.hpp"

#include <zlib.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>

namespace peaksim {
namespace {

// HDF5 stores int32 little-endian; the bytes are copied as they are in memory.
static_assert(std::endian::native == std::endian::little, "chunks are filtered in native byte order");

constexpr std::size_t kMaxChunkElements = std::size_t{256} * 1024;

// HDF5's shuffle filter for 4-byte elements: byte j of element k goes to position j * n + k. SSE2 (every x86-64)
// handles 16 elements at a time: byte j of each, masked to 16 bits, packed twice down to bytes.
void shuffle(const std::int32_t* values, std::size_t n, std::string& out) {
  out.resize(n * 4);
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::size_t k = 0;
#if defined(__SSE2__)
  const __m128i low = _mm_set1_epi32(0xff);
  for (; k + 16 <= n; k += 16) {
    const auto* p = reinterpret_cast<const __m128i*>(values + k);
    __m128i v[4] = {_mm_loadu_si128(p), _mm_loadu_si128(p + 1), _mm_loadu_si128(p + 2), _mm_loadu_si128(p + 3)};
    for (std::size_t j = 0; j < 4; ++j) {
      __m128i t[4];
      for (int q = 0; q < 4; ++q) t[q] = _mm_and_si128(v[q], low);
      const __m128i packed = _mm_packus_epi16(_mm_packs_epi32(t[0], t[1]), _mm_packs_epi32(t[2], t[3]));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o + j * n + k), packed);
      for (int q = 0; q < 4; ++q) v[q] = _mm_srli_epi32(v[q], 8);
    }
  }
#endif
  const auto* in = reinterpret_cast<const unsigned char*>(values);
  for (; k < n; ++k) {
    o[k] = in[4 * k];
    o[n + k] = in[4 * k + 1];
    o[2 * n + k] = in[4 * k + 2];
    o[3 * n + k] = in[4 * k + 3];
  }
}

bool all_zero(const std::int32_t* values, std::size_t n) {
  std::int32_t any = 0;
  for (std::size_t k = 0; k < n; ++k) any |= values[k];  // no early exit, so that it vectorises
  return any == 0;
}

}  // namespace

std::vector<std::size_t> chunk_shape(const std::vector<std::size_t>& shape) {
  std::size_t elements = 1;
  for (const std::size_t s : shape) elements *= s;
  if (shape.empty() || elements == 0) return {};  // HDF5 rejects chunks on scalars and empty extents
  std::vector<std::size_t> chunk(shape.size(), 1);
  std::size_t inner = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    if (inner * shape[i] <= kMaxChunkElements) {
      chunk[i] = shape[i];
      inner *= shape[i];
    } else {
      chunk[i] = std::max<std::size_t>(1, kMaxChunkElements / inner);
      break;
    }
  }
  return chunk;
}

std::size_t chunk_count(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk) {
  std::size_t n = 1;
  for (std::size_t d = 0; d < shape.size(); ++d) n *= (shape[d] + chunk[d] - 1) / chunk[d];
  return n;
}

std::vector<std::size_t> chunk_offset(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk,
                                      std::size_t i) {
  std::vector<std::size_t> offset(shape.size(), 0);
  for (std::size_t d = shape.size(); d-- > 0;) {
    const std::size_t per_dim = (shape[d] + chunk[d] - 1) / chunk[d];
    offset[d] = (i % per_dim) * chunk[d];
    i /= per_dim;
  }
  return offset;
}

ChunkRun chunk_run(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk, std::size_t i) {
  const auto offset = chunk_offset(shape, chunk, i);
  ChunkRun run{0, 1};
  bool cut_seen = false;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    run.start = run.start * shape[d] + offset[d];
    if (cut_seen) {
      run.count *= shape[d];
    } else if (chunk[d] != 1 || d + 1 == shape.size()) {
      run.count = std::min(chunk[d], shape[d] - offset[d]);
      cut_seen = true;
    }
  }
  return run;
}

struct ChunkCompressor::State {
  z_stream z{};
  std::vector<std::int32_t> block;
  std::string shuffled, deflated;
};

ChunkCompressor::ChunkCompressor() : state_(std::make_unique<State>()) {
  if (deflateInit2(&state_->z, kGzipLevel, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK)
    throw std::runtime_error("cannot start compressing recorded arrays");
}

ChunkCompressor::~ChunkCompressor() { deflateEnd(&state_->z); }

std::string ChunkCompressor::compress(const std::int32_t* values, std::size_t count, std::size_t size) {
  State& s = *state_;
  if (count < size) {  // an edge chunk, padded with zeros
    s.block.assign(size, 0);
    std::copy_n(values, count, s.block.begin());
    values = s.block.data();
  }
  if (all_zero(values, size)) return {};
  shuffle(values, size, s.shuffled);
  s.deflated.resize(deflateBound(&s.z, uLong(s.shuffled.size())));
  deflateReset(&s.z);
  s.z.next_in = reinterpret_cast<Bytef*>(s.shuffled.data());
  s.z.avail_in = uInt(s.shuffled.size());
  s.z.next_out = reinterpret_cast<Bytef*>(s.deflated.data());
  s.z.avail_out = uInt(s.deflated.size());
  if (deflate(&s.z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("cannot compress a recorded array's chunk");
  // A copy of the right size: a string shrunk in place would keep the whole bound (about 1 MiB) per chunk.
  return std::string(s.deflated.data(), s.z.total_out);
}

void compress_chunks(RecordedArray& a) {
  if (a.compressed()) return;
  a.chunk = chunk_shape(a.shape);
  if (a.chunk.empty()) return;
  const std::size_t n = chunk_count(a.shape, a.chunk);
  std::size_t per_chunk = 1;
  for (const std::size_t c : a.chunk) per_chunk *= c;
  ChunkCompressor compressor;
  a.chunks.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    const ChunkRun run = chunk_run(a.shape, a.chunk, i);
    a.chunks[i] = compressor.compress(a.values.data() + run.start, run.count, per_chunk);
  }
  std::vector<std::int32_t>().swap(a.values);  // release the memory, not just the size
}

std::vector<std::int32_t> decompress_chunks(const RecordedArray& a) {
  if (a.chunks.empty()) return a.values;
  std::size_t elements = 1, per_chunk = 1;
  for (const std::size_t s : a.shape) elements *= s;
  for (const std::size_t c : a.chunk) per_chunk *= c;
  std::vector<std::int32_t> values(elements), block(per_chunk);
  std::string shuffled(per_chunk * 4, '\0');
  const std::size_t rank = a.shape.size();
  std::vector<std::size_t> stride(rank, 1);
  for (std::size_t d = rank - 1; d-- > 0;) stride[d] = stride[d + 1] * a.shape[d + 1];
  for (std::size_t i = 0; i < a.chunks.size(); ++i) {
    if (a.chunks[i].empty()) continue;  // a chunk of zeros
    uLongf size = uLongf(shuffled.size());
    if (uncompress(reinterpret_cast<Bytef*>(shuffled.data()), &size, reinterpret_cast<const Bytef*>(a.chunks[i].data()),
                   uLong(a.chunks[i].size())) != Z_OK ||
        size != shuffled.size()) {
      throw std::runtime_error("chunk " + std::to_string(i) + " of array '" + a.name + "' does not inflate");
    }
    auto* b = reinterpret_cast<unsigned char*>(block.data());
    for (std::size_t k = 0; k < per_chunk; ++k)
      for (std::size_t j = 0; j < 4; ++j) b[4 * k + j] = static_cast<unsigned char>(shuffled[j * per_chunk + k]);
    // Scatter the chunk's elements that lie inside the array.
    const auto offset = chunk_offset(a.shape, a.chunk, i);
    for (std::size_t e = 0; e < per_chunk; ++e) {
      std::size_t rest = e, target = 0;
      bool inside = true;
      for (std::size_t d = rank; d-- > 0;) {
        const std::size_t idx = offset[d] + rest % a.chunk[d];
        rest /= a.chunk[d];
        inside = inside && idx < a.shape[d];
        target += idx * stride[d];
      }
      if (inside) values[target] = block[e];
    }
  }
  return values;
}

}  // namespace peaksim
