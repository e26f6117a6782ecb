// A tiny experiment for `peaksim experiment` (the reference (s,S) model cut to 20 SKUs and 60 days) and readers of
// what it writes, shared by the experiment tests in one process and over MPI ranks.
#pragma once
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>

#include <cstring>
#include <map>

#include "sim/output/results_reader.hpp"
#include "tests/e2e/cli_fixture.hpp"

namespace peaksim::test {

inline const std::string kReference = source_path("scenarios/reference/single_sS.yaml");

// The base edits every arm gets: a tiny, fast model.
inline const char* kBase = R"(set:
  catalog.generate.count: 20
  horizon: 60d
)";

// An experiment over the reference model: the (s,S) baseline, an arm whose edit changes nothing, and base stock.
// `count`: "replications: N" or a stopping rule.
inline std::string tiny_experiment_with(const std::string& count, const std::string& extra = "") {
  return "experiment: tiny\nscenario: " + kReference + "\nseed: 7\n" + count + "\n" + kBase +
         "baseline: sS\n"
         "compare: [total_cost, fill_rate]\n"
         "arms:\n"
         "  - name: sS\n"
         "  - name: same\n"
         "    set: {costs.order_fixed: 10}\n"
         "  - name: base_stock\n"
         "    set: {policy: {type: base_stock, S: 40}}\n" +
         extra;
}

inline std::string tiny_experiment(int replications, const std::string& extra = "") {
  return tiny_experiment_with("replications: " + std::to_string(replications), extra);
}

inline std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir / name;
  std::ofstream(path) << text;
  return path;
}

inline std::string read_string_attribute(const std::string& file, const std::string& group, const char* name) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  const H5::Attribute a = f.openGroup(group).openAttribute(name);
  std::string value;
  a.read(a.getStrType(), value);
  return value;
}

inline std::vector<std::string> read_strings(const std::string& file, const std::string& dataset) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  return peaksim::read_string_dataset(f.openDataSet(dataset));
}

// Every /kpi column of the run file or arm group at `prefix`, by name, as the values' bits (a KPI without a value
// is NaN, which equals nothing): equal maps mean bit-identical KPI tables.
using KpiBits = std::map<std::string, std::vector<std::uint64_t>>;
inline KpiBits kpi_table(const std::string& file, const std::string& prefix) {
  KpiBits out;
  H5::H5File f(file, H5F_ACC_RDONLY);
  const H5::Group g = f.openGroup(prefix + "/kpi");
  for (hsize_t i = 0; i < g.getNumObjs(); ++i) {
    const std::string name = g.getObjnameByIdx(i);
    for (const double v : read_doubles(file, prefix + "/kpi/" + name)) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof bits);
      out[name].push_back(bits);
    }
  }
  return out;
}

inline std::map<std::string, KpiBits> all_arms(const std::string& file) {
  std::map<std::string, KpiBits> out;
  for (const std::string& arm : read_strings(file, "/experiment/arms/name")) out[arm] = kpi_table(file, "/arms/" + arm);
  return out;
}

// Every dataset under `group`, by path, as its bytes in memory (strings as their text): equal maps mean
// bit-identical tables.
inline std::map<std::string, std::string> dataset_bytes(const std::string& file, const std::string& group) {
  std::map<std::string, std::string> out;
  H5::H5File f(file, H5F_ACC_RDONLY);
  const auto walk = [&](const auto& self, const std::string& path) -> void {
    const H5::Group g = f.openGroup(path);
    for (hsize_t i = 0; i < g.getNumObjs(); ++i) {
      const std::string child = path + "/" + g.getObjnameByIdx(i);
      if (g.getObjTypeByIdx(i) == H5G_GROUP) {
        self(self, child);
        continue;
      }
      const H5::DataSet ds = f.openDataSet(child);
      if (ds.getTypeClass() == H5T_STRING) {
        for (const std::string& s : peaksim::read_string_dataset(ds)) out[child] += s + '\0';
        continue;
      }
      const H5::DataType type = ds.getDataType();
      std::string bytes(std::size_t(ds.getSpace().getSimpleExtentNpoints()) * type.getSize(), '\0');
      if (!bytes.empty()) ds.read(bytes.data(), type);
      out[child] = bytes;
    }
  };
  walk(walk, group);
  return out;
}

// Starts `argv` (argv[0] a path) with its output to `log`, without waiting.
inline pid_t start_program(const std::vector<std::string>& args, const std::string& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    for (const int s : {SIGINT, SIGTERM}) signal(s, SIG_DFL);
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  REQUIRE(pid > 0);
  return pid;
}

// Starts peaksim with `args`, its output to `log`, without waiting.
inline pid_t start(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> argv{PEAKSIM_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return start_program(argv, log);
}

// The hidden parts folder of an output (sim/experiment/runner.hpp, parts_folder).
inline fs::path parts_of(const std::string& out) {
  const fs::path p(out);
  return p.parent_path() / ("." + p.filename().string() + ".parts");
}

inline std::size_t shard_count(const fs::path& folder) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.path().filename().string().rfind("arm", 0) == 0) ++n;
  return n;
}

}  // namespace peaksim::test
