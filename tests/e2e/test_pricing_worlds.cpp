// The markdown evidence of docs/pricing.md, with fewer replications: on scenarios/mooncake_markdown.yaml the
// markdown DP earns more profit than static prices and than the markdown rule, paired over the same
// replications (common random numbers); the 99% confidence interval of each difference lies above 0. On
// scenarios/singles_day_dynamic_price.yaml policy dynamic earns more profit than list prices and sells fewer
// units. And a replication with pricing agents does not depend on the others in its engine.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>

#include "tests/support/replications.hpp"

using namespace peaksim;

namespace {

std::vector<ReplicationResult> season(const std::string& policy) {
  const std::string file = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/mooncake_markdown.yaml";
  return test::replications(load_scenario(file, {"pricing[0].policy=" + policy}), 30);
}

}  // namespace

TEST_CASE("on the mooncake season the markdown DP beats static prices and the markdown rule on profit") {
  const auto dp = season("markdown_dp"), rule = season("markdown_rule"), fixed = season("static");
  for (const auto& [name, other] : {std::pair{"static", &fixed}, std::pair{"markdown_rule", &rule}}) {
    const stats::Summary d = test::difference(dp, *other, "profit");
    MESSAGE(fmt::format("profit markdown_dp - {}: {:.0f} +/- {:.0f} (99%, n = {})", name, d.mean, d.half_width, d.n));
    CHECK(d.mean - d.half_width > 0);
  }
  // Static prices never change; the DP's are the ones it changed, and revenue moves with them.
  for (const auto& r : fixed) CHECK(test::kpi(r, "markdowns") == 0);
  for (const auto& r : dp) CHECK(test::kpi(r, "markdowns") > 0);
}

TEST_CASE("on the scarce 11.11 peak, pricing by days of cover earns more profit per replication than list prices") {
  const std::string file = std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/singles_day_dynamic_price.yaml";
  const auto dynamic = test::replications(load_scenario(file), 30);
  // List prices all season: a static group (the cover keys belong to policy dynamic).
  const auto fixed = test::replications(
      load_scenario(file, {"pricing[0]={name: peak_goods, category: default, policy: static, ladder: [0]}"}), 30);
  const stats::Summary d = test::difference(dynamic, fixed, "profit");
  MESSAGE(fmt::format("profit dynamic - static: {:.0f} +/- {:.0f} (99%, n = {})", d.mean, d.half_width, d.n));
  CHECK(d.mean - d.half_width > 0);
  // What it costs: fewer units sold (the surcharges turn demand away), paired over the same replications.
  const stats::Summary sold = test::difference(dynamic, fixed, "sales");
  CHECK(sold.mean + sold.half_width < 0);
}

TEST_CASE("a pricing replication gives the same results alone in its engine as in a batch of four") {
  const Scenario sc = load_scenario(std::string(PEAKSIM_SOURCE_DIR) + "/scenarios/mooncake_markdown.yaml");
  CHECK(test::same_alone_as_in_batch(sc));
}
