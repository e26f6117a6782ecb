// Substream derivation and the xoshiro256++ generator. Every constant here is part of the
// reproducibility contract: changing one changes every number of every run (the golden values in
// tests/unit/test_random.cpp pin them).
#include "sim/random/stream.hpp"

namespace peaksim::rng {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;  // SplitMix64 increment, 2^64 / phi

// SplitMix64 output function: a bijection on 64-bit words with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One link of the key chain. The running hash goes through mix64 again after each field, so the
// result depends on the order of the fields, not only on their set.
constexpr std::uint64_t chain(std::uint64_t h, std::uint64_t field) { return mix64(h ^ mix64(field + kGolden)); }

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t hash_name(std::string_view name) {
  // FNV-1a is byte-order independent and trivially portable; its weak low bits are fixed by the
  // finaliser.
  std::uint64_t h = kFnvOffset;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return mix64(h);
}

Stream::Stream(const StreamKey& key) {
  // Domain-separation start value: keeps key hashes apart from hashes used elsewhere.
  std::uint64_t h = mix64(0x7065616b73696d00ULL);  // "peaksim\0"
  h = chain(h, key.seed);
  h = chain(h, key.replication);
  h = chain(h, hash_name(key.entity));
  h = chain(h, hash_name(key.purpose));
  h = chain(h, key.index);
  *this = from_hash(h);
}

Stream Stream::from_hash(std::uint64_t hash) {
  // Four consecutive SplitMix64 outputs. mix64 is a bijection and its four inputs are distinct,
  // so at most one state word can be zero: the all-zero state (a fixed point) cannot occur.
  Stream s;
  std::uint64_t x = hash;
  for (auto& word : s.s_) {
    x += kGolden;
    word = mix64(x);
  }
  return s;
}

std::uint64_t Stream::next_u64() {
  const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Stream::uniform() {
  // Top 53 bits: the low bits of xoshiro256++ are fine, but the top ones are the best.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double Stream::uniform_open() {
  // (k + 0.5) / 2^52 for k in [0, 2^52): exact in a double, symmetric, never 0 or 1.
  return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1.0p-52;
}

}  // namespace peaksim::rng
