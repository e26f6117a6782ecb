#include "sim/experiment/parts_folder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/output/results_reader.hpp"
#include "sim/random/stream.hpp"

namespace peaksim::experiment {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kNameMax = 255;
constexpr const char* kManifest = "manifest";

// The value of "key: value" in a manifest's text; "" when absent.
std::string manifest_value(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ": ", 0) == 0) return line.substr(key.size() + 2);
  return {};
}

}  // namespace

std::string parts_folder(const std::string& output) {
  const fs::path target(output);
  const std::string name = target.filename().string();
  std::string folder = "." + name + ".parts";
  if (folder.size() > kNameMax)
    folder = fmt::format(".{}-{:016x}.parts", name.substr(0, kNameMax - 24), rng::hash_name(name));
  return (target.parent_path() / folder).string();
}

Manifest manifest_of(const Experiment& e, const std::vector<ArmRun>& arms) {
  std::string all = e.text;
  for (const ArmRun& a : arms) {
    all += '\0' + a.provenance.resolved_scenario;
    for (const std::string& edit : a.provenance.overrides) all += '\0' + edit;
  }
  const BuildStamp b = this_build();
  return {fmt::format("{:016x}", rng::hash_name(all)), std::to_string(arms.front().provenance.seed),
          fmt::format("{} {} {} {}", b.version, b.git_commit, b.build_type, b.compiler)};
}

Manifest read_manifest(const fs::path& folder) {
  std::ifstream in(folder / kManifest, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  return {manifest_value(text, "experiment"), manifest_value(text, "seed"), manifest_value(text, "build")};
}

void write_manifest(const fs::path& folder, const Manifest& m) {
  const fs::path aside = folder / ".manifest.tmp";
  {
    std::ofstream out(aside, std::ios::binary | std::ios::trunc);
    out << fmt::format("peaksim experiment parts\nexperiment: {}\nseed: {}\nbuild: {}\n", m.experiment, m.seed,
                       m.build);
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", aside.string()));
  }
  fs::rename(aside, folder / kManifest);
}

std::string shard_name(std::size_t arm, std::uint64_t first) {
  return fmt::format("arm{:05}-rep{:012}.h5", arm, first);
}

std::filesystem::path staged_folder(const std::filesystem::path& parts) { return parts / "staged"; }

std::optional<std::size_t> shard_arm(const std::string& name) {
  if (name.size() != 27 || name.rfind("arm", 0) != 0 || name.substr(8, 4) != "-rep" || name.substr(24) != ".h5")
    return std::nullopt;
  try {
    return std::size_t(std::stoul(name.substr(3, 5)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void Ledger::refresh() {
  std::vector<fs::path> found;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder_))
    if (shard_arm(entry.path().filename().string())) found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  for (const fs::path& path : found) {
    const std::size_t arm = *shard_arm(path.filename().string());
    if (arm >= shards_.size() || read_.count(path.string())) continue;
    ResultsReader reader(path.string());
    std::vector<std::vector<double>> columns;
    for (const std::string& kpi : kpis_) columns.push_back(reader.kpi(kpi));
    for (std::size_t row = 0; row < reader.replications().size(); ++row) {
      std::vector<double> v;
      for (const auto& column : columns) v.push_back(column[row]);
      set(arm, reader.replications()[row], v);
    }
    shards_[arm].push_back(path.string());
    read_.insert(path.string());
  }
}

std::vector<double> Ledger::followed(const ReplicationResult& r) const {
  std::vector<double> v;
  for (const std::string& kpi : kpis_) {
    const auto at = std::find(r.kpi_names.begin(), r.kpi_names.end(), kpi);
    if (at == r.kpi_names.end())
      throw std::runtime_error(fmt::format("the runs report no KPI '{}' (compared or stopping)", kpi));
    v.push_back(r.kpi_values[std::size_t(at - r.kpi_names.begin())]);
  }
  return v;
}

void Ledger::set(std::size_t arm, std::uint64_t replication, const std::vector<double>& values) {
  ArmKpis& a = values_[arm];
  if (replication >= a.present.size()) {
    a.present.resize(replication + 1, false);
    a.values.resize((replication + 1) * kpis_.size());
  }
  if (a.present[replication]) return;  // the first shard to hold a replication stands
  a.present[replication] = true;
  std::copy(values.begin(), values.end(), a.values.begin() + std::ptrdiff_t(replication * kpis_.size()));
  ++kept_;
}

void Ledger::add_own(std::size_t arm, const std::string& path, std::map<std::uint64_t, std::vector<double>>&& values) {
  for (const auto& [replication, kpis] : values) set(arm, replication, kpis);
  if (read_.insert(path).second) shards_[arm].push_back(path);
}

std::vector<ArmValues> Ledger::values(const Experiment& e, const std::vector<std::size_t>& which,
                                      std::uint64_t n) const {
  std::vector<ArmValues> out;
  for (std::size_t a = 0; a < values_.size(); ++a) {
    ArmValues v{e.arms[a].name, {}, std::vector<std::vector<double>>(which.size())};
    const ArmKpis& arm = values_[a];
    for (std::uint64_t rep = 0; rep < std::min<std::uint64_t>(n, arm.present.size()); ++rep) {
      if (!arm.present[rep]) continue;
      v.replications.push_back(rep);
      for (std::size_t k = 0; k < which.size(); ++k) v.values[k].push_back(arm.values[rep * kpis_.size() + which[k]]);
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace peaksim::experiment
