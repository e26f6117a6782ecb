
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/agents/customer_region.cpp" "agents/CMakeFiles/peaksim_agents.dir/customer_region.cpp.o" "gcc" "agents/CMakeFiles/peaksim_agents.dir/customer_region.cpp.o.d"
  "/work/main/agents/planner.cpp" "agents/CMakeFiles/peaksim_agents.dir/planner.cpp.o" "gcc" "agents/CMakeFiles/peaksim_agents.dir/planner.cpp.o.d"
  "/work/main/agents/policies.cpp" "agents/CMakeFiles/peaksim_agents.dir/policies.cpp.o" "gcc" "agents/CMakeFiles/peaksim_agents.dir/policies.cpp.o.d"
  "/work/main/agents/supplier.cpp" "agents/CMakeFiles/peaksim_agents.dir/supplier.cpp.o" "gcc" "agents/CMakeFiles/peaksim_agents.dir/supplier.cpp.o.d"
  "/work/main/agents/warehouse.cpp" "agents/CMakeFiles/peaksim_agents.dir/warehouse.cpp.o" "gcc" "agents/CMakeFiles/peaksim_agents.dir/warehouse.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/sim/kernel/CMakeFiles/peaksim_kernel.dir/DependInfo.cmake"
  "/work/main/build/sim/scenario/CMakeFiles/peaksim_scenario.dir/DependInfo.cmake"
  "/work/main/build/sim/calendar/CMakeFiles/peaksim_calendar.dir/DependInfo.cmake"
  "/work/main/build/sim/expr/CMakeFiles/peaksim_expr.dir/DependInfo.cmake"
  "/work/main/build/sim/random/CMakeFiles/peaksim_random.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
