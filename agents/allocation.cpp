#include "agents/allocation.hpp"

#include <algorithm>
#include <numeric>

namespace peaksim::agents {
namespace {

__extension__ using Wide = __int128;  // available x asked can pass 2^63

// Largest-remainder shares of `available` < sum(asked), in exact integer arithmetic.
std::vector<std::int64_t> fair_shares(std::int64_t available, const std::vector<std::int64_t>& asked) {
  const std::int64_t total = std::accumulate(asked.begin(), asked.end(), std::int64_t(0));
  std::vector<std::int64_t> give(asked.size());
  std::vector<Wide> remainder(asked.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const Wide product = Wide(available) * asked[i];
    give[i] = std::int64_t(product / total);
    remainder[i] = product % total;
    given += give[i];
  }
  std::vector<std::size_t> order(asked.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t j = 0; given < available; ++j, ++given) ++give[order[j]];
  return give;
}

}  // namespace

std::vector<std::int64_t> allocate(Allocation rule, std::int64_t available, std::deque<TransferRequest>& queue,
                                   std::size_t destinations) {
  std::vector<std::int64_t> asked(destinations), give(destinations);
  for (const TransferRequest& r : queue) asked[std::size_t(r.to)] += r.units;
  const std::int64_t total = std::accumulate(asked.begin(), asked.end(), std::int64_t(0));
  if (available <= 0 || total == 0) return give;
  if (available >= total) {
    give = asked;
  } else if (rule == Allocation::fifo) {
    std::int64_t left = available;
    for (const TransferRequest& r : queue) {
      const std::int64_t take = std::min(left, r.units);
      give[std::size_t(r.to)] += take;
      if ((left -= take) == 0) break;
    }
  } else if (rule == Allocation::priority) {
    std::int64_t left = available;
    for (std::size_t i = 0; i < destinations; ++i) left -= give[i] = std::min(left, asked[i]);
  } else {
    give = fair_shares(available, asked);
  }
  // Each destination's units fill its own requests oldest first.
  std::vector<std::int64_t> left = give;
  for (TransferRequest& r : queue) {
    const std::int64_t take = std::min(left[std::size_t(r.to)], r.units);
    r.units -= take;
    left[std::size_t(r.to)] -= take;
  }
  queue.erase(std::remove_if(queue.begin(), queue.end(), [](const TransferRequest& r) { return r.units == 0; }),
              queue.end());
  return give;
}

}  // namespace peaksim::agents
