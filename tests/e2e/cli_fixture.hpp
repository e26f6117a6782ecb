// Runs the peaksim executable as a user would, and reads what it wrote.
#pragma once
#include <H5Cpp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace peaksim::test {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory per test case, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("peaksim-e2e-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

struct Outcome {
  int status = -1;
  std::string out, err;
};

inline std::string source_path(const std::string& relative) { return std::string(PEAKSIM_SOURCE_DIR) + "/" + relative; }

// Runs `peaksim ARGS` through the shell, in `cwd` if given; stdout and stderr are captured.
inline Outcome run_peaksim(const std::string& args, const std::string& cwd = "") {
  TempDir dir;
  const std::string cmd = (cwd.empty() ? "" : "cd '" + cwd + "' && ") + std::string(PEAKSIM_BIN) + " " + args + " >" +
                          (dir / "out") + " 2>" + (dir / "err");
  const int raw = std::system(cmd.c_str());
  Outcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = read_text(dir / "out");
  o.err = read_text(dir / "err");
  return o;
}

// Runs a shell command line, in a subshell whose stdout and stderr are captured (its own redirections win).
inline Outcome run_shell(const std::string& command) {
  TempDir dir;
  const std::string cmd = "( " + command + " ) >" + (dir / "out") + " 2>" + (dir / "err");
  const int raw = std::system(cmd.c_str());
  Outcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = read_text(dir / "out");
  o.err = read_text(dir / "err");
  return o;
}

// Every entry of a folder, hidden ones too, as "name size", sorted: equal listings before and after a command mean
// it wrote, renamed and removed nothing there.
inline std::vector<std::string> listing(const fs::path& folder) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) {
    std::error_code ec;
    const auto size = e.is_regular_file(ec) ? e.file_size(ec) : 0;
    out.push_back(e.path().filename().string() + " " + std::to_string(size));
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<double> read_doubles(const std::string& file, const std::string& dataset) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  H5::DataSet ds = f.openDataSet(dataset);
  std::vector<double> v(std::size_t(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(v.data(), H5::PredType::NATIVE_DOUBLE);
  return v;
}

inline std::vector<std::int32_t> read_ints(const std::string& file, const std::string& dataset) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  H5::DataSet ds = f.openDataSet(dataset);
  std::vector<std::int32_t> v(std::size_t(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(v.data(), H5::PredType::NATIVE_INT32);
  return v;
}

inline std::vector<std::string> kpi_names(const std::string& file) {
  H5::H5File f(file, H5F_ACC_RDONLY);
  H5::Group g = f.openGroup("/kpi");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < g.getNumObjs(); ++i) names.push_back(g.getObjnameByIdx(i));
  return names;
}

inline double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / double(v.size());
}

}  // namespace peaksim::test
