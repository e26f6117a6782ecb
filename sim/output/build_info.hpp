// Identity of the build that wrote a results file. The definitions are generated at every build by
// cmake/write_build_info.cmake, so a file always names the exact code that produced it.
#pragma once

namespace peaksim::build_info {

const char* version();     // project version: project(... VERSION) in CMakeLists.txt, the only place
const char* git_commit();  // full hash, suffixed "-dirty" when tracked files were modified
const char* build_type();  // CMAKE_BUILD_TYPE
const char* compiler();    // e.g. "GNU-12.2.0"

}  // namespace peaksim::build_info
