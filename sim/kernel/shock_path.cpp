#include "sim/kernel/shock_path.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include "sim/random/distributions.hpp"
#include "sim/random/stream.hpp"

namespace peaksim {
namespace {

rng::Stream stream(std::uint64_t seed, std::uint64_t replication, std::string_view entity, std::string_view purpose) {
  return rng::Stream({seed, replication, entity, purpose, 0});
}

// One uniform per day whatever happens, so shock timing never depends on earlier shocks' sizes.
void flat(const ShockSpec& sh, std::vector<double>& path, std::uint64_t seed, std::uint64_t rep, std::string_view e,
          std::vector<int>* starts) {
  if (sh.probability_per_day <= 0) return;
  rng::Stream timing = stream(seed, rep, e, "shock_timing"), size = stream(seed, rep, e, "shock_size");
  int until = -1;
  double multiplier = 1;
  for (int day = 0; day < int(path.size()); ++day) {
    const double u = timing.uniform();
    if (day > until && u < sh.probability_per_day) {
      multiplier = rng::sample(size, sh.multiplier);
      until = day + sh.duration_days - 1;
      if (starts) starts->push_back(day);
    }
    path[std::size_t(day)] = day <= until ? multiplier : 1.0;
  }
}

// Spikes start independently of each other (one uniform a day) and add their excess demand.
void spikes(const SpikeSpec& sp, std::vector<double>& path, std::uint64_t seed, std::uint64_t rep, std::string_view e,
            std::vector<int>* starts) {
  rng::Stream timing = stream(seed, rep, e, "spike_timing"), size = stream(seed, rep, e, "spike_size");
  std::vector<std::pair<int, double>> started;  // onset, size
  for (int day = 0; day < int(path.size()); ++day) {
    if (timing.uniform() < sp.probability_per_day) {
      started.emplace_back(day, rng::sample(size, sp.size));
      if (starts) starts->push_back(day);
    }
    double excess = 0;
    for (const auto& [onset, s] : started) excess += s * std::exp(-(day - onset) / sp.decay_days);
    path[std::size_t(day)] *= 1.0 + excess;
  }
}

void level_shifts(const LevelShiftSpec& ls, std::vector<double>& path, std::uint64_t seed, std::uint64_t rep,
                  std::string_view e) {
  rng::Stream size = stream(seed, rep, e, "level_shift_size");
  double level = 1;
  if (ls.day) {
    level = rng::sample(size, ls.size);
    for (int day = *ls.day; day < int(path.size()); ++day) path[std::size_t(day)] *= level;
    return;
  }
  rng::Stream timing = stream(seed, rep, e, "level_shift_timing");
  for (int day = 0; day < int(path.size()); ++day) {
    if (timing.uniform() < ls.probability_per_day) level *= rng::sample(size, ls.size);
    path[std::size_t(day)] *= level;
  }
}

void what_if(const WhatIfSpec& w, std::vector<double>& path) {
  for (const auto& [first, last] : w.windows)
    for (int day = first; day <= last; ++day) path[std::size_t(day)] *= w.factor;
}

}  // namespace

std::vector<double> shock_path(const ShockSpec& spec, int horizon_days, std::uint64_t seed, std::uint64_t replication,
                               std::string_view entity, std::vector<int>* starts) {
  std::vector<double> path(std::size_t(horizon_days), 1.0);
  std::vector<int> flat_starts, spike_starts;
  flat(spec, path, seed, replication, entity, starts ? &flat_starts : nullptr);
  if (spec.spikes) spikes(*spec.spikes, path, seed, replication, entity, starts ? &spike_starts : nullptr);
  if (starts) {
    std::merge(flat_starts.begin(), flat_starts.end(), spike_starts.begin(), spike_starts.end(),
               std::back_inserter(*starts));
  }
  if (spec.level_shift) level_shifts(*spec.level_shift, path, seed, replication, entity);
  for (const WhatIfSpec& w : spec.what_if)
    if (w.category.empty()) what_if(w, path);
  return path;
}

DemandShocks demand_shocks(const Scenario& sc, const std::vector<std::string>& categories, int region,
                           std::uint64_t replication) {
  const RegionSpec& r = sc.regions[std::size_t(region)];
  DemandShocks out;
  out.region = shock_path(r.shocks, sc.horizon_days, sc.seed, replication, "region:" + r.name, &out.region_starts);
  out.category.resize(categories.size());
  for (std::size_t c = 0; c < categories.size(); ++c) {
    std::vector<double>& path = out.category[c];
    for (const CategoryShockSpec& cs : sc.category_shocks)
      if (cs.category == categories[c])
        path = shock_path(cs.shocks, sc.horizon_days, sc.seed, replication, "category:" + cs.category);
    for (const WhatIfSpec& w : r.shocks.what_if) {
      if (w.category != categories[c]) continue;
      if (path.empty()) path.assign(std::size_t(sc.horizon_days), 1.0);
      what_if(w, path);
    }
  }
  return out;
}

}  // namespace peaksim
