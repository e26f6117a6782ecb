// The catalog: generated SKUs (drawn from structure streams, so every replication sees the same
// catalog) followed by listed ones; then the checks that need the whole catalog.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

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

std::string pick_category(const std::vector<Category>& categories, double rate) {
  const Category* best = nullptr;
  for (const auto& c : categories)
    if (c.min_rate <= rate && (!best || c.min_rate > best->min_rate)) best = &c;
  return best ? best->name : "default";
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

  auto checked = [&](const Source& src, const char* what, const std::string& id, std::size_t i, double x) {
    if (!(x >= 0) || !std::isfinite(x))
      fail(src.where(), std::string("catalog.generate.") + what,
           "SKU '" + id + "' (i = " + std::to_string(i) + ") gets " + what + " " + number_text(x) + "; expected a " +
               what + " >= 0");
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
    skus.push_back(std::move(sku));
  }
}

}  // namespace

void build_catalog(const Tree& root, Scenario& sc) {
  const Tree& catalog = root.at("catalog");
  const Tree& gen = catalog.at("generate");
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
    if (const Tree* p = item.find("policy")) sku.policy = to_policy(*p);
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

  std::vector<std::string> categories;  // in order of first use, for suggestions
  for (const Sku& s : sc.skus)
    if (std::find(categories.begin(), categories.end(), s.category) == categories.end())
      categories.push_back(s.category);
  for (const Entry& e : root.at("policy_by_category").entries) {
    if (std::find(categories.begin(), categories.end(), e.key) != categories.end()) continue;
    fail(e.where, "policy_by_category." + e.key,
         "no SKU has category '" + e.key + "'" + suggestion(e.key, categories, "SKU categories"));
  }
}

}  // namespace peaksim::scn
