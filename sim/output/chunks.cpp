#include "sim/output/chunks.hpp"

#include <isa-l/igzip_lib.h>
#include <zlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
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
constexpr int kIgzipLevel = 1;  // igzip: 0 (fastest, larger) .. 3; 1 keeps files about as small as zlib's level 1

// HDF5's shuffle filter for 4-byte elements: byte j of element k goes to position j * n + k.
void shuffle_tail(const std::int32_t* values, std::size_t k, std::size_t n, unsigned char* o) {
  const auto* in = reinterpret_cast<const unsigned char*>(values);
  for (; k < n; ++k) {
    o[k] = in[4 * k];
    o[n + k] = in[4 * k + 1];
    o[2 * n + k] = in[4 * k + 2];
    o[3 * n + k] = in[4 * k + 3];
  }
}

#if defined(__x86_64__)
// AVX2, 32 elements at a time: in each 128-bit lane a byte shuffle gathers byte j of its 4 elements into dword j;
// a dword permutation pairs the two lanes' dwords, so that qword j of a vector is byte j of its 8 elements; a 4 x 4
// transpose of qwords across the 4 vectors gives each byte plane's 32 bytes in element order.
__attribute__((target("avx2"))) std::size_t shuffle_avx2(const std::int32_t* values, std::size_t n, unsigned char* o) {
  const __m256i gather = _mm256_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,  //
                                          0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  const __m256i pair_lanes = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  std::size_t k = 0;
  for (; k + 32 <= n; k += 32) {
    __m256i v[4];
    for (int q = 0; q < 4; ++q) {
      const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(values + k + 8 * std::size_t(q)));
      v[q] = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(x, gather), pair_lanes);
    }
    const __m256i t0 = _mm256_unpacklo_epi64(v[0], v[1]), t1 = _mm256_unpackhi_epi64(v[0], v[1]);
    const __m256i t2 = _mm256_unpacklo_epi64(v[2], v[3]), t3 = _mm256_unpackhi_epi64(v[2], v[3]);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + k), _mm256_permute2x128_si256(t0, t2, 0x20));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + n + k), _mm256_permute2x128_si256(t1, t3, 0x20));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + 2 * n + k), _mm256_permute2x128_si256(t0, t2, 0x31));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + 3 * n + k), _mm256_permute2x128_si256(t1, t3, 0x31));
  }
  return k;
}
#endif

void shuffle(const std::int32_t* values, std::size_t n, std::string& out) {
  out.resize(n * 4);
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::size_t k = 0;
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) k = shuffle_avx2(values, n, o);
#endif
  shuffle_tail(values, k, n, o);
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
  isal_zstream z{};
  std::vector<std::uint8_t> level_buffer = std::vector<std::uint8_t>(ISAL_DEF_LVL1_DEFAULT);
  std::vector<std::int32_t> block;
  std::string shuffled, deflated;
};

ChunkCompressor::ChunkCompressor() : state_(std::make_unique<State>()) {}

ChunkCompressor::~ChunkCompressor() = default;

std::string ChunkCompressor::compress(const std::int32_t* values, std::size_t count, std::size_t size) {
  State& s = *state_;
  if (count < size) {  // an edge chunk, padded with zeros
    s.block.assign(size, 0);
    std::copy_n(values, count, s.block.begin());
    values = s.block.data();
  }
  if (all_zero(values, size)) return {};
  shuffle(values, size, s.shuffled);
  // Stored blocks bound the output: the input plus a few bytes per 64 KiB block, the zlib header and trailer.
  s.deflated.resize(s.shuffled.size() + s.shuffled.size() / 1024 + 64);
  isal_deflate_stateless_init(&s.z);
  s.z.level = kIgzipLevel;
  s.z.level_buf = s.level_buffer.data();
  s.z.level_buf_size = std::uint32_t(s.level_buffer.size());
  s.z.gzip_flag = IGZIP_ZLIB;  // a zlib stream (header, deflate, Adler-32), which HDF5's gzip filter reads
  s.z.end_of_stream = 1;
  s.z.flush = NO_FLUSH;
  s.z.next_in = reinterpret_cast<std::uint8_t*>(s.shuffled.data());
  s.z.avail_in = std::uint32_t(s.shuffled.size());
  s.z.next_out = reinterpret_cast<std::uint8_t*>(s.deflated.data());
  s.z.avail_out = std::uint32_t(s.deflated.size());
  if (isal_deflate_stateless(&s.z) != COMP_OK) throw std::runtime_error("cannot compress a recorded array's chunk");
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
