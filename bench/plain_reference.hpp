// The reference (s,S) model of scenarios/reference/single_sS.yaml written as a plain loop, with no
// engine, agents or scenario machinery. It draws from the same named substreams as peaksim, so it
// is both the speed baseline of bench/reference_bench and an exact oracle in tests.
#pragma once
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "sim/random/distributions.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::bench {

struct PlainTotals {
  double demand = 0, sales = 0, lost = 0, orders = 0, on_hand_days = 0;
  double total_cost() const { return 0.1 * on_hand_days + 5.0 * lost + 10.0 * orders; }
};

// N SKUs, 365 days; sku ids and stream names as the scenario generates them.
inline PlainTotals plain_reference(int n_skus, std::uint64_t seed, std::uint64_t replication) {
  constexpr int days = 365, lead = 3;
  const int width = int(std::to_string(std::max(n_skus - 1, 0)).size());
  std::vector<double> m(n_skus);
  std::vector<std::int64_t> s(n_skus), S(n_skus), on_hand(n_skus), on_order(n_skus);
  std::vector<std::int64_t> pipeline(std::size_t(n_skus) * (lead + 1), 0);  // ring of arrivals by day
  std::vector<rng::Stream> streams;
  for (int i = 0; i < n_skus; ++i) {
    std::string id = std::to_string(i);
    id = "sku" + std::string(std::size_t(width) - id.size(), '0') + id;
    streams.emplace_back(rng::StreamKey{seed, replication, "region:customers", "demand", rng::hash_name(id)});
    m[i] = 1 + (i % 20);
    s[i] = std::int64_t(std::ceil(4 * m[i] + 4 * std::sqrt(m[i])));
    S[i] = s[i] + std::int64_t(5 * m[i]);
    on_hand[i] = S[i];
  }
  PlainTotals t;
  for (int day = 0; day < days; ++day) {
    double f = 1 + 0.3 * std::sin(2.0 * std::numbers::pi * day / 365.0);
    if (day >= 329 && day <= 333) f *= 4;
    std::int64_t* arriving = &pipeline[std::size_t(day % (lead + 1)) * n_skus];
    for (int i = 0; i < n_skus; ++i) {
      on_hand[i] += arriving[i];
      on_order[i] -= arriving[i];
      arriving[i] = 0;
      const std::int64_t d = rng::poisson(streams[i], m[i] * f);
      const std::int64_t sold = std::min(d, on_hand[i]);
      on_hand[i] -= sold;
      t.demand += double(d);
      t.sales += double(sold);
      t.lost += double(d - sold);
      const std::int64_t ip = on_hand[i] + on_order[i];
      if (ip < s[i]) {
        const std::int64_t q = S[i] - ip;
        on_order[i] += q;
        pipeline[std::size_t((day + lead) % (lead + 1)) * n_skus + i] += q;
        t.orders += 1;
      }
      t.on_hand_days += double(on_hand[i]);
    }
  }
  return t;
}

}  // namespace peaksim::bench
