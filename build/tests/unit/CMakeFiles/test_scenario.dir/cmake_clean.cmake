file(REMOVE_RECURSE
  "CMakeFiles/test_scenario.dir/__/doctest_main.cpp.o"
  "CMakeFiles/test_scenario.dir/__/doctest_main.cpp.o.d"
  "CMakeFiles/test_scenario.dir/test_broken_scenarios.cpp.o"
  "CMakeFiles/test_scenario.dir/test_broken_scenarios.cpp.o.d"
  "CMakeFiles/test_scenario.dir/test_expression.cpp.o"
  "CMakeFiles/test_scenario.dir/test_expression.cpp.o.d"
  "CMakeFiles/test_scenario.dir/test_scenario.cpp.o"
  "CMakeFiles/test_scenario.dir/test_scenario.cpp.o.d"
  "test_scenario"
  "test_scenario.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/test_scenario.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
