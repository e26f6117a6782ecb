// Files shipped with peaksim (the pretrained weights), found where the running executable is, so that a build
// tree and an installed copy work without the source tree. See sim/common/README.md for the places searched.
#pragma once
#include <stdexcept>
#include <string>

namespace peaksim {

// No shipped file where it was looked for; the message names the places.
struct ShippedFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The path of the shipped file `relative` (e.g. "pretrained/global_daily.h5"), from the first of:
//   $PEAKSIM_DATA_DIR/<relative> when the variable is set (it must hold the file then: no fallback);
//   <dir of the executable>/<relative>: the build tree, where the build copies the files next to `peaksim`;
//   <dir of the executable>/../share/peaksim/<relative>: an installed copy (<prefix>/bin/peaksim).
// Throws ShippedFileError listing the places looked at when none holds it.
std::string shipped_file(const std::string& relative);

// The learned global forecaster's default weights, relative to the shipped files' folder.
inline const char* const kShippedGlobalWeights = "pretrained/global_daily.h5";
// A file of the analysis package `peaksim report` runs; its folder's parent goes on PYTHONPATH.
inline const char* const kShippedAnalysisPackage = "analysis/peaksim_analysis/report.py";

}  // namespace peaksim
