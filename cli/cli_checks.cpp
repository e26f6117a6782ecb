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
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  std::cerr << fmt::format("peak resident memory: parent {} ; largest worker {} kB\n",
                           hwm.substr(hwm.find_first_not_of(" \t")), children.ru_maxrss);
}

}  // namespace peaksim::cli
