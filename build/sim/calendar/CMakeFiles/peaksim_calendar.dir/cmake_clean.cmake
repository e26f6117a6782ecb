file(REMOVE_RECURSE
  "CMakeFiles/peaksim_calendar.dir/date.cpp.o"
  "CMakeFiles/peaksim_calendar.dir/date.cpp.o.d"
  "CMakeFiles/peaksim_calendar.dir/festivals.cpp.o"
  "CMakeFiles/peaksim_calendar.dir/festivals.cpp.o.d"
  "libpeaksim_calendar.a"
  "libpeaksim_calendar.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/peaksim_calendar.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
