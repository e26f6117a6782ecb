file(REMOVE_RECURSE
  "CMakeFiles/peaksim_scenario.dir/loader.cpp.o"
  "CMakeFiles/peaksim_scenario.dir/loader.cpp.o.d"
  "libpeaksim_scenario.a"
  "libpeaksim_scenario.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_scenario.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
