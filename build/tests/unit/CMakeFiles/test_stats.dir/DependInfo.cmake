
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/doctest_main.cpp" "tests/unit/CMakeFiles/test_stats.dir/__/doctest_main.cpp.o" "gcc" "tests/unit/CMakeFiles/test_stats.dir/__/doctest_main.cpp.o.d"
  "/work/main/tests/unit/test_stats.cpp" "tests/unit/CMakeFiles/test_stats.dir/test_stats.cpp.o" "gcc" "tests/unit/CMakeFiles/test_stats.dir/test_stats.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/sim/stats/CMakeFiles/peaksim_stats.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
