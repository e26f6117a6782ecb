file(REMOVE_RECURSE
  "CMakeFiles/peaksim_stats.dir/summary.cpp.o"
  "CMakeFiles/peaksim_stats.dir/summary.cpp.o.d"
  "libpeaksim_stats.a"
  "libpeaksim_stats.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_stats.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
