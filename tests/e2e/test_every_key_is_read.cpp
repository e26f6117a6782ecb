// Every key the parameter table accepts is read: walks scn::parameters() at run time and, for each key, runs one
// replication of a base and of a variant that differs only in that key, and requires different results (KPIs,
// recorded arrays or breakdowns). A key that by design changes no replication is on a short list with its reason
// and a check of the effect it does have. A new row with neither fails, naming the row (key_variants.cpp).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <regex>

#include "sim/output/results.hpp"
#include "sim/scenario/schema.hpp"
#include "tests/e2e/key_variants.hpp"
#include "tests/support/scenario_text.hpp"

using namespace peaksim;
using namespace peaksim::test;

namespace {

bool is_container(const scn::Param& p) {
  return p.type == scn::Type::section || p.type == scn::Type::list || p.type == scn::Type::named_map;
}

// Sections and lists are covered through the rows under them; one with none (an aliased section such as
// catalog.skus[].policy, whose keys are declared under policy) is a key of its own.
bool needs_entry(const scn::Param& p) {
  if (!is_container(p)) return true;
  for (const scn::Param& q : scn::parameters())
    if (q.path.starts_with(p.path + ".") || q.path.starts_with(p.path + "[].")) return false;
  return true;
}

// "sites.regions[0].demand=normal" -> "sites.regions[].demand"
std::string table_path(const std::string& override_arg) {
  static const std::regex index(R"(\[[0-9]+\])");
  return std::regex_replace(override_arg.substr(0, override_arg.find('=')), index, "[]");
}

// An override sets the key itself, or a map holding it ("policy={..., safety: errors}" for policy.safety).
bool sets_key(const std::vector<std::string>& set, const scn::Param& p) {
  for (const std::string& arg : set) {
    const std::string key = table_path(arg);
    if (key == p.path) return true;
    const std::regex inside("[{ ,]" + p.key + ":");
    if (p.path.starts_with(key + ".") && std::regex_search(arg, inside)) return true;
  }
  return false;
}

std::string shown(const std::vector<std::string>& set) { return fmt::format("--set {}", fmt::join(set, " --set ")); }

// Bit for bit (the wire format copies every value, chunk and breakdown), so that a NaN KPI equals itself.
bool same_results(const ReplicationResult& a, const ReplicationResult& b) { return serialize(a) == serialize(b); }

std::vector<std::string> with_base(const std::string& base, const std::vector<std::string>& set) {
  std::vector<std::string> all = keywalk_bases().at(base);
  all.insert(all.end(), set.begin(), set.end());
  return all;
}

// One replication of a base, run once per test process.
const ReplicationResult& base_result(const std::string& base) {
  static std::map<std::string, ReplicationResult> cache;
  auto it = cache.find(base);
  if (it == cache.end()) it = cache.emplace(base, run_one_replication(keywalk_world(), with_base(base, {}))).first;
  return it->second;
}

}  // namespace

TEST_CASE("every row of the parameter table has a variant or a reason why it changes no replication") {
  const auto& variants = keywalk_variants();
  const auto& labels = keywalk_labels();
  for (const scn::Param& p : scn::parameters()) {
    if (!needs_entry(p)) continue;
    const bool varied = variants.count(p.path) > 0, labelled = labels.count(p.path) > 0;
    CHECK_MESSAGE(varied != labelled,
                  fmt::format("{}: {}", p.path,
                              varied ? "has both a variant and a reason in tests/e2e/key_variants.cpp; keep one"
                                     : "is accepted but nothing shows that it is read: add a variant that changes "
                                       "only this key to keywalk_variants() in tests/e2e/key_variants.cpp (or, if "
                                       "it only labels results, a reason to keywalk_labels())"));
  }
  for (const auto& [path, v] : variants)
    CHECK_MESSAGE(scn::find_param(path) != nullptr, path << ": has a variant but is no row of the table");
  for (const auto& [path, l] : labels)
    CHECK_MESSAGE(scn::find_param(path) != nullptr, path << ": has a reason but is no row of the table");
}

TEST_CASE("every variant sets the key it stands for, on a base that exists") {
  for (const auto& [path, v] : keywalk_variants()) {
    const scn::Param* p = scn::find_param(path);
    if (!p) continue;  // reported above
    CHECK_MESSAGE(keywalk_bases().count(v.base) == 1, path << ": no base named " << v.base);
    CHECK_MESSAGE(sets_key(v.set, *p), path << ": its variant (" << shown(v.set) << ") does not set it");
  }
  for (const auto& [path, l] : keywalk_labels())
    if (const scn::Param* p = scn::find_param(path))
      CHECK_MESSAGE(sets_key(l.set, *p), path << ": its variant (" << shown(l.set) << ") does not set it");
}

TEST_CASE("every key's variant changes what one replication produces") {
  for (const auto& [path, v] : keywalk_variants()) {
    const std::string what = fmt::format("{} (base {}, {})", path, v.base, shown(v.set));
    try {
      const ReplicationResult& base = base_result(v.base);
      const ReplicationResult variant = run_one_replication(keywalk_world(), with_base(v.base, v.set));
      CHECK_MESSAGE(!same_results(base, variant),
                    what << ": the same KPIs, arrays and breakdowns as the base: the key is accepted but not read");
    } catch (const std::exception& e) {
      FAIL_CHECK(what << ": " << std::string(e.what()));
    }
  }
}

TEST_CASE("the keys that change no replication change the loaded scenario, and nothing else") {
  const Scenario world = load_scenario_text(keywalk_world());
  for (const auto& [path, l] : keywalk_labels()) {
    const std::string what = fmt::format("{} ({})", path, shown(l.set));
    try {
      CHECK_MESSAGE(l.shows(world, load_scenario_text(keywalk_world(), with_base(l.base, l.set))),
                    what << ": the loaded scenario does not show the value");
      CHECK_MESSAGE(
          same_results(base_result(l.base), run_one_replication(keywalk_world(), with_base(l.base, l.set))),
          what << ": changes the replication, so it belongs with the variants, not the reasons (" << l.reason << ")");
    } catch (const std::exception& e) {
      FAIL_CHECK(what << ": " << std::string(e.what()));
    }
  }
}
