// Wire format of a ReplicationResult, used only on the pipe between a worker and its parent (both the
// same binary on the same machine), so values are copied in native byte order, bit for bit:
//
//   "PKRR" u32:format  u64:replication
//   u64:count {string}          kpi_names
//   u64:count {f64}             kpi_values
//   u64:count {array}           arrays, each: string:name  u64:count {string}:dims
//                                             u64:count {u64}:shape  u64:count {i32}:values
//                                             u64:count {u64}:chunk  u64:count {string}:chunks
//   u64:count {breakdown}       breakdowns, each: string:level  u64:count {string}:kpi_names
//                                                 u64:entities  u64:count {f64}:values
//   string = u64:length bytes
//
// deserialize() checks structure only; find_inconsistency() checks meaning, so that any result, even an
// inconsistent one, round-trips.
#include "sim/output/results.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <set>
#include <stdexcept>
#include <type_traits>

namespace peaksim {
namespace {

constexpr std::array<char, 4> kMagic{'P', 'K', 'R', 'R'};
constexpr std::uint32_t kFormat = 3;

// Names become HDF5 link names, where '/' separates groups and '.' is the current group.
bool bad_name(const std::string& name) { return name.empty() || name == "." || name.find('/') != std::string::npos; }

class Writer {
public:
  template <typename T>
  void scalar(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char raw[sizeof(T)];
    std::memcpy(raw, &v, sizeof(T));
    out_.append(raw, sizeof(T));
  }
  void count(std::size_t n) { scalar(static_cast<std::uint64_t>(n)); }
  void string(const std::string& s) {
    count(s.size());
    out_.append(s);
  }
  void strings(const std::vector<std::string>& v) {
    count(v.size());
    for (const auto& s : v) string(s);
  }
  template <typename T>
  void scalars(const std::vector<T>& v) {
    count(v.size());
    if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void raw(const char* p, std::size_t n) { out_.append(p, n); }
  std::string take() { return std::move(out_); }

private:
  std::string out_;
};

class Reader {
public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  T scalar() {
    need(sizeof(T), "value");
    T v;
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  // A count of items that each take at least `min_item_bytes`; checked against what is left so that a
  // corrupt count cannot trigger a huge allocation.
  std::size_t count(std::size_t min_item_bytes, const char* what) {
    const auto n = scalar<std::uint64_t>();
    if (min_item_bytes > 0 && n > remaining() / min_item_bytes) fail(what, "count exceeds the remaining bytes");
    return static_cast<std::size_t>(n);
  }
  std::string string() {
    const std::size_t n = count(1, "string");
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count(sizeof(std::uint64_t), "string list"));
    for (auto& s : v) s = string();
    return v;
  }
  template <typename T>
  std::vector<T> scalars(const char* what) {
    std::vector<T> v(count(sizeof(T), what));
    if (!v.empty()) std::memcpy(v.data(), bytes_.data() + pos_, v.size() * sizeof(T));
    pos_ += v.size() * sizeof(T);
    return v;
  }
  void expect_magic() {
    need(kMagic.size(), "header");
    if (bytes_.substr(0, kMagic.size()) != std::string_view(kMagic.data(), kMagic.size())) {
      fail("header", "bad magic bytes");
    }
    pos_ += kMagic.size();
  }
  std::size_t remaining() const { return bytes_.size() - pos_; }

