file(REMOVE_RECURSE
  "CMakeFiles/peaksim.dir/main.cpp.o"
  "CMakeFiles/peaksim.dir/main.cpp.o.d"
  "peaksim"
  "peaksim.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
