// Reads a replication's sku_daily arrays (dims day, sku, site) by name, for the validation cases
// that work day by day: base stock, (r,Q), Little's law and conservation; per-replication averages of
// them, and the check of a hand-worked world against them.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/output/results.hpp"

namespace peaksim::validation {

class DailyArrays {
public:
  explicit DailyArrays(const ReplicationResult& r) : r_(r) {
    REQUIRE(!r.arrays.empty());
    const RecordedArray& first = r.arrays.front();
    REQUIRE(first.dims == std::vector<std::string>{"day", "sku", "site"});
    days_ = int(first.shape[0]);
    skus_ = int(first.shape[1]);
    sites_ = int(first.shape[2]);
  }

  int days() const { return days_; }
  int skus() const { return skus_; }
  int sites() const { return sites_; }
  bool has(const std::string& name) const { return find(name) != nullptr; }

  // One variable: var(day, sku, site) is its value at the end of `day` (flows: during the day).
  struct Var {
    const std::int32_t* data;
    std::size_t skus, sites;
    std::int64_t operator()(int day, int sku, int site = 0) const {
      return data[(std::size_t(day) * skus + std::size_t(sku)) * sites + std::size_t(site)];
    }
  };
  Var operator[](const std::string& name) const {
    const RecordedArray* a = find(name);
    REQUIRE_MESSAGE(a != nullptr, "array '" << name << "' was not recorded");
    REQUIRE(a->shape == r_.arrays.front().shape);
    return {a->values.data(), std::size_t(skus_), std::size_t(sites_)};
  }

private:
  const RecordedArray* find(const std::string& name) const {
    for (const RecordedArray& a : r_.arrays)
      if (a.name == name) return &a;
    return nullptr;
  }

  const ReplicationResult& r_;
  int days_ = 0, skus_ = 0, sites_ = 0;
};

// A hand-worked world: each named array of SKU 0 (site 0), day by day, is what was worked out.
inline void check_days(const DailyArrays& a, const std::map<std::string, std::vector<std::int64_t>>& expected) {
  for (const auto& [name, values] : expected) {
    std::vector<std::int64_t> got;
    for (int t = 0; t < a.days(); ++t) got.push_back(a[name](t, 0));
    CHECK_MESSAGE(got == values, name);
  }
}

// Per-replication averages over SKUs and the days from `first_day` on.
struct Averages {
  double on_hand = 0, backorders = 0, no_backorder = 0, fill_rate = 0, on_order = 0, orders = 0;
};

inline Averages averages(const ReplicationResult& r, int first_day) {
  const DailyArrays a(r);
  const auto oh = a["on_hand"], bo = a["backorders"], oo = a["on_order"], dem = a["demand"], sal = a["sales"],
             ord = a["orders"];
  Averages m;
  double demand = 0, sales = 0, n = 0;
  for (int t = first_day; t < a.days(); ++t)
    for (int k = 0; k < a.skus(); ++k) {
      m.on_hand += double(oh(t, k));
      m.backorders += double(bo(t, k));
      m.no_backorder += bo(t, k) == 0;
      m.on_order += double(oo(t, k));
      m.orders += double(ord(t, k));
      demand += double(dem(t, k));
      sales += double(sal(t, k));
      n += 1;
    }
  for (double* v : {&m.on_hand, &m.backorders, &m.no_backorder, &m.on_order, &m.orders}) *v /= n;
  m.fill_rate = sales / demand;
  return m;
}

inline std::vector<double> column(const std::vector<Averages>& v, double Averages::*f) {
  std::vector<double> out;
  for (const Averages& a : v) out.push_back(a.*f);
  return out;
}

}  // namespace peaksim::validation
