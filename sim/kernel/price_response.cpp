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

}  // namespace peaksim
