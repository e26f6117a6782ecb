file(REMOVE_RECURSE
  "CMakeFiles/test_calendar.dir/__/doctest_main.cpp.o"
  "CMakeFiles/test_calendar.dir/__/doctest_main.cpp.o.d"
  "CMakeFiles/test_calendar.dir/test_calendar.cpp.o"
  "CMakeFiles/test_calendar.dir/test_calendar.cpp.o.d"
  "test_calendar"
  "test_calendar.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/test_calendar.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
