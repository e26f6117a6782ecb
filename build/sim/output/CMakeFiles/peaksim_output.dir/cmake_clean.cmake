file(REMOVE_RECURSE
  "CMakeFiles/peaksim_output.dir/__/__/generated/build_info.cpp.o"
  "CMakeFiles/peaksim_output.dir/__/__/generated/build_info.cpp.o.d"
  "CMakeFiles/peaksim_output.dir/results_writer.cpp.o"
  "CMakeFiles/peaksim_output.dir/results_writer.cpp.o.d"
  "libpeaksim_output.a"
  "libpeaksim_output.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_output.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
