#include "sim/kernel/price_response.hpp"

#include <cmath>

namespace peaksim {

double price_factor(const PriceResponse& r, double ratio) {
  switch (r.form) {
    case PriceForm::constant_elasticity:
      return std::pow(ratio, r.elasticity);
    case PriceForm::exponential:
      return std::exp(-r.slope * (ratio - 1));
    case PriceForm::logit: {
      const double e = std::exp(-r.slope * (ratio - 1));
      return e / (1 - r.share + r.share * e);
    }
  }
  return 1.0;
}

double price_factor(const std::optional<PriceResponse>& r, double ratio) { return r ? price_factor(*r, ratio) : 1.0; }

double cross_price_factor(const std::optional<PriceResponse>& r, double rivals_log_ratio_sum, std::size_t rivals) {
  if (!r || r->cross_elasticity == 0 || rivals == 0) return 1.0;
  return std::exp(r->cross_elasticity * rivals_log_ratio_sum / double(rivals));
}

double reference_factor(const std::optional<ReferenceEffect>& e, double price, double reference) {
  if (!e || reference <= 0) return 1.0;
  const double gap = (price - reference) / reference;
  return std::exp(-(gap > 0 ? e->loss : e->gain) * gap);
}

double next_reference(const ReferenceEffect& e, double reference, double price) {
  return e.memory * reference + (1 - e.memory) * price;
}

}  // namespace peaksim
