#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "model/agent_kind.hpp"
#include "sim/kernel/kpis.hpp"
#include "sim/scenario/schema.hpp"

using namespace peaksim;

TEST_CASE("every source in model/kinds is a kind registered once in kinds.def") {
  std::set<std::string> registered;
  for (const model::AgentKind& k : model::agent_kinds()) CHECK_MESSAGE(registered.insert(k.name).second, k.name);
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(PEAKSIM_SOURCE_DIR) + "/model/kinds"))
    if (e.path().extension() == ".cpp") files.insert(e.path().stem().string());
  CHECK(files == registered);
}

TEST_CASE("every KPI group but always is fed by exactly one registered kind") {
  std::set<KpiGroup> groups;
  for (const KpiDef& k : kpi_table()) groups.insert(k.group);
  for (KpiGroup g : groups) {
    int feeders = 0;
    for (const model::AgentKind& k : model::agent_kinds())
      for (KpiGroup fed : k.kpi_groups) feeders += fed == g;
    CHECK_MESSAGE(feeders == (g == KpiGroup::always ? 0 : 1), "KPI group " << int(g));
  }
}

TEST_CASE("every scenario key a kind names is a row of the parameter table") {
  for (const model::AgentKind& k : model::agent_kinds())
    for (const std::string& key : k.schema_keys)
      CHECK_MESSAGE(scn::find_param(key) != nullptr, k.name << " names '" << key << "', which the table lacks");
}
