
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/build/generated/build_info.cpp" "sim/output/CMakeFiles/peaksim_output.dir/__/__/generated/build_info.cpp.o" "gcc" "sim/output/CMakeFiles/peaksim_output.dir/__/__/generated/build_info.cpp.o.d"
  "/work/main/sim/output/results_writer.cpp" "sim/output/CMakeFiles/peaksim_output.dir/results_writer.cpp.o" "gcc" "sim/output/CMakeFiles/peaksim_output.dir/results_writer.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
