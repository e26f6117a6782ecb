// `peaksim report RESULTS.h5 -o report.html [--force]`: one self-contained HTML page of a run or experiment file,
// drawn by the Python package peaksim_analysis that ships with peaksim (analysis/README.md). This command checks
// the output as every command does, lets Python fill the hidden temporary file, and publishes it; Python checks
// the input and refuses what is not a complete peaksim results file (status 2, nothing written).
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "sim/common/fault_cleanup.hpp"
#include "sim/common/output_file.hpp"
#include "sim/common/shipped_file.hpp"

namespace peaksim::cli {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter, which sees the python3-* packages scripts/install-deps installs (h5py, pandas, ...).
constexpr const char* kPython = "/usr/bin/python3";

// In the child: Python on the package, drawing off-screen, leaving no bytecode in an installed tree.
[[noreturn]] void exec_python(pid_t parent, const std::string& analysis_dir, const std::vector<std::string>& args) {
  become_worker(parent);  // quiet on Ctrl-C (peaksim reacts and kills it), and gone when peaksim is
  const char* old = std::getenv("PYTHONPATH");
  const std::string path = analysis_dir + (old != nullptr && *old != '\0' ? ":" + std::string(old) : "");
  ::setenv("PYTHONPATH", path.c_str(), 1);
  ::setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
  ::setenv("MPLBACKEND", "Agg", 1);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(kPython, argv.data());
  const int err = errno;
  std::fprintf(stderr, "peaksim: cannot run %s: %s; scripts/install-deps installs it (Debian package python3)\n",
               kPython, std::strerror(err));
  std::fflush(stderr);
  ::_exit(1);
}

}  // namespace

int report(const ReportOptions& options) {
  std::unique_ptr<OutputFile> output;
  try {
    output = std::make_unique<OutputFile>(options.output, options.force, std::vector<std::string>{options.input});
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return e.bad_input() ? 2 : 1;
  }
  std::string package;
  try {
    package = shipped_file(kShippedAnalysisPackage);
  } catch (const ShippedFileError& e) {
    std::cerr << "peaksim: " << e.what() << '\n';
    return 1;
  }
  const std::string analysis_dir = fs::path(package).parent_path().parent_path().string();
  std::error_code ec;
  const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  std::vector<std::string> args = {
      "python3", "-m", "peaksim_analysis.report", options.input, "-o", output->temporary(), "--into-temporary"};
  if (!ec) {
    args.push_back("--peaksim");  // units and definitions from this executable's KPI table
    args.push_back(self);
  }

  std::cout.flush();
  std::fflush(stdout);  // the child must not write what this process buffered
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::cerr << "peaksim: cannot start " << kPython << ": " << std::strerror(errno) << '\n';
    return 1;
  }
  if (pid == 0) exec_python(parent, analysis_dir, args);
  watch_worker(pid);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  unwatch_worker(pid);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2) return 2;  // Python said why
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "peaksim: the report was not written: " << kPython << " -m peaksim_analysis.report "
              << (WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                    : "was killed by signal " + std::to_string(WTERMSIG(status)))
              << '\n';
    return 1;
  }
  try {
    output->commit();
  } catch (const OutputFileError& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace peaksim::cli
