// Finding and loading the CUDA plugin (libpeaksim_cuda.so, built from cuda/ when CUDA is), on first use: a process
// that never asks for a device never loads it, nor the CUDA runtime and cuBLAS it links. Internal to the library;
// backend.hpp is the interface.
#pragma once

#include <string>
#include <vector>

#include "forecasting/cuda/plugin_abi.hpp"

namespace peaksim::forecasting::cuda_plugin {

inline constexpr const char* kFileName = "libpeaksim_cuda.so";
inline constexpr const char* kPathVariable = "PEAKSIM_CUDA_PLUGIN";

// Where the plugin is looked for, in order: $PEAKSIM_CUDA_PLUGIN alone when it is set (the file itself); else
// <dir of the executable>/libpeaksim_cuda.so, then <dir of the executable>/../lib/peaksim/libpeaksim_cuda.so (an
// installed copy: <prefix>/bin and <prefix>/lib/peaksim; the build tree mirrors it).
std::vector<std::string> places();

// Whether this build produced the plugin (CUDA found at configure time).
bool built();

// The loaded plugin's table, or nullptr when it cannot be loaded or no device is usable. Loads once per process.
const cuda::PluginTable* usable();

// Why usable() is nullptr ("" when it is not): the plugin is missing, there is no NVIDIA driver (checked before
// loading the plugin), the plugin cannot be loaded or belongs to another build, or it reports no device.
const std::string& unavailable_reason();

// The plugin file found (loaded unless the driver is missing), or "" when none was.
const std::string& loaded_path();

}  // namespace peaksim::forecasting::cuda_plugin
