#include "cli/cli_checks.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "sim/common/edit_distance.hpp"

namespace peaksim::cli {

std::string nearest_name(const std::string& typed, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = typed.size() / 2 + 1;
  for (const std::string& name : names) {
    const std::size_t d = edit_distance(typed, name, true);
    if (d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

std::string not_a_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  if (S_ISDIR(st.st_mode)) return "is a folder";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device";
  return "";
}

bool refuse_folder(const std::string& path, const std::string& what) {
  const std::string why = not_a_file(path);
  if (why.empty()) return false;
  std::cerr << fmt::format("{}: {}; expected {}\n", path, why, what);
  return true;
}

void report_memory_when_asked() {
  if (!std::getenv("PEAKSIM_RUN_STATS")) return;
  std::ifstream status("/proc/self/status");
  std::string line, hwm = "?";
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) hwm = line.substr(6);
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  const auto seconds = [](const rusage& u) {
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
  };
  std::cerr << fmt::format("peak resident memory: parent {} ; largest worker {} kB\n",
                           hwm.substr(hwm.find_first_not_of(" \t")), children.ru_maxrss);
  // The parent's share of the CPU time is the serial part of a run: workers cannot hide it.
  std::cerr << fmt::format("CPU time: parent {:.2f} s ; workers {:.2f} s\n", seconds(self), seconds(children));
}

}  // namespace peaksim::cli
