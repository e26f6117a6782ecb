file(REMOVE_RECURSE
  "CMakeFiles/peaksim_kernel.dir/world.cpp.o"
  "CMakeFiles/peaksim_kernel.dir/world.cpp.o.d"
  "libpeaksim_kernel.a"
  "libpeaksim_kernel.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_kernel.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
