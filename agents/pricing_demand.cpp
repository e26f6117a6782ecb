#include "agents/pricing_demand.hpp"

#include "sim/kernel/price_response.hpp"

namespace peaksim::agents {

double ModelDemand::list_units(std::size_t i, int /*day*/, int from, int to) const {
  double base = 0;
  for (int d = from; d < to; ++d) base += group_.day_scale[std::size_t(d)];
  return sc_.skus[std::size_t(group_.skus[i].sku)].rate * base;
}

double ForecastDemand::list_units(std::size_t i, int day, int from, int to) const {
  if (!replans(i, day)) return model_.list_units(i, day, from, to);  // warm-up
  const PricingForecastView& v = *views_[i];
  double sum = 0;
  for (int d = from; d < to; ++d) sum += v.mean[std::size_t(d - v.day)];
  return sum;
}

double at_price(const Sku& sku, double list_units, double price) {
  const double f = sku.price > 0 ? price_factor(sku.price_response, price / sku.price) : 1.0;
  return list_units * f;
}

MarkdownProblem markdown_problem(const Scenario& sc, const GroupPricing& group, std::size_t i,
                                 const ExpectedDemand& demand, std::size_t first, int max_stock) {
  const SkuPricing& sp = group.skus[i];
  const Sku& sku = sc.skus[std::size_t(sp.sku)];
  MarkdownProblem pb;
  pb.prices = sp.prices;
  pb.salvage = sku.salvage;
  pb.markdown_only = group.spec->markdown_only;
  pb.max_stock = max_stock;
  const int day = group.reviews[first];
  for (std::size_t q = first; q < group.reviews.size(); ++q) {
    const int from = group.reviews[q], to = q + 1 < group.reviews.size() ? group.reviews[q + 1] : sc.horizon_days;
    const double units = demand.list_units(i, day, from, to);
    std::vector<double> means;
    for (const double p : sp.prices) means.push_back(at_price(sku, units, p));
    pb.mean.push_back(std::move(means));
  }
  return pb;
}

}  // namespace peaksim::agents
