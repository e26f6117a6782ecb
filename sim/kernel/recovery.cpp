#include "sim/kernel/recovery.hpp"

#include <algorithm>

namespace peaksim {

int recovery_days(const std::vector<std::int64_t>& demand, const std::vector<std::int64_t>& sales, int start, int until,
                  double threshold, int run) {
  const int horizon = int(demand.size());
  const auto served = [&](int d) {
    return demand[std::size_t(d)] <= 0 || double(sales[std::size_t(d)]) >= threshold * double(demand[std::size_t(d)]);
  };
  int hit = start;
  while (hit < std::min(until, horizon) && served(hit)) ++hit;
  if (hit >= std::min(until, horizon)) return 0;
  int streak = 0;
  for (int d = hit + 1; d < horizon; ++d) {
    streak = served(d) ? streak + 1 : 0;
    if (streak == run) return d - run + 1 - start;
  }
  return horizon - start;
}

}  // namespace peaksim
