#include "sim/kernel/recovery.hpp"

namespace peaksim {

int recovery_days(const std::vector<std::int64_t>& demand, const std::vector<std::int64_t>& sales, int start,
                  double threshold, int run) {
  const int horizon = int(demand.size());
  int streak = 0;
  for (int d = start; d < horizon; ++d) {
    const bool served = demand[std::size_t(d)] <= 0 ||
                        double(sales[std::size_t(d)]) >= threshold * double(demand[std::size_t(d)]);
    streak = served ? streak + 1 : 0;
    if (streak == run) return d - run + 1 - start;
  }
  return horizon - start;
}

}  // namespace peaksim
