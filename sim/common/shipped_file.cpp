#include "sim/common/shipped_file.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace peaksim {

namespace fs = std::filesystem;

std::string shipped_file(const std::string& relative) {
  if (const char* dir = std::getenv("PEAKSIM_DATA_DIR"); dir != nullptr && *dir != '\0') {
    const fs::path path = fs::path(dir) / relative;
    if (std::error_code ec; fs::is_regular_file(path, ec)) return path.string();
    throw ShippedFileError("PEAKSIM_DATA_DIR is set to '" + std::string(dir) + "' but " + path.string() +
                           " does not exist; unset it to use the copy shipped with peaksim");
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw ShippedFileError("cannot find the shipped " + relative + ": /proc/self/exe: " + ec.message());
  const fs::path bin = exe.parent_path();
  const std::vector<fs::path> places = {bin / relative, bin.parent_path() / "share" / "peaksim" / relative};
  std::string looked;
  for (const fs::path& p : places) {
    if (fs::is_regular_file(p, ec)) return p.string();
    looked += (looked.empty() ? "" : ", ") + p.lexically_normal().string();
  }
  throw ShippedFileError("cannot find the shipped " + relative + ": looked at " + looked +
                         "; set PEAKSIM_DATA_DIR to a folder holding " + relative);
}

}  // namespace peaksim
