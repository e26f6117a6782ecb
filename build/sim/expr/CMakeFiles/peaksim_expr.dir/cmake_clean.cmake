file(REMOVE_RECURSE
  "CMakeFiles/peaksim_expr.dir/expression.cpp.o"
  "CMakeFiles/peaksim_expr.dir/expression.cpp.o.d"
  "libpeaksim_expr.a"
  "libpeaksim_expr.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_expr.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
