// The catalog: generated SKUs (drawn from structure streams, so every replication sees the same
// catalog) followed by listed ones; then the checks that need the whole catalog.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>

#include "sim/expr/expression.hpp"
#include "sim/random/stream.hpp"
#include "sim/scenario/checks.hpp"
#include "sim/scenario/policy_types.hpp"
#include "sim/scenario/text.hpp"

namespace peaksim::scn {
namespace {

// One generated attribute: a constant, a formula or a distribution, prepared once.
class Source {
public:
  Source(const Tree& node, std::vector<std::string> variables, std::string attribute)
      : attribute_(std::move(attribute)), where_(node.where) {
    if (node.is_map()) {
      dist_ = to_distribution(node, false);
    } else if (auto x = parse_real(node.text)) {
      constant_ = *x;  // quoted or not, a number is just a number
    } else {
      formula_.emplace(node.text, variables);
    }
  }

  double value(std::uint64_t seed, std::size_t i, const std::vector<double>& vars) const {
    if (constant_) return *constant_;
    if (formula_) return formula_->evaluate(vars);
    // Entity "catalog", purpose = attribute: independent of the other attributes' draws.
    rng::Stream stream({seed, rng::kStructureReplication, "catalog", attribute_, i});
    return rng::sample(stream, *dist_);
  }

