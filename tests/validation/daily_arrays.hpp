// Reads a replication's sku_daily arrays (dims day, sku, site) by name, for the validation cases
// that work day by day: base stock, Little's law and conservation.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
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

}  // namespace peaksim::validation
