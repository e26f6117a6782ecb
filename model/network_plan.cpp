#include "model/network_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "agents/demand_window.hpp"
#include "agents/forecast_service.hpp"
#include "model/record_limits.hpp"
#include "model/run_limits.hpp"
#include "sim/expr/expression.hpp"
#include "sim/random/stream.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/policy_types.hpp"

namespace peaksim {
namespace {

int index_of(const auto& sites, const std::string& name) {
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (sites[i].name == name) return int(i);
  return -1;
}

// Levels are whole units held in int64 and summed over SKUs, sites and days: a trillion units per level leaves
// room for every sum, while a formula that overflows (a huge rate, a division by a tiny number) is caught here.
constexpr double kMaxLevel = 1e12;

// `at`: where the formula was written, so that the message names its file, line, column and key.
std::int64_t whole_units(double v, const std::string& what, const Sku& sku, const std::string& site,
                         const SourceAt* at = nullptr) {
  if (!std::isfinite(v) || v < 0 || v > kMaxLevel) {
    const std::string value = std::isnan(v) ? std::string("NaN (not a number)") : fmt::format("{:g}", v);
    const std::string message =
        what == "initial_stock"
            ? fmt::format("initial_stock of SKU '{}' at '{}' is {}; it must be finite, >= 0 and at most {:.0f} units",
                          sku.id, site, value, kMaxLevel)
            : fmt::format(
                  "policy level {} of SKU '{}' at '{}' is {}; levels must be finite, >= 0 and at most {:.0f} units",
                  what, sku.id, site, value, kMaxLevel);
    if (at && !at->where.empty()) throw ScenarioError(at->where, at->path, message);
    throw PlanError(message);
  }
  return std::llround(v);
}

// A formula's value for one SKU, as whole units; an evaluation error is reported at the formula too.
std::int64_t level(const expr::Expression& f, const std::vector<double>& v, const std::string& what, const Sku& sku,
                   const std::string& site, const SourceAt* at) {
  double x = 0;
  try {
    x = f.evaluate(v);
  } catch (const expr::ExpressionError& e) {
    if (at && !at->where.empty()) throw ScenarioError(at->where, at->path, e.what());
    throw;
  }
  return whole_units(x, what, sku, site, at);
}

const SourceAt* source_of(const PolicyParams& p, const std::string& key) {
  const auto it = p.at.find(key);
  return it == p.at.end() ? nullptr : &it->second;
}

// Compiles a policy's formulas once and evaluates them per SKU.
struct PolicyFormulas {
  // Variables, in order: i, m, L, R, price, cost, s, S, mu_window, sd_window
  static inline const std::vector<std::string> vars = {"i",    "m", "L", "R",         "price",
                                                       "cost", "s", "S", "mu_window", "sd_window"};
  expr::Expression s, S, Q;
  bool calendar;  // some level uses the window variables: re-evaluated at every review
  // rQ's reorder point r takes the place of s: Q's formula sees it as s, the policy as levels.s.
  explicit PolicyFormulas(const PolicyParams& p)
      : s(policy_type(p.type).reorder_key == "r" ? p.r
          : p.s.empty()                          ? "0"
                                                 : p.s,
          vars),
        S(p.S.empty() ? "0" : p.S, vars),
        Q(p.Q.empty() ? "0" : p.Q, vars) {
    calendar = false;
    for (const expr::Expression* e : {&s, &S, &Q})
      for (const char* var : {"mu_window", "sd_window"}) calendar = calendar || e->uses(var);
  }
};

// newsvendor_preseason: the critical-ratio quantile of the warehouse's demand for the SKU over the
// whole horizon (the season), from the scenario's own demand law: the sum over days and regions of
// independent daily counts, by its mean and variance (Normal approximation). Shocks are left out.
std::int64_t preseason_buy(const Scenario& sc, const NetworkPlan& plan, const WarehousePlan& wp, const Sku& sku) {
  double mean = 0, variance = 0;
  for (int r : wp.regions) {
    const RegionSpec& region = sc.regions[r];
    for (const double factor : plan.profile.factor) {
      const double mu = sku.rate * region.scale * factor;
      mean += mu;
      switch (region.demand) {
        case DemandModel::poisson:
          variance += mu;
          break;
        case DemandModel::negative_binomial:
          variance += mu + mu * mu / region.dispersion;
          break;
        case DemandModel::normal:
          variance += region.cv * mu * region.cv * mu;
          break;
        case DemandModel::deterministic:
          break;
      }
    }
  }
  const double ratio = (sku.price - sku.cost) / (sku.price - sku.salvage);
  return newsvendor_quantity(ratio, mean, std::sqrt(variance));
}

// The summed scale of the regions a warehouse serves, itself or through the warehouses it replenishes
// (lanes between warehouses have no cycles: checked at load).
double served_scale(const Scenario& sc, const NetworkPlan& plan, int w) {
  const WarehousePlan& wp = plan.warehouses[std::size_t(w)];
  double scale = 0;
  for (int r : wp.regions) scale += sc.regions[std::size_t(r)].scale;
  for (int d : wp.downstream) scale += served_scale(sc, plan, d);
  return scale;
}

}  // namespace

NetworkPlan make_network_plan(const Scenario& sc) {
  NetworkPlan plan;
  plan.scenario = &sc;
  plan.profile = build_demand_profile(sc.calendar, sc.start, sc.horizon_days);
  for (const Sku& sku : sc.skus) plan.sku_key.push_back(rng::hash_name(sku.id));
  for (const Sku& sku : sc.skus) plan.categories.push_back(sku.category);
  std::sort(plan.categories.begin(), plan.categories.end());
  plan.categories.erase(std::unique(plan.categories.begin(), plan.categories.end()), plan.categories.end());
  for (const Sku& sku : sc.skus)
    plan.sku_category.push_back(
        int(std::lower_bound(plan.categories.begin(), plan.categories.end(), sku.category) - plan.categories.begin()));

  plan.warehouses.resize(sc.warehouses.size());
  plan.region_warehouse.assign(sc.regions.size(), -1);
  plan.region_lane.assign(sc.regions.size(), nullptr);
  plan.region_centres.assign(sc.regions.size(), {});
  plan.region_lanes.assign(sc.regions.size(), {});
  for (const LaneSpec& lane : sc.lanes) {
    const int to_wh = index_of(sc.warehouses, lane.to);
    const int to_region = index_of(sc.regions, lane.to);
    if (to_wh >= 0) {
      WarehousePlan& wp = plan.warehouses[to_wh];
      const int from_wh = index_of(sc.warehouses, lane.from);
      if (from_wh >= 0) {  // a distribution centre replenishes it
        wp.supplier = -1;
        wp.source = from_wh;
        wp.inbound = &lane;
        plan.warehouses[from_wh].downstream.push_back(to_wh);
        plan.warehouses[from_wh].outbound.push_back(&lane);
      } else {
        wp.sources.push_back({index_of(sc.suppliers, lane.from), &lane});
        wp.supplier = wp.sources.front().supplier;
        wp.inbound = wp.sources.front().lane;
      }
    } else if (to_region >= 0) {
      plan.region_centres[to_region].push_back(index_of(sc.warehouses, lane.from));
      plan.region_lanes[to_region].push_back(&lane);
      if (plan.region_warehouse[to_region] >= 0) continue;  // the first lane is the primary centre's
      plan.region_warehouse[to_region] = index_of(sc.warehouses, lane.from);
      plan.region_lane[to_region] = &lane;
    }
  }
  for (std::size_t r = 0; r < sc.regions.size(); ++r)
    if (plan.region_warehouse[r] >= 0) plan.warehouses[plan.region_warehouse[r]].regions.push_back(int(r));

  check_run_limits(sc, plan);  // before any level: a mean demand beyond the limits would overflow them
  std::map<const PolicyParams*, PolicyFormulas> formulas;
  for (std::size_t w = 0; w < sc.warehouses.size(); ++w) {
    WarehousePlan& wp = plan.warehouses[w];
    const std::string& site = sc.warehouses[w].name;
    if (!wp.inbound) throw PlanError("warehouse '" + site + "' has no inbound lane");
    wp.allocation = sc.warehouses[w].allocation;
    const double scale = served_scale(sc, plan, int(w));
    const double lead = wp.inbound->lead_time_days.mean_value();
    const expr::Expression initial(sc.warehouses[w].initial_stock, PolicyFormulas::vars);
    std::vector<const PolicyParams*> params;
    for (const Sku& sku : sc.skus) params.push_back(&sc.policy_for(sku, w));
    const DemandWindows windows(sc, plan, int(w), window_reach(sc, params, lead));
    wp.review_levels.resize(sc.skus.size());
    for (std::size_t k = 0; k < sc.skus.size(); ++k) {
      const Sku& sku = sc.skus[k];
      const PolicyParams& p = *params[k];
      const PolicyFormulas& f = formulas.try_emplace(&p, p).first->second;
      const double m = sku.rate * scale;
      const double window = review_window_days(p, lead);
      const PolicyTypeInfo& info = policy_type(p.type);
      // The levels of the review on `day` (day 0: also the initial stock's and the reported ones).
      std::vector<double> v = {double(k), m, lead, double(p.review_period_days), sku.price, sku.cost, 0, 0, 0, 0};
      const std::string s_key = info.reorder_key.empty() ? "s" : info.reorder_key;
      const auto levels_on = [&](int day) {
        const WindowMoments mw = windows.over(sku, day + 1, window);
        v[8] = mw.mean;
        v[9] = mw.sd;
        const std::string on = day == 0 ? "" : fmt::format(" (review of day {})", day);
        PolicyLevels lv;
        lv.s = level(f.s, v, s_key + on, sku, site, source_of(p, s_key));
        v[6] = double(lv.s);
        lv.S = level(f.S, v, "S" + on, sku, site, source_of(p, "S"));
        lv.Q = level(f.Q, v, "Q" + on, sku, site, source_of(p, "Q"));
        if (info.fixed_quantity && lv.Q < 1) {
          const std::string message = "Q of SKU '" + sku.id + "' at '" + site + "' is below 1 unit" + on;
          if (const SourceAt* at = source_of(p, "Q")) throw ScenarioError(at->where, at->path, message);
          throw PlanError(message);
        }
        return lv;
      };
      PolicyLevels lv = levels_on(0);
      if (f.calendar)
        for (int day = 0; day < sc.horizon_days; day += p.review_period_days)
          wp.review_levels[k].push_back(day == 0 ? lv : levels_on(day));
      // A forecasting policy has no S formula: S is its level before it has seen `window` days.
      switch (info.level_S) {
        case LevelS::formula:
          break;
        case LevelS::moving_average:
          lv.S = warm_start_level(p, {m, lead});
          break;
        case LevelS::forecast:
          lv.S = forecast_warm_start_level(p, {m, lead});
          break;
        case LevelS::newsvendor_buy:
          lv.S = preseason_buy(sc, plan, wp, sku);
          break;
      }
      if (f.calendar) levels_on(0);  // v back to day 0's window for the initial stock
      v[6] = double(lv.s);
      v[7] = double(order_up_to_level(p.type, lv));
      wp.mean_demand.push_back(m);
      wp.levels.push_back(lv);
      wp.params.push_back(&p);
      wp.initial_stock.push_back(level(initial, v, "initial_stock", sku, site, &sc.warehouses[w].initial_stock_at));
      try {
        for (PrebuyOrder& order : prebuy_orders(sc, windows, k, p)) wp.prebuys.push_back(order);
      } catch (const std::invalid_argument& e) {
        throw PlanError(std::string(e.what()) + " at '" + site + "'");
      }
    }
    std::stable_sort(wp.prebuys.begin(), wp.prebuys.end(),
                     [](const PrebuyOrder& a, const PrebuyOrder& b) { return a.day < b.day; });
  }
  // The forecast service checks what the forecaster can serve (the global model's fixed horizon against the
  // longest cover); building one here turns a misfit into a scenario error before any worker starts.
  if (sc.forecast) [[maybe_unused]]
    const agents::ForecastService check(plan);
  plan.pricing = agents::plan_pricing(plan);  // after the initial stock: the markdown DP starts from it
  check_recorded_stock(sc, plan);
  return plan;
}

}  // namespace peaksim