  const std::string& where() const { return where_; }

private:
  std::string attribute_, where_;
  std::optional<double> constant_;
  std::optional<expr::Expression> formula_;
  std::optional<rng::DistributionSpec> dist_;
};

struct Category {
  std::string name;
  double min_rate;
};

// `categories` sorted by min_rate, stably: the one with the largest min_rate <= rate, the first listed among equals.
std::string pick_category(const std::vector<Category>& categories, double rate) {
  const auto above = [](double r, const Category& c) { return r < c.min_rate; };
  auto it = std::upper_bound(categories.begin(), categories.end(), rate, above);
  if (it == categories.begin()) return "default";
  const double best = std::prev(it)->min_rate;
  return std::lower_bound(categories.begin(), it, best, [](const Category& c, double r) { return c.min_rate < r; })
      ->name;
}

void generate(const Tree& gen, std::uint64_t seed, std::vector<Sku>& skus) {
  const auto count = static_cast<std::size_t>(*parse_integer(gen.str("count")));
  if (count == 0) return;
  const std::string prefix = gen.str("id_prefix");
  const std::size_t width = std::to_string(count - 1).size();
  const Source rate(gen.at("rate"), {"i"}, "rate");
  const Source price(gen.at("price"), {"i", "rate"}, "price");
  const Source cost(gen.at("cost"), {"i", "rate", "price"}, "cost");
  std::vector<Category> categories;
  for (const Tree& c : gen.at("categories").items) categories.push_back({c.str("name"), to_real(c.at("min_rate"))});
  std::stable_sort(categories.begin(), categories.end(),
                   [](const Category& a, const Category& b) { return a.min_rate < b.min_rate; });

  // The same limits as a listed SKU's (the table's rows of catalog.skus[]), for a value from a formula or a draw.
  auto checked = [&](const Source& src, const char* what, const std::string& id, std::size_t i, double x) {
    const double most = std::string_view(what) == "rate" ? kMaxRatePerDay : kMaxMagnitude;
    if (!(x >= 0 && x <= most))
      fail(src.where(), std::string("catalog.generate.") + what,
           "SKU '" + id + "' (i = " + std::to_string(i) + ") gets " + what + " " + number_text(x) + "; expected a " +
               what + " >= 0 and <= " + number_text(most));
    return x;
  };
  for (std::size_t i = 0; i < count; ++i) {
    std::string digits = std::to_string(i);
    Sku sku;
    sku.id = prefix + std::string(width - digits.size(), '0') + digits;
    const auto di = static_cast<double>(i);
    sku.rate = checked(rate, "rate", sku.id, i, rate.value(seed, i, {di}));
    sku.price = checked(price, "price", sku.id, i, price.value(seed, i, {di, sku.rate}));
    sku.cost = checked(cost, "cost", sku.id, i, cost.value(seed, i, {di, sku.rate, sku.price}));
    sku.category = pick_category(categories, sku.rate);
    sku.rate_at = {rate.where(), "catalog.generate.rate"};
    skus.push_back(std::move(sku));
  }
}

}  // namespace

void build_catalog(const Tree& root, Scenario& sc) {
  const Tree& catalog = root.at("catalog");
  const Tree& gen = catalog.at("generate");
  // Every later step (policies per warehouse, the plan's levels, each replication's state) visits each pair.
  // Counted before generating: a refused million-SKU catalogue would otherwise take seconds and most of a GB first.
  const auto sku_count = static_cast<std::size_t>(*parse_integer(gen.str("count"))) + catalog.at("skus").items.size();
  if (const double pairs = double(sku_count) * double(sc.warehouses.size()); pairs > kMaxSkuSites)
    fail(catalog.where, "catalog",
         std::to_string(sku_count) + " SKUs at " + std::to_string(sc.warehouses.size()) + " warehouses make " +
             number_text(pairs) + " SKU-warehouse pairs; a scenario has at most " + number_text(kMaxSkuSites));
  generate(gen, sc.seed, sc.skus);

  std::map<std::string, std::string> first_at;  // listed SKU id -> where it was defined
  std::set<std::string> generated;
  for (const Sku& s : sc.skus) generated.insert(s.id);
  const auto& listed = catalog.at("skus").items;
  for (std::size_t j = 0; j < listed.size(); ++j) {
    const Tree& item = listed[j];
    const Tree& id = item.at("id");
    const std::string path = index_path("catalog.skus", j) + ".id";
    if (generated.count(id.text))
      fail(id.where, path,
           "duplicate SKU id '" + id.text + "' (catalog.generate also makes it: id_prefix '" + gen.str("id_prefix") +
               "', count " + gen.str("count") + ")");
    if (auto it = first_at.find(id.text); it != first_at.end())
      fail(id.where, path, "duplicate SKU id '" + id.text + "' (first defined at " + it->second + ")");
    first_at.emplace(id.text, id.where);
    Sku sku;
    sku.id = id.text;
    sku.category = item.str("category");
    sku.rate = to_real(item.at("rate"));
    sku.price = to_real(item.at("price"));
    sku.cost = to_real(item.at("cost"));
    sku.salvage = to_real(item.at("salvage"));
    sku.rate_at = {item.at("rate").where, index_path("catalog.skus", j) + ".rate"};
    if (const Tree* p = item.find("policy")) sku.policy = to_policy(*p, index_path("catalog.skus", j) + ".policy");
    sc.skus.push_back(std::move(sku));
  }
  if (sc.skus.empty())
    fail(catalog.where, "catalog", "the catalog has no SKUs; set catalog.generate.count or list catalog.skus");

  // The newsvendor's critical ratio (price - cost) / (price - salvage) must lie in [0, 1).
  for (std::size_t k = 0; k < sc.skus.size(); ++k) {
    const Sku& s = sc.skus[k];
    if (policy_type(sc.policy_for(s).type).level_S != LevelS::newsvendor_buy) continue;
    if (s.salvage <= s.cost && s.cost < s.price) continue;
    const std::size_t generated_count = sc.skus.size() - listed.size();
    const bool is_listed = k >= generated_count;
    fail(is_listed ? listed[k - generated_count].at("salvage").where : gen.where,
         is_listed ? index_path("catalog.skus", k - generated_count) + ".salvage" : std::string("catalog.generate"),
         "SKU '" + s.id + "' has policy " + word_of(sc.policy_for(s).type) +
             ", which needs salvage <= cost < price; got price " + number_text(s.price) + ", cost " +
             number_text(s.cost) + ", salvage " + number_text(s.salvage));
  }

  std::vector<std::string> categories;   // in order of first use, for suggestions
  std::unordered_set<std::string> seen;  // a hash: a million SKUs with as many categories check in linear time
  for (const Sku& s : sc.skus)
    if (seen.insert(s.category).second) categories.push_back(s.category);
  for (const Entry& e : root.at("policy_by_category").entries) {
    if (seen.count(e.key)) continue;
    fail(e.where, "policy_by_category." + e.key,
         "no SKU has category '" + e.key + "'" + suggestion(e.key, categories, "SKU categories"));
  }
}

}  // namespace peaksim::scn
