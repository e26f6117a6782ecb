// Latin hypercube designs (latin_hypercube.hpp).
#include "sim/experiment/latin_hypercube.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "sim/random/stream.hpp"

namespace peaksim::experiment {
namespace {

// Real values are written with 6 significant digits, which reads well in an arm's name; the exact draw is kept
// when rounding would move it out of its stratum.
double rounded_within(double x, double low, double high) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", x);
  const double r = std::strtod(text, nullptr);
  return r >= low && r < high ? r : x;
}

}  // namespace

std::vector<std::vector<double>> latin_hypercube(const std::vector<LatinRange>& ranges, std::int64_t samples,
                                                 std::uint64_t design_seed, const std::string& sweep) {
  const auto n = std::size_t(samples);
  std::vector<std::vector<double>> values;
  for (const LatinRange& range : ranges) {
    rng::Stream stream({design_seed, rng::kStructureReplication, "experiment", "latin_hypercube",
                        rng::hash_name(sweep + "/" + range.key)});
    std::vector<std::size_t> stratum(n);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    for (std::size_t i = n; i-- > 1;) {  // Fisher-Yates: position i swaps with one of 0..i
      const auto j = std::min(i, std::size_t(stream.uniform() * double(i + 1)));
      std::swap(stratum[i], stratum[j]);
    }
    std::vector<double> column(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double k = double(stratum[i]), u = stream.uniform(), dn = double(n);
      if (!range.integer) {
        const double width = (range.to - range.from) / dn;
        const double low = range.from + k * width, high = range.from + (k + 1) * width;
        column[i] = rounded_within(low + u * width, low, high);
        continue;
      }
      const double m = range.to - range.from + 1;
      const double first = std::floor(k * m / dn), end = std::floor((k + 1) * m / dn);
      column[i] = m >= dn ? range.from + first + std::min(end - first - 1, std::floor(u * (end - first)))
                          : range.from + std::floor((k + u) * m / dn);
    }
    values.push_back(std::move(column));
  }
  return values;
}

}  // namespace peaksim::experiment
