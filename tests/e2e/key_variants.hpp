// For test_every_key_is_read: a tiny world in which every list has an item, bases that switch on the keys that
// only matter together with another (a policy type, a demand model, the forecast service), and for every key of
// the parameter table either a variant that changes only that key or a reason why it changes no replication.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace peaksim::test {

// The world every base starts from (YAML text).
const std::string& keywalk_world();

// Base name -> --set overrides applied to the world ("world" itself has none).
const std::map<std::string, std::vector<std::string>>& keywalk_bases();

// A valid non-default value for one key, on top of a base: running both must give different results.
struct KeyVariant {
  std::string base;
  std::vector<std::string> set;  // the key itself, and whatever must follow it (a renamed site's lanes)
};

// A key that by design changes no replication: why, a variant of it on the world, and a check of the effect it
// does have on the loaded scenario.
struct LabelKey {
  std::string reason;
  std::vector<std::string> set;
  std::function<bool(const Scenario& world, const Scenario& variant)> shows;
  std::string base = "world";  // the base it is set on (a key inside an optional section needs that section)
};

// Table path ("sites.regions[].demand") -> its variant / its reason.
const std::map<std::string, KeyVariant>& keywalk_variants();
const std::map<std::string, LabelKey>& keywalk_labels();

}  // namespace peaksim::test
