file(REMOVE_RECURSE
  "CMakeFiles/peaksim_random.dir/distributions.cpp.o"
  "CMakeFiles/peaksim_random.dir/distributions.cpp.o.d"
  "CMakeFiles/peaksim_random.dir/stream.cpp.o"
  "CMakeFiles/peaksim_random.dir/stream.cpp.o.d"
  "libpeaksim_random.a"
  "libpeaksim_random.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_random.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
