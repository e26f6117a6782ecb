file(REMOVE_RECURSE
  "CMakeFiles/test_random.dir/__/doctest_main.cpp.o"
  "CMakeFiles/test_random.dir/__/doctest_main.cpp.o.d"
  "CMakeFiles/test_random.dir/test_random.cpp.o"
  "CMakeFiles/test_random.dir/test_random.cpp.o.d"
  "test_random"
  "test_random.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/test_random.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
