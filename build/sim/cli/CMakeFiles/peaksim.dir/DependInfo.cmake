
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/sim/cli/main.cpp" "sim/cli/CMakeFiles/peaksim.dir/main.cpp.o" "gcc" "sim/cli/CMakeFiles/peaksim.dir/main.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/sim/montecarlo/CMakeFiles/peaksim_montecarlo.dir/DependInfo.cmake"
  "/work/main/build/agents/CMakeFiles/peaksim_agents.dir/DependInfo.cmake"
  "/work/main/build/sim/kernel/CMakeFiles/peaksim_kernel.dir/DependInfo.cmake"
  "/work/main/build/sim/scenario/CMakeFiles/peaksim_scenario.dir/DependInfo.cmake"
  "/work/main/build/sim/calendar/CMakeFiles/peaksim_calendar.dir/DependInfo.cmake"
  "/work/main/build/sim/expr/CMakeFiles/peaksim_expr.dir/DependInfo.cmake"
  "/work/main/build/sim/random/CMakeFiles/peaksim_random.dir/DependInfo.cmake"
  "/work/main/build/sim/output/CMakeFiles/peaksim_output.dir/DependInfo.cmake"
  "/work/main/build/sim/stats/CMakeFiles/peaksim_stats.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