  [[noreturn]] void fail(const char* what, const char* why) const {
    throw std::runtime_error(std::string("malformed replication result (") + what + " at byte " + std::to_string(pos_) +
                             "): " + why);
  }

private:
  void need(std::size_t n, const char* what) const {
    if (n > remaining()) fail(what, "truncated");
  }

  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string serialize(const ReplicationResult& r) {
  Writer w;
  w.raw(kMagic.data(), kMagic.size());
  w.scalar(kFormat);
  w.scalar(static_cast<std::uint64_t>(r.replication));
  w.strings(r.kpi_names);
  w.scalars(r.kpi_values);
  w.count(r.arrays.size());
  for (const auto& a : r.arrays) {
    w.string(a.name);
    w.strings(a.dims);
    w.count(a.shape.size());
    for (std::size_t extent : a.shape) w.scalar(static_cast<std::uint64_t>(extent));
    w.scalars(a.values);
    w.count(a.chunk.size());
    for (std::size_t extent : a.chunk) w.scalar(static_cast<std::uint64_t>(extent));
    w.strings(a.chunks);
  }
  w.count(r.breakdowns.size());
  for (const auto& b : r.breakdowns) {
    w.string(b.level);
    w.strings(b.kpi_names);
    w.count(b.entities);
    w.scalars(b.values);
  }
  return w.take();
}

ReplicationResult deserialize(std::string_view bytes) {
  Reader in(bytes);
  in.expect_magic();
  if (const auto format = in.scalar<std::uint32_t>(); format != kFormat) {
    in.fail("header", ("unsupported format " + std::to_string(format)).c_str());
  }
  ReplicationResult r;
  r.replication = in.scalar<std::uint64_t>();
  r.kpi_names = in.strings();
  r.kpi_values = in.scalars<double>("kpi values");
  // Smallest possible array: six empty counts.
  r.arrays.resize(in.count(6 * sizeof(std::uint64_t), "arrays"));
  for (auto& a : r.arrays) {
    a.name = in.string();
    a.dims = in.strings();
    for (const auto extent : in.scalars<std::uint64_t>("shape")) a.shape.push_back(static_cast<std::size_t>(extent));
    a.values = in.scalars<std::int32_t>("array values");
    for (const auto extent : in.scalars<std::uint64_t>("chunk")) a.chunk.push_back(static_cast<std::size_t>(extent));
    a.chunks = in.strings();
  }
  // Smallest possible breakdown: an empty level, two empty counts and the entity count.
  r.breakdowns.resize(in.count(4 * sizeof(std::uint64_t), "breakdowns"));
  for (auto& b : r.breakdowns) {
    b.level = in.string();
    b.kpi_names = in.strings();
    b.entities = static_cast<std::size_t>(in.scalar<std::uint64_t>());
    b.values = in.scalars<double>("breakdown values");
  }
  if (in.remaining() != 0) in.fail("trailer", "unexpected bytes after the last breakdown");
  return r;
}

std::string find_inconsistency(const ReplicationResult& r) {
  if (r.kpi_values.size() != r.kpi_names.size()) {
    return fmt::format("replication {}: {} KPI names but {} values", r.replication, r.kpi_names.size(),
                       r.kpi_values.size());
  }
  std::set<std::string> seen_kpis;
  for (const auto& name : r.kpi_names) {
    if (bad_name(name)) return fmt::format("replication {}: invalid KPI name '{}'", r.replication, name);
    if (!seen_kpis.insert(name).second) return fmt::format("replication {}: KPI '{}' repeated", r.replication, name);
  }
  std::set<std::string> seen;
  for (const auto& a : r.arrays) {
    if (bad_name(a.name)) return fmt::format("replication {}: invalid array name '{}'", r.replication, a.name);
    if (!seen.insert(a.name).second) return fmt::format("replication {}: array '{}' repeated", r.replication, a.name);
    if (a.dims.size() != a.shape.size()) {
      return fmt::format("replication {}: array '{}' has {} dims but a rank-{} shape", r.replication, a.name,
                         a.dims.size(), a.shape.size());
    }
    std::size_t elements = 1;
    for (const std::size_t extent : a.shape) {
      if (extent != 0 && elements > std::numeric_limits<std::size_t>::max() / extent) {
        return fmt::format("replication {}: array '{}' shape overflows", r.replication, a.name);
      }
      elements *= extent;
    }
    if (a.compressed()) {
      if (!a.values.empty())
        return fmt::format("replication {}: array '{}' has both values and chunks", r.replication, a.name);
      if (a.chunk.size() != a.shape.size() || elements == 0 ||
          std::find(a.chunk.begin(), a.chunk.end(), std::size_t{0}) != a.chunk.end()) {
        return fmt::format("replication {}: array '{}' has an invalid chunk shape", r.replication, a.name);
      }
      std::size_t expected = 1;
      for (std::size_t d = 0; d < a.shape.size(); ++d) expected *= (a.shape[d] + a.chunk[d] - 1) / a.chunk[d];
      if (expected != a.chunks.size()) {
        return fmt::format("replication {}: array '{}' needs {} chunks but has {}", r.replication, a.name, expected,
                           a.chunks.size());
      }
      continue;
    }
    if (elements != a.values.size()) {
      return fmt::format("replication {}: array '{}' has a shape of {} elements but {} values", r.replication, a.name,
                         elements, a.values.size());
    }
  }
  std::set<std::string> levels;
  for (const auto& b : r.breakdowns) {
    if (bad_name(b.level)) return fmt::format("replication {}: invalid breakdown level '{}'", r.replication, b.level);
    if (!levels.insert(b.level).second)
      return fmt::format("replication {}: breakdown '{}' repeated", r.replication, b.level);
    std::set<std::string> names;
    for (const auto& name : b.kpi_names) {
      if (bad_name(name) || !names.insert(name).second)
        return fmt::format("replication {}: breakdown '{}' has an invalid or repeated KPI '{}'", r.replication, b.level,
                           name);
    }
    if (b.entities != 0 && b.kpi_names.size() > std::numeric_limits<std::size_t>::max() / b.entities)
      return fmt::format("replication {}: breakdown '{}' overflows", r.replication, b.level);
    if (b.values.size() != b.kpi_names.size() * b.entities) {
      return fmt::format("replication {}: breakdown '{}' has {} KPIs x {} entities but {} values", r.replication,
                         b.level, b.kpi_names.size(), b.entities, b.values.size());
    }
  }
  return {};
}

}  // namespace peaksim
