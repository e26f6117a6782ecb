// The CUDA plugin's loader (cuda_plugin.hpp): dlopen on first use, once per process.
#include "forecasting/cuda_plugin.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

namespace peaksim::forecasting::cuda_plugin {

namespace {

namespace fs = std::filesystem;

struct Loaded {
  const cuda::PluginTable* table = nullptr;  // set only when a device is usable
  std::string path;
  std::string reason;
};

std::string missing(const std::vector<std::string>& looked) {
  std::string list;
  for (const std::string& p : looked) list += (list.empty() ? "" : ", ") + p;
  std::string reason = "the CUDA plugin is missing: no " + std::string(kFileName) + " at " + list;
  if (!built()) reason += " (this build has no CUDA backend: configure with PEAKSIM_CUDA=ON where nvcc is found)";
  return reason;
}

Loaded load() {
  Loaded l;
  const char* variable = std::getenv(kPathVariable);
  const bool forced = variable != nullptr && *variable != '\0';
  const std::vector<std::string> candidates = places();
  std::error_code ec;
  for (const std::string& p : candidates) {
    if (fs::is_regular_file(p, ec)) {
      l.path = p;
      break;
    }
  }
  if (l.path.empty()) {
    l.reason = forced ? std::string(kPathVariable) + " is set to '" + variable + "', which is not a file"
                      : missing(candidates);
    return l;
  }
  // Without the NVIDIA driver no device can be used: say so before loading the plugin, which would load the CUDA
  // runtime and cuBLAS (about half a second) for nothing.
  if (dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL) == nullptr) {
    const char* why = dlerror();
    l.reason =
        std::string("no NVIDIA driver (libcuda.so.1 cannot be loaded: ") + (why != nullptr ? why : "unknown") + ")";
    return l;
  }
  void* handle = dlopen(l.path.c_str(), RTLD_NOW | RTLD_LOCAL);  // never closed: the table lives as long as we do
  if (handle == nullptr) {
    const char* why = dlerror();
    l.reason = "the CUDA plugin " + l.path + " cannot be loaded: " + (why != nullptr ? why : "unknown error");
    return l;
  }
  const auto entry = reinterpret_cast<PeaksimCudaPluginEntry>(dlsym(handle, cuda::kPluginEntry));
  const cuda::PluginTable* table = entry != nullptr ? entry() : nullptr;
  if (table == nullptr || table->abi != cuda::kPluginAbi) {
    l.reason = "the CUDA plugin " + l.path + " belongs to another peaksim build (" +
               (table == nullptr
                    ? std::string("no entry point ") + cuda::kPluginEntry
                    : "interface " + std::to_string(table->abi) + ", expected " + std::to_string(cuda::kPluginAbi)) +
               ")";
    return l;
  }
  l.reason = table->unavailable_reason();
  if (l.reason.empty()) l.table = table;
  return l;
}

const Loaded& loaded() {
  static const Loaded l = load();
  return l;
}

}  // namespace

std::vector<std::string> places() {
  if (const char* variable = std::getenv(kPathVariable); variable != nullptr && *variable != '\0') return {variable};
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const fs::path bin = exe.parent_path();
  return {(bin / kFileName).string(), (bin.parent_path() / "lib" / "peaksim" / kFileName).lexically_normal().string()};
}

bool built() { return PEAKSIM_CUDA_PLUGIN_BUILT != 0; }

const cuda::PluginTable* usable() { return loaded().table; }

const std::string& unavailable_reason() { return loaded().reason; }

const std::string& loaded_path() { return loaded().path; }

}  // namespace peaksim::forecasting::cuda_plugin
