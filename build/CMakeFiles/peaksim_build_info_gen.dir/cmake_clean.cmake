file(REMOVE_RECURSE
  "CMakeFiles/peaksim_build_info_gen"
  "generated/build_info.cpp"
)

# Per-language clean rules from dependency scanning.
foreach(lang )
  include(CMakeFiles/peaksim_build_info_gen.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
