// Named random substreams: every draw in peaksim comes from a stream derived from
// (master seed, replication, entity, purpose[, index]) so that adding an entity never shifts
// another entity's draws, and two policies run on the same seed see the same demand.
#pragma once
#include <cstdint>
#include <string_view>

namespace peaksim::rng {

// Replication number used for draws that define the scenario itself (e.g. a generated catalog):
// they must be identical in every replication.
inline constexpr std::uint64_t kStructureReplication = ~std::uint64_t{0};

// Stable 64-bit hash of a name (the same on every platform and compiler).
std::uint64_t hash_name(std::string_view name);

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::string_view entity;   // e.g. "region:east"
  std::string_view purpose;  // e.g. "demand"
  std::uint64_t index = 0;   // sub-entity, e.g. the SKU's hashed id
};

// xoshiro256++ generator seeded from the hashed key through SplitMix64.
class Stream {
public:
  explicit Stream(const StreamKey& key);
  static Stream from_hash(std::uint64_t hash);

  std::uint64_t next_u64();
  double uniform();       // in [0, 1), 53 random bits
  double uniform_open();  // in (0, 1), never 0 (safe for log)

private:
  Stream() = default;
  std::uint64_t s_[4] = {0, 0, 0, 0};
};

}  // namespace peaksim::rng
