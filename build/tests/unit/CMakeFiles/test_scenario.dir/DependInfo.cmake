
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/doctest_main.cpp" "tests/unit/CMakeFiles/test_scenario.dir/__/doctest_main.cpp.o" "gcc" "tests/unit/CMakeFiles/test_scenario.dir/__/doctest_main.cpp.o.d"
  "/work/main/tests/unit/test_broken_scenarios.cpp" "tests/unit/CMakeFiles/test_scenario.dir/test_broken_scenarios.cpp.o" "gcc" "tests/unit/CMakeFiles/test_scenario.dir/test_broken_scenarios.cpp.o.d"
  "/work/main/tests/unit/test_expression.cpp" "tests/unit/CMakeFiles/test_scenario.dir/test_expression.cpp.o" "gcc" "tests/unit/CMakeFiles/test_scenario.dir/test_expression.cpp.o.d"
  "/work/main/tests/unit/test_scenario.cpp" "tests/unit/CMakeFiles/test_scenario.dir/test_scenario.cpp.o" "gcc" "tests/unit/CMakeFiles/test_scenario.dir/test_scenario.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/sim/scenario/CMakeFiles/peaksim_scenario.dir/DependInfo.cmake"
  "/work/main/build/sim/random/CMakeFiles/peaksim_random.dir/DependInfo.cmake"
  "/work/main/build/sim/calendar/CMakeFiles/peaksim_calendar.dir/DependInfo.cmake"
  "/work/main/build/sim/expr/CMakeFiles/peaksim_expr.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
